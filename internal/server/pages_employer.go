package server

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/match"
)

// expiresSoon is how close an expiry the dashboard points out.
const expiresSoon = 7 * 24 * time.Hour

type dashboardRow struct {
	Job      *jobpath.Job
	Posted   string
	Expires  string
	Soon     bool
	Matching int
	Open     bool
	Expired  bool
}

type dashboardView struct {
	Rows    []dashboardRow
	Open    int
	Company string
}

func (s *Server) pageDashboard(c *fiber.Ctx) error {
	ctx, p := c.UserContext(), caller(c)
	jobs, err := s.deps.Posting.CompanyJobs(ctx, p, "")
	if err != nil {
		return err
	}
	v := &dashboardView{}
	now := s.now()
	for _, j := range jobs {
		v.Company = j.CompanyName
		row := dashboardRow{Job: j, Posted: ago(j.PostedAt, now), Open: j.Status == jobpath.StatusPublished, Expired: j.Status == jobpath.StatusExpired}
		if j.ExpiresAt != nil && row.Open {
			left := j.ExpiresAt.Sub(now)
			row.Soon = left < expiresSoon
			row.Expires = "in " + plural(max(int(left.Hours()/24), 0), "day")
			if left < 24*time.Hour {
				row.Expires = "within a day"
			}
		}
		if row.Open {
			v.Open++
			m, err := s.deps.Matcher.CandidatesFor(ctx, p, j.ID, match.Filter{MinScore: match.Threshold, Limit: 1})
			if err != nil {
				return err
			}
			row.Matching = m.Total
		}
		v.Rows = append(v.Rows, row)
	}
	pg := &page{Title: "Our roles", Section: "employer", Data: v}
	switch {
	case c.Query("closed") != "":
		pg.Notice = "The role is closed. It stays here for your records."
	case c.Query("joined") != "":
		pg.Notice = "Welcome to the team. These are its roles."
	case c.Query("renewed") != "":
		pg.Notice = fmt.Sprintf("Renewed: the role is open for another %d days.", int(jobpath.Validity.Hours()/24))
	}
	return s.views.render(c, http.StatusOK, "employer", pg)
}

// jobForm is the post-and-edit form. A field left empty is read from the
// text; Detected says what the text gave the stored job.
type jobForm struct {
	ID, Title, Description       string
	Version                      int64
	Level, Degree, Remote        string
	MinYears                     string
	City, Country                string
	SalaryMin, SalaryMax         string
	Currency, Period, Employment string
	ApplyURL                     string
	Required, Preferred          string
	Status                       string
	Draft                        bool
	// Ended: closed or expired, kept for the record and no longer editable.
	Ended                    bool
	Preview                  *jobView
	Welcome                  bool
	Levels, Degrees, Remotes []option
	Employments, Periods     []option
}

func (s *Server) newJobForm() *jobForm {
	f := &jobForm{Period: "year", Status: string(jobpath.StatusPublished)}
	s.fillJobOptions(f)
	return f
}

func (s *Server) fillJobOptions(f *jobForm) {
	f.Levels, f.Degrees, f.Remotes, f.Employments, f.Periods = nil, nil, nil, nil, nil
	for _, l := range jobpath.Levels {
		f.Levels = append(f.Levels, option{Value: string(l), Label: levelName(l), Checked: f.Level == string(l)})
	}
	for _, d := range jobpath.Degrees {
		if d != jobpath.DegreeUnspecified {
			f.Degrees = append(f.Degrees, option{Value: string(d), Label: degreeText[d], Checked: f.Degree == string(d)})
		}
	}
	for _, m := range jobpath.RemoteModes {
		f.Remotes = append(f.Remotes, option{Value: string(m), Label: remoteLabels[m], Checked: f.Remote == string(m)})
	}
	for _, e := range jobpath.EmploymentTypes {
		f.Employments = append(f.Employments, option{Value: e, Label: employmentText[e], Checked: f.Employment == e})
	}
	for _, p := range jobpath.SalaryPeriods {
		f.Periods = append(f.Periods, option{Value: p, Label: strings.TrimSpace(perPeriod[p]), Checked: f.Period == p})
	}
}

