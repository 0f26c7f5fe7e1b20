// Package report builds the weekly match reports from an explicit window,
// [start, end) of one ISO week, through the same use cases the API calls,
// and renders them as plain text, HTML that survives e-mail clients, and
// JSON. A recipient with nothing new gets a short report, not an empty one:
// where they stand, what to learn next.
package report

import (
	"context"
	"slices"
	"time"

	"github.com/jobpath/jobpath/internal/career"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/match"
)

// Matcher is what a report reads of matching; match.Matcher is one.
type Matcher interface {
	JobsFor(ctx context.Context, caller *jobpath.Principal, f match.Filter) (*match.JobMatches, error)
	Career(ctx context.Context, caller *jobpath.Principal) (*career.Placement, error)
}

// Applications lists a candidate's applications; applications.Service is one.
type Applications interface {
	Mine(ctx context.Context, caller *jobpath.Principal) ([]*jobpath.Application, error)
}

// Searches lists a candidate's saved searches; searches.Service is one.
type Searches interface {
	List(ctx context.Context, caller *jobpath.Principal) ([]jobpath.SavedSearch, error)
}

// Limits of what one report lists.
const (
	maxRoles      = 10
	maxSearchHits = 3
	maxSkills     = 5
	// searchPage is how many of a search's newest hits are read to find the
	// week's.
	searchPage = 100
)

// Builder builds reports.
type Builder struct {
	matcher  Matcher
	apps     Applications
	searches Searches
	jobs     jobpath.JobSearcher
	clock    jobpath.Clock
}

// NewBuilder returns a builder over the use cases.
func NewBuilder(m Matcher, apps Applications, s Searches, jobs jobpath.JobSearcher, clock jobpath.Clock) *Builder {
	return &Builder{matcher: m, apps: apps, searches: s, jobs: jobs, clock: clock}
}

// Candidate is a candidate's weekly report.
type Candidate struct {
	Week  string    `json:"week"`
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Name  string    `json:"name"`
	// Stage is where they stand now.
	Stage     jobpath.Stage `json:"stage"`
	StageName string        `json:"stage_name"`
	Years     float64       `json:"years"`
	// NewRoles are roles published in the week that fit, best first.
	NewRoles     []Role            `json:"new_roles"`
	Searches     []SearchHits      `json:"searches"`
	Applications []Move            `json:"applications"`
	NextStage    string            `json:"next_stage,omitempty"`
	NextSkills   []Skill           `json:"next_skills"`
	Coverage     []Area            `json:"coverage"`
	Short        bool              `json:"short"` // nothing new this week
	Placement    *career.Placement `json:"-"`
}

// Role is a role as a report lists it.
type Role struct {
	ID       string    `json:"id"`
	Title    string    `json:"title"`
	Company  string    `json:"company"`
	Score    float64   `json:"score"`
	Why      string    `json:"why"`
	NoDegree bool      `json:"no_degree"`
	Posted   time.Time `json:"posted_at"`
}

// SearchHits are a saved search's roles posted in the week.
type SearchHits struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
	Roles []Role `json:"roles"`
}

// Move is a change of one of the candidate's applications in the week.
type Move struct {
	Job     string       `json:"job"`
	Company string       `json:"company"`
	From    jobpath.Step `json:"from,omitempty"`
	To      jobpath.Step `json:"to"`
	At      time.Time    `json:"at"`
}

// Skill is a skill to learn next: the share of roles at the next stage
// asking for it, and the current roles it would turn into matches.
type Skill struct {
	Name    string  `json:"name"`
	Demand  float64 `json:"demand"`
	Unlocks int     `json:"unlocks"`
}

// Area is the coverage of one competency area against the next stage.
type Area struct {
	Name     string  `json:"name"`
	Coverage float64 `json:"coverage"`
}

