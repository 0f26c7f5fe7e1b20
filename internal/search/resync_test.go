package search_test

import (
	"context"
	"fmt"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/search"
)

// countingStore counts the point reads of documents and the scans of jobs
// a follower makes, and fails the scans when told to.
type countingStore struct {
	search.Store
	reads, scans atomic.Int64
	failScans    bool
}

func (c *countingStore) EachJob(ctx context.Context, fn func(*jobpath.Job) error) error {
	c.scans.Add(1)
	if c.failScans {
		return fmt.Errorf("scan broke")
	}
	return c.Store.EachJob(ctx, fn)
}

func (c *countingStore) FindJobByID(ctx context.Context, id string) (*jobpath.Job, error) {
	c.reads.Add(1)
	return c.Store.FindJobByID(ctx, id)
}

func (c *countingStore) FindProfile(ctx context.Context, id string) (*jobpath.Profile, error) {
	c.reads.Add(1)
	return c.Store.FindProfile(ctx, id)
}

// discoverable returns every discoverable profile's index id and version.
func (fx *fixture) discoverable() map[string]int64 {
	fx.t.Helper()
	out := map[string]int64{}
	err := fx.st.EachProfile(context.Background(), func(p *jobpath.Profile) error {
		if p.Discoverable {
			out["candidate/"+p.UserID] = p.Version
		}
		return nil
	})
	if err != nil {
		fx.t.Fatal(err)
	}
	return out
}

// TestFollowerResyncsWhenFarBehind stops a follower while the board
// changes, then catches up: past a backlog larger than the index, by one
// scan of the store instead of a read per change, and to the same result.
// Closed and drafted jobs and hidden profiles leave the index, and changes
// young enough that their writers may be at work are replayed from the feed.
func TestFollowerResyncsWhenFarBehind(t *testing.T) {
	tests := []struct {
		name      string
		newJobs   int
		hidden    int // jobs closed before the follower stops
		resync    bool
		failScans bool
	}{
		{"backlog larger than the board", 40, 0, true, false},
		{"backlog smaller than the board", 0, 0, false, false},
		// The store holds closed jobs the index does not: a scan reads them.
		{"backlog larger than the index, not the board", 20, 22, false, false},
		// A failed scan leaves the checkpoint, and following takes over.
		{"scan fails", 40, 0, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newFixture(t)
			ctx := context.Background()
			var jobs []*jobpath.Job
			for i := range 30 {
				jobs = append(jobs, fx.post(jobpath.JobInput{Title: fmt.Sprintf("Go engineer %d", i), Description: "Go and PostgreSQL services.", Level: "mid"}, "Acme"))
			}
			var profiles []*jobpath.Profile
			for i := range 4 {
				p := &jobpath.Profile{UserID: fmt.Sprintf("user-%d", i), ProfileInput: jobpath.ProfileInput{Name: fmt.Sprintf("Dev %d", i), Discoverable: true,
					Skills: []jobpath.SkillClaim{{Name: "go"}}}}
				if err := fx.st.PutProfile(ctx, p); err != nil {
					t.Fatal(err)
				}
				profiles = append(profiles, p)
			}
			for _, j := range jobs[8 : 8+tt.hidden] {
				j.Close(fx.clock.Now())
				if err := fx.st.UpdateJob(ctx, j); err != nil {
					t.Fatal(err)
				}
			}
			fx.sync()

			// The follower is stopped while the board changes.
			update := func(j *jobpath.Job, change func(*jobpath.Job)) {
				t.Helper()
				cur, err := fx.st.FindJobByID(ctx, j.ID)
				if err != nil {
					t.Fatal(err)
				}
				change(cur)
				if err := fx.st.UpdateJob(ctx, cur); err != nil {
					t.Fatal(err)
				}
			}
			update(jobs[0], func(j *jobpath.Job) { j.Close(fx.clock.Now()) })
			update(jobs[1], func(j *jobpath.Job) { j.Status = jobpath.StatusDraft })
			for _, j := range jobs[2:6] {
				update(j, func(j *jobpath.Job) { j.Title += " (revised)" })
			}
			for i := range tt.newJobs {
				fx.post(jobpath.JobInput{Title: fmt.Sprintf("Rust engineer %d", i), Description: "Rust services.", Level: "senior"}, "Globex")
			}
			profiles[0].Discoverable = false
			profiles[1].Headline = "Back-end developer"
			for _, p := range profiles[:2] {
				if err := fx.st.PutProfile(ctx, p); err != nil {
					t.Fatal(err)
				}
			}
			fx.clock.Advance(3 * jobpath.StaleClaim)
			// Young changes: a rebuild's checkpoint goes back over these.
			update(jobs[6], func(j *jobpath.Job) { j.Close(fx.clock.Now()) })
			fx.post(jobpath.JobInput{Title: "Kotlin engineer", Description: "Kotlin services.", Level: "mid"}, "Initech")
			// A writer that has announced its change and not yet written it:
			// a scan reads the old version, and only the feed tells of the new.
			finish := inFlight(t, fx, jobs[7], func(j *jobpath.Job) { j.Title = "Elixir engineer" })
			// The young entries' documents are read point by point, the one in
			// flight each time the follower looks (twice before its writer
			// finishes, once after).
			const young = 5

			head, err := fx.st.HeadChange(ctx)
			if err != nil {
				t.Fatal(err)
			}
			from, err := fx.ix.Checkpoint()
			if err != nil {
				t.Fatal(err)
			}
			counting := &countingStore{Store: fx.st, failScans: tt.failScans}
			f := search.NewFollower(fx.ix, counting, fx.clock, quiet)
			f.ResyncAfter = 10
			if tt.failScans {
				if _, err := f.CatchUp(ctx); err == nil {
					t.Fatal("a failed scan went unreported")
				}
				if cp, _ := fx.ix.Checkpoint(); cp != from {
					t.Fatalf("a failed scan moved the checkpoint from %d to %d", from, cp)
				}
			}
			catchUp(t, f)
			if cp, _ := fx.ix.Checkpoint(); cp != head-1 {
				t.Errorf("checkpoint %d with a write in flight at %d", cp, head)
			}
			finish()
			catchUp(t, f)

			if got, want := versions(t, fx.ix, "job"), fx.published(); !reflect.DeepEqual(got, want) {
				t.Errorf("jobs: first difference %s", firstDiff(got, want))
			}
			if got, want := versions(t, fx.ix, "candidate"), fx.discoverable(); !reflect.DeepEqual(got, want) {
				t.Errorf("candidates: index holds %v, store %v", got, want)
			}
			if cp, _ := fx.ix.Checkpoint(); cp != head {
				t.Errorf("checkpoint %d, feed head %d", cp, head)
			}
			reads, scans, backlog := counting.reads.Load(), counting.scans.Load(), head-from
			if tt.resync && (scans != 1 || reads > young) {
				t.Errorf("%d scans and %d point reads for a backlog of %d entries: want one scan and the young entries' reads", scans, reads, backlog)
			}
			if !tt.resync && !tt.failScans && scans != 0 {
				t.Errorf("the board was re-read for a backlog of %d entries", backlog)
			}
			if tt.failScans && scans != 1 {
				t.Errorf("%d scans: a failed one was retried at once", scans)
			}
			t.Logf("backlog %d entries, %d scans, %d point reads", backlog, scans, reads)
			if tt.failScans {
				// The pause after a failed scan runs on the follower's clock:
				// a backlog worth a scan is followed within it, scanned after.
				counting.failScans = false
				backlogOf := func(n int) {
					t.Helper()
					for i := range n {
						fx.post(jobpath.JobInput{Title: fmt.Sprintf("Java engineer %d", i), Description: "Java services.", Level: "mid"}, "Hooli")
					}
					fx.clock.Advance(3 * jobpath.StaleClaim)
				}
				backlogOf(100)
				catchUp(t, f)
				if n := counting.scans.Load(); n != 1 {
					t.Errorf("%d scans within the pause after a failed one, want none", n-1)
				}
				fx.clock.Advance(11 * time.Minute)
				backlogOf(200)
				catchUp(t, f)
				if n := counting.scans.Load(); n != 2 {
					t.Errorf("%d scans after the pause, want one", n-1)
				}
				if got, want := versions(t, fx.ix, "job"), fx.published(); !reflect.DeepEqual(got, want) {
					t.Errorf("jobs after the pause: first difference %s", firstDiff(got, want))
				}
			}
		})
	}
}

