package profiles_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobpath/jobpath/internal/clocktest"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/profiles"
)

var now = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// memProfiles is a profile store in memory. races makes the next puts lose
// to another writer: each moves the stored profile on, then fails.
type memProfiles struct {
	mu     sync.Mutex
	stored map[string]jobpath.Profile
	races  int
	puts   int
}

func (m *memProfiles) FindProfile(_ context.Context, id string) (*jobpath.Profile, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	p, ok := m.stored[id]
	if !ok {
		return nil, jobpath.Errorf(jobpath.ENotFound, "no profile")
	}
	return &p, nil
}

func (m *memProfiles) PutProfile(_ context.Context, p *jobpath.Profile) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.puts++
	cur := m.stored[p.UserID]
	if m.races > 0 {
		m.races--
		cur.UserID, cur.Version, cur.Name = p.UserID, cur.Version+1, "another writer"
		m.stored[p.UserID] = cur
		return jobpath.Errorf(jobpath.EPrecondition, "stale")
	}
	if cur.Version != p.Version {
		return jobpath.Errorf(jobpath.EPrecondition, "stale")
	}
	p.Version++
	m.stored[p.UserID] = *p
	return nil
}

// analyzer knows one alias, enough to see skills canonicalised.
type analyzer struct{}

func (analyzer) CanonicalSkills(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.ReplaceAll(strings.ToLower(n), "golang", "go")
	}
	return out
}

func (analyzer) AnalyzeJob(string, string) jobpath.JobAnalysis { return jobpath.JobAnalysis{} }

// placer places by declared years alone.
type placer struct{}

func (placer) PlaceProfile(p *jobpath.Profile, _ time.Time) (jobpath.Stage, float64) {
	if p.YearsExperience >= 5 {
		return jobpath.StageSenior, p.YearsExperience
	}
	return jobpath.StageJunior, p.YearsExperience
}

var (
	ada  = &jobpath.Principal{UserID: "u-ada", Role: jobpath.RoleCandidate}
	acme = &jobpath.Principal{UserID: "u-acme", Role: jobpath.RoleEmployer, CompanyID: "acme"}
)

func input(name string) jobpath.ProfileInput {
	return jobpath.ProfileInput{Name: name, Skills: []jobpath.SkillClaim{{Name: "Golang"}}}
}

func TestPut(t *testing.T) {
	var (
		none     = jobpath.IfMatch{}
		anyOne   = jobpath.IfMatch{Set: true, Any: true}
		onlyNew  = jobpath.IfMatch{Set: true, Versions: []int64{0}}
		version1 = jobpath.IfMatch{Set: true, Versions: []int64{1}}
	)
	tests := []struct {
		name     string
		existing bool // Ada has a profile at version 1
		races    int
		caller   *jobpath.Principal
		in       jobpath.ProfileInput
		cond     jobpath.IfMatch
		want     jobpath.ErrorCode
		created  bool
		puts     int
	}{
		{"first save", false, 0, ada, input("Ada"), none, "", true, 1},
		{"replace", true, 0, ada, input("Ada L."), none, "", false, 1},
		{"the last writer wins a race", true, 2, ada, input("Ada L."), none, "", false, 3},
		{"a first save wins a race too", false, 1, ada, input("Ada"), none, "", false, 2},
		{"a writer that keeps losing gives up", true, 4, ada, input("Ada L."), none, jobpath.EPrecondition, false, 4},
		{"If-Match on the version read", true, 0, ada, input("Ada L."), version1, "", false, 1},
		{"If-Match loses a race at once", true, 1, ada, input("Ada L."), version1, jobpath.EPrecondition, false, 1},
		{"If-Match on a stale version", true, 0, ada, input("Ada L."), jobpath.IfMatch{Set: true, Versions: []int64{3}}, jobpath.EPrecondition, false, 0},
		{"If-Match * on a profile", true, 0, ada, input("Ada L."), anyOne, "", false, 1},
		{"If-Match * on none", false, 0, ada, input("Ada"), anyOne, jobpath.EPrecondition, false, 0},
		{"create only, none yet", false, 0, ada, input("Ada"), onlyNew, "", true, 1},
		{"create only, one exists", true, 0, ada, input("Ada"), onlyNew, jobpath.EPrecondition, false, 0},
		{"invalid input", true, 0, ada, input(""), none, jobpath.EInvalid, false, 0},
		{"an employer", false, 0, acme, input("Acme"), none, jobpath.EForbidden, false, 0},
		{"no one", false, 0, nil, input("Ada"), none, jobpath.EUnauthorized, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			store := &memProfiles{stored: map[string]jobpath.Profile{}}
			if tt.existing {
				store.stored[ada.UserID] = jobpath.Profile{UserID: ada.UserID, Version: 1, ProfileInput: input("Ada"), CreatedAt: now.Add(-time.Hour)}
			}
			store.races = tt.races
			svc := profiles.New(store, analyzer{}, placer{}, noMoney{}, clocktest.New(now))
			p, created, err := svc.Put(context.Background(), tt.caller, tt.in, tt.cond)
			if got := jobpath.CodeOf(err); err != nil && got != tt.want || err == nil && tt.want != "" {
				t.Fatalf("Put = %v, want code %q", err, tt.want)
			}
			if store.puts != tt.puts {
				t.Errorf("%d writes, want %d", store.puts, tt.puts)
			}
			if err != nil {
				return
			}
			if created != tt.created {
				t.Errorf("created = %v, want %v", created, tt.created)
			}
			stored := store.stored[ada.UserID]
			if p.Version != stored.Version || stored.Name != tt.in.Name {
				t.Errorf("returned version %d, stored %d named %q; want the put stored last", p.Version, stored.Version, stored.Name)
			}
			if got := stored.Skills[0].Name; got != "go" {
				t.Errorf("skill stored as %q, want the canonical go", got)
			}
			if stored.Stage != jobpath.StageJunior {
				t.Errorf("stored at stage %q, want the placer's junior", stored.Stage)
			}
			if !stored.UpdatedAt.Equal(now) {
				t.Errorf("updated_at %v, want %v", stored.UpdatedAt, now)
			}
		})
	}
}

func TestFind(t *testing.T) {
	store := &memProfiles{stored: map[string]jobpath.Profile{ada.UserID: {UserID: ada.UserID, Version: 1, ProfileInput: input("Ada")}}}
	svc := profiles.New(store, analyzer{}, placer{}, noMoney{}, clocktest.New(now))
	tests := []struct {
		name   string
		caller *jobpath.Principal
		want   jobpath.ErrorCode
	}{
		{"one's own", ada, ""},
		{"none yet", &jobpath.Principal{UserID: "u-bob", Role: jobpath.RoleCandidate}, jobpath.ENotFound},
		{"an employer has none", acme, jobpath.EForbidden},
		{"no one", nil, jobpath.EUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := svc.Find(context.Background(), tt.caller)
			if err != nil && jobpath.CodeOf(err) != tt.want || err == nil && tt.want != "" {
				t.Fatalf("Find = %v, want code %q", err, tt.want)
			}
			if err == nil && p.UserID != tt.caller.UserID {
				t.Errorf("found %s's profile for %s", p.UserID, tt.caller.UserID)
			}
		})
	}
}

// noMoney compares no salaries.
type noMoney struct{}

func (noMoney) Annual(*jobpath.Salary) *jobpath.AnnualSalary { return nil }
