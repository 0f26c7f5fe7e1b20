package server

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/career"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/match"
)

// Blank rows a profile form offers past the filled ones, so that a person
// without scripts can add entries; each save offers new blank rows.
const (
	blankSkills     = 3
	blankExperience = 1
	blankEducation  = 1
)

// profileView is the profile form: the input as the candidate typed it.
type profileView struct {
	In             jobpath.ProfileInput
	Version        int64
	Years          string
	Skills         []skillRow
	Experience     []jobpath.Experience
	Education      []educationRow
	Certifications string
	Links          string
	Location       jobpath.Location
	SalaryMin      string
	SalaryMax      string
	Welcome        bool
	Stage          jobpath.Stage
	SkillLevels    []string
	EduLevels      []option
	Remotes        []option
	Levels         []option
	Periods        []string
}

type skillRow struct{ Name, Years, Level string }

type educationRow struct {
	jobpath.Education
	YearText string
}

var educationLabels = map[string]string{"none": "No degree", "self_taught": "Self-taught", "bootcamp": "Bootcamp", "associate": "Associate degree",
	"bachelor": "Bachelor's degree", "master": "Master's degree", "doctorate": "Doctorate"}

func (s *Server) pageProfile(c *fiber.Ctx) error {
	p, err := s.deps.Profiles.Find(c.UserContext(), caller(c))
	var in jobpath.ProfileInput
	var version int64
	var stage jobpath.Stage
	switch {
	case err == nil:
		in, version, stage = p.ProfileInput, p.Version, p.Stage
		// Stored skills are canonical ids; the form shows their names.
		in.Skills = slices.Clone(in.Skills)
		for i := range in.Skills {
			in.Skills[i].Name = skillName(s.deps.Skills, in.Skills[i].Name)
		}
	case jobpath.CodeOf(err) == jobpath.ENotFound:
		in = jobpath.ProfileInput{Name: caller(c).Name, Remote: jobpath.RemoteAny, Contact: jobpath.Contact{Email: caller(c).Email}}
	default:
		return err
	}
	v := profileForm(in, version)
	v.Welcome = c.Query("welcome") != "" || version == 0
	v.Stage = stage
	pg := &page{Title: "Your profile", Section: "profile", Data: v}
	if c.Query("saved") != "" && stage != "" {
		pg.Notice = fmt.Sprintf("Profile saved. jobpath places you at the %s stage.", stage)
	}
	return s.views.render(c, http.StatusOK, "profile", pg)
}

func (s *Server) pageProfilePost(c *fiber.Ctx) error {
	in, version, problems := profileFromForm(c)
	pg := &page{Title: "Your profile", Section: "profile", Data: profileForm(in, version)}
	if len(problems) > 0 {
		// Say everything that is wrong at once: what could not be read,
		// and what the rest of the form breaks.
		var e *jobpath.Error
		if errors.As(in.Validate(), &e) {
			for _, f := range e.Fields {
				problems.Add(f.Field, "%s", f.Message)
			}
		}
		return s.formFailed(c, "profile", pg, problems.Err())
	}
	keepUnshown(c, s, &in)
	cond := jobpath.IfMatch{}
	if version > 0 {
		cond = jobpath.IfMatch{Set: true, Versions: []int64{version}}
	}
	_, _, err := s.deps.Profiles.Put(c.UserContext(), caller(c), in, cond)
	if jobpath.CodeOf(err) == jobpath.EPrecondition {
		// Saved elsewhere meanwhile: offer this input again over the
		// version now stored, so that saving once more keeps it.
		if cur, ferr := s.deps.Profiles.Find(c.UserContext(), caller(c)); ferr == nil {
			pg.Data = profileForm(in, cur.Version)
		}
		err = jobpath.Errorf(jobpath.EPrecondition, "Your profile was changed in another window. Check what is below and save again to keep it.")
	}
	if err != nil {
		return s.formFailed(c, "profile", pg, err)
	}
	return redirect(c, "/me/profile?saved=1")
}

// keepUnshown carries over what the form does not show of the stored
// profile: the region and coordinates of its first place when the place is
// unchanged, and its other places, so that saving from the page loses
// nothing an API client set.
func keepUnshown(c *fiber.Ctx, s *Server, in *jobpath.ProfileInput) {
	cur, err := s.deps.Profiles.Find(c.UserContext(), caller(c))
	if err != nil || len(cur.Locations) == 0 {
		return
	}
	first := cur.Locations[0]
	switch {
	case len(in.Locations) == 0:
		return // the candidate cleared their place
	case strings.EqualFold(in.Locations[0].City, first.City) && strings.EqualFold(in.Locations[0].Country, first.Country):
		in.Locations[0] = first
	}
	in.Locations = append(in.Locations, cur.Locations[1:]...)
}

