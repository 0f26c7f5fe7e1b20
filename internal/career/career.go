// Package career places a candidate profile on the back-end career
// trajectory (data/trajectory.yaml): the stage, how well each competency
// area is covered, the evidence used, and the gap to the next stage with the
// missing skills ordered by what current postings ask for. It is pure: the
// caller supplies the profile, the taxonomy, market demand and the time.
package career

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/skills"
)

// Route is a way into the trajectory.
type Route struct {
	ID          string `yaml:"id" json:"id"`
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description" json:"description"`
}

// Area is a competency area.
type Area struct {
	ID          string `yaml:"id" json:"id"`
	Name        string `yaml:"name" json:"name"`
	Description string `yaml:"description" json:"description"`
}

// Expectation is what a stage expects in one area: at least Min of Skills.
type Expectation struct {
	Min    int      `yaml:"min" json:"min"`
	Skills []string `yaml:"skills" json:"skills"`
}

// Years is a range of years of back-end work.
type Years struct {
	Min float64 `yaml:"min" json:"min"`
	Max float64 `yaml:"max" json:"max"`
}

// Stage is one step of the trajectory.
type Stage struct {
	ID      jobpath.Stage          `yaml:"id" json:"id"`
	Name    string                 `yaml:"name" json:"name"`
	Years   Years                  `yaml:"years" json:"years"`
	Summary string                 `yaml:"summary" json:"summary"`
	Expect  map[string]Expectation `yaml:"expect" json:"expect"`
}

// Model is the trajectory.
type Model struct {
	Routes []Route `yaml:"routes" json:"routes"`
	Areas  []Area  `yaml:"areas" json:"areas"`
	Stages []Stage `yaml:"stages" json:"stages"`
	tax    *skills.Taxonomy
	// Evidence holds the YAML anchors the stages share; not used directly.
	Evidence map[string][]string `yaml:"evidence" json:"-"`
}

