package jobpath

import (
	"context"
	"errors"
	"strings"
	"time"
)

// Alert settings of a saved search.
const (
	AlertsWeekly = "weekly"
	AlertsOff    = "off"
)

// AlertSettings lists them.
var AlertSettings = []string{AlertsWeekly, AlertsOff}

// MaxSavedSearches bounds the searches one candidate keeps.
const MaxSavedSearches = 25

// SavedQuery is a search as it is saved: the parameters of GET /api/v1/jobs
// that describe which roles, not which page of them.
type SavedQuery struct {
	Text         string     `json:"q,omitempty" bson:"q,omitempty"`
	Skills       []string   `json:"skills,omitempty" bson:"skills,omitempty"`
	Level        Level      `json:"level,omitempty" bson:"level,omitempty"`
	Remote       RemoteMode `json:"remote,omitempty" bson:"remote,omitempty"`
	Degree       Degree     `json:"degree,omitempty" bson:"degree,omitempty"`
	NoDegree     bool       `json:"no_degree,omitempty" bson:"no_degree,omitempty"`
	Location     string     `json:"location,omitempty" bson:"location,omitempty"`
	SalaryMin    int64      `json:"salary_min,omitempty" bson:"salary_min,omitempty"`
	PostedWithin int        `json:"posted_within_days,omitempty" bson:"posted_within_days,omitempty"`
	Sort         string     `json:"sort,omitempty" bson:"sort,omitempty"`
}

// JobQuery is the search the saved query runs.
func (q SavedQuery) JobQuery() JobQuery {
	return JobQuery{Text: q.Text, Skills: q.Skills, Level: q.Level, Remote: q.Remote, Degree: q.Degree, NoDegree: q.NoDegree,
		Location: q.Location, SalaryMin: q.SalaryMin, PostedWithin: time.Duration(q.PostedWithin) * 24 * time.Hour, Sort: q.Sort}
}

// SavedSearch is a candidate's search kept under a name.
type SavedSearch struct {
	ID     string     `json:"id" bson:"id"`
	Name   string     `json:"name" bson:"name"`
	Query  SavedQuery `json:"query" bson:"query"`
	Alerts string     `json:"alerts" bson:"alerts"`
	// Opened is when the candidate last looked at its results: what is new
	// is what was posted since.
	Opened    time.Time `json:"last_opened" bson:"opened"`
	CreatedAt time.Time `json:"created_at" bson:"created_at"`
	// New is how many roles were posted since Opened; filled in when listed.
	New int `json:"new_since_opened" bson:"-"`
}

// SavedSearchInput is what a candidate sends to save a search.
type SavedSearchInput struct {
	Name   string     `json:"name"`
	Query  SavedQuery `json:"query"`
	Alerts string     `json:"alerts"`
}

// Validate checks the name, the alerts and the query as a search.
func (in *SavedSearchInput) Validate() error {
	var p Problems
	checkText(&p, "name", in.Name, 1, 100, true)
	if in.Alerts != "" && !Valid(in.Alerts, AlertSettings) {
		p.Add("alerts", "must be one of %s", strings.Join(AlertSettings, ", "))
	}
	if in.Query.PostedWithin < 0 || in.Query.PostedWithin > 366 {
		p.Add("query.posted_within_days", "must be between 1 and 366")
	}
	q := in.Query.JobQuery()
	var e *Error
	if errors.As(q.Validate(), &e) {
		for _, f := range e.Fields {
			p.Add("query."+f.Field, "%s", f.Message)
		}
	}
	return p.Err()
}

// SavedSearchPatch renames a saved search or changes its alerts.
type SavedSearchPatch struct {
	Name   *string `json:"name"`
	Alerts *string `json:"alerts"`
}

// SavedSearchStore keeps each candidate's saved searches in one document,
// changed one search at a time.
type SavedSearchStore interface {
	// SavedSearches lists a candidate's searches (none is an empty list).
	SavedSearches(ctx context.Context, userID string) ([]SavedSearch, error)
	// PutSavedSearch adds or replaces one search; DeleteSavedSearch removes
	// one (removing a missing one is no error).
	PutSavedSearch(ctx context.Context, userID string, s SavedSearch) error
	DeleteSavedSearch(ctx context.Context, userID, id string) error
}
