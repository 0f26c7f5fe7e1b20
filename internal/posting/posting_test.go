package posting_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jobpath/jobpath/internal/clocktest"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/posting"
)

var now = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// memJobs is a job store in memory, versioned as the real one is.
type memJobs struct {
	mu     sync.Mutex
	jobs   map[string]jobpath.Job
	next   int
	writes int
}

func (m *memJobs) CreateJob(_ context.Context, j *jobpath.Job) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if j.ID == "" {
		m.next++
		j.ID = fmt.Sprintf("job-%d", m.next)
	}
	if _, taken := m.jobs[j.ID]; taken {
		return jobpath.Errorf(jobpath.EConflict, "job %s exists", j.ID)
	}
	j.Version = 1
	m.jobs[j.ID] = *j
	m.writes++
	return nil
}

func (m *memJobs) FindJobByID(_ context.Context, id string) (*jobpath.Job, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	j, ok := m.jobs[id]
	if !ok {
		return nil, jobpath.Errorf(jobpath.ENotFound, "job not found")
	}
	return &j, nil
}

func (m *memJobs) UpdateJob(_ context.Context, j *jobpath.Job) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	cur, ok := m.jobs[j.ID]
	switch {
	case !ok:
		return jobpath.Errorf(jobpath.ENotFound, "job not found")
	case cur.Version != j.Version:
		return jobpath.Errorf(jobpath.EPrecondition, "stale")
	}
	j.Version++
	m.jobs[j.ID] = *j
	m.writes++
	return nil
}

func (m *memJobs) FindJobs(_ context.Context, f jobpath.JobFilter) ([]*jobpath.Job, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []*jobpath.Job
	for _, j := range m.jobs {
		if j.Company == f.Company && (f.Status == "" || j.Status == f.Status) {
			out = append(out, &j)
		}
	}
	slices.SortFunc(out, func(a, b *jobpath.Job) int { return b.CreatedAt.Compare(a.CreatedAt) })
	return out, nil
}

type companies map[string]*jobpath.Company

func (c companies) FindCompanyByID(_ context.Context, id string) (*jobpath.Company, error) {
	if co, ok := c[id]; ok {
		return co, nil
	}
	return nil, jobpath.Errorf(jobpath.ENotFound, "company not found")
}

// analyzer reads "senior" in a title as the level and "Go" in a text as a
// required skill: enough to see that the text is read on every write.
type analyzer struct{}

func (analyzer) CanonicalSkills(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strings.ToLower(n)
	}
	return out
}

func (analyzer) AnalyzeJob(title, description string) jobpath.JobAnalysis {
	var a jobpath.JobAnalysis
	if strings.Contains(strings.ToLower(title), "senior") {
		a.Level = jobpath.LevelSenior
	}
	if strings.Contains(title+" "+description, "Go") {
		a.Skills.Required = []string{"go"}
	}
	return a
}

var (
	acme     = &jobpath.Principal{UserID: "u-acme", Role: jobpath.RoleEmployer, CompanyID: "acme"}
	globex   = &jobpath.Principal{UserID: "u-globex", Role: jobpath.RoleEmployer, CompanyID: "globex"}
	admin    = &jobpath.Principal{UserID: "u-admin", Role: jobpath.RoleAdmin}
	employee = &jobpath.Principal{UserID: "u-none", Role: jobpath.RoleEmployer}
	ada      = &jobpath.Principal{UserID: "u-ada", Role: jobpath.RoleCandidate}
)

type fixture struct {
	svc   *posting.Service
	store *memJobs
	clock *clocktest.Clock
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	store := &memJobs{jobs: map[string]jobpath.Job{}}
	clock := clocktest.New(now)
	cos := companies{"acme": {ID: "acme", Name: "Acme"}, "globex": {ID: "globex", Name: "Globex"}}
	return &fixture{svc: posting.New(store, cos, analyzer{}, noMoney{}, clock), store: store, clock: clock}
}

// post creates a job of Acme's in the given status: published, draft,
// closed or expired.
func (fx *fixture) post(t *testing.T, status jobpath.Status) *jobpath.Job {
	t.Helper()
	in := jobpath.JobInput{Title: "Senior Go engineer", Description: "Build Go services for payments."}
	if status == jobpath.StatusDraft {
		in.Status = jobpath.StatusDraft
	}
	if status == jobpath.StatusExpired {
		exp := now.Add(time.Hour)
		in.ExpiresAt = &exp
	}
	j, err := fx.svc.Create(context.Background(), acme, in)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	switch status {
	case jobpath.StatusClosed:
		if err := fx.svc.Close(context.Background(), acme, j.ID, jobpath.IfMatch{}); err != nil {
			t.Fatalf("Close: %v", err)
		}
	case jobpath.StatusExpired:
		fx.clock.Advance(2 * time.Hour)
	}
	return j
}