// Parse reads the trajectory and checks it against the taxonomy: known
// areas, known skills, stages in order of years.
func Parse(src []byte, tax *skills.Taxonomy) (*Model, error) {
	var m Model
	if err := yaml.Unmarshal(src, &m); err != nil {
		return nil, fmt.Errorf("career: parse trajectory: %w", err)
	}
	m.tax = tax
	areas := map[string]bool{}
	for _, a := range m.Areas {
		areas[a.ID] = true
	}
	var errs []error
	// The stages are the domain's, in its order: the order is a rule every
	// caller relies on, the years and expectations are the model's own.
	ids := make([]jobpath.Stage, len(m.Stages))
	for i, s := range m.Stages {
		ids[i] = s.ID
	}
	switch {
	case len(ids) == 0:
		errs = append(errs, errors.New("no stages"))
	case !slices.Equal(ids, jobpath.Stages):
		errs = append(errs, fmt.Errorf("stages are %s, want %s", jobpath.Join(ids), jobpath.Join(jobpath.Stages)))
	}
	for i, s := range m.Stages {
		if i > 0 && s.Years.Min < m.Stages[i-1].Years.Min {
			errs = append(errs, fmt.Errorf("stage %q starts before the one above it", s.ID))
		}
		for a, e := range s.Expect {
			if !areas[a] {
				errs = append(errs, fmt.Errorf("stage %q: unknown area %q", s.ID, a))
			}
			if e.Min < 1 || e.Min > len(e.Skills) {
				errs = append(errs, fmt.Errorf("stage %q area %q: min %d of %d skills", s.ID, a, e.Min, len(e.Skills)))
			}
			for _, id := range e.Skills {
				if _, ok := tax.Skill(id); !ok {
					errs = append(errs, fmt.Errorf("stage %q area %q: unknown skill %q", s.ID, a, id))
				}
			}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("career: invalid trajectory: %w", errors.Join(errs...))
	}
	return &m, nil
}

// Demand is the market: how many currently published jobs at each level ask
// for each skill (directly or through a skill that implies it).
type Demand struct {
	Jobs   map[string]int            `json:"jobs"`   // level -> published jobs
	Skills map[string]map[string]int `json:"skills"` // level -> skill -> jobs asking
}

// NewDemand counts demand over jobs, which should be the published ones.
func NewDemand(jobs []*jobpath.Job, tax *skills.Taxonomy) *Demand {
	d := &Demand{Jobs: map[string]int{}, Skills: map[string]map[string]int{}}
	for _, j := range jobs {
		lvl := string(j.Level)
		if lvl == "" {
			lvl = string(jobpath.LevelUnspecified)
		}
		d.Jobs[lvl]++
		d.Jobs[""]++
		if d.Skills[lvl] == nil {
			d.Skills[lvl] = map[string]int{}
		}
		if d.Skills[""] == nil {
			d.Skills[""] = map[string]int{}
		}
		asked := append(append([]string{}, j.Skills.Required...), j.Skills.Preferred...)
		for _, id := range tax.Expand(asked) {
			d.Skills[lvl][id]++
			d.Skills[""][id]++
		}
	}
	return d
}

// Share is the share of published jobs at level ("" for all) that ask for skill.
func (d *Demand) Share(level jobpath.Level, skill string) float64 {
	if d == nil || d.Jobs[string(level)] == 0 {
		return 0
	}
	return float64(d.Skills[string(level)][skill]) / float64(d.Jobs[string(level)])
}

// Evidence is one reason a profile covers an area.
type Evidence struct {
	Area  string `json:"area"`
	Skill string `json:"skill"`
	Via   string `json:"via"` // "profile", "implied by <skill>", "certification"
}

// Missing is a skill to learn next.
type Missing struct {
	Skill  string  `json:"skill"`
	Name   string  `json:"name"`
	Area   string  `json:"area"`
	Demand float64 `json:"demand"` // share of published jobs at the next stage asking for it
	Jobs   int     `json:"jobs"`
	// Unlocks is how many current jobs would become matches with this skill;
	// filled in by the caller, which knows the matches.
	Unlocks int `json:"unlocks"`
}

// Gap is the way to the next stage.
type Gap struct {
	Stage         jobpath.Stage      `json:"stage"`
	Name          string             `json:"name"`
	YearsToGo     float64            `json:"years_to_go"`
	AreasShort    map[string]int     `json:"areas_short"` // area -> skills still expected
	Coverage      map[string]float64 `json:"coverage"`    // area -> 0..1 against the next stage
	MissingSkills []Missing          `json:"missing_skills"`
	// MoreSkills is how many more skills the stage expects that the
	// market asks for, past the first GapSkills.
	MoreSkills int `json:"more_skills"`
}

// Placement is where a profile stands.
type Placement struct {
	Stage    jobpath.Stage      `json:"stage"`
	Name     string             `json:"name"`
	Route    string             `json:"route"` // degree or experience
	Years    float64            `json:"years"` // years of back-end or software work
	Degree   bool               `json:"degree"`
	Coverage map[string]float64 `json:"coverage"` // area -> 0..1 against the placed stage
	Evidence []Evidence         `json:"evidence"`
	Next     *Gap               `json:"next,omitempty"`
}

// Placement rules. A stage is reached with its years of back-end work, a
// back-end language, and on average this much of its technical areas
// (languages, data, cloud, frameworks, practice): profiles rarely list every
// tool they use, so the rest shows up in the gap rather than holding a
// developer back. The lead stage also asks for people skills (collaboration,
// judgement, growth) or a lead position held.
const (
	technicalCoverage  = 0.5
	reachCoverage      = 0.35 // of a stage whose years are reached, over a well-covered stage below
	peopleCoverage     = 0.5
	experienceRouteMin = 0.5 // years of work that open the junior stage without a degree
	entryCoverage      = 0.7 // coverage of the junior stage that opens it without work or a degree
)

var (
	technicalAreas = []string{"languages", "data", "cloud", "frameworks", "practice"}
	peopleAreas    = []string{"collaboration", "judgement", "growth"}
	leadTitle      = regexp.MustCompile(`(?i)\b(lead|staff|principal|head|manager|director|architect|cto|vp)\b`)
)

// softwareRole recognises positions that count as back-end or software work:
// developers and programmers, and engineers, architects, leads and managers
// of software. Engineers of other things ("Civil Engineer", "Sales
// Engineer") are a career changer's earlier field.
var (
	softwareRole = regexp.MustCompile(`(?i)\b(developer|programmer|coder|swe|sde|devops|sre|cto|software|back[- ]?end|full[- ]?stack|front[- ]?end|web|platform|site reliability|data engineer|ml engineer|machine learning engineer)\b`)
	// Engineers, architects and tech leads of anything not named as another
	// field ("Senior Python Engineer", "Staff Engineer").
	genericRole   = regexp.MustCompile(`(?i)\b(engineer|engineering manager|tech lead|technical lead|architect)\b`)
	otherEngineer = regexp.MustCompile(`(?i)\b(civil|mechanical|sales|electrical|chemical|structural|process|field|sound|audio|manufacturing|project|building|landscape|interior|construction|biomedical|aerospace|industrial|mining|petroleum|nuclear|environmental|recording)\b`)
)

// isSoftwareRole reports whether a position title is software work.
func isSoftwareRole(title string) bool {
	if otherEngineer.MatchString(title) {
		return false
	}
	return softwareRole.MatchString(title) || genericRole.MatchString(title)
}

// Place places profile p at time now; demand orders the missing skills.
func (m *Model) Place(p *jobpath.Profile, demand *Demand, now time.Time) Placement {
	have, via := m.skillsOf(p)
	years := relevantYears(p, now)
	degree := p.HasDegree()
	placed := 0
	route := ""
	for i := 1; i < len(m.Stages); i++ {
		s := m.Stages[i]
		cov, avg := m.coverage(s, have)
		// A back-end language opens every stage; a second one, which a
		// stage may expect, is in the gap rather than a gate: a nine-year
		// Go engineer is senior.
		if cov["languages"] == 0 {
			break
		}
		if i == 1 {
			// Entering the trajectory: a degree and demonstrated experience are
			// equal routes; either suffices with a back-end language.
			if degree {
				route = "degree"
			} else if years >= experienceRouteMin || avg >= entryCoverage {
				route = "experience"
			} else {
				break
			}
			placed = i
			continue
		}
		// Breadth of the stage itself, or, with its years, a solid command
		// of the stage below and some of this one: a developer's profile
		// lists the tools of the work they did, not every one a stage
		// expects, and what is missing is in the gap.
		tech := mean(cov, technicalAreas)
		belowCov, _ := m.coverage(m.Stages[i-1], have)
		below := mean(belowCov, technicalAreas)
		if years < s.Years.Min || tech < technicalCoverage && (tech < reachCoverage || below < technicalCoverage) {
			break
		}
		if i == len(m.Stages)-1 && mean(cov, peopleAreas) < peopleCoverage && !heldLeadRole(p) {
			break
		}
		placed = i
	}
	if route == "" {
		if degree {
			route = "degree"
		} else {
			route = "experience"
		}
	}
	stage := m.Stages[placed]
	cov, _ := m.coverage(stage, have)
	pl := Placement{Stage: stage.ID, Name: stage.Name, Route: route, Years: round1(years), Degree: degree, Coverage: cov}
	for _, a := range m.Areas {
		for _, id := range m.areaSkills(a.ID) {
			if have[id] {
				pl.Evidence = append(pl.Evidence, Evidence{Area: a.ID, Skill: id, Via: via[id]})
			}
		}
	}
	if placed+1 < len(m.Stages) {
		pl.Next = m.gap(m.Stages[placed+1], have, years, demand)
	}
	return pl
}

// PlaceProfile places p at time now: its stage and years of back-end
// work, as Place decides them.
func (m *Model) PlaceProfile(p *jobpath.Profile, now time.Time) (jobpath.Stage, float64) {
	pl := m.Place(p, nil, now)
	return pl.Stage, pl.Years
}

// NearLevels are the job levels worth showing a candidate at stage: their
// own, one step up (a stretch) and one step down, as the trajectory orders
// its stages.
func (m *Model) NearLevels(stage jobpath.Stage) []jobpath.Level {
	i := stage.Rank() // Parse holds the model's stages to the domain's order
	if i < 0 {
		return nil
	}
	var out []jobpath.Level
	for _, k := range []int{i - 1, i, i + 1} {
		if k >= 0 && k < len(m.Stages) {
			if l := m.Stages[k].ID.Level(); l != "" {
				out = append(out, l)
			}
		}
	}
	return out
}

// StageForYears is the stage of someone known only by years of back-end
// work and the level they want (a candidate as an employer's search sees
// them): the wanted level's stage, else the highest stage with a job level
// whose years they have.
func (m *Model) StageForYears(years float64, wanted jobpath.Level) jobpath.Stage {
	if s := wanted.Stage(); s != "" {
		return s
	}
	stage := jobpath.Stage("")
	for _, s := range m.Stages {
		if s.ID.Level() != "" && (stage == "" || years >= s.Years.Min) {
			stage = s.ID
		}
	}
	return stage
}

// mean is the average coverage over the given areas that the stage expects.
func mean(cov map[string]float64, areas []string) float64 {
	sum, n := 0.0, 0
	for _, a := range areas {
		if c, ok := cov[a]; ok {
			sum += c
			n++
		}
	}
	if n == 0 {
		return 1
	}
	return sum / float64(n)
}

// heldLeadRole reports whether the profile lists a software position with a
// lead-level title.
func heldLeadRole(p *jobpath.Profile) bool {
	for _, e := range p.Experience {
		if isSoftwareRole(e.Title) && leadTitle.MatchString(e.Title) {
			return true
		}
	}
	return false
}

// skillsOf returns the profile's skills with what they imply, and how each
// was found.
func (m *Model) skillsOf(p *jobpath.Profile) (map[string]bool, map[string]string) {
	have := map[string]bool{}
	via := map[string]string{}
	var ids []string
	for _, s := range p.Skills {
		id, _ := m.tax.Normalise(s.Name)
		ids = append(ids, id)
		have[id] = true
		via[id] = "profile"
	}
	// What the profile's own words name counts too: "I mentor juniors",
	// "built on Kubernetes".
	text := []string{p.Headline, p.Summary}
	for _, e := range p.Experience {
		text = append(text, e.Title, e.Summary)
	}
	for _, id := range m.tax.ExtractSelfIDs(strings.Join(text, "\n")) {
		if !have[id] {
			have[id] = true
			via[id] = "profile text"
			ids = append(ids, id)
		}
	}
	for _, c := range p.Certifications {
		if id, known := m.tax.Normalise(c); known && !have[id] {
			have[id] = true
			via[id] = "certification"
			ids = append(ids, id)
		}
	}
	for _, id := range ids {
		for _, im := range m.tax.Implied(id) {
			if !have[im] {
				have[im] = true
				via[im] = "implied by " + id
			}
		}
	}

	return have, via
}

func (m *Model) areaSkills(area string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range m.Stages {
		for _, id := range s.Expect[area].Skills {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}

// coverage returns per-area coverage of stage s and its average.
func (m *Model) coverage(s Stage, have map[string]bool) (map[string]float64, float64) {
	cov := make(map[string]float64, len(s.Expect))
	sum := 0.0
	for a, e := range s.Expect {
		n := 0
		for _, id := range e.Skills {
			if have[id] {
				n++
			}
		}
		c := float64(n) / float64(e.Min)
		if c > 1 {
			c = 1
		}
		cov[a] = round2(c)
		sum += c
	}
	if len(s.Expect) == 0 {
		return cov, 1
	}
	return cov, sum / float64(len(s.Expect))
}

func (m *Model) gap(next Stage, have map[string]bool, years float64, demand *Demand) *Gap {
	cov, _ := m.coverage(next, have)
	g := &Gap{Stage: next.ID, Name: next.Name, Coverage: cov, AreasShort: map[string]int{}}
	if next.Years.Min > years {
		g.YearsToGo = round1(next.Years.Min - years)
	}
	level := next.ID.Level()
	seen := map[string]bool{}
	// Areas in the model's order, so that a skill listed in two areas is
	// always reported under the first.
	for _, area := range m.Areas {
		a := area.ID
		e, ok := next.Expect[a]
		if !ok {
			continue
		}
		n := 0
		for _, id := range e.Skills {
			if have[id] {
				n++
			}
		}
		if n >= e.Min {
			continue
		}
		g.AreasShort[a] = e.Min - n
		for _, id := range e.Skills {
			if have[id] || seen[id] {
				continue
			}
			seen[id] = true
			sk, _ := m.tax.Skill(id)
			jobs := 0
			if demand != nil {
				jobs = demand.Skills[string(level)][id]
			}
			g.MissingSkills = append(g.MissingSkills, Missing{Skill: id, Name: sk.Name, Area: a, Demand: round3(demand.Share(level, id)), Jobs: jobs})
		}
	}
	sort.SliceStable(g.MissingSkills, func(i, j int) bool {
		a, b := g.MissingSkills[i], g.MissingSkills[j]
		if a.Demand != b.Demand {
			return a.Demand > b.Demand
		}
		if a.Area != b.Area {
			return a.Area < b.Area
		}
		return a.Skill < b.Skill
	})
	// What to learn next is what the market asks for: with postings to
	// judge by, the skills none of them asks for are left out; at most
	// GapSkills are listed, the rest counted.
	if demand != nil && demand.Jobs[string(level)] > 0 {
		g.MissingSkills = slices.DeleteFunc(g.MissingSkills, func(ms Missing) bool { return ms.Jobs == 0 })
	}
	if len(g.MissingSkills) > GapSkills {
		g.MoreSkills = len(g.MissingSkills) - GapSkills
		g.MissingSkills = g.MissingSkills[:GapSkills]
	}
	return g
}

// GapSkills is how many skills to learn next a gap lists.
const GapSkills = 10

// relevantYears is the years of back-end or software work: from positions
// whose titles say so (overlaps counted once), else the stated total when the
// profile lists no positions at all or a software position without dates.
func relevantYears(p *jobpath.Profile, now time.Time) float64 {
	if len(p.Experience) == 0 {
		return p.YearsExperience
	}
	type span struct{ from, to time.Time }
	var spans []span
	undated := false
	for _, e := range p.Experience {
		if !isSoftwareRole(e.Title) {
			continue
		}
		from, err := time.Parse("2006-01", e.Start)
		if err != nil {
			undated = true
			continue
		}
		to := now
		if e.End != "" {
			if t, err := time.Parse("2006-01", e.End); err == nil {
				to = t.AddDate(0, 1, 0) // an end month is worked through
			}
		}
		if to.After(from) {
			spans = append(spans, span{from, to})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].from.Before(spans[j].from) })
	var total time.Duration
	var cur span
	for i, s := range spans {
		switch {
		case i == 0:
			cur = s
		case s.from.After(cur.to):
			total += cur.to.Sub(cur.from)
			cur = s
		case s.to.After(cur.to):
			cur.to = s.to
		}
	}
	if len(spans) > 0 {
		total += cur.to.Sub(cur.from)
	}
	years := total.Hours() / (24 * 365.25)
	// A software position without dates says the stated total is about
	// software work too.
	if undated && p.YearsExperience > years {
		return p.YearsExperience
	}
	return years
}

func round1(f float64) float64 { return float64(int(f*10+0.5)) / 10 }
func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }
func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