// profileForm lays out a profile as the form shows it.
func profileForm(in jobpath.ProfileInput, version int64) *profileView {
	v := &profileView{In: in, Version: version, SkillLevels: jobpath.SkillLevels, Periods: jobpath.SalaryPeriods}
	if in.YearsExperience > 0 {
		v.Years = strconv.FormatFloat(in.YearsExperience, 'f', -1, 64)
	}
	for _, sk := range in.Skills {
		r := skillRow{Name: sk.Name, Level: sk.Level}
		if sk.Years > 0 {
			r.Years = strconv.FormatFloat(sk.Years, 'f', -1, 64)
		}
		v.Skills = append(v.Skills, r)
	}
	v.Skills = append(v.Skills, make([]skillRow, blankSkills)...)
	v.Experience = append(append([]jobpath.Experience{}, in.Experience...), make([]jobpath.Experience, blankExperience)...)
	for _, e := range in.Education {
		r := educationRow{Education: e}
		if e.Year > 0 {
			r.YearText = strconv.Itoa(e.Year)
		}
		v.Education = append(v.Education, r)
	}
	v.Education = append(v.Education, make([]educationRow, blankEducation)...)
	v.Certifications = strings.Join(in.Certifications, "\n")
	v.Links = strings.Join(in.Contact.Links, "\n")
	if len(in.Locations) > 0 {
		v.Location = in.Locations[0]
	}
	if sal := in.DesiredSalary; sal != nil {
		v.SalaryMin, v.SalaryMax = amountText(sal.Min), amountText(sal.Max)
	}
	for _, l := range jobpath.EducationLevels {
		v.EduLevels = append(v.EduLevels, option{Value: l, Label: educationLabels[l]})
	}
	for _, m := range jobpath.RemotePreferences {
		v.Remotes = append(v.Remotes, option{Value: string(m), Label: remotePreference[m], Checked: in.Remote == m})
	}
	v.Levels = []option{{Label: "No preference", Checked: in.DesiredLevel == ""}}
	for _, l := range jobpath.Levels {
		v.Levels = append(v.Levels, option{Value: string(l), Label: levelName(l), Checked: in.DesiredLevel == l})
	}
	return v
}

var remotePreference = map[jobpath.RemoteMode]string{jobpath.RemoteAny: "Any arrangement", jobpath.RemoteRemote: "Remote only",
	jobpath.RemoteHybrid: "Hybrid", jobpath.RemoteOnsite: "On-site"}

func amountText(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

// form reads typed form fields, naming every one it cannot read by the
// name the API gives the field.
type form struct {
	c        *fiber.Ctx
	problems jobpath.Problems
}

func (f *form) str(name string) string { return strings.TrimSpace(f.c.FormValue(name)) }

func (f *form) float(name string) float64 {
	v := f.str(name)
	if v == "" {
		return 0
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		f.problems.Add(name, "must be a number")
	}
	return n
}

func (f *form) int64(name string) int64 {
	v := strings.NewReplacer(",", "", "_", "", " ", "").Replace(f.str(name))
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		f.problems.Add(name, "must be a whole number")
	}
	return n
}