// inFlight announces a change to job j as a writer does, with its claim and
// feed entry, and returns the document write that completes it.
func inFlight(t *testing.T, fx *fixture, j *jobpath.Job, change func(*jobpath.Job)) (finish func()) {
	t.Helper()
	ctx := context.Background()
	next, err := fx.st.FindJobByID(ctx, j.ID)
	if err != nil {
		t.Fatal(err)
	}
	change(next)
	next.Version++
	raw, err := bson.Marshal(next)
	if err != nil {
		t.Fatal(err)
	}
	c, err := mongo.Connect(options.Client().ApplyURI(srv.URI()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Disconnect(context.Background()) })
	db := c.Database(fx.st.DatabaseName())
	head, err := fx.st.HeadChange(ctx)
	if err != nil {
		t.Fatal(err)
	}
	claim := fmt.Sprintf("jobs/%s/%d", j.ID, next.Version)
	if _, err := db.Collection("claims").InsertOne(ctx, bson.D{{Key: "_id", Value: claim}, {Key: "coll", Value: "jobs"}, {Key: "doc_id", Value: j.ID},
		{Key: "version", Value: next.Version}, {Key: "at", Value: fx.clock.Now()}, {Key: "doc", Value: bson.Raw(raw)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Collection("changes").InsertOne(ctx, bson.D{{Key: "_id", Value: seq(head + 1)}, {Key: "coll", Value: "jobs"}, {Key: "doc_id", Value: j.ID},
		{Key: "version", Value: next.Version}, {Key: "claim", Value: claim}, {Key: "at", Value: fx.clock.Now()}}); err != nil {
		t.Fatal(err)
	}
	return func() {
		t.Helper()
		if _, err := db.Collection("jobs").ReplaceOne(ctx, bson.D{{Key: "_id", Value: j.ID}}, bson.Raw(raw)); err != nil {
			t.Fatal(err)
		}
	}
}

func versions(t *testing.T, ix *search.Index, docType string) map[string]int64 {
	t.Helper()
	v, err := ix.Versions(context.Background(), docType)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
