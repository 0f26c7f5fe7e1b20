package search_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jobpath/jobpath/data"
	"github.com/jobpath/jobpath/internal/career"
	"github.com/jobpath/jobpath/internal/clocktest"
	jobcorpus "github.com/jobpath/jobpath/internal/corpus"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/match"
	"github.com/jobpath/jobpath/internal/search"
)

// benchJobs is the corpus size: corpus.DefaultSize postings unless
// JOBPATH_BENCH_JOBS says otherwise (building the store takes minutes).
func benchJobs(b *testing.B) int {
	n, err := jobcorpus.Size(os.Getenv("JOBPATH_BENCH_JOBS"))
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// memJobs serves a prepared list of jobs to Rebuild: bleve's own indexing
// rate, with no store in the way, is the ceiling of the follower's.
type memJobs struct {
	search.Store
	jobs []*jobpath.Job
}

func (m memJobs) EachJob(_ context.Context, fn func(*jobpath.Job) error) error {
	for _, j := range m.jobs {
		if err := fn(j); err != nil {
			return err
		}
	}
	return nil
}

func (m memJobs) EachProfile(context.Context, func(*jobpath.Profile) error) error   { return nil }
func (m memJobs) ReadChanges(context.Context, int64, int) ([]jobpath.Change, error) { return nil, nil }
func (m memJobs) HeadChange(context.Context) (int64, error)                         { return 0, nil }
func (m memJobs) FeedID(context.Context) (string, error)                            { return "memory", nil }

// BenchmarkSearchAtScale builds a store of generated postings, then measures
// in one run: the store's write rate; end-to-end indexing rates (store and
// index) of a follower applying the whole feed change by change (feed entry,
// point read, bleve), of a follower that far behind catching up with one
// scan, and of a rebuild (a scan, then bleve); bleve's raw batch indexing
// rate of the same documents; and search latency (p50, p99) for five query
// classes, on the rebuilt index.
func BenchmarkSearchAtScale(b *testing.B) {
	n := benchJobs(b)
	clock := clocktest.New(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
	st := srv.Open(b, clock)
	tax := taxonomy(b)
	ctx := context.Background()
	gen := jobcorpus.Jobs(n, 42)
	jobs := make([]*jobpath.Job, n)
	for i, g := range gen {
		j, err := jobpath.NewJob(g.Input, &jobpath.Company{ID: jobpath.CompanyID(g.Company), Name: g.Company}, clock.Now().Add(-time.Duration(i)*time.Minute))
		if err != nil {
			b.Fatal(err)
		}
		j.Enrich(tax, g.Input.Explicit())
		jobs[i] = j
	}

	// The store, written by two goroutines as two request handlers would.
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < 2; w++ {
		wg.Go(func() {
			for i := w; i < n; i += 2 {
				if err := st.CreateJob(ctx, jobs[i]); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	storeRate := float64(n) / time.Since(start).Seconds()
	// Indexes are built a minute after the last write, as by a process
	// started later: no writer is still between its feed entry and its
	// document, so nothing needs replaying after a scan.
	clock.Advance(time.Minute)

	// End to end, change by change: a fresh index following the whole feed
	// with a feed entry and a point read per change.
	dir := b.TempDir()
	follow := func(name string, resync bool) float64 {
		ix, err := search.OpenOrRebuild(ctx, filepath.Join(dir, name), memJobs{Store: st}, tax, clock, quiet, nil)
		if err != nil {
			b.Fatal(err)
		}
		defer ix.Close()
		f := search.NewFollower(ix, st, clock, quiet)
		f.BatchSize = 1000
		if !resync {
			f.ResyncAfter = 0
		}
		start := time.Now()
		catchUp(b, f)
		rate := float64(n) / time.Since(start).Seconds()
		if c, _ := ix.CountOf(ctx, "job"); int(c) != n {
			b.Fatalf("%s: indexed %d of %d jobs", name, c, n)
		}
		return rate
	}
	followRate := follow("follow", false)
	// End to end as a follower far behind catches up: one scan of the
	// store while bleve indexes.
	resyncRate := follow("resync", true)

	// End to end the way a process without an index gets one: a rebuild
	// scanning the store while bleve indexes.
	start = time.Now()
	rebuilt, err := search.Rebuild(ctx, filepath.Join(dir, "rebuild"), st, tax, clock, nil)
	if err != nil {
		b.Fatal(err)
	}
	rebuildRate := float64(n) / time.Since(start).Seconds()
	_ = rebuilt.Close()

	// The ceiling: bleve batch-indexing the same documents.
	start = time.Now()
	raw, err := search.Rebuild(ctx, filepath.Join(dir, "raw"), memJobs{Store: st, jobs: jobs}, tax, clock, nil)
	if err != nil {
		b.Fatal(err)
	}
	rawRate := float64(n) / time.Since(start).Seconds()
	_ = raw.Close()
	ix, err := search.OpenOrRebuild(ctx, filepath.Join(dir, "rebuild"), st, tax, clock, quiet, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	s := search.NewSearcher(ix, clock)
	classes := []struct {
		name string
		q    func(i int) jobpath.JobQuery
	}{
		{"broad-text", func(i int) jobpath.JobQuery {
			return jobpath.JobQuery{Text: []string{"backend engineer", "software engineer payments", "platform reliability", "api developer"}[i%4]}
		}},
		{"text+2-skills", func(i int) jobpath.JobQuery {
			return jobpath.JobQuery{Text: []string{"payments", "analytics", "billing", "search"}[i%4], Skills: [][]string{{"go", "postgresql"}, {"python", "aws"}, {"java", "kafka"}, {"node.js", "redis"}}[i%4]}
		}},
		{"skills-only", func(i int) jobpath.JobQuery {
			return jobpath.JobQuery{Skills: [][]string{{"python", "django"}, {"kubernetes"}, {"rust", "tokio"}, {"aws", "terraform"}}[i%4]}
		}},
		{"no-degree+level", func(i int) jobpath.JobQuery {
			return jobpath.JobQuery{NoDegree: true, Level: jobpath.Levels[i%4]}
		}},
		{"typo", func(i int) jobpath.JobQuery {
			return jobpath.JobQuery{Text: []string{"kubernets platfrom", "pyhton develper", "postgress", "javascirpt"}[i%4]}
		}},
	}
	// A serving process decodes new segments' columns as its follower
	// applies batches; here one query of each class does it.
	for _, c := range classes {
		if _, err := s.SearchJobs(ctx, c.q(0)); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		for _, c := range classes {
			lat := make([]time.Duration, 200)
			for i := range lat {
				t0 := time.Now()
				if _, err := s.SearchJobs(ctx, c.q(i)); err != nil {
					b.Fatal(err)
				}
				lat[i] = time.Since(t0)
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, c.name+"-p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, c.name+"-p99-ms")
		}
	}
	b.ReportMetric(float64(n), "jobs")
	b.ReportMetric(storeRate, "store-writes/s")
	b.ReportMetric(followRate, "follow-docs/s")
	b.ReportMetric(rawRate, "raw-bleve-docs/s")
	b.ReportMetric(100*followRate/rawRate, "follow-%-of-raw")
	b.ReportMetric(resyncRate, "resync-docs/s")
	b.ReportMetric(100*resyncRate/rawRate, "resync-%-of-raw")
	b.ReportMetric(rebuildRate, "rebuild-docs/s")
	b.ReportMetric(100*rebuildRate/rawRate, "rebuild-%-of-raw")
	fmt.Fprintf(os.Stderr, "jobs %d: store %.0f writes/s; indexing: change by change %.0f docs/s (%.0f%%), far-behind follower's scan %.0f docs/s (%.0f%%), rebuild %.0f docs/s (%.0f%%), raw bleve %.0f docs/s\n",
		n, storeRate, followRate, 100*followRate/rawRate, resyncRate, 100*resyncRate/rawRate, rebuildRate, 100*rebuildRate/rawRate, rawRate)
}

// BenchmarkQueries measures search latency alone, on an index built
// straight from generated postings (no store): quick to rerun while
// working on queries. JOBPATH_BENCH_JOBS sets the size.
func BenchmarkQueries(b *testing.B) {
	n := benchJobs(b)
	clock := clocktest.New(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
	tax := taxonomy(b)
	ctx := context.Background()
	jobs := make([]*jobpath.Job, n)
	for i, g := range jobcorpus.Jobs(n, 42) {
		j, err := jobpath.NewJob(g.Input, &jobpath.Company{ID: jobpath.CompanyID(g.Company), Name: g.Company}, clock.Now().Add(-time.Duration(i)*time.Minute))
		if err != nil {
			b.Fatal(err)
		}
		j.ID = fmt.Sprintf("job-%06d", i)
		j.Version = 1
		j.Enrich(tax, g.Input.Explicit())
		jobs[i] = j
	}
	ix, err := search.Rebuild(ctx, b.TempDir(), memJobs{jobs: jobs}, tax, clock, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	s := search.NewSearcher(ix, clock)
	queries := []struct {
		name string
		q    jobpath.JobQuery
	}{
		{"broad-text", jobpath.JobQuery{Text: "backend engineer"}},
		{"text+2-skills", jobpath.JobQuery{Text: "payments", Skills: []string{"go", "postgresql"}}},
		{"skills-only", jobpath.JobQuery{Skills: []string{"python", "django"}}},
		{"no-degree+level", jobpath.JobQuery{NoDegree: true, Level: "senior"}},
		{"typo", jobpath.JobQuery{Text: "kubernets platfrom"}},
	}
	for _, c := range queries {
		if _, err := s.SearchJobs(ctx, c.q); err != nil { // decodes the columns
			b.Fatal(err)
		}
	}
	for _, c := range queries {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				lat := make([]time.Duration, 100)
				for i := range lat {
					t0 := time.Now()
					if _, err := s.SearchJobs(ctx, c.q); err != nil {
						b.Fatal(err)
					}
					lat[i] = time.Since(t0)
				}
				slices.Sort(lat)
				b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			}
		})
	}
}

// memBoard serves generated jobs and profiles to Rebuild.
type memBoard struct {
	memJobs
	profiles []*jobpath.Profile
}

func (m memBoard) EachProfile(_ context.Context, fn func(*jobpath.Profile) error) error {
	for _, p := range m.profiles {
		if err := fn(p); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkMatching measures matching at scale on an index built straight
// from generated postings and profiles (JOBPATH_BENCH_JOBS of each):
// retrieval plus exact scoring for 200 different candidates (jobs for them)
// and 200 jobs (candidates for them), p50 and p99, and the throughput of
// matching every candidate against the board, the weekly report's inner loop.
func BenchmarkMatching(b *testing.B) {
	n := benchJobs(b)
	clock := clocktest.New(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
	tax := taxonomy(b)
	ctx := context.Background()
	jobs := make([]*jobpath.Job, n)
	for i, g := range jobcorpus.Jobs(n, 42) {
		j, err := jobpath.NewJob(g.Input, &jobpath.Company{ID: jobpath.CompanyID(g.Company), Name: g.Company}, clock.Now().Add(-time.Duration(i)*time.Minute))
		if err != nil {
			b.Fatal(err)
		}
		j.ID, j.Version = fmt.Sprintf("job-%06d", i), 1
		j.Enrich(tax, g.Input.Explicit())
		jobs[i] = j
	}
	profiles := make([]*jobpath.Profile, n)
	for i, in := range jobcorpus.Profiles(n, 43) {
		in.CanonicaliseSkills(tax)
		profiles[i] = &jobpath.Profile{UserID: fmt.Sprintf("user-%06d", i), ProfileInput: in, Version: 1}
	}
	ix, err := search.Rebuild(ctx, b.TempDir(), memBoard{memJobs: memJobs{jobs: jobs}, profiles: profiles}, tax, clock, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	s := search.NewSearcher(ix, clock)
	model, err := career.Parse(data.TrajectoryYAML(), tax)
	if err != nil {
		b.Fatal(err)
	}
	stageOf := func(y float64) jobpath.Stage { return model.StageForYears(y, "") }
	jobsFor := func(p *jobpath.Profile) int {
		var names []string
		for _, sk := range p.Skills {
			names = append(names, sk.Name)
		}
		stage := stageOf(p.YearsExperience)
		found, err := s.RetrieveJobs(ctx, jobpath.Retrieval{Skills: tax.Expand(names), Levels: model.NearLevels(stage), Limit: 300})
		if err != nil {
			b.Fatal(err)
		}
		scorer := match.NewScorer(match.Candidate{Profile: p, Stage: stage, Years: p.YearsExperience}, tax)
		matches := 0
		for _, j := range found {
			if scorer.Score(j).Score >= match.Threshold {
				matches++
			}
		}
		return matches
	}
	candidatesFor := func(j *jobpath.Job) {
		found, err := s.RetrieveCandidates(ctx, jobpath.Retrieval{Skills: tax.Expand(append(append([]string{}, j.Skills.Required...), j.Skills.Preferred...)), Limit: 300})
		if err != nil {
			b.Fatal(err)
		}
		for _, rc := range found {
			match.Score(match.Candidate{Profile: rc.Profile, Stage: stageOf(rc.Profile.YearsExperience), Years: rc.Profile.YearsExperience, Degree: rc.Degree}, j, tax)
		}
	}
	// A serving process decodes the columns as its follower applies
	// batches; here a first retrieval each way does it.
	jobsFor(profiles[1])
	candidatesFor(jobs[1])
	percentiles := func(lat []time.Duration) (p50, p99 float64) {
		slices.Sort(lat)
		return float64(lat[len(lat)/2].Microseconds()) / 1000, float64(lat[len(lat)*99/100].Microseconds()) / 1000
	}
	b.ResetTimer()
	for b.Loop() {
		lat := make([]time.Duration, 200)
		for i := range lat {
			t0 := time.Now()
			jobsFor(profiles[i*(n/200)])
			lat[i] = time.Since(t0)
		}
		p50, p99 := percentiles(lat)
		b.ReportMetric(p50, "me-matches-p50-ms")
		b.ReportMetric(p99, "me-matches-p99-ms")
		for i := range lat {
			t0 := time.Now()
			candidatesFor(jobs[i*(n/200)])
			lat[i] = time.Since(t0)
		}
		p50, p99 = percentiles(lat)
		b.ReportMetric(p50, "job-matches-p50-ms")
		b.ReportMetric(p99, "job-matches-p99-ms")
		// The weekly pass: every candidate, two at a time (two cores).
		start := time.Now()
		var wg sync.WaitGroup
		pass := min(n, 5000)
		for w := 0; w < 2; w++ {
			wg.Go(func() {
				for i := w; i < pass; i += 2 {
					jobsFor(profiles[i])
				}
			})
		}
		wg.Wait()
		b.ReportMetric(float64(pass)/time.Since(start).Seconds(), "candidates/s")
	}
}
