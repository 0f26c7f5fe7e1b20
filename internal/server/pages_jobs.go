package server

import (
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/match"
)

// option is one choice of a filter, with how many results it has.
type option struct {
	Value, Label string
	Count        int
	Checked      bool
}

// radioFacet is a one-of filter.
type radioFacet struct {
	Name, Legend string
	Options      []option
}

// chip is a skill as a card shows it: marked when the reader has it.
type chip struct {
	Name          string
	Have, Missing bool
}

// jobCard is one search result or match as a card.
type jobCard struct {
	Hit      jobpath.JobHit
	Where    string
	Salary   string
	Posted   string
	NoDegree string
	Snippet  template.HTML
	Skills   []chip
	Fit      *match.JobMatch
}

type pager struct {
	Page, Pages int
	Prev, Next  string
}

type link struct{ Text, URL string }

type searchView struct {
	Q, SalaryMin  string
	NoDegree      bool
	NoDegreeCount int
	SkillOptions  []option
	Level         radioFacet
	Remote        radioFacet
	Posted        radioFacet
	Sorts         []option
	TotalText     string
	Cards         []jobCard
	Pager         pager
	DidYouMean    *link
	Filtered      bool
	// Filtering: a filter other than the words is on.
	Filtering bool
	// NeedsProfile: a signed-in candidate without a profile, who would see
	// their fit on every card once they have one.
	NeedsProfile bool
	// Query is the search's query string, for saving it.
	Query string
}

var remoteLabels = map[jobpath.RemoteMode]string{jobpath.RemoteRemote: "Remote", jobpath.RemoteHybrid: "Hybrid", jobpath.RemoteOnsite: "On-site"}

// postedChoices are the "posted within" filter's values, with the facet
// band each counts.
var postedChoices = []struct{ value, band, label string }{{"1d", "24h", "Last 24 hours"}, {"7d", "7d", "Last 7 days"}, {"30d", "30d", "Last 30 days"}}

var sortLabels = map[string]string{"relevance": "Best match", "newest": "Newest", "salary": "Highest salary"}

// noDegreeBadge says how a role opens to people without a degree.
func noDegreeBadge(d jobpath.Degree) string {
	switch d {
	case jobpath.DegreeNotRequired:
		return "No degree required"
	case jobpath.DegreeEquivalent:
		return "Experience accepted instead of a degree"
	}
	return ""
}

func whereText(remote jobpath.RemoteMode, location string) string {
	label := remoteLabels[remote]
	switch {
	case location == "":
		return label
	case remote == jobpath.RemoteOnsite:
		return location
	}
	return label + " · " + location
}

// searchQuery reads the search form: the API's parameters, with skills as
// repeated fields (checkboxes) or a comma list.
func searchQuery(c *fiber.Ctx) (jobpath.JobQuery, error) {
	q, err := parseJobQuery(c)
	q.Skills = nil
	for _, v := range c.Context().QueryArgs().PeekMulti("skills") {
		for _, s := range strings.Split(string(v), ",") {
			if s = strings.TrimSpace(s); s != "" && !slices.Contains(q.Skills, s) {
				q.Skills = append(q.Skills, s)
			}
		}
	}
	if err == nil {
		err = q.Validate()
	}
	return q, err
}

func (s *Server) pageSearch(c *fiber.Ctx) error {
	q, err := searchQuery(c)
	pg := &page{Section: "search"}
	if c.Query("signedout") != "" {
		pg.Notice = "You are signed out."
	}
	v := &searchView{Q: q.Text, NoDegree: q.NoDegree, Query: string(c.Context().QueryArgs().QueryString())}
	if q.SalaryMin > 0 {
		v.SalaryMin = strconv.FormatInt(q.SalaryMin, 10)
	}
	status := http.StatusOK
	var res *jobpath.JobResults
	if err == nil {
		res, err = s.deps.Search.SearchJobs(c.UserContext(), q)
	}
	if err != nil {
		fields, _, ok := fieldErrors(err)
		if !ok {
			return err
		}
		pg.Errors, status = fields, http.StatusUnprocessableEntity
		res = &jobpath.JobResults{Facets: map[string][]jobpath.FacetValue{}}
	}
	s.fillSearch(c, v, q, res)
	pg.Data = v
	return s.views.render(c, status, "search", pg)
}

