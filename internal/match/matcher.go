package match

import (
	"context"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jobpath/jobpath/internal/career"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/skills"
)

// This file decides which jobs a candidate is shown and which candidates a
// hiring team is shown, in which order, and why: retrieval narrows the board
// to a few hundred documents, Score (match.go) scores each exactly, and the
// results are filtered, ranked and paged here.

// retrieveLimit is how many jobs or candidates retrieval hands to scoring.
const retrieveLimit = 300

// Paging of matches.
const (
	DefaultLimit = 20
	MaxLimit     = 100
)

// JobFinder reads jobs as their readers may; posting.Service is one.
type JobFinder interface {
	// Find returns job id as caller may see it; ENotFound.
	Find(ctx context.Context, caller *jobpath.Principal, id string) (*jobpath.Job, error)
	// FindOwn returns job id of the caller's company; ENotFound, EForbidden.
	FindOwn(ctx context.Context, caller *jobpath.Principal, id string) (*jobpath.Job, error)
}

// Matcher matches candidates and jobs both ways, and tells a candidate what
// each skill to learn next would unlock.
type Matcher struct {
	profiles  jobpath.ProfileService
	jobs      JobFinder
	retriever jobpath.Retriever
	tax       *skills.Taxonomy
	model     *career.Model
	demand    func(context.Context) (*career.Demand, error)
	country   func(name string) string
	clock     jobpath.Clock
}

// NewMatcher returns a matcher. demand is the market that orders a
// candidate's skills to learn next; country gives the ISO code of a
// country's name, for the roles open to one country.
func NewMatcher(profiles jobpath.ProfileService, jobs JobFinder, retriever jobpath.Retriever, tax *skills.Taxonomy,
	model *career.Model, demand func(context.Context) (*career.Demand, error), country func(name string) string, clock jobpath.Clock) *Matcher {
	return &Matcher{profiles: profiles, jobs: jobs, retriever: retriever, tax: tax, model: model, demand: demand, country: country, clock: clock}
}

