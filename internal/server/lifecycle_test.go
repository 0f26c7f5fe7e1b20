package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/jobpath/jobpath/data"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/posting"
	"github.com/jobpath/jobpath/internal/search"
	"github.com/jobpath/jobpath/internal/skills"
)

// process is a second serving process on the app's store: an index and a
// follower of its own, and the posting service its sweep calls.
type process struct {
	searcher *search.Searcher
	follower *search.Follower
	posts    *posting.Service
}

func (a *app) secondProcess() *process {
	a.t.Helper()
	tax, err := skills.Parse(data.SkillsYAML())
	if err != nil {
		a.t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	ix, err := search.OpenOrRebuild(context.Background(), a.t.TempDir(), a.store, tax, a.clock, quiet, nil)
	if err != nil {
		a.t.Fatal(err)
	}
	a.t.Cleanup(func() { _ = ix.Close() })
	return &process{searcher: search.NewSearcher(ix, a.clock), follower: search.NewFollower(ix, a.store, a.clock, quiet),
		posts: posting.New(a.store, a.store, nil, nil, a.clock)}
}

func (p *process) sync(t *testing.T) {
	t.Helper()
	for {
		n, err := p.follower.CatchUp(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

func TestJobExpiryAndRenewal(t *testing.T) {
	a := newApp(t, options{authRate: 1000, workRate: 100000})
	one, two := a.secondProcess(), a.secondProcess()
	emp := a.account("erin@acme.example", "employer", "Acme Payments")
	posted := a.do(req{method: "POST", path: "/api/v1/jobs", token: emp, body: validJob()}).must(t, http.StatusCreated)
	id := posted.str("id")
	start := a.clock.Now()
	if exp, err := time.Parse(time.RFC3339, posted.str("expires_at")); err != nil || !exp.Equal(start.Add(jobpath.Validity).Truncate(time.Second)) && !exp.Equal(start.Add(jobpath.Validity)) {
		t.Fatalf("expires_at %q, want %v: a published role is open for the default validity", posted.str("expires_at"), start.Add(jobpath.Validity))
	}
	draft := validJob()
	draft["status"] = "draft"
	draftID := a.postJob(emp, draft)
	a.do(req{method: "POST", path: "/api/v1/jobs/" + draftID + "/renew", token: emp}).isProblem(t, http.StatusConflict)

	found := func(want bool) {
		t.Helper()
		a.sync()
		one.sync(t)
		two.sync(t)
		for i, s := range []jobpath.JobSearcher{one.searcher, two.searcher} {
			res, err := s.SearchJobs(context.Background(), jobpath.JobQuery{Text: "payments ledger"})
			if err != nil {
				t.Fatal(err)
			}
			has := false
			for _, h := range res.Hits {
				has = has || h.ID == id
			}
			if has != want {
				t.Fatalf("process %d finds the job: %v, want %v", i+1, has, want)
			}
		}
	}
	found(true)

	// A day before it would expire, the team renews it for 30 days more.
	a.clock.Advance(jobpath.Validity - 24*time.Hour)
	emp = a.login("erin@acme.example")
	renewed := a.do(req{method: "POST", path: "/api/v1/jobs/" + id + "/renew", token: emp}).must(t, http.StatusOK)
	if exp, _ := time.Parse(time.RFC3339, renewed.str("expires_at")); exp.Before(a.clock.Now().Add(jobpath.Validity - time.Second)) {
		t.Fatalf("renewed to %v", exp)
	}
	a.clock.Advance(48 * time.Hour)
	found(true)

	// Past its expiry: readers see it expired at once; two processes sweep
	// at the same moment and the job is expired exactly once.
	a.clock.Advance(jobpath.Validity)
	before, err := a.store.FindJobByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	swept := make([]int, 2)
	for i, p := range []*process{one, two} {
		wg.Go(func() {
			ids, err := p.searcher.ExpiredJobs(context.Background(), 100)
			if err != nil {
				t.Error(err)
				return
			}
			if swept[i], err = p.posts.ExpireDue(context.Background(), ids); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	after, err := a.store.FindJobByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if after.Status != jobpath.StatusExpired || after.Version != before.Version+1 || swept[0]+swept[1] != 1 {
		t.Fatalf("after two sweeps: %s at version %d (was %d), swept %v; want expired once", after.Status, after.Version, before.Version, swept)
	}
	found(false)
	for _, p := range []*process{one, two} {
		if ids, _ := p.searcher.ExpiredJobs(context.Background(), 100); len(ids) != 0 {
			t.Errorf("a process still holds expired jobs %v", ids)
		}
		if n, err := p.posts.ExpireDue(context.Background(), []string{id}); n != 0 || err != nil {
			t.Errorf("sweeping again: %d, %v", n, err)
		}
	}
	// The record stays; renewing an expired role publishes it again.
	emp = a.login("erin@acme.example")
	a.do(req{method: "GET", path: "/api/v1/jobs/" + id, token: emp}).must(t, http.StatusOK)
	a.do(req{method: "POST", path: "/api/v1/jobs/" + id + "/renew", token: emp}).must(t, http.StatusOK)
	found(true)
	a.do(req{method: "DELETE", path: "/api/v1/jobs/" + id, token: emp, header: map[string]string{"If-Match": "*"}})
	a.do(req{method: "POST", path: "/api/v1/jobs/" + id + "/renew", token: emp}).isProblem(t, http.StatusConflict)
}
