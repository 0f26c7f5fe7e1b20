// Package match scores how well a candidate fits a job, 0 to 100, with a
// weighted component for each thing that matters and a sentence explaining
// each, the same way in both directions. It is pure: profiles, jobs, the
// taxonomy and the candidate's career stage come from the caller.
package match

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/money"
	"github.com/jobpath/jobpath/internal/skills"
)

// Weights of the components, out of 100 together. They weigh the skill
// components against each other and the rest against each other (see
// combine); they live here and only here, and Score documents each
// component's value from 0 to 1.
var Weights = map[string]float64{
	ComponentRequired:  40, // share of required skills the candidate has (implied skills count; a missing language counts double)
	ComponentPreferred: 5,  // share of preferred skills
	ComponentLevel:     20, // the role's level against the candidate's career stage
	ComponentYears:     10, // years of back-end work against the years the role asks
	ComponentDegree:    10, // the role's degree rule against the candidate's education
	ComponentLocation:  10, // remote arrangement and place
	ComponentSalary:    5,  // overlap of the pay range with the candidate's wish
}

// Threshold is the score from which a job and a candidate count as a match.
const Threshold = 70

// Caps on the total when an arrangement cannot work however good the rest
// is: a candidate who works only remotely and a role that is not remote, or
// a role elsewhere that means moving.
const (
	capRemoteOnly = 40
	capRelocation = 60
	capOtherWork  = 20
)

var (
	// softwareWork in a title says the role writes software.
	softwareWork = regexp.MustCompile(`(?i)\b(?:engineer(?:s|ing)?|developers?|programmers?|swes?|sres?|devops|architects?|cto|tech(?:nical)? lead|back[- ]?end|full[- ]?stack|software|coders?|hacker)\b`)
	// otherRole in a title names work that is not writing software.
	otherRole = regexp.MustCompile(`(?i)\b(?:analysts?|designers?|account executives?|sales|marketing|marketer|recruiters?|product managers?|project managers?|customer success|support specialists?|writers?|copywriter|accountants?|operations manager|office manager|scientists?|researchers?|advocates?|community manager)\b`)
)

// otherWork reports whether a title names a role that is not software
// engineering, and none that is.
func otherWork(title string) bool {
	return otherRole.MatchString(title) && !softwareWork.MatchString(title)
}

// Component names.
const (
	ComponentRequired  = "required_skills"
	ComponentPreferred = "preferred_skills"
	ComponentLevel     = "level"
	ComponentYears     = "years"
	ComponentDegree    = "degree"
	ComponentLocation  = "location"
	ComponentSalary    = "salary"
)

// order is the order components are reported in.
var order = []string{ComponentRequired, ComponentPreferred, ComponentLevel, ComponentYears, ComponentDegree, ComponentLocation, ComponentSalary}

// Component is one part of a score.
type Component struct {
	Name     string  `json:"name"`
	Weight   float64 `json:"weight"`
	Value    float64 `json:"value"`  // 0..1
	Points   float64 `json:"points"` // Weight * Value
	Sentence string  `json:"sentence"`
}

// Result is a scored pair.
type Result struct {
	Score      float64     `json:"score"` // 0..100
	Components []Component `json:"components"`
	// Matched and Missing are the role's required skills the candidate
	// has and lacks; MatchedPreferred its nice-to-have skills they have.
	Matched          []string `json:"matched_skills"`
	Missing          []string `json:"missing_skills"`
	MatchedPreferred []string `json:"matched_preferred_skills"`
	// Stretch: the role is one level above the candidate's stage.
	Stretch bool `json:"stretch"`
	// DegreeRequired: the role requires a degree the candidate does not have.
	// Such roles are shown, marked, never silently dropped.
	DegreeRequired bool `json:"degree_required"`
	// NoDegree: the role accepts experience instead of a degree.
	NoDegree bool `json:"no_degree"`
}

// Candidate is what scoring needs of a candidate.
type Candidate struct {
	Profile *jobpath.Profile
	// Stage is the career stage.
	Stage jobpath.Stage
	// Years is years of back-end work.
	Years float64
	// Degree reports a degree-level education.
	Degree bool
	// Countries are the ISO codes of where the candidate lives, when known.
	Countries []string
}

// Score scores candidate c against job j.
func Score(c Candidate, j *jobpath.Job, tax *skills.Taxonomy) Result {
	return NewScorer(c, tax).Score(j)
}

// Scorer scores one candidate against many jobs: what depends on the
// candidate alone (the skills they hold, with what they imply) is worked
// out once.
type Scorer struct {
	c    Candidate
	tax  *skills.Taxonomy
	have map[string]float64 // skill -> years (-1 when unknown)
	v    voice
}

