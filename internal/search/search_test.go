package search_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/jobpath/jobpath/data"
	"github.com/jobpath/jobpath/internal/clocktest"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/money"
	"github.com/jobpath/jobpath/internal/mongodb"
	"github.com/jobpath/jobpath/internal/mongodb/mongotest"
	"github.com/jobpath/jobpath/internal/search"
	"github.com/jobpath/jobpath/internal/skills"
)

var srv *mongotest.Server

func TestMain(m *testing.M) { os.Exit(mongotest.Main(m, &srv)) }

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func taxonomy(t testing.TB) *skills.Taxonomy {
	t.Helper()
	tax, err := skills.Parse(data.SkillsYAML())
	if err != nil {
		t.Fatal(err)
	}
	return tax
}

// fixture is a store with jobs and an index that follows it.
type fixture struct {
	t     *testing.T
	st    *mongodb.Store
	tax   *skills.Taxonomy
	rates *money.Rates
	clock *clocktest.Clock
	dir   string
	ix    *search.Index
	f     *search.Follower
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	clock := clocktest.New(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
	rates, err := money.Parse(data.RatesTSV())
	if err != nil {
		t.Fatal(err)
	}
	fx := &fixture{t: t, st: srv.Open(t, clock), tax: taxonomy(t), rates: rates, clock: clock, dir: t.TempDir()}
	fx.open()
	return fx
}

func (fx *fixture) open() {
	fx.t.Helper()
	ix, err := search.OpenOrRebuild(context.Background(), fx.dir, fx.st, fx.tax, fx.clock, quiet, nil)
	if err != nil {
		fx.t.Fatal(err)
	}
	fx.ix = ix
	fx.f = search.NewFollower(ix, fx.st, fx.clock, quiet)
	fx.t.Cleanup(func() { _ = ix.Close() })
}

// sync applies every change in the feed, as a serving process does.
func (fx *fixture) sync() {
	fx.t.Helper()
	catchUp(fx.t, fx.f)
}

// catchUp runs f until it finds nothing more to apply.
func catchUp(tb testing.TB, f *search.Follower) {
	tb.Helper()
	for {
		n, err := f.CatchUp(context.Background())
		if err != nil {
			tb.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

func (fx *fixture) post(in jobpath.JobInput, company string) *jobpath.Job {
	fx.t.Helper()
	j, err := jobpath.NewJob(in, &jobpath.Company{ID: jobpath.CompanyID(company), Name: company}, fx.clock.Now())
	if err != nil {
		fx.t.Fatal(err)
	}
	j.Enrich(fx.tax, in.Explicit())
	j.SalaryYear = fx.rates.Annual(j.Salary) // as the posting service does
	if err := fx.st.CreateJob(context.Background(), j); err != nil {
		fx.t.Fatal(err)
	}
	return j
}

func (fx *fixture) search(q jobpath.JobQuery) *jobpath.JobResults {
	fx.t.Helper()
	if err := q.Validate(); err != nil {
		fx.t.Fatalf("query %+v: %v", q, err)
	}
	res, err := search.NewSearcher(fx.ix, fx.clock).SearchJobs(context.Background(), q)
	if err != nil {
		fx.t.Fatal(err)
	}
	return res
}

func TestSearchBasics(t *testing.T) {
	fx := newFixture(t)
	goJob := fx.post(jobpath.JobInput{Title: "Senior Go Engineer", Description: "Build services in Golang on PostgreSQL. No degree required.", Remote: "remote"}, "Acme")
	fx.post(jobpath.JobInput{Title: "Python Developer", Description: "Django and Postgres. BS in Computer Science required."}, "Globex")
	fx.sync()
	res := fx.search(jobpath.JobQuery{Text: "golang postgres remote", NoDegree: true})
	if res.Total != 1 || res.Hits[0].ID != goJob.ID {
		t.Fatalf("results %+v", res)
	}
	t.Logf("%+v", res.Hits[0])
	t.Logf("facets %+v", res.Facets)
}