// countries are the ISO codes of where p lives.
func (m *Matcher) countries(p *jobpath.Profile) []string {
	var out []string
	for _, l := range p.Locations {
		if c := m.country(l.Country); c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// Filter narrows and pages matches.
type Filter struct {
	Level    jobpath.Level      // only roles (or candidates wanting roles) at this level
	Remote   jobpath.RemoteMode // only roles worked this way
	NoDegree bool               // only roles open without a degree
	MinScore float64            // 0..100
	Limit    int                // 1..MaxLimit; 0 is DefaultLimit
}

// Validate names every field of f that is out of range.
func (f Filter) Validate() error {
	var p jobpath.Problems
	if f.Level != "" && !jobpath.Valid(f.Level, jobpath.Levels) {
		p.Add("level", "must be one of %s", jobpath.Join(jobpath.Levels))
	}
	if f.Remote != "" && !jobpath.Valid(f.Remote, jobpath.RemoteModes) {
		p.Add("remote", "must be one of %s", jobpath.Join(jobpath.RemoteModes))
	}
	if math.IsNaN(f.MinScore) || f.MinScore < 0 || f.MinScore > 100 {
		p.Add("min_score", "must be a number from 0 to 100")
	}
	if f.Limit < 0 || f.Limit > MaxLimit {
		p.Add("per_page", "must be a whole number from 1 to %d", MaxLimit)
	}
	return p.Err()
}

func (f Filter) limit() int {
	if f.Limit == 0 {
		return DefaultLimit
	}
	return f.Limit
}

// JobMatch is a job scored for a candidate.
type JobMatch struct {
	Job *jobpath.Job `json:"job"`
	Result
	Explanation string `json:"explanation"`
}

// JobMatches is a page of jobs for a candidate at their stage.
type JobMatches struct {
	Total    int           `json:"total"`
	Stage    jobpath.Stage `json:"stage"`
	Hits     []JobMatch    `json:"hits"`
	Sections Sections      `json:"sections"`
}

// Sections count the matches of the groups a candidate may want apart.
type Sections struct {
	Stretch  int `json:"stretch"`   // one level above their stage
	NoDegree int `json:"no_degree"` // open without a degree
}

// CandidateMatch is a discoverable candidate scored for a job: no contact
// details.
type CandidateMatch struct {
	Candidate jobpath.CandidateSummary `json:"candidate"`
	Result
	Explanation string `json:"explanation"`
}

// CandidateMatches is a page of candidates for a job.
type CandidateMatches struct {
	Total int              `json:"total"`
	Hits  []CandidateMatch `json:"hits"`
}

// JobsFor ranks the jobs that fit the caller's profile: retrieval narrows the
// board to the jobs near the candidate's stage (or at f.Level) that share
// skills with them, then every one is scored exactly. EInvalid, ENotFound
// (no profile yet), EForbidden (not a candidate).
func (m *Matcher) JobsFor(ctx context.Context, caller *jobpath.Principal, f Filter) (*JobMatches, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	p, pl, err := m.place(ctx, caller)
	if err != nil {
		return nil, err
	}
	r := jobpath.Retrieval{Skills: m.tax.Expand(m.tax.NormaliseAll(skillNames(p))), Remote: f.Remote, NoDegree: f.NoDegree, Limit: retrieveLimit}
	if f.Level != "" {
		r.Levels = []jobpath.Level{f.Level}
	} else {
		r.Levels = m.levelsNear(pl.Stage)
	}
	jobs, err := m.retriever.RetrieveJobs(ctx, r)
	if err != nil {
		return nil, err
	}
	out := &JobMatches{Stage: pl.Stage, Hits: make([]JobMatch, 0, len(jobs))}
	cand := candidateOf(p, pl)
	cand.Countries = m.countries(p)
	scorer := NewScorer(cand, m.tax)
	for _, j := range jobs {
		res := scorer.Score(j)
		if res.Score < f.MinScore {
			continue
		}
		if res.Stretch {
			out.Sections.Stretch++
		}
		if res.NoDegree {
			out.Sections.NoDegree++
		}
		out.Hits = append(out.Hits, JobMatch{Job: j, Result: res, Explanation: Explain(res)})
	}
	out.Total = len(out.Hits)
	out.Hits = page(out.Hits, func(h JobMatch) Result { return h.Result }, f.limit())
	return out, nil
}

// CandidatesFor ranks the discoverable candidates who fit one of the
// caller's company's jobs. EInvalid, ENotFound, EForbidden.
func (m *Matcher) CandidatesFor(ctx context.Context, caller *jobpath.Principal, jobID string, f Filter) (*CandidateMatches, error) {
	if err := f.Validate(); err != nil {
		return nil, err
	}
	j, err := m.jobs.FindOwn(ctx, caller, jobID)
	if err != nil {
		return nil, err
	}
	asked := m.tax.Expand(append(slices.Clone(j.Skills.Required), j.Skills.Preferred...))
	cands, err := m.retriever.RetrieveCandidates(ctx, jobpath.Retrieval{Skills: asked, Limit: retrieveLimit})
	if err != nil {
		return nil, err
	}
	out := &CandidateMatches{Hits: make([]CandidateMatch, 0, len(cands))}
	for _, rc := range cands {
		p := rc.Profile
		c := Candidate{Profile: p, Stage: p.Stage, Years: p.BackendYears, Degree: rc.Degree, Countries: m.countries(p)}
		if c.Stage == "" {
			// Saved before placements were kept: judge by what it says.
			c.Stage, c.Years = m.model.StageForYears(p.YearsExperience, p.DesiredLevel), p.YearsExperience
		}
		res := ScoreForTeam(c, j, m.tax)
		if res.Score < f.MinScore {
			continue
		}
		out.Hits = append(out.Hits, CandidateMatch{Candidate: jobpath.SummaryOf(p), Result: res, Explanation: Explain(res)})
	}
	out.Total = len(out.Hits)
	out.Hits = page(out.Hits, func(h CandidateMatch) Result { return h.Result }, f.limit())
	return out, nil
}

// Fit scores the jobs named by ids for the caller, as JobsFor would: the
// fit shown beside a search result or on a job's page. Jobs the caller
// cannot see are left out. ENotFound (no profile yet), EForbidden.
func (m *Matcher) Fit(ctx context.Context, caller *jobpath.Principal, ids []string) (map[string]JobMatch, error) {
	p, pl, err := m.place(ctx, caller)
	if err != nil {
		return nil, err
	}
	cand := candidateOf(p, pl)
	cand.Countries = m.countries(p)
	scorer := NewScorer(cand, m.tax)
	out := make(map[string]JobMatch, len(ids))
	for _, id := range ids {
		j, err := m.jobs.Find(ctx, caller, id)
		if jobpath.CodeOf(err) == jobpath.ENotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		res := scorer.Score(j)
		out[id] = JobMatch{Job: j, Result: res, Explanation: Explain(res)}
	}
	return out, nil
}

// Similar finds up to n other open roles that share the most skills with
// j, at its level when it states one: the "similar roles" of a job's page.
func (m *Matcher) Similar(ctx context.Context, j *jobpath.Job, n int) ([]*jobpath.Job, error) {
	asked := append(slices.Clone(j.Skills.Required), j.Skills.Preferred...)
	if len(asked) == 0 {
		return nil, nil
	}
	r := jobpath.Retrieval{Skills: m.tax.Expand(asked), Limit: n + 1}
	if j.Level != "" {
		r.Levels = []jobpath.Level{j.Level}
	}
	jobs, err := m.retriever.RetrieveJobs(ctx, r)
	if err != nil {
		return nil, err
	}
	jobs = slices.DeleteFunc(jobs, func(o *jobpath.Job) bool { return o.ID == j.ID })
	return jobs[:min(len(jobs), n)], nil
}

// page orders hits by Less and keeps the first limit.
func page[H any](hits []H, result func(H) Result, limit int) []H {
	slices.SortStableFunc(hits, func(a, b H) int {
		ra, rb := result(a), result(b)
		switch {
		case Less(ra, rb):
			return -1
		case Less(rb, ra):
			return 1
		}
		return 0
	})
	return hits[:min(len(hits), limit)]
}

// Explain is the short form of a result a person reads first: skills,
// level and degree, and the place when it caps the score.
func Explain(r Result) string {
	var parts []string
	for _, c := range r.Components {
		switch {
		case c.Name == ComponentRequired, c.Name == ComponentLevel, c.Name == ComponentDegree,
			// A cap decides the rank: say so.
			c.Name == ComponentLocation && strings.Contains(c.Sentence, "caps the match"):
			part := strings.TrimSuffix(c.Sentence, ".")
			if len(parts) > 0 {
				part = lowerFirst(part)
			}
			parts = append(parts, part)
		}
	}
	return strings.Join(parts, "; ") + "."
}

// lowerFirst lower-cases the first letter of a sentence that goes on after
// a semicolon, unless it starts a name or an acronym ("AWS", "Go").
func lowerFirst(s string) string {
	first, size := utf8.DecodeRuneInString(s)
	next, _ := utf8.DecodeRuneInString(s[size:])
	if !unicode.IsUpper(first) || unicode.IsUpper(next) || strings.HasPrefix(s, "Go ") {
		return s
	}
	return string(unicode.ToLower(first)) + s[size:]
}

// place reads the caller's profile and places it on the trajectory.
func (m *Matcher) place(ctx context.Context, caller *jobpath.Principal) (*jobpath.Profile, career.Placement, error) {
	switch {
	case caller == nil:
		return nil, career.Placement{}, jobpath.Errorf(jobpath.EUnauthorized, "sign in to see your matches")
	case caller.Role != jobpath.RoleCandidate:
		return nil, career.Placement{}, jobpath.Errorf(jobpath.EForbidden, "matches and careers are for candidates")
	}
	p, err := m.profiles.FindProfile(ctx, caller.UserID)
	if jobpath.CodeOf(err) == jobpath.ENotFound {
		return nil, career.Placement{}, jobpath.Errorf(jobpath.ENotFound, "create your profile first: PUT /api/v1/me/profile")
	}
	if err != nil {
		return nil, career.Placement{}, err
	}
	d, err := m.demand(ctx)
	if err != nil {
		return nil, career.Placement{}, err
	}
	return p, m.model.Place(p, d, m.clock.Now()), nil
}

// levelsNear are the job levels retrieved for a candidate at stage: those
// near it, and no level at all, since a role that does not say its level
// may well fit (scoring says so, and does not count it a mismatch).
func (m *Matcher) levelsNear(stage jobpath.Stage) []jobpath.Level {
	return append(m.model.NearLevels(stage), jobpath.LevelUnspecified)
}

// candidateOf is what scoring needs of a placed profile.
func candidateOf(p *jobpath.Profile, pl career.Placement) Candidate {
	return Candidate{Profile: p, Stage: pl.Stage, Years: pl.Years, Degree: pl.Degree}
}

func skillNames(p *jobpath.Profile) []string {
	names := make([]string, len(p.Skills))
	for i, s := range p.Skills {
		names[i] = s.Name
	}
	return names
}
