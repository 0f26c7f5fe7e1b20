package jobpath

import (
	"context"
	"errors"
	"math"
	"strings"
	"time"
)

// Limits on a search request: enough for any honest query, small enough that
// no query can make the index work for long.
const (
	MaxQueryLen   = 200
	MaxQueryTerms = 16
	MaxPerPage    = 100
	MaxOffset     = 10_000
	// DefaultPerPage is the page size when a query names none.
	DefaultPerPage = 20
	maxQuerySkills = 10
)

// JobQuery is a job search.
type JobQuery struct {
	Text         string
	Skills       []string // all required
	Level        Level
	Remote       RemoteMode
	Degree       Degree
	NoDegree     bool // degree not_required or equivalent_experience
	Location     string
	SalaryMin    int64
	PostedWithin time.Duration
	Sort         string // relevance, newest, salary
	Page         int    // from 1
	PerPage      int
}

// Validate checks a query and names what it refuses.
func (q *JobQuery) Validate() error {
	var p Problems
	if len(q.Text) > MaxQueryLen {
		p.Add("q", "must be at most %d characters", MaxQueryLen)
	} else if n := len(strings.Fields(q.Text)); n > MaxQueryTerms {
		p.Add("q", "must have at most %d words", MaxQueryTerms)
	}
	for _, w := range strings.Fields(q.Text) {
		if strings.HasPrefix(w, "*") || strings.HasPrefix(w, "?") {
			p.Add("q", "wildcards are not supported: search for whole words")
			break
		}
		if len(w) > 2 && strings.HasPrefix(w, "/") && strings.HasSuffix(w, "/") {
			p.Add("q", "regular expressions are not supported: search for whole words")
			break
		}
	}
	if len(q.Skills) > maxQuerySkills {
		p.Add("skills", "at most %d skills", maxQuerySkills)
	}
	for _, s := range q.Skills {
		if len(s) > 80 {
			p.Add("skills", "each skill must be at most 80 characters")
			break
		}
	}
	checkEnum(&p, "level", q.Level, SearchLevels, true)
	checkEnum(&p, "remote", q.Remote, RemoteModes, true)
	checkEnum(&p, "degree", q.Degree, Degrees, true)
	checkEnum(&p, "sort", q.Sort, SearchSorts, true)
	if len(q.Location) > 100 {
		p.Add("location", "must be at most 100 characters")
	}
	if q.SalaryMin < 0 || q.SalaryMin > 100_000_000 {
		p.Add("salary_min", "must be between 0 and 100000000")
	}
	if q.PostedWithin < 0 || q.PostedWithin > 366*24*time.Hour {
		p.Add("posted_within", "must be between 1d and 366d")
	}
	if q.PerPage < 0 || q.PerPage > MaxPerPage {
		p.Add("per_page", "must be between 1 and %d", MaxPerPage)
	}
	if q.Page < 0 {
		p.Add("page", "must be 1 or more")
	}
	// Compare before multiplying, so that no page number can overflow.
	if per := max(q.PerPage, DefaultPerPage); q.Page > MaxOffset || q.Page > 1 && (q.Page-1) > MaxOffset/per-1 {
		p.Add("page", "goes deeper than %d results; narrow the search", MaxOffset)
	}
	return p.Err()
}

// JobHit is one result.
type JobHit struct {
	ID          string              `json:"id"`
	Score       float64             `json:"score"`
	Title       string              `json:"title"`
	Company     string              `json:"company"`
	CompanyName string              `json:"company_name"`
	Level       Level               `json:"level"`
	Degree      Degree              `json:"degree"`
	Remote      RemoteMode          `json:"remote"`
	Location    string              `json:"location,omitempty"`
	Skills      []string            `json:"skills"`
	Salary      *Salary             `json:"salary,omitempty"`
	PostedAt    *time.Time          `json:"posted_at,omitempty"`
	Highlights  map[string][]string `json:"highlights,omitempty"`
}

// FacetValue is one bucket of a facet.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// JobResults is a page of results.
type JobResults struct {
	Total      uint64                  `json:"total"`
	Page       int                     `json:"page"`
	PerPage    int                     `json:"per_page"`
	Hits       []JobHit                `json:"hits"`
	Facets     map[string][]FacetValue `json:"facets"`
	Fuzzy      bool                    `json:"fuzzy,omitempty"`
	DidYouMean string                  `json:"did_you_mean,omitempty"`
}