// editForm is the form of a stored job: what the poster set, with the
// fields read from the text left empty, so that they follow the text.
func (s *Server) editForm(j *jobpath.Job) *jobForm {
	f := &jobForm{ID: j.ID, Version: j.Version, Title: j.Title, Description: j.Description, ApplyURL: j.ApplyURL,
		Status: string(j.Status), Draft: j.Status == jobpath.StatusDraft, Period: "year",
		Ended: j.Status == jobpath.StatusClosed || j.Status == jobpath.StatusExpired}
	read := func(field string) bool {
		return slices.Contains(j.Detected, field) || slices.Contains(j.Defaulted, field)
	}
	if !read(jobpath.FieldLevel) {
		f.Level = string(j.Level)
	}
	if !read(jobpath.FieldDegree) && j.Degree != jobpath.DegreeUnspecified {
		f.Degree = string(j.Degree)
	}
	if !read(jobpath.FieldRemote) {
		f.Remote = string(j.Remote)
	}
	if !read(jobpath.FieldEmploymentType) {
		f.Employment = j.EmploymentType
	}
	if !read(jobpath.FieldMinYears) && j.MinYears != nil {
		f.MinYears = strconv.Itoa(*j.MinYears)
	}
	if !read(jobpath.FieldLocation) && j.Location != nil {
		f.City, f.Country = j.Location.City, j.Location.Country
	}
	if !read(jobpath.FieldSalary) && j.Salary != nil {
		f.SalaryMin, f.SalaryMax, f.Currency, f.Period = amountText(j.Salary.Min), amountText(j.Salary.Max), j.Salary.Currency, j.Salary.Period
	}
	if !read(jobpath.FieldSkills) {
		f.Required, f.Preferred = s.skillText(j.Skills.Required), s.skillText(j.Skills.Preferred)
	}
	s.fillJobOptions(f)
	return f
}

func (s *Server) skillText(ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = skillName(s.deps.Skills, id)
	}
	return strings.Join(names, ", ")
}

// jobFormInput reads the form as the API's input, keeping what was typed
// for showing the form again.
func (s *Server) jobFormInput(c *fiber.Ctx) (*jobForm, jobpath.JobInput, jobpath.Problems) {
	fm := &form{c: c}
	f := &jobForm{ID: c.Params("id"), Title: fm.str("title"), Description: c.FormValue("description"), Level: fm.str("level"),
		Degree: fm.str("degree"), Remote: fm.str("remote"), MinYears: fm.str("min_years"), City: fm.str("location.city"),
		Country: fm.str("location.country"), SalaryMin: fm.str("salary.min"), SalaryMax: fm.str("salary.max"),
		Currency: strings.ToUpper(fm.str("salary.currency")), Period: fm.str("salary.period"), Employment: fm.str("employment_type"),
		ApplyURL: fm.str("apply_url"), Required: fm.str("skills.required"), Preferred: fm.str("skills.preferred"), Status: fm.str("status")}
	f.Version, _ = strconv.ParseInt(fm.str("version"), 10, 64)
	in := jobpath.JobInput{Title: f.Title, Description: f.Description, Level: jobpath.Level(f.Level), Degree: jobpath.Degree(f.Degree),
		Remote: jobpath.RemoteMode(f.Remote), EmploymentType: f.Employment, ApplyURL: f.ApplyURL, Status: jobpath.Status(f.Status)}
	if f.MinYears != "" {
		n := int(fm.int64("min_years"))
		in.MinYears = &n
	}
	if f.City != "" || f.Country != "" {
		in.Location = &jobpath.Location{City: f.City, Country: f.Country}
	}
	if f.SalaryMin != "" || f.SalaryMax != "" {
		in.Salary = &jobpath.Salary{Min: fm.int64("salary.min"), Max: fm.int64("salary.max"), Currency: f.Currency, Period: f.Period}
	}
	if req, pref := splitList(f.Required), splitList(f.Preferred); len(req)+len(pref) > 0 {
		in.Skills = &jobpath.Skills{Required: req, Preferred: pref}
	}
	s.fillJobOptions(f)
	return f, in, fm.problems
}

// allProblems is what could not be read from a job form together with
// what the rest of it breaks, so that a poster hears of everything at once.
func (s *Server) allProblems(problems jobpath.Problems, in jobpath.JobInput) error {
	if len(problems) == 0 {
		return nil
	}
	var e *jobpath.Error
	if _, err := s.deps.Posting.Preview(in); errors.As(err, &e) {
		for _, f := range e.Fields {
			problems.Add(f.Field, "%s", f.Message)
		}
	}
	return problems.Err()
}