func (s *Server) fillSearch(c *fiber.Ctx, v *searchView, q jobpath.JobQuery, res *jobpath.JobResults) {
	counts := func(facet string) map[string]int {
		m := map[string]int{}
		for _, f := range res.Facets[facet] {
			m[f.Value] = f.Count
		}
		return m
	}
	degree := counts("degree")
	v.NoDegreeCount = degree[string(jobpath.DegreeNotRequired)] + degree[string(jobpath.DegreeEquivalent)]
	chosen := map[string]bool{}
	for _, sk := range q.Skills {
		id, _ := s.deps.Skills.Normalise(sk)
		chosen[id] = true
	}
	for _, f := range res.Facets["skills"] {
		if len(v.SkillOptions) < 8 || chosen[f.Value] {
			v.SkillOptions = append(v.SkillOptions, option{Value: f.Value, Label: skillName(s.deps.Skills, f.Value), Count: f.Count, Checked: chosen[f.Value]})
			delete(chosen, f.Value)
		}
	}
	for id := range chosen {
		v.SkillOptions = append(v.SkillOptions, option{Value: id, Label: skillName(s.deps.Skills, id), Checked: true})
	}
	levels := counts("level")
	v.Level = radioFacet{Name: "level", Legend: "Level", Options: []option{{Label: "Any level", Checked: q.Level == ""}}}
	for _, l := range jobpath.Levels {
		v.Level.Options = append(v.Level.Options, option{Value: string(l), Label: levelName(l), Count: levels[string(l)], Checked: q.Level == l})
	}
	remotes := counts("remote")
	v.Remote = radioFacet{Name: "remote", Legend: "Where", Options: []option{{Label: "Anywhere", Checked: q.Remote == ""}}}
	for _, m := range []jobpath.RemoteMode{jobpath.RemoteRemote, jobpath.RemoteHybrid, jobpath.RemoteOnsite} {
		v.Remote.Options = append(v.Remote.Options, option{Value: string(m), Label: remoteLabels[m], Count: remotes[string(m)], Checked: q.Remote == m})
	}
	posted := counts("posted")
	within := c.Query("posted_within")
	v.Posted = radioFacet{Name: "posted_within", Legend: "Posted", Options: []option{{Label: "Any time", Checked: within == ""}}}
	for _, p := range postedChoices {
		v.Posted.Options = append(v.Posted.Options, option{Value: p.value, Label: p.label, Count: posted[p.band], Checked: within == p.value})
	}
	sort := q.Sort
	if sort == "" {
		sort = "relevance"
	}
	for _, so := range jobpath.SearchSorts {
		v.Sorts = append(v.Sorts, option{Value: so, Label: sortLabels[so], Checked: so == sort})
	}
	v.Filtering = len(q.Skills) > 0 || q.Level != "" || q.Remote != "" || q.SalaryMin > 0 || within != ""
	v.Filtered = v.Filtering || q.Text != "" || q.NoDegree
	switch res.Total {
	case 0:
		v.TotalText = "No roles found"
	case 1:
		v.TotalText = "1 role"
	default:
		v.TotalText = fmt.Sprintf("%d roles", res.Total)
	}
	if res.DidYouMean != "" {
		v.DidYouMean = &link{Text: res.DidYouMean, URL: withParam(c, "q", res.DidYouMean, true)}
	}
	per := max(res.PerPage, 1)
	v.Pager = pager{Page: max(res.Page, 1), Pages: max(int(math.Ceil(float64(min(res.Total, jobpath.MaxOffset))/float64(per))), 1)}
	if v.Pager.Page > v.Pager.Pages {
		// Past the last page: offer the first rather than nothing.
		v.Pager.Prev = withParam(c, "page", "1", false)
	} else if v.Pager.Page > 1 {
		v.Pager.Prev = withParam(c, "page", strconv.Itoa(v.Pager.Page-1), false)
	}
	if v.Pager.Page < v.Pager.Pages {
		v.Pager.Next = withParam(c, "page", strconv.Itoa(v.Pager.Page+1), false)
	}
	fits := s.fits(c, res.Hits, v)
	for _, h := range res.Hits {
		card := jobCard{Hit: h, Where: whereText(h.Remote, h.Location), Salary: salaryText(h.Salary),
			Posted: ago(h.PostedAt, s.now()), NoDegree: noDegreeBadge(h.Degree)}
		if frags := h.Highlights["description"]; len(frags) > 0 {
			card.Snippet = s.text.Snippet(frags[0])
		}
		var have map[string]bool
		if f, ok := fits[h.ID]; ok {
			card.Fit = &f
			have = map[string]bool{}
			for _, m := range append(slices.Clone(f.Matched), f.MatchedPreferred...) {
				have[m] = true
			}
		}
		for _, id := range h.Skills[:min(len(h.Skills), 8)] {
			card.Skills = append(card.Skills, chip{Name: skillName(s.deps.Skills, id), Have: have[id]})
		}
		v.Cards = append(v.Cards, card)
	}
}