// Candidate builds who's report for week w. ENotFound when they have no
// profile (there is nothing to report on).
func (b *Builder) Candidate(ctx context.Context, who *jobpath.Principal, w Week, areas []career.Area) (*Candidate, error) {
	start, end := w.Start(), w.End()
	in := func(t *time.Time) bool { return t != nil && !t.Before(start) && t.Before(end) }
	r := &Candidate{Week: w.String(), Start: start, End: end, Name: who.Name, NewRoles: []Role{}, Searches: []SearchHits{},
		Applications: []Move{}, NextSkills: []Skill{}, Coverage: []Area{}}

	pl, err := b.matcher.Career(ctx, who)
	if err != nil {
		return nil, err
	}
	r.Placement, r.Stage, r.StageName, r.Years = pl, pl.Stage, pl.Name, pl.Years
	cov := pl.Coverage
	if pl.Next != nil {
		r.NextStage, cov = pl.Next.Name, pl.Next.Coverage
		for _, m := range pl.Next.MissingSkills[:min(len(pl.Next.MissingSkills), maxSkills)] {
			r.NextSkills = append(r.NextSkills, Skill{Name: m.Name, Demand: m.Demand, Unlocks: m.Unlocks})
		}
	}
	for _, a := range areas {
		if f, ok := cov[a.ID]; ok {
			r.Coverage = append(r.Coverage, Area{Name: a.Name, Coverage: f})
		}
	}

	matches, err := b.matcher.JobsFor(ctx, who, match.Filter{Limit: match.MaxLimit, MinScore: match.Threshold})
	if err != nil {
		return nil, err
	}
	for _, m := range matches.Hits {
		if in(m.Job.PostedAt) && len(r.NewRoles) < maxRoles {
			r.NewRoles = append(r.NewRoles, Role{ID: m.Job.ID, Title: m.Job.Title, Company: m.Job.CompanyName, Score: m.Score,
				Why: m.Explanation, NoDegree: m.NoDegree, Posted: *m.Job.PostedAt})
		}
	}

	saved, err := b.searches.List(ctx, who)
	if err != nil {
		return nil, err
	}
	for _, ss := range saved {
		if ss.Alerts != jobpath.AlertsWeekly {
			continue
		}
		hits, err := b.weekHits(ctx, ss, start, end)
		if err != nil {
			return nil, err
		}
		if hits.Count > 0 {
			r.Searches = append(r.Searches, hits)
		}
	}

	apps, err := b.apps.Mine(ctx, who)
	if err != nil {
		return nil, err
	}
	for _, a := range apps {
		for _, mv := range a.History {
			if in(&mv.At) && mv.By != who.UserID {
				r.Applications = append(r.Applications, Move{Job: a.JobTitle, Company: a.CompanyName, From: mv.From, To: mv.To, At: mv.At})
			}
		}
	}
	slices.SortFunc(r.Applications, func(a, b Move) int { return a.At.Compare(b.At) })
	r.Short = len(r.NewRoles) == 0 && len(r.Searches) == 0 && len(r.Applications) == 0
	return r, nil
}

// weekHits runs a saved search for the roles posted in [start, end).
func (b *Builder) weekHits(ctx context.Context, ss jobpath.SavedSearch, start, end time.Time) (SearchHits, error) {
	q := ss.Query.JobQuery()
	back := b.clock.Now().Sub(start) + time.Hour
	if back <= 0 {
		return SearchHits{Name: ss.Name, Roles: []Role{}}, nil
	}
	q.PostedWithin = min(back, 366*24*time.Hour)
	q.Sort, q.PerPage = "newest", searchPage
	res, err := b.jobs.SearchJobs(ctx, q)
	if err != nil {
		return SearchHits{}, err
	}
	out := SearchHits{Name: ss.Name, Roles: []Role{}}
	for _, h := range res.Hits {
		if h.PostedAt == nil || h.PostedAt.Before(start) || !h.PostedAt.Before(end) {
			continue
		}
		out.Count++
		if len(out.Roles) < maxSearchHits {
			out.Roles = append(out.Roles, Role{ID: h.ID, Title: h.Title, Company: h.CompanyName, NoDegree: h.Degree.OpenWithoutDegree(), Posted: *h.PostedAt})
		}
	}
	return out, nil
}
