package search_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/search"
)

// TestRetrievalAgainstTheStore checks job retrieval against a model over the
// store: exactly the published, unexpired jobs that pass the filters and share
// a skill (any, for a profile without skills), ranked by shared skills
// (required ones three times), never closed, expired or draft jobs.
func TestRetrievalAgainstTheStore(t *testing.T) {
	b := postRelCorpus(t)
	fx := b.fx
	s := search.NewSearcher(fx.ix, fx.clock)
	now := fx.clock.Now()
	var live []*jobpath.Job
	err := fx.st.EachJob(context.Background(), func(j *jobpath.Job) error {
		if j.EffectiveStatus(now) == jobpath.StatusPublished {
			live = append(live, j)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	rank := func(r jobpath.Retrieval, j *jobpath.Job) int {
		level := j.Level
		if level == "" {
			level = jobpath.LevelUnspecified
		}
		switch {
		case len(r.Levels) > 0 && !slices.Contains(r.Levels, level),
			r.Remote != "" && j.Remote != r.Remote,
			r.NoDegree && !j.OpenWithoutDegree():
			return 0
		}
		if len(r.Skills) == 0 {
			return 1 // nothing to share: every job the filters keep
		}
		n := 0
		for _, sk := range r.Skills {
			if slices.Contains(j.Skills.Required, sk) {
				n += 3
			} else if slices.Contains(j.Skills.Preferred, sk) {
				n++
			}
		}
		return n
	}
	for _, r := range []jobpath.Retrieval{
		{Skills: []string{"go"}},
		{Skills: []string{"go", "kubernetes", "postgresql"}},
		{Skills: []string{"python", "django", "aws"}, Levels: []jobpath.Level{"mid", "senior"}},
		{Skills: []string{"java", "kafka", "spring-boot"}, Remote: "remote"},
		{Skills: []string{"go", "aws", "kafka", "terraform"}, NoDegree: true},
		{Skills: []string{"kubernetes", "kafka"}}, // the closed and the expired job list these
		{Skills: []string{"no-such-skill"}},
		{Levels: []jobpath.Level{"senior"}, Remote: "remote"}, // a profile without skills
		// Matching near a stage keeps the jobs that state no level.
		{Skills: []string{"go", "python"}, Levels: []jobpath.Level{"mid", "senior", jobpath.LevelUnspecified}},
	} {
		got, err := s.RetrieveJobs(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{}
		for _, j := range live {
			if n := rank(r, j); n > 0 {
				want[j.ID] = n
			}
		}
		if len(got) != len(want) {
			t.Errorf("%+v: %d jobs, the store has %d", r, len(got), len(want))
		}
		prev := 1 << 30
		for _, j := range got {
			n, ok := want[j.ID]
			if !ok {
				t.Errorf("%+v: retrieved %s (%s), which should not be", r, b.keyOf[j.ID], j.Title)
				continue
			}
			if n > prev {
				t.Errorf("%+v: %s (rank %d) after a job of rank %d", r, b.keyOf[j.ID], n, prev)
			}
			prev = n
		}
	}
}

// TestNoDegreeAcrossWrites: the no-degree filter of match retrieval keeps
// exactly the jobs whose role accepts experience, in a follower's index as
// jobs and profiles are written in turn, and in another process's index
// rebuilt from the store, where jobs and candidates share segments.
func TestNoDegreeAcrossWrites(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	degrees := []jobpath.Degree{jobpath.DegreeNotRequired, jobpath.DegreeRequired, jobpath.DegreeEquivalent, jobpath.DegreeUnspecified, jobpath.DegreePreferred}
	open := map[string]bool{}
	check := func(name string, ix *search.Index) {
		t.Helper()
		got, err := search.NewSearcher(ix, fx.clock).RetrieveJobs(ctx, jobpath.Retrieval{NoDegree: true, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		for _, j := range got {
			ids[j.ID] = true
		}
		if !maps.Equal(ids, open) {
			t.Errorf("%s: no-degree retrieval holds %d jobs, %d accept experience", name, len(ids), len(open))
		}
	}
	for i := range 10 {
		d := degrees[i%len(degrees)]
		j := fx.post(jobpath.JobInput{Title: fmt.Sprintf("Go engineer %d", i), Description: "Go services.", Degree: d}, "Acme")
		if d.OpenWithoutDegree() {
			open[j.ID] = true
		}
		fx.sync() // a segment of jobs, then one of candidates
		p := &jobpath.Profile{UserID: fmt.Sprintf("user-%d", i%3), ProfileInput: jobpath.ProfileInput{Name: "Dev", Discoverable: true,
			Skills: []jobpath.SkillClaim{{Name: "go"}}, Education: []jobpath.Education{{Level: "bachelor"}}}}
		if cur, err := fx.st.FindProfile(ctx, p.UserID); err == nil {
			p.Version = cur.Version
		}
		if err := fx.st.PutProfile(ctx, p); err != nil {
			t.Fatal(err)
		}
		fx.sync()
		check(fmt.Sprintf("after write %d", i), fx.ix)
		if i%4 == 3 {
			// Scorch merges segments in the background, jobs' with
			// candidates', as it persists them and later: restart, and meet
			// the merged segment now.
			if err := fx.ix.Close(); err != nil {
				t.Fatal(err)
			}
			fx.open()
			if err := search.ForceMerge(ctx, fx.ix); err != nil {
				t.Fatal(err)
			}
			check(fmt.Sprintf("after a merge at write %d", i), fx.ix)
		}
	}
	// Another process starts on the same store: its index is built in one
	// go, jobs and candidates in the same segments.
	other, err := search.OpenOrRebuild(ctx, t.TempDir(), fx.st, fx.tax, fx.clock, quiet, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = other.Close() })
	check("a rebuilt index", other)
}

// TestSalaryCompares: the salary filter and sort compare pay per year in
// one currency, whatever currency and period a posting states it in.
func TestSalaryCompares(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	pay := map[string]*jobpath.Salary{
		"yen":    {Min: 6_000_000, Max: 8_000_000, Currency: "JPY", Period: "year"},
		"rupee":  {Min: 2_000_000, Max: 3_000_000, Currency: "INR", Period: "year"},
		"dollar": {Min: 140_000, Max: 160_000, Currency: "USD", Period: "year"},
		"euro":   {Min: 120_000, Max: 140_000, Currency: "EUR", Period: "year"},
		"hourly": {Min: 80, Max: 90, Currency: "USD", Period: "hour"},
	}
	key := map[string]string{}
	for name, s := range pay {
		j := fx.post(jobpath.JobInput{Title: "Go engineer " + name, Description: "Go services.", Salary: s}, "Acme")
		key[j.ID] = name
	}
	fx.sync()
	s := search.NewSearcher(fx.ix, fx.clock)
	res, err := s.SearchJobs(ctx, jobpath.JobQuery{SalaryMin: 150_000, Sort: "salary"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range res.Hits {
		got = append(got, key[h.ID])
	}
	// 90 an hour is about 187k a year; 140k euros about 156k dollars; 8M yen
	// and 3M rupees are far below.
	if want := []string{"hourly", "dollar", "euro"}; !slices.Equal(got, want) {
		t.Errorf("paying 150k a year or more, best paid first: %v, want %v", got, want)
	}
	all, err := s.SearchJobs(ctx, jobpath.JobQuery{Sort: "salary"})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Hits) != 5 || key[all.Hits[0].ID] != "hourly" || key[all.Hits[4].ID] != "rupee" {
		var order []string
		for _, h := range all.Hits {
			order = append(order, key[h.ID])
		}
		t.Errorf("sorted by salary: %v, want hourly first and rupee last", order)
	}
	for _, h := range all.Hits {
		if h.Salary == nil || *h.Salary != *pay[key[h.ID]] {
			t.Errorf("%s shows %+v, want the posting's own %+v", key[h.ID], h.Salary, pay[key[h.ID]])
		}
	}
}