// fits scores the hits for a signed-in candidate; anyone else sees none.
func (s *Server) fits(c *fiber.Ctx, hits []jobpath.JobHit, v *searchView) map[string]match.JobMatch {
	p := caller(c)
	if p == nil || p.Role != jobpath.RoleCandidate || len(hits) == 0 {
		return nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	fits, err := s.deps.Matcher.Fit(c.UserContext(), p, ids)
	if err != nil {
		// The results stand without the fit; a missing profile is said.
		if jobpath.CodeOf(err) == jobpath.ENotFound {
			v.NeedsProfile = true
		} else {
			s.deps.Logger.WarnContext(c.UserContext(), "fit of search results", "err", err)
		}
		return nil
	}
	return fits
}

// withParam is this page's URL with one parameter set (and the page reset
// unless it is the page being set).
func withParam(c *fiber.Ctx, name, value string, resetPage bool) string {
	vals, _ := url.ParseQuery(string(c.Context().QueryArgs().QueryString()))
	if resetPage || name != "page" {
		vals.Del("page")
	}
	vals.Set(name, value)
	return c.Path() + "?" + vals.Encode()
}

// jobView is a job's page.
type jobView struct {
	Job          *jobpath.Job
	Description  template.HTML
	Where        string
	Salary       string
	Posted       string
	Employment   string
	Degree       string
	NoDegree     string
	Years        string
	Required     []skillChip
	Preferred    []skillChip
	Evidence     map[string]string
	Fit          *match.JobMatch
	NeedsProfile bool
	Owner        bool
	Similar      []jobCard
	// Applied is the reader's application; CanApply says they may apply.
	Applied  *applied
	CanApply bool
	NoteLong bool
}

// skillChip is a role's skill: whether the text gave it, and whether the
// reader has it.
type skillChip struct {
	Name     string
	Detected bool
	Have     bool
	Missing  bool
}

var degreeText = map[jobpath.Degree]string{
	jobpath.DegreeRequired:    "A degree is required",
	jobpath.DegreePreferred:   "A degree is preferred, not required",
	jobpath.DegreeEquivalent:  "A degree or equivalent experience",
	jobpath.DegreeNotRequired: "No degree required",
	jobpath.DegreeUnspecified: "The posting does not say",
}

var employmentText = map[string]string{"full_time": "Full-time", "part_time": "Part-time", "contract": "Contract", "internship": "Internship", "temporary": "Temporary"}

func (s *Server) pageJob(c *fiber.Ctx) error {
	ctx := c.UserContext()
	p := caller(c)
	j, err := s.deps.Posting.Find(ctx, p, c.Params("id"))
	if err != nil {
		return err
	}
	v := &jobView{Job: j, Description: s.text.Description(j.Description), Salary: salaryText(j.Salary),
		Posted: ago(j.PostedAt, s.now()), Employment: employmentText[j.EmploymentType], Degree: degreeText[j.Degree],
		NoDegree: noDegreeBadge(j.Degree), Evidence: map[string]string{}}
	v.Where = whereText(j.Remote, locationText(j.Location))
	if j.RemoteRegion != "" && j.Remote != jobpath.RemoteOnsite {
		v.Where += " (from " + j.RemoteRegion + ")"
	}
	v.Years = minYearsText(j.MinYears)
	for f, e := range j.Evidence {
		v.Evidence[f] = e.Text
	}
	v.Owner = p != nil && p.Role == jobpath.RoleEmployer && p.CompanyID == j.Company
	if p != nil && p.Role == jobpath.RoleCandidate {
		app, err := s.applicationOf(c, j.ID)
		if err != nil {
			return err
		}
		v.Applied, v.CanApply, v.NoteLong = app, app == nil && j.Status == jobpath.StatusPublished, c.Query("note") != ""
		fits, err := s.deps.Matcher.Fit(ctx, p, []string{j.ID})
		switch {
		case jobpath.CodeOf(err) == jobpath.ENotFound:
			v.NeedsProfile = true
		case err != nil:
			return err
		}
		if f, ok := fits[j.ID]; ok {
			v.Fit = &f
		}
	}
	have, missing := map[string]bool{}, map[string]bool{}
	if v.Fit != nil {
		for _, id := range append(slices.Clone(v.Fit.Matched), v.Fit.MatchedPreferred...) {
			have[id] = true
		}
		for _, id := range v.Fit.Missing {
			missing[id] = true
		}
	}
	detected := slices.Contains(j.Detected, jobpath.FieldSkills)
	for _, id := range j.Skills.Required {
		v.Required = append(v.Required, skillChip{Name: skillName(s.deps.Skills, id), Detected: detected, Have: have[id], Missing: missing[id]})
	}
	for _, id := range j.Skills.Preferred {
		v.Preferred = append(v.Preferred, skillChip{Name: skillName(s.deps.Skills, id), Detected: detected, Have: have[id]})
	}
	v.Similar = s.similar(c, j)
	pg := &page{Title: j.Title + " at " + j.CompanyName, Section: "search", Data: v,
		Description: truncate(s.text.Plain(j.Description), 160), JSONLD: s.jobPosting(c, j)}
	return s.views.render(c, http.StatusOK, "job", pg)
}

// similar lists a few other open roles that share the job's skills.
func (s *Server) similar(c *fiber.Ctx, j *jobpath.Job) []jobCard {
	jobs, err := s.deps.Matcher.Similar(c.UserContext(), j, 4)
	if err != nil {
		s.deps.Logger.WarnContext(c.UserContext(), "similar roles", "err", err)
		return nil
	}
	out := make([]jobCard, 0, len(jobs))
	for _, o := range jobs {
		h := jobpath.JobHit{ID: o.ID, Title: o.Title, CompanyName: o.CompanyName, Remote: o.Remote, Location: locationText(o.Location), Degree: o.Degree}
		out = append(out, jobCard{Hit: h, Where: whereText(o.Remote, h.Location), Salary: salaryText(o.Salary), NoDegree: noDegreeBadge(o.Degree)})
	}
	return out
}

// minYearsText is a role's minimum years as its page says them.
func minYearsText(y *int) string {
	switch {
	case y == nil:
		return ""
	case *y == 0:
		return "No minimum"
	}
	return plural(*y, "year") + " or more"
}

func locationText(l *jobpath.Location) string {
	if l == nil {
		return ""
	}
	var parts []string
	for _, p := range []string{l.City, l.Region, l.Country} {
		if p != "" && !slices.Contains(parts, p) {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndex(s[:n], " ")
	if cut < n/2 {
		cut = n
	}
	return strings.ToValidUTF8(s[:cut], "") + "…"
}