// ScoreForTeam scores candidate c against job j, its sentences written to
// the hiring team about the candidate.
func ScoreForTeam(c Candidate, j *jobpath.Job, tax *skills.Taxonomy) Result {
	sc := NewScorer(c, tax)
	sc.v = teamVoice(c.Profile)
	return sc.Score(j)
}

// NewScorer prepares the scoring of candidate c, its sentences written to
// the candidate.
func NewScorer(c Candidate, tax *skills.Taxonomy) *Scorer {
	have := map[string]float64{}
	var listed []string
	for _, s := range c.Profile.Skills {
		id, _ := tax.Normalise(s.Name)
		listed = append(listed, id)
		y := s.Years
		if y == 0 {
			y = -1 // unknown: never held against the candidate
		}
		if prev, ok := have[id]; !ok || y > prev {
			have[id] = y
		}
	}
	for _, id := range tax.Expand(listed) {
		if _, ok := have[id]; !ok {
			have[id] = -1
		}
	}
	return &Scorer{c: c, tax: tax, have: have}
}

// Score scores the candidate against job j.
func (sc *Scorer) Score(j *jobpath.Job) Result {
	c, tax, have, v := sc.c, sc.tax, sc.have, sc.v
	var r Result
	add := func(name string, value float64, sentence string) {
		value = math.Max(0, math.Min(1, value))
		w := Weights[name]
		r.Components = append(r.Components, Component{Name: name, Weight: w, Value: round2(value), Points: round2(w * value), Sentence: sentence})
	}

	// Required skills: each counts fully when held, half when held with fewer
	// years than the role asks of the candidate.
	req := j.Skills.Required
	credit, total := 0.0, 0.0
	for _, id := range req {
		// A role's language is the core of it: it counts double. A human
		// skill a posting asks for (ownership, problem solving) is one
		// profiles rarely list and an interview judges: it counts a
		// quarter.
		w := 1.0
		switch tax.Area(id) {
		case "languages":
			w = 2
		case "collaboration", "judgement", "growth":
			w = 0.25
		}
		total += w
		y, ok := have[id]
		switch {
		case !ok:
			r.Missing = append(r.Missing, id)
		case j.MinYears != nil && y >= 0 && y < float64(*j.MinYears):
			r.Matched = append(r.Matched, id)
			credit += w / 2
		default:
			r.Matched = append(r.Matched, id)
			credit += w
		}
	}
	switch {
	case len(req) == 0:
		add(ComponentRequired, 0.5, "The role lists no required skills, so fit cannot be judged on them.")
	default:
		s := fmt.Sprintf("%s %d of %d required skills", v.has(), len(r.Matched), len(req))
		if len(r.Missing) > 0 {
			s += "; missing " + names(r.Missing, tax)
		}
		add(ComponentRequired, credit/total, s+".")
	}

	// Preferred skills.
	var prefHave, prefMissing []string
	for _, id := range j.Skills.Preferred {
		if _, ok := have[id]; ok {
			prefHave = append(prefHave, id)
		} else {
			prefMissing = append(prefMissing, id)
		}
	}
	r.MatchedPreferred = prefHave
	if len(j.Skills.Preferred) == 0 {
		add(ComponentPreferred, 0.5, "No preferred skills listed.")
	} else {
		s := fmt.Sprintf("%d of %d nice-to-have skills", len(prefHave), len(j.Skills.Preferred))
		if len(prefHave) > 0 {
			s += " (" + names(prefHave, tax) + ")"
		}
		add(ComponentPreferred, float64(len(prefHave))/float64(len(j.Skills.Preferred)), s+".")
	}

	// Level against stage.
	// Stages and job levels share one scale: a level is the stage it is for.
	stage, jobLevel := c.Stage.Rank(), j.Level.Stage().Rank()
	switch {
	case j.Level == "":
		add(ComponentLevel, 0.8, "The role does not say its level.")
	case jobLevel == stage && v.team():
		add(ComponentLevel, 1, fmt.Sprintf("%s, as the role asks.", capitalise(string(c.Stage))))
	case jobLevel == stage:
		add(ComponentLevel, 1, fmt.Sprintf("A %s role matches your %s stage.", j.Level, c.Stage))
	case jobLevel == stage+1:
		r.Stretch = true
		if v.team() {
			add(ComponentLevel, 0.6, fmt.Sprintf("%s for a %s role: a stretch.", capitalise(string(c.Stage)), j.Level))
		} else {
			add(ComponentLevel, 0.6, fmt.Sprintf("This %s role is one step up from your %s stage: a stretch.", j.Level, c.Stage))
		}
	case jobLevel == stage-1 && v.team():
		add(ComponentLevel, 0.3, fmt.Sprintf("%s for a %s role: a step down from %s stage.", capitalise(string(c.Stage)), j.Level, v.whose()))
	case jobLevel == stage-1:
		add(ComponentLevel, 0.3, fmt.Sprintf("This %s role is a step below your %s stage.", j.Level, c.Stage))
	case jobLevel > stage && v.team():
		add(ComponentLevel, 0, fmt.Sprintf("%s for a %s role: well short of what it asks.", capitalise(string(c.Stage)), j.Level))
	case jobLevel > stage:
		add(ComponentLevel, 0, fmt.Sprintf("This %s role is well above your %s stage.", j.Level, c.Stage))
	case v.team():
		add(ComponentLevel, 0, fmt.Sprintf("%s for a %s role: well past what it asks.", capitalise(string(c.Stage)), j.Level))
	default:
		add(ComponentLevel, 0, fmt.Sprintf("This %s role is well below your %s stage.", j.Level, c.Stage))
	}

	// Years.
	switch {
	case j.MinYears == nil || *j.MinYears == 0:
		add(ComponentYears, 1, "No minimum years of experience.")
	case c.Years >= float64(*j.MinYears):
		add(ComponentYears, 1, fmt.Sprintf("Asks %d+ years; %s %.0f.", *j.MinYears, v.hasIn(), c.Years))
	default:
		add(ComponentYears, c.Years/float64(*j.MinYears), fmt.Sprintf("Asks %d+ years; %s %.0f.", *j.MinYears, v.hasIn(), c.Years))
	}

	// Degree: a requirement the candidate lacks is marked and weighs, but
	// never hides the role.
	switch {
	case j.OpenWithoutDegree():
		r.NoDegree = true
		if j.Degree == "not_required" {
			add(ComponentDegree, 1, "No degree required.")
		} else {
			add(ComponentDegree, 1, "A degree or equivalent experience: experience counts.")
		}
	case j.Degree == "required" && !c.Degree:
		r.DegreeRequired = true
		add(ComponentDegree, 0, fmt.Sprintf("Requires a degree, which %s profile does not list.", v.whose()))
	case j.Degree == "preferred" && !c.Degree:
		add(ComponentDegree, 0.6, "A degree is preferred, not required.")
	case j.Degree == "required" || j.Degree == "preferred":
		add(ComponentDegree, 1, fmt.Sprintf("Asks for a degree, which %s.", v.hasIn()))
	default:
		add(ComponentDegree, 0.9, "Says nothing about degrees.")
	}

	fit, sentence := locationFit(c.Profile, j, v)
	add(ComponentLocation, fit, sentence)
	fit, sentence = salaryFit(c.Profile, j, v)
	add(ComponentSalary, fit, sentence)

	sum := combine(r.Components)
	switch arrangement(c.Profile, j) {
	case remoteOnly:
		sum = math.Min(sum, capRemoteOnly)
	case relocation:
		sum = math.Min(sum, capRelocation)
	}
	// "Remote (US only)": a remote role open to one country is not open
	// to a candidate who lives elsewhere.
	if j.Remote == jobpath.RemoteRemote && len(j.RemoteRegion) == 2 && len(c.Countries) > 0 && !slices.Contains(c.Countries, j.RemoteRegion) {
		sum = math.Min(sum, capRemoteOnly)
		for i := range r.Components {
			if r.Components[i].Name == ComponentLocation {
				r.Components[i].Value, r.Components[i].Points = 0, 0
				r.Components[i].Sentence = fmt.Sprintf("Remote only from %s, where %s not live: this caps the match at %d.", j.RemoteRegion, v.doesNot(), capRemoteOnly)
			}
		}
	}
	// Everyone here is a back-end developer: a role that names itself as
	// other work (an analyst, a designer, sales) is no match whatever
	// skills it shares, and ranks below every one that is.
	if otherWork(j.Title) {
		sum = math.Min(sum, capOtherWork)
		for i := range r.Components {
			if r.Components[i].Name == ComponentLevel {
				r.Components[i].Sentence = strings.TrimSuffix(r.Components[i].Sentence, ".") + "; but the role is not software engineering, which caps the match at 20."
			}
		}
	}
	r.Score = round1(sum)
	if r.Matched == nil {
		r.Matched = []string{}
	}
	if r.MatchedPreferred == nil {
		r.MatchedPreferred = []string{}
	}
	if r.Missing == nil {
		r.Missing = []string{}
	}
	return r
}