func splitList(s string) []string {
	out := []string{}
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (s *Server) pageJobNew(c *fiber.Ctx) error {
	f := s.newJobForm()
	f.Welcome = c.Query("welcome") != ""
	return s.views.render(c, http.StatusOK, "jobform", &page{Title: "Post a role", Section: "post", Data: f})
}

func (s *Server) pageJobNewPost(c *fiber.Ctx) error {
	f, in, problems := s.jobFormInput(c)
	pg := &page{Title: "Post a role", Section: "post", Data: f}
	if err := s.allProblems(problems, in); err != nil {
		return s.formFailed(c, "jobform", pg, err)
	}
	if c.FormValue("action") == "preview" {
		return s.previewJob(c, pg, f, in)
	}
	j, err := s.deps.Posting.Create(c.UserContext(), caller(c), in)
	if err != nil {
		return s.formFailed(c, "jobform", pg, err)
	}
	return redirect(c, "/employer/jobs/"+j.ID+"?saved=posted")
}

// previewJob shows the form with what jobpath reads from it, for a
// browser without scripts (with scripts, the preview follows typing).
func (s *Server) previewJob(c *fiber.Ctx, pg *page, f *jobForm, in jobpath.JobInput) error {
	j, err := s.deps.Posting.Preview(in)
	if err != nil {
		return s.formFailed(c, "jobform", pg, err)
	}
	f.Preview = s.previewView(j)
	return s.views.render(c, http.StatusOK, "jobform", pg)
}

func (s *Server) previewView(j *jobpath.Job) *jobView {
	v := &jobView{Job: j, Degree: degreeText[j.Degree], Salary: salaryText(j.Salary), Employment: employmentText[j.EmploymentType],
		Where: whereText(j.Remote, locationText(j.Location)), Evidence: map[string]string{}}
	v.Years = minYearsText(j.MinYears)
	for f, e := range j.Evidence {
		v.Evidence[f] = e.Text
	}
	detected := slices.Contains(j.Detected, jobpath.FieldSkills)
	for _, id := range j.Skills.Required {
		v.Required = append(v.Required, skillChip{Name: skillName(s.deps.Skills, id), Detected: detected})
	}
	for _, id := range j.Skills.Preferred {
		v.Preferred = append(v.Preferred, skillChip{Name: skillName(s.deps.Skills, id), Detected: detected})
	}
	return v
}

func (s *Server) pageJobEdit(c *fiber.Ctx) error {
	j, err := s.deps.Posting.FindOwn(c.UserContext(), caller(c), c.Params("id"))
	if err != nil {
		return err
	}
	f := s.editForm(j)
	f.Preview = s.previewView(j)
	f.Preview.Description = s.text.Description(j.Description)
	pg := &page{Title: "Edit " + j.Title, Section: "employer", Data: f}
	switch c.Query("saved") {
	case "posted":
		pg.Notice = "Your role is posted. Below is what jobpath read from it."
	case "1":
		pg.Notice = "Changes saved."
	}
	return s.views.render(c, http.StatusOK, "jobform", pg)
}

func (s *Server) pageJobEditPost(c *fiber.Ctx) error {
	f, in, problems := s.jobFormInput(c)
	pg := &page{Title: "Edit " + f.Title, Section: "employer", Data: f}
	if err := s.allProblems(problems, in); err != nil {
		return s.formFailed(c, "jobform", pg, err)
	}
	if c.FormValue("action") == "preview" {
		return s.previewJob(c, pg, f, in)
	}
	patch := patchOf(in)
	if cur, err := s.deps.Posting.FindOwn(c.UserContext(), caller(c), f.ID); err == nil && sameCityCountry(cur.Location, in.Location) {
		// The form shows a place as city and country only: an unchanged one
		// keeps what else it holds (region, coordinates).
		patch.Location = nil
	}
	_, err := s.deps.Posting.Patch(c.UserContext(), caller(c), f.ID, jobpath.IfMatch{Set: true, Versions: []int64{f.Version}}, patch)
	if jobpath.CodeOf(err) == jobpath.EPrecondition {
		err = jobpath.Errorf(jobpath.EPrecondition, "A teammate changed this role while you were editing. Open it again to see their changes, then make yours.")
	}
	if err != nil {
		return s.formFailed(c, "jobform", pg, err)
	}
	return redirect(c, "/employer/jobs/"+f.ID+"?saved=1")
}

func sameCityCountry(a, b *jobpath.Location) bool {
	return a != nil && b != nil && strings.EqualFold(a.City, b.City) && strings.EqualFold(a.Country, b.Country)
}

// patchOf turns the edit form into a patch: the text and the fields the
// poster filled in are set; the empty ones stay as they were (read from
// the text when they were).
func patchOf(in jobpath.JobInput) jobpath.JobPatch {
	p := jobpath.JobPatch{Title: &in.Title, Description: &in.Description, ApplyURL: &in.ApplyURL,
		Skills: in.Skills, MinYears: in.MinYears, Location: in.Location, Salary: in.Salary}
	if in.Level != "" {
		p.Level = &in.Level
	}
	if in.Degree != "" {
		p.Degree = &in.Degree
	}
	if in.Remote != "" {
		p.Remote = &in.Remote
	}
	if in.EmploymentType != "" {
		p.EmploymentType = &in.EmploymentType
	}
	if in.Status != "" {
		p.Status = &in.Status
	}
	return p
}

func (s *Server) pageJobClosePost(c *fiber.Ctx) error {
	version, _ := strconv.ParseInt(c.FormValue("version"), 10, 64)
	if err := s.deps.Posting.Close(c.UserContext(), caller(c), c.Params("id"), jobpath.IfMatch{Set: true, Versions: []int64{version}}); err != nil {
		return err
	}
	return redirect(c, "/employer?closed=1")
}

func (s *Server) pageJobRenewPost(c *fiber.Ctx) error {
	if _, err := s.deps.Posting.Renew(c.UserContext(), caller(c), c.Params("id")); err != nil {
		return err
	}
	return redirect(c, "/employer?renewed=1")
}

// candidateCard is a matching or found candidate: no contact details.
type candidateCard struct {
	Summary     jobpath.CandidateSummary
	Fit         *match.CandidateMatch
	Skills      []chip
	Explanation string
}

type jobMatchesView struct {
	Job    *jobpath.Job
	Cards  []candidateCard
	Total  int
	Strong int // of the cards, those who fit well
}

func (s *Server) pageJobMatches(c *fiber.Ctx) error {
	ctx, p := c.UserContext(), caller(c)
	j, err := s.deps.Posting.FindOwn(ctx, p, c.Params("id"))
	if err != nil {
		return err
	}
	res, err := s.deps.Matcher.CandidatesFor(ctx, p, j.ID, match.Filter{Limit: 30})
	if err != nil {
		return err
	}
	v := &jobMatchesView{Job: j, Total: res.Total}
	for _, m := range res.Hits {
		card := candidateCard{Summary: m.Candidate, Fit: &m, Explanation: m.Explanation}
		for _, id := range j.Skills.Required {
			card.Skills = append(card.Skills, chip{Name: skillName(s.deps.Skills, id), Have: slices.Contains(m.Matched, id), Missing: slices.Contains(m.Missing, id)})
		}
		for _, id := range j.Skills.Preferred {
			card.Skills = append(card.Skills, chip{Name: skillName(s.deps.Skills, id), Have: slices.Contains(m.MatchedPreferred, id)})
		}
		if m.Score >= match.Threshold {
			v.Strong++
		}
		v.Cards = append(v.Cards, card)
	}
	return s.views.render(c, http.StatusOK, "jobmatches", &page{Title: "Candidates for " + j.Title, Section: "employer", Data: v})
}

type candidatesView struct {
	Q, Skills, Level, MinYears string
	Levels                     []option
	Cards                      []candidateCard
	TotalText                  string
}

func (s *Server) pageCandidates(c *fiber.Ctx) error {
	in := params{c: c}
	q := jobpath.CandidateQuery{Text: in.str("q"), Skills: in.list("skills"), Level: jobpath.Level(in.str("level")),
		MinYears: in.float("min_years", "must be a number"), PerPage: 30}
	v := &candidatesView{Q: q.Text, Skills: c.Query("skills"), Level: string(q.Level), MinYears: c.Query("min_years")}
	v.Levels = []option{{Label: "Any level", Checked: q.Level == ""}}
	for _, l := range jobpath.Levels {
		v.Levels = append(v.Levels, option{Value: string(l), Label: levelName(l), Checked: q.Level == l})
	}
	pg := &page{Title: "Find candidates", Section: "candidates", Data: v}
	err := in.err()
	var res *jobpath.CandidateResults
	if err == nil {
		res, err = s.deps.Candidates.SearchCandidates(c.UserContext(), q)
	}
	if err != nil {
		fields, _, ok := fieldErrors(err)
		if !ok {
			return err
		}
		pg.Errors = fields
		return s.views.render(c, http.StatusUnprocessableEntity, "candidates", pg)
	}
	v.TotalText = fmt.Sprintf("%d discoverable candidates", res.Total)
	if res.Total == 1 {
		v.TotalText = "1 discoverable candidate"
	}
	for _, h := range res.Hits {
		card := candidateCard{Summary: h.CandidateSummary}
		for _, id := range h.Skills[:min(len(h.Skills), 10)] {
			card.Skills = append(card.Skills, chip{Name: skillName(s.deps.Skills, id)})
		}
		v.Cards = append(v.Cards, card)
	}
	return s.views.render(c, http.StatusOK, "candidates", pg)
}