// JobSearcher searches published jobs.
type JobSearcher interface {
	// SearchJobs runs q; EInvalid for a query Validate refuses.
	SearchJobs(ctx context.Context, q JobQuery) (*JobResults, error)
}

// CandidateQuery is an employer's search over discoverable candidates.
type CandidateQuery struct {
	Text     string
	Skills   []string   // all required
	Level    Level      // desired level
	Remote   RemoteMode // onsite, hybrid, remote: candidates open to it
	Location string
	MinYears float64
	Page     int
	PerPage  int
}

// Validate checks a candidate query.
func (q *CandidateQuery) Validate() error {
	jq := JobQuery{Text: q.Text, Skills: q.Skills, Level: q.Level, Remote: q.Remote, Location: q.Location, Page: q.Page, PerPage: q.PerPage}
	err := jq.Validate()
	var p Problems
	var e *Error
	if errors.As(err, &e) {
		p = e.Fields
	} else if err != nil {
		return err
	}
	if math.IsNaN(q.MinYears) || q.MinYears < 0 || q.MinYears > 60 {
		p.Add("min_years", "must be between 0 and 60")
	}
	return p.Err()
}

// CandidateSummary is what employers see of a discoverable candidate: never
// their contact details.
type CandidateSummary struct {
	ID              string     `json:"id"`
	Name            string     `json:"name"`
	Headline        string     `json:"headline,omitempty"`
	Skills          []string   `json:"skills"`
	YearsExperience float64    `json:"years_experience"`
	DesiredLevel    Level      `json:"desired_level,omitempty"`
	Remote          RemoteMode `json:"remote"`
	// Stage is where the board placed the candidate: the stage they see
	// in their own career view.
	Stage Stage `json:"stage,omitempty"`
}

// SummaryOf is the summary of profile p.
func SummaryOf(p *Profile) CandidateSummary {
	s := CandidateSummary{ID: p.UserID, Name: p.Name, Headline: p.Headline, Skills: make([]string, 0, len(p.Skills)),
		YearsExperience: p.YearsExperience, DesiredLevel: p.DesiredLevel, Remote: p.Remote, Stage: p.Stage}
	for _, c := range p.Skills {
		s.Skills = append(s.Skills, c.Name)
	}
	return s
}

// CandidateHit is one discoverable candidate found by a search.
type CandidateHit struct {
	CandidateSummary
	Score      float64             `json:"score"`
	Locations  []string            `json:"locations,omitempty"`
	Highlights map[string][]string `json:"highlights,omitempty"`
}

// CandidateResults is a page of candidates.
type CandidateResults struct {
	Total   uint64                  `json:"total"`
	Page    int                     `json:"page"`
	PerPage int                     `json:"per_page"`
	Hits    []CandidateHit          `json:"hits"`
	Facets  map[string][]FacetValue `json:"facets"`
}

// CandidateSearcher searches discoverable candidates.
type CandidateSearcher interface {
	// SearchCandidates runs q; EInvalid for a query Validate refuses.
	SearchCandidates(ctx context.Context, q CandidateQuery) (*CandidateResults, error)
}

// ProfileScanner reads every profile: batch work.
type ProfileScanner interface {
	// EachProfile calls fn for every profile, stopping at fn's first error.
	EachProfile(ctx context.Context, fn func(*Profile) error) error
}

// Retrieval narrows the board to the few hundred jobs or candidates worth
// scoring exactly.
type Retrieval struct {
	Skills   []string // canonical ids; a hit shares at least one, more rank higher
	Levels   []Level  // job levels (or desired levels) to keep; empty keeps all
	Remote   RemoteMode
	NoDegree bool
	Limit    int
}

// Retriever finds match candidates. Jobs and profiles come back with the
// fields scoring needs, read from the index, not the store.
type Retriever interface {
	// RetrieveJobs returns published, unexpired jobs.
	RetrieveJobs(ctx context.Context, r Retrieval) ([]*Job, error)
	// RetrieveCandidates returns discoverable candidates, without contact details.
	RetrieveCandidates(ctx context.Context, r Retrieval) ([]RetrievedCandidate, error)
}

// RetrievedCandidate is a candidate as the index holds them: the profile's
// public fields, and whether they list a degree-level education.
type RetrievedCandidate struct {
	Profile *Profile
	Degree  bool
}