func (f *form) lines(name string) []string {
	var out []string
	for _, l := range strings.Split(f.c.FormValue(name), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// maxFormRows bounds the rows of a list read from a form.
const maxFormRows = 60

func profileFromForm(c *fiber.Ctx) (jobpath.ProfileInput, int64, jobpath.Problems) {
	f := &form{c: c}
	in := jobpath.ProfileInput{
		Name: f.str("name"), Headline: f.str("headline"), Summary: f.str("summary"),
		YearsExperience: f.float("years_experience"),
		Remote:          jobpath.RemoteMode(f.str("remote")), DesiredLevel: jobpath.Level(f.str("desired_level")),
		Discoverable: f.str("discoverable") != "",
		Contact:      jobpath.Contact{Email: f.str("contact.email"), Links: f.lines("contact.links")},
	}
	in.Certifications = f.lines("certifications")
	for i := 0; i < maxFormRows; i++ {
		p := fmt.Sprintf("skills[%d].", i)
		name := f.str(p + "name")
		if name == "" {
			continue
		}
		in.Skills = append(in.Skills, jobpath.SkillClaim{Name: name, Years: f.float(p + "years"), Level: f.str(p + "level")})
	}
	for i := 0; i < maxFormRows; i++ {
		p := fmt.Sprintf("experience[%d].", i)
		e := jobpath.Experience{Title: f.str(p + "title"), Company: f.str(p + "company"), Start: f.str(p + "start"), End: f.str(p + "end"),
			Summary: f.str(p + "summary")}
		if e != (jobpath.Experience{}) {
			in.Experience = append(in.Experience, e)
		}
	}
	for i := 0; i < maxFormRows; i++ {
		p := fmt.Sprintf("education[%d].", i)
		e := jobpath.Education{Level: f.str(p + "level"), Field: f.str(p + "field"), Institution: f.str(p + "institution"), Year: int(f.int64(p + "year"))}
		if e != (jobpath.Education{}) {
			in.Education = append(in.Education, e)
		}
	}
	if l := (jobpath.Location{City: f.str("locations[0].city"), Country: f.str("locations[0].country")}); l.City != "" || l.Country != "" {
		in.Locations = []jobpath.Location{l}
	}
	if lo, hi := f.int64("desired_salary.min"), f.int64("desired_salary.max"); lo > 0 || hi > 0 {
		in.DesiredSalary = &jobpath.Salary{Min: lo, Max: hi, Currency: strings.ToUpper(f.str("desired_salary.currency")), Period: f.str("desired_salary.period")}
	}
	version, _ := strconv.ParseInt(f.str("version"), 10, 64)
	return in, version, f.problems
}

// matchesView is My matches: the best fits, and the stretch and no-degree
// roles apart.
type matchesView struct {
	Stage    jobpath.Stage
	Best     []jobCard
	Stretch  []jobCard
	NoDegree []jobCard
	// NoDegreeShown counts the roles open without a degree that are
	// already among the best fits.
	NoDegreeShown int
	Total         int
	NoProfile     bool
	Filter        match.Filter
}

func (s *Server) pageMatches(c *fiber.Ctx) error {
	ctx, p := c.UserContext(), caller(c)
	v := &matchesView{}
	all, err := s.deps.Matcher.JobsFor(ctx, p, match.Filter{Limit: match.MaxLimit, MinScore: match.Threshold})
	if jobpath.CodeOf(err) == jobpath.ENotFound {
		v.NoProfile = true
		return s.views.render(c, http.StatusOK, "matches", &page{Title: "My matches", Section: "matches", Data: v})
	}
	if err != nil {
		return err
	}
	v.Stage, v.Total = all.Stage, all.Total
	for _, m := range all.Hits {
		card := matchCard(s, m)
		switch {
		case m.Stretch:
			if len(v.Stretch) < 6 {
				v.Stretch = append(v.Stretch, card)
			}
		case len(v.Best) < 10:
			v.Best = append(v.Best, card)
		}
	}
	nd, err := s.deps.Matcher.JobsFor(ctx, p, match.Filter{NoDegree: true, Limit: 16, MinScore: match.Threshold})
	if err != nil {
		return err
	}
	shown := map[string]bool{}
	for _, c := range v.Best {
		shown[c.Hit.ID] = true
	}
	for _, m := range nd.Hits {
		if shown[m.Job.ID] {
			v.NoDegreeShown++
			continue
		}
		v.NoDegree = append(v.NoDegree, matchCard(s, m))
	}
	return s.views.render(c, http.StatusOK, "matches", &page{Title: "My matches", Section: "matches", Data: v})
}

// matchCard is a matched job as a card, with the candidate's skills marked.
func matchCard(s *Server, m match.JobMatch) jobCard {
	j := m.Job
	h := jobpath.JobHit{ID: j.ID, Title: j.Title, Company: j.Company, CompanyName: j.CompanyName, Level: j.Level, Degree: j.Degree,
		Remote: j.Remote, Location: locationText(j.Location), Salary: j.Salary, PostedAt: j.PostedAt}
	card := jobCard{Hit: h, Where: whereText(j.Remote, h.Location), Salary: salaryText(j.Salary), Posted: ago(j.PostedAt, s.now()),
		NoDegree: noDegreeBadge(j.Degree), Fit: &m, Snippet: ""}
	have := map[string]bool{}
	for _, id := range m.Matched {
		have[id] = true
	}
	for _, id := range j.Skills.Required[:min(len(j.Skills.Required), 8)] {
		card.Skills = append(card.Skills, chip{Name: skillName(s.deps.Skills, id), Have: have[id]})
	}
	return card
}

// careerView is My career: the picture of the trajectory and what to learn.
type careerView struct {
	Placement *career.Placement
	Picture   trajectoryPicture
	Areas     []areaBar
	Next      []nextSkill
	NoProfile bool
	Route     string
	YearsText string
}

type areaBar struct {
	Name    string
	Percent int
	Width   float64
}

type nextSkill struct {
	career.Missing
	AreaName string
	Percent  string
}

func (s *Server) pageCareer(c *fiber.Ctx) error {
	pl, err := s.deps.Matcher.Career(c.UserContext(), caller(c))
	v := &careerView{}
	switch {
	case jobpath.CodeOf(err) == jobpath.ENotFound:
		v.NoProfile = true
	case err != nil:
		return err
	default:
		v.Placement = pl
		v.Picture = drawTrajectory(s.deps.Career, pl)
		v.YearsText = yearsText(pl.Years)
		v.Route = map[string]string{"degree": "You came in by the degree route.", "experience": "You came in by the experience route: your work counts as much as a degree would."}[pl.Route]
		cov := pl.Coverage
		if pl.Next != nil {
			cov = pl.Next.Coverage
			for _, m := range pl.Next.MissingSkills {
				v.Next = append(v.Next, nextSkill{Missing: m, AreaName: s.areaName(m.Area), Percent: fmt.Sprintf("%.0f%%", m.Demand*100)})
			}
		}
		for _, a := range s.deps.Career.Areas {
			if f, ok := cov[a.ID]; ok {
				v.Areas = append(v.Areas, areaBar{Name: a.Name, Percent: int(f*100 + 0.5), Width: f * 100})
			}
		}
	}
	return s.views.render(c, http.StatusOK, "career", &page{Title: "My career", Section: "career", Data: v})
}

func (s *Server) areaName(id string) string {
	for _, a := range s.deps.Career.Areas {
		if a.ID == id {
			return a.Name
		}
	}
	return id
}
