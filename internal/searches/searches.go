// Package searches is the one home of candidates' saved searches: saving
// any search under a name with an alert setting, listing them with how many
// roles are new since each was last opened, renaming, changing alerts,
// deleting, and opening one (which resets what counts as new). The weekly
// report reads them too.
package searches

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"time"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// Service keeps saved searches.
type Service struct {
	store  jobpath.SavedSearchStore
	search jobpath.JobSearcher
	clock  jobpath.Clock
}

// New returns the service; search counts what is new.
func New(store jobpath.SavedSearchStore, search jobpath.JobSearcher, clock jobpath.Clock) *Service {
	return &Service{store: store, search: search, clock: clock}
}

// Save keeps a search for the caller. EForbidden, EInvalid, EConflict (too
// many).
func (s *Service) Save(ctx context.Context, caller *jobpath.Principal, in jobpath.SavedSearchInput) (*jobpath.SavedSearch, error) {
	if err := isCandidate(caller); err != nil {
		return nil, err
	}
	if in.Alerts == "" {
		in.Alerts = jobpath.AlertsWeekly
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	have, err := s.store.SavedSearches(ctx, caller.UserID)
	if err != nil {
		return nil, err
	}
	if len(have) >= jobpath.MaxSavedSearches {
		return nil, jobpath.Errorf(jobpath.EConflict, "you keep %d saved searches already; delete one first", len(have))
	}
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	now := s.clock.Now().UTC()
	ss := jobpath.SavedSearch{ID: hex.EncodeToString(b), Name: strings.TrimSpace(in.Name), Query: in.Query, Alerts: in.Alerts, Opened: now, CreatedAt: now}
	if err := s.store.PutSavedSearch(ctx, caller.UserID, ss); err != nil {
		return nil, err
	}
	return &ss, nil
}

// List returns the caller's searches, oldest first, each with how many
// roles were posted since it was last opened. EForbidden.
func (s *Service) List(ctx context.Context, caller *jobpath.Principal) ([]jobpath.SavedSearch, error) {
	if err := isCandidate(caller); err != nil {
		return nil, err
	}
	list, err := s.store.SavedSearches(ctx, caller.UserID)
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	for i := range list {
		if list[i].New, err = s.newSince(ctx, list[i], now); err != nil {
			return nil, err
		}
	}
	return list, nil
}

// newSince counts the roles the search finds that were posted after it was
// opened, up to maxNew: the newest first, as far back as the opening.
func (s *Service) newSince(ctx context.Context, ss jobpath.SavedSearch, now time.Time) (int, error) {
	since := now.Sub(ss.Opened)
	if since <= 0 {
		return 0, nil
	}
	q := ss.Query.JobQuery()
	// "Posted within" counts whole hours; the hour before the opening is
	// read too, and what was posted before the opening left out below.
	if window := since + time.Hour; q.PostedWithin == 0 || window < q.PostedWithin {
		q.PostedWithin = min(window, 366*24*time.Hour)
	}
	q.Sort, q.PerPage = "newest", maxNew
	res, err := s.search.SearchJobs(ctx, q)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, h := range res.Hits {
		if h.PostedAt != nil && h.PostedAt.After(ss.Opened) {
			n++
		}
	}
	return n, nil
}

// maxNew is as far as new roles are counted.
const maxNew = 100

// Find returns one of the caller's searches. ENotFound.
func (s *Service) Find(ctx context.Context, caller *jobpath.Principal, id string) (*jobpath.SavedSearch, error) {
	if err := isCandidate(caller); err != nil {
		return nil, err
	}
	list, err := s.store.SavedSearches(ctx, caller.UserID)
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].ID == id {
			return &list[i], nil
		}
	}
	return nil, jobpath.Errorf(jobpath.ENotFound, "saved search not found")
}

// Patch renames a search or changes its alerts. ENotFound, EInvalid.
func (s *Service) Patch(ctx context.Context, caller *jobpath.Principal, id string, p jobpath.SavedSearchPatch) (*jobpath.SavedSearch, error) {
	ss, err := s.Find(ctx, caller, id)
	if err != nil {
		return nil, err
	}
	in := jobpath.SavedSearchInput{Name: ss.Name, Query: ss.Query, Alerts: ss.Alerts}
	if p.Name != nil {
		in.Name = *p.Name
	}
	if p.Alerts != nil {
		in.Alerts = *p.Alerts
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	ss.Name, ss.Alerts = strings.TrimSpace(in.Name), in.Alerts
	if err := s.store.PutSavedSearch(ctx, caller.UserID, *ss); err != nil {
		return nil, err
	}
	return ss, nil
}

// Open marks a search opened now, so that nothing it finds counts as new,
// and returns it. ENotFound.
func (s *Service) Open(ctx context.Context, caller *jobpath.Principal, id string) (*jobpath.SavedSearch, error) {
	ss, err := s.Find(ctx, caller, id)
	if err != nil {
		return nil, err
	}
	ss.Opened = s.clock.Now().UTC()
	if err := s.store.PutSavedSearch(ctx, caller.UserID, *ss); err != nil {
		return nil, err
	}
	return ss, nil
}

// Delete removes one of the caller's searches. ENotFound.
func (s *Service) Delete(ctx context.Context, caller *jobpath.Principal, id string) error {
	if _, err := s.Find(ctx, caller, id); err != nil {
		return err
	}
	return s.store.DeleteSavedSearch(ctx, caller.UserID, id)
}

func isCandidate(caller *jobpath.Principal) error {
	switch {
	case caller == nil:
		return jobpath.Errorf(jobpath.EUnauthorized, "sign in to save searches")
	case caller.Role != jobpath.RoleCandidate:
		return jobpath.Errorf(jobpath.EForbidden, "saved searches are for candidates")
	}
	return nil
}