func code(err error) jobpath.ErrorCode {
	if err == nil {
		return ""
	}
	return jobpath.CodeOf(err)
}

var (
	title    = "Senior Go engineer, ledger"
	retitle  = jobpath.JobPatch{Title: &title}
	version1 = jobpath.IfMatch{Set: true, Versions: []int64{1}}
)

// TestRules holds the posting rules for every caller: who may see a job,
// who may change it, and on what condition.
func TestRules(t *testing.T) {
	tests := []struct {
		name   string
		status jobpath.Status // of the Acme job the action meets
		do     func(context.Context, *posting.Service, string) error
		want   jobpath.ErrorCode
	}{
		{"anyone reads a published job", jobpath.StatusPublished, find(nil), ""},
		{"a candidate reads a published job", jobpath.StatusPublished, find(ada), ""},
		{"a draft is invisible to the public", jobpath.StatusDraft, find(nil), jobpath.ENotFound},
		{"a draft is invisible to another company", jobpath.StatusDraft, find(globex), jobpath.ENotFound},
		{"a draft is visible to its company", jobpath.StatusDraft, find(acme), ""},
		{"a closed job is invisible to the public", jobpath.StatusClosed, find(ada), jobpath.ENotFound},
		{"an expired job is invisible to the public", jobpath.StatusExpired, find(nil), jobpath.ENotFound},
		{"an admin reads a draft", jobpath.StatusDraft, find(admin), ""},
		{"an id too long to exist", jobpath.StatusPublished, func(ctx context.Context, s *posting.Service, id string) error {
			_, err := s.Find(ctx, nil, strings.Repeat("x", 65))
			return err
		}, jobpath.ENotFound},

		{"its company patches", jobpath.StatusPublished, patch(acme, version1), ""},
		{"an admin patches", jobpath.StatusPublished, patch(admin, version1), ""},
		{"If-Match * patches", jobpath.StatusPublished, patch(acme, jobpath.IfMatch{Set: true, Any: true}), ""},
		{"another company's job", jobpath.StatusPublished, patch(globex, version1), jobpath.EForbidden},
		{"another company's draft is missing, not forbidden", jobpath.StatusDraft, patch(globex, version1), jobpath.ENotFound},
		{"a candidate may not patch", jobpath.StatusPublished, patch(ada, version1), jobpath.EForbidden},
		{"the public may not patch", jobpath.StatusPublished, patch(nil, version1), jobpath.EUnauthorized},
		{"the public may not close", jobpath.StatusPublished, closeJob(nil, jobpath.IfMatch{}), jobpath.EUnauthorized},
		{"a patch without If-Match", jobpath.StatusPublished, patch(acme, jobpath.IfMatch{}), jobpath.EUnconditional},
		{"a stale ETag", jobpath.StatusPublished, patch(acme, jobpath.IfMatch{Set: true, Versions: []int64{7}}), jobpath.EPrecondition},
		{"a closed job", jobpath.StatusClosed, patch(acme, jobpath.IfMatch{Set: true, Versions: []int64{2}}), jobpath.EConflict},
		{"an expired job", jobpath.StatusExpired, patch(acme, version1), jobpath.EConflict},

		{"its company closes without a condition", jobpath.StatusPublished, closeJob(acme, jobpath.IfMatch{}), ""},
		{"closing a closed job changes nothing", jobpath.StatusClosed, closeJob(acme, jobpath.IfMatch{}), ""},
		{"another company may not close", jobpath.StatusPublished, closeJob(globex, jobpath.IfMatch{}), jobpath.EForbidden},
		{"closing on a stale ETag", jobpath.StatusPublished, closeJob(acme, jobpath.IfMatch{Set: true, Versions: []int64{0}}), jobpath.EPrecondition},

		{"a candidate may not post", "", create(ada), jobpath.EForbidden},
		{"an employer without a company may not post", "", create(employee), jobpath.EForbidden},
		{"the public may not post", "", create(nil), jobpath.EUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t)
			var id string
			if tt.status != "" {
				id = fx.post(t, tt.status).ID
			}
			before := fx.store.writes
			err := tt.do(context.Background(), fx.svc, id)
			if got := code(err); got != tt.want {
				t.Fatalf("error %v (code %q), want code %q", err, got, tt.want)
			}
			if err != nil && fx.store.writes != before {
				t.Errorf("a refused action wrote to the store")
			}
		})
	}
}

func find(caller *jobpath.Principal) func(context.Context, *posting.Service, string) error {
	return func(ctx context.Context, s *posting.Service, id string) error {
		_, err := s.Find(ctx, caller, id)
		return err
	}
}

func patch(caller *jobpath.Principal, cond jobpath.IfMatch) func(context.Context, *posting.Service, string) error {
	return func(ctx context.Context, s *posting.Service, id string) error {
		_, err := s.Patch(ctx, caller, id, cond, retitle)
		return err
	}
}