// combine makes the score of a pair from its components. Skill fit leads:
// a role whose required skills the candidate mostly has (more than half)
// scores from 50 up, one they mostly lack below 50, and within each band
// the skills place the pair and the rest of the components (level, years,
// degree, place, pay) adjust it. So a role missing most of its skills never
// outranks one that has most of them, however well the rest fits.
func combine(comps []Component) float64 {
	var required, preferred, other, otherWeight float64
	for _, c := range comps {
		switch c.Name {
		case ComponentRequired:
			required = c.Value
		case ComponentPreferred:
			preferred = c.Value
		default:
			other += c.Weight * c.Value
			otherWeight += c.Weight
		}
	}
	if otherWeight > 0 {
		other /= otherWeight
	}
	lo, x := 0.0, required/0.5
	if required > 0.5 {
		lo, x = 50, (required-0.5)/0.5
	}
	requiredShare := Weights[ComponentRequired] / (Weights[ComponentRequired] + Weights[ComponentPreferred])
	within := skillShare*(requiredShare*x+(1-requiredShare)*preferred) + (1-skillShare)*other
	return lo + 50*within
}

// skillShare is the share of the skills in a pair's place within its band;
// the rest is the other components'.
const skillShare = 0.6

// Arrangements that cap a score.
const (
	workable = iota
	remoteOnly
	relocation
)

