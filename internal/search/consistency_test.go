package search_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/search"
)

// published returns every job the store holds as published now, with its version.
func (fx *fixture) published() map[string]int64 {
	fx.t.Helper()
	out := map[string]int64{}
	err := fx.st.EachJob(context.Background(), func(j *jobpath.Job) error {
		if j.EffectiveStatus(fx.clock.Now()) == jobpath.StatusPublished {
			out[j.ID] = j.Version
		}
		return nil
	})
	if err != nil {
		fx.t.Fatal(err)
	}
	return out
}

// replica is one more process's index over the same store.
type replica struct {
	dir string
	ix  *search.Index
	f   *search.Follower
}

func (fx *fixture) replica(dir string) *replica {
	fx.t.Helper()
	ix, err := search.OpenOrRebuild(context.Background(), dir, fx.st, fx.tax, fx.clock, quiet, nil)
	if err != nil {
		fx.t.Fatal(err)
	}
	f := search.NewFollower(ix, fx.st, fx.clock, quiet)
	f.Poll = 20 * time.Millisecond
	f.BatchSize = 50
	return &replica{dir: dir, ix: ix, f: f}
}

// converge waits until the replica holds exactly want, and says how long it took.
func (r *replica) converge(t *testing.T, want map[string]int64) time.Duration {
	t.Helper()
	start := time.Now()
	for {
		got, err := r.ix.Versions(context.Background(), "job")
		if err != nil {
			t.Fatal(err)
		}
		if reflect.DeepEqual(got, want) {
			return time.Since(start)
		}
		// A generous bound: convergence time is reported, not asserted.
		if time.Since(start) > 20*time.Second {
			t.Fatalf("index never matched the store: %d jobs indexed, %d published; first difference %s", len(got), len(want), firstDiff(got, want))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func firstDiff(got, want map[string]int64) string {
	for id, v := range want {
		if got[id] != v {
			return fmt.Sprintf("%s: index has %d, store %d", id, got[id], v)
		}
	}
	for id, v := range got {
		if _, ok := want[id]; !ok {
			return fmt.Sprintf("%s: in the index at %d, not published", id, v)
		}
	}
	return "none"
}

// TestReplicasFollowConcurrentWriters runs two replicas over one store while
// eight writers create, update, draft and close jobs; once writes stop, each
// index holds exactly the store's published jobs at their current version.
// Then one follower is stopped mid-batch and restarted, and one index is
// deleted and rebuilt: the same result each time.
func TestReplicasFollowConcurrentWriters(t *testing.T) {
	if testing.Short() {
		t.Skip("writes for a few seconds")
	}
	fx := newFixture(t)
	a := fx.replica(filepath.Join(t.TempDir(), "a"))
	b := fx.replica(filepath.Join(t.TempDir(), "b"))
	ctx, stop := context.WithCancel(context.Background())
	var followers sync.WaitGroup
	for _, r := range []*replica{a, b} {
		followers.Go(func() { _ = r.f.Run(ctx) })
	}

	const writers = 8
	deadline := time.Now().Add(3 * time.Second)
	var wg sync.WaitGroup
	var mu sync.Mutex
	writes := 0
	for w := 0; w < writers; w++ {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			var mine []*jobpath.Job
			for time.Now().Before(deadline) {
				op := rng.IntN(10)
				switch {
				case op < 3 || len(mine) == 0:
					j := fx.post(jobpath.JobInput{Title: fmt.Sprintf("Go engineer %d-%d", w, len(mine)), Description: "Go and PostgreSQL services.", Level: "mid", Degree: "unspecified"}, "Acme")
					mine = append(mine, j)
				default:
					j := mine[rng.IntN(len(mine))]
					cur, err := fx.st.FindJobByID(context.Background(), j.ID)
					if err != nil {
						t.Error(err)
						return
					}
					switch {
					case op == 9:
						cur.Close(fx.clock.Now())
					case op == 8 && cur.Status == jobpath.StatusPublished:
						cur.Status = jobpath.StatusDraft
					case cur.Status == jobpath.StatusDraft:
						cur.Status = jobpath.StatusPublished
					default:
						cur.Title = fmt.Sprintf("Go engineer %d revised %d", w, rng.IntN(1000))
					}
					if err := fx.st.UpdateJob(context.Background(), cur); err != nil && jobpath.CodeOf(err) != jobpath.EPrecondition {
						t.Error(err)
						return
					}
				}
				mu.Lock()
				writes++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	want := fx.published()
	la, lb := a.converge(t, want), b.converge(t, want)
	t.Logf("%d writes by %d writers; %d published; replicas converged %v and %v after writes stopped", writes, writers, len(want), la, lb)
	stop()
	followers.Wait()

	// A follower stopped in the middle of a batch, then restarted, catches up.
	more := fx.post(jobpath.JobInput{Title: "Rust engineer", Description: "Rust services.", Level: "senior", Degree: "unspecified"}, "Acme")
	for i := 0; i < 20; i++ {
		fx.post(jobpath.JobInput{Title: fmt.Sprintf("Kotlin engineer %d", i), Description: "Kotlin services.", Level: "mid", Degree: "unspecified"}, "Globex")
	}
	// The follower dies ten changes into its batch: nothing of the batch is applied.
	dying := &dyingFeed{Store: fx.st}
	dying.left.Store(10)
	crash := search.NewFollower(a.ix, dying, fx.clock, quiet)
	before, err := a.ix.Checkpoint()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := crash.Step(context.Background()); err == nil {
		t.Fatal("the dying feed did not stop the batch")
	}
	if after, _ := a.ix.Checkpoint(); after != before {
		t.Fatalf("a failed batch moved the checkpoint from %d to %d", before, after)
	}
	if err := a.ix.Close(); err != nil {
		t.Fatal(err)
	}
	a = fx.replica(a.dir)
	want = fx.published()
	if _, ok := want[more.ID]; !ok {
		t.Fatal("the new job is not published")
	}
	ctx, stop = context.WithCancel(context.Background())
	followers.Go(func() { _ = a.f.Run(ctx) })
	t.Logf("restarted follower converged after %v", a.converge(t, want))
	stop()
	followers.Wait()
	_ = a.ix.Close()

	// An index deleted from disk is rebuilt from the store.
	if err := os.RemoveAll(b.dir); err != nil {
		t.Fatal(err)
	}
	_ = b.ix.Close()
	b = fx.replica(b.dir)
	defer b.ix.Close()
	ctx, stop = context.WithCancel(context.Background())
	defer stop()
	go func() { _ = b.f.Run(ctx) }()
	t.Logf("rebuilt index converged after %v", b.converge(t, want))
}

// dyingFeed fails after a number of document reads, as a process killed in
// the middle of a batch would stop.
type dyingFeed struct {
	search.Store
	left atomic.Int32 // reads left before dying; read ahead concurrently
}

func (d *dyingFeed) FindJobByID(ctx context.Context, id string) (*jobpath.Job, error) {
	if d.left.Add(-1) < 0 {
		return nil, fmt.Errorf("killed")
	}
	return d.Store.FindJobByID(ctx, id)
}
