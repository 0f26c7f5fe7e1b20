package search_test

import (
	"context"
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