// arrangement says whether where and how the role is worked can suit the
// candidate at all.
func arrangement(p *jobpath.Profile, j *jobpath.Job) int {
	if j.Remote == "remote" {
		return workable
	}
	if p.Remote == "remote" {
		return remoteOnly
	}
	if j.Location == nil || len(p.Locations) == 0 || near(p, j) {
		return workable
	}
	return relocation
}

func near(p *jobpath.Profile, j *jobpath.Job) bool {
	if j.Location == nil {
		return false
	}
	for _, l := range p.Locations {
		if (l.City != "" && strings.EqualFold(l.City, j.Location.City)) || (l.City == "" && l.Country != "" && strings.EqualFold(l.Country, j.Location.Country)) {
			return true
		}
	}
	return false
}

func locationFit(p *jobpath.Profile, j *jobpath.Job, v voice) (float64, string) {
	pref := p.Remote
	if pref == "" {
		pref = jobpath.RemoteAny
	}
	near := near(p, j)
	switch {
	case j.Remote == "remote" && (pref == "remote" || pref == "any"):
		return 1, fmt.Sprintf("Remote, as %s.", v.verb("prefer"))
	case j.Remote == "remote":
		return 0.7, fmt.Sprintf("Remote, though %s %s.", v.verb("prefer"), pref)
	case near && pref != "remote":
		return 1, fmt.Sprintf("%s work near %s.", capitalise(string(j.Remote)), v.who())
	case near:
		return 0.4, fmt.Sprintf("%s near %s, though %s remote.", capitalise(string(j.Remote)), v.who(), v.verb("prefer"))
	case pref == "remote":
		return 0, fmt.Sprintf("%s; %s only remotely, so this caps the match at %d.", capitalise(string(j.Remote)), v.verb("work"), capRemoteOnly)
	case j.Location == nil || len(p.Locations) == 0:
		return 0.6, fmt.Sprintf("%s; the place is not known.", capitalise(string(j.Remote)))
	default:
		return 0.2, fmt.Sprintf("%s in another place: moving caps the match at %d.", capitalise(string(j.Remote)), capRelocation)
	}
}

// salaryFit compares the candidate's wish with the role's pay per year in
// one currency, and says it in the role's own figures.
func salaryFit(p *jobpath.Profile, j *jobpath.Job, v voice) (float64, string) {
	want, offer := p.DesiredSalaryYear, j.SalaryYear
	switch {
	case p.DesiredSalary == nil:
		return 0.8, v.has() + " not set a desired salary."
	case j.Salary == nil:
		return 0.5, "The role does not state its pay."
	case want == nil || offer == nil:
		return 0.5, fmt.Sprintf("Pay is in a currency that cannot be compared with %s wish.", v.whose())
	}
	top := money.Format(j.Salary.Max, j.Salary.Currency)
	switch j.Salary.Period {
	case "hour":
		top += " an hour"
	case "day", "month":
		top += " a " + j.Salary.Period
	}
	if offer.Max >= want.Min {
		return 1, fmt.Sprintf("Pays up to %s, within %s range.", top, v.whose())
	}
	return math.Max(0, float64(offer.Max)/float64(want.Min)), fmt.Sprintf("Pays up to %s, below %s %s.", top, v.whose(), money.Format(p.DesiredSalary.Min, p.DesiredSalary.Currency))
}

// names lists skills by display name.
func names(ids []string, tax *skills.Taxonomy) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		if s, ok := tax.Skill(id); ok {
			out[i] = s.Name
		} else {
			out[i] = id
		}
	}
	if len(out) > 1 {
		return strings.Join(out[:len(out)-1], ", ") + " and " + out[len(out)-1]
	}
	return strings.Join(out, "")
}

// Less orders results for display: higher score first; at equal score a
// role that accepts experience before one that requires a degree.
func Less(a, b Result) bool {
	if a.Score != b.Score {
		return a.Score > b.Score
	}
	return !a.DegreeRequired && b.DegreeRequired
}

// capitalise upper-cases the first letter of an ASCII word.
func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }
func round2(f float64) float64 { return math.Round(f*100) / 100 }