func closeJob(caller *jobpath.Principal, cond jobpath.IfMatch) func(context.Context, *posting.Service, string) error {
	return func(ctx context.Context, s *posting.Service, id string) error {
		return s.Close(ctx, caller, id, cond)
	}
}

func create(caller *jobpath.Principal) func(context.Context, *posting.Service, string) error {
	return func(ctx context.Context, s *posting.Service, _ string) error {
		_, err := s.Create(ctx, caller, jobpath.JobInput{Title: "Go engineer", Description: "Build Go services."})
		return err
	}
}

// TestTextIsRead: what the poster leaves out is read from the text on
// create and again on every patch, and what they state is kept.
func TestTextIsRead(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	j, err := fx.svc.Create(ctx, acme, jobpath.JobInput{Title: "Senior Go engineer", Description: "Build services for payments."})
	if err != nil {
		t.Fatal(err)
	}
	if j.Level != jobpath.LevelSenior || !slices.Equal(j.Skills.Required, []string{"go"}) || j.Company != "acme" || j.CompanyName != "Acme" {
		t.Fatalf("created %+v: want level senior, skills [go], company Acme", j)
	}
	plain := "Platform engineer"
	j, err = fx.svc.Patch(ctx, acme, j.ID, jobpath.IfMatch{Set: true, Versions: []int64{j.Version}}, jobpath.JobPatch{Title: &plain})
	if err != nil {
		t.Fatal(err)
	}
	if j.Level != "" || len(j.Skills.Required) != 0 {
		t.Errorf("after retitling: level %q, skills %v; want what the new text says (none)", j.Level, j.Skills.Required)
	}
	stated := jobpath.LevelMid
	j, err = fx.svc.Patch(ctx, acme, j.ID, jobpath.IfMatch{Set: true, Versions: []int64{j.Version}}, jobpath.JobPatch{Level: &stated})
	if err != nil {
		t.Fatal(err)
	}
	if j.Level != jobpath.LevelMid {
		t.Errorf("stated level %q, want mid", j.Level)
	}
	stored, err := fx.store.FindJobByID(ctx, j.ID)
	if err != nil || stored.Version != 3 || stored.Title != plain {
		t.Errorf("stored %+v, %v; want version 3 titled %q", stored, err, plain)
	}
}

func TestImport(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	at := now.Add(-48 * time.Hour)
	in := jobpath.JobInput{Title: "Go engineer", Description: "Build Go services."}
	j, err := fx.svc.Import(ctx, acme, in, "demo-001", at)
	if err != nil {
		t.Fatal(err)
	}
	if j.ID != "demo-001" || !j.CreatedAt.Equal(at) || j.PostedAt == nil || !j.PostedAt.Equal(at) {
		t.Errorf("imported %s created %v posted %v; want demo-001 at %v", j.ID, j.CreatedAt, j.PostedAt, at)
	}
	if _, err := fx.svc.Import(ctx, acme, in, "demo-001", at); code(err) != jobpath.EConflict {
		t.Errorf("importing a taken id: %v, want EConflict", err)
	}
	if _, err := fx.svc.Import(ctx, ada, in, "demo-002", at); code(err) != jobpath.EForbidden {
		t.Errorf("a candidate importing: %v, want EForbidden", err)
	}
}

func TestCompanyJobs(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	published := fx.post(t, jobpath.StatusPublished)
	fx.clock.Advance(time.Minute)
	draft := fx.post(t, jobpath.StatusDraft)
	fx.clock.Advance(time.Minute)
	expired := fx.post(t, jobpath.StatusExpired)
	if _, err := fx.svc.Create(ctx, globex, jobpath.JobInput{Title: "Rust engineer", Description: "Build Rust services."}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		caller *jobpath.Principal
		status jobpath.Status
		want   []string
		code   jobpath.ErrorCode
	}{
		{"all, newest first", acme, "", []string{expired.ID, draft.ID, published.ID}, ""},
		{"drafts", acme, jobpath.StatusDraft, []string{draft.ID}, ""},
		{"another company's list is its own", globex, jobpath.StatusDraft, nil, ""},
		{"an unknown status", acme, "archived", nil, jobpath.EInvalid},
		{"a candidate", ada, "", nil, jobpath.EForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, err := fx.svc.CompanyJobs(ctx, tt.caller, tt.status)
			if code(err) != tt.code {
				t.Fatalf("error %v, want code %q", err, tt.code)
			}
			var ids []string
			for _, j := range list {
				ids = append(ids, j.ID)
				if j.ID == expired.ID && j.Status != jobpath.StatusExpired {
					t.Errorf("expired job listed as %q", j.Status)
				}
			}
			if !slices.Equal(ids, tt.want) {
				t.Errorf("listed %v, want %v", ids, tt.want)
			}
		})
	}
}

// noMoney compares no salaries.
type noMoney struct{}

func (noMoney) Annual(*jobpath.Salary) *jobpath.AnnualSalary { return nil }
