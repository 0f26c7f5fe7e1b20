package mongodb_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/jobpath/jobpath/internal/clocktest"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/mongodb"
	"github.com/jobpath/jobpath/internal/mongodb/mongotest"
)

var srv *mongotest.Server

func TestMain(m *testing.M) { os.Exit(mongotest.Main(m, &srv)) }

func newClock() *clocktest.Clock {
	return clocktest.New(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
}

func newJob(t *testing.T, title string, now time.Time) *jobpath.Job {
	t.Helper()
	j, err := jobpath.NewJob(jobpath.JobInput{Title: title, Description: "Build services."}, &jobpath.Company{ID: "acme", Name: "Acme"}, now)
	if err != nil {
		t.Fatalf("NewJob: %v", err)
	}
	return j
}

func TestIDLookupUsesExpressionIndex(t *testing.T) {
	st := srv.Open(t, nil)
	ctx := context.Background()
	if err := st.CreateJob(ctx, newJob(t, "Go developer", time.Now())); err != nil {
		t.Fatal(err)
	}
	for _, coll := range []string{"jobs", "users", "tokens", "profiles", "changes", "claims"} {
		plan, err := srv.QueryPlan(ctx, st.DatabaseName(), coll)
		if err != nil {
			t.Fatalf("%s: %v", coll, err)
		}
		joined := strings.Join(plan, "; ")
		if !strings.Contains(joined, "USING INDEX") || !strings.Contains(joined, "_jobpath_id") {
			t.Errorf("%s: lookup by _id does not use the expression index: %s", coll, joined)
		}
	}
}

func TestIndexIDsIsIdempotentAcrossReopen(t *testing.T) {
	ctx := context.Background()
	db := mongotest.DatabaseName()
	for i := 0; i < 2; i++ {
		st, err := mongodb.Open(ctx, srv.Options(db, nil))
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		if err := st.Close(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

func TestAccounts(t *testing.T) {
	st := srv.Open(t, nil)
	ctx := context.Background()
	u := &jobpath.User{ID: "u1", Email: "a@example.com", Name: "A", Role: jobpath.RoleCandidate}
	if err := st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		err  error
		code jobpath.ErrorCode
	}{
		{"duplicate e-mail", st.CreateUser(ctx, &jobpath.User{ID: "u2", Email: "a@example.com"}), jobpath.EConflict},
		{"duplicate user id", st.CreateUser(ctx, &jobpath.User{ID: "u1", Email: "b@example.com"}), jobpath.EConflict},
		{"duplicate company", func() error {
			_ = st.CreateCompany(ctx, &jobpath.Company{ID: "acme", Name: "Acme"})
			return st.CreateCompany(ctx, &jobpath.Company{ID: "acme", Name: "ACME"})
		}(), jobpath.EConflict},
		{"missing user", func() error { _, err := st.FindUserByEmail(ctx, "x@example.com"); return err }(), jobpath.ENotFound},
		{"missing token", func() error { _, err := st.FindToken(ctx, "nope"); return err }(), jobpath.ENotFound},
		{"missing job", func() error { _, err := st.FindJobByID(ctx, "nope"); return err }(), jobpath.ENotFound},
		{"missing profile", func() error { _, err := st.FindProfile(ctx, "nope"); return err }(), jobpath.ENotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jobpath.CodeOf(tt.err); got != tt.code {
				t.Fatalf("code = %q (%v), want %q", got, tt.err, tt.code)
			}
		})
	}
	got, err := st.FindUserByEmail(ctx, "a@example.com")
	if err != nil || got.ID != "u1" || got.Name != "A" {
		t.Fatalf("FindUserByEmail = %+v, %v", got, err)
	}
}

func TestTokensExpireBySweep(t *testing.T) {
	st := srv.Open(t, nil)
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Millisecond)
	for i, exp := range []time.Duration{-time.Hour, -time.Minute, time.Hour} {
		tok := &jobpath.Token{Hash: fmt.Sprint("h", i), UserID: "u", ExpiresAt: now.Add(exp)}
		if err := st.CreateToken(ctx, tok); err != nil {
			t.Fatal(err)
		}
	}
	n, err := st.DeleteExpiredTokens(ctx, now)
	if err != nil || n != 2 {
		t.Fatalf("DeleteExpiredTokens = %d, %v; want 2", n, err)
	}
	if _, err := st.FindToken(ctx, "h2"); err != nil {
		t.Fatalf("live token gone: %v", err)
	}
	if err := st.DeleteToken(ctx, "h2"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.FindToken(ctx, "h2"); jobpath.CodeOf(err) != jobpath.ENotFound {
		t.Fatalf("deleted token still found: %v", err)
	}
}

func TestUpdateJobCompareAndSet(t *testing.T) {
	st := srv.Open(t, nil)
	ctx := context.Background()
	j := newJob(t, "Go developer", time.Now())
	if err := st.CreateJob(ctx, j); err != nil {
		t.Fatal(err)
	}
	// Many writers start from the same version: exactly one may win.
	const writers = 8
	var wins, stale atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < writers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c := *j
			c.Title = fmt.Sprintf("Go developer %d", i)
			switch err := st.UpdateJob(ctx, &c); jobpath.CodeOf(err) {
			case "":
				wins.Add(1)
			case jobpath.EPrecondition:
				stale.Add(1)
			default:
				t.Errorf("writer %d: %v", i, err)
			}
		}(i)
	}
	wg.Wait()
	if wins.Load() != 1 || stale.Load() != writers-1 {
		t.Fatalf("wins = %d, stale = %d; want 1 and %d", wins.Load(), stale.Load(), writers-1)
	}
	got, err := st.FindJobByID(ctx, j.ID)
	if err != nil || got.Version != 2 {
		t.Fatalf("stored job = %+v, %v; want version 2", got, err)
	}
	if err := st.CreateJob(ctx, &jobpath.Job{ID: j.ID, Title: "again"}); jobpath.CodeOf(err) != jobpath.EConflict {
		t.Fatalf("CreateJob with a taken id: %v, want conflict", err)
	}
}

// TestFeedIsDenseAndComplete has concurrent writers create and update jobs,
// then checks that the feed holds exactly one entry per acknowledged write,
// numbered 1..N without a gap, so a reader that stops at the first missing
// number misses nothing.
func TestFeedIsDenseAndComplete(t *testing.T) {
	st := srv.Open(t, nil)
	ctx := context.Background()
	const writers, rounds = 8, 12
	var mu sync.Mutex
	acked := map[string]int64{} // job id -> highest acknowledged version
	var total atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < writers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			j := newJob(t, fmt.Sprintf("Job %d", w), time.Now())
			if err := st.CreateJob(ctx, j); err != nil {
				t.Errorf("create: %v", err)
				return
			}
			total.Add(1)
			for r := 0; r < rounds; r++ {
				j.Title = fmt.Sprintf("Job %d round %d", w, r)
				if err := st.UpdateJob(ctx, j); err != nil {
					t.Errorf("update: %v", err)
					return
				}
				total.Add(1)
			}
			mu.Lock()
			acked[j.ID] = j.Version
			mu.Unlock()
		}(w)
	}
	wg.Wait()
	changes, err := st.Feed().Read(ctx, 0, 10_000)
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(changes)) != total.Load() {
		t.Fatalf("feed holds %d entries, want %d", len(changes), total.Load())
	}
	seen := map[string][]int64{}
	for i, c := range changes {
		if c.Seq != int64(i+1) {
			t.Fatalf("entry %d has seq %d", i, c.Seq)
		}
		seen[c.DocID] = append(seen[c.DocID], c.Version)
	}
	for id, v := range acked {
		if n := int64(len(seen[id])); n != v {
			t.Errorf("job %s: %d entries, want %d", id, n, v)
		}
		got, err := st.FindJobByID(ctx, id)
		if err != nil || got.Version != v {
			t.Errorf("job %s stored at %v (%v), want %d", id, got, err, v)
		}
	}
	head, err := st.Feed().Head(ctx)
	if err != nil || head != total.Load() {
		t.Fatalf("Head = %d, %v; want %d", head, err, total.Load())
	}
	// A fresh reader (another process) finds the same head by probing.
	other, err := mongodb.Open(ctx, srv.Options(st.DatabaseName(), nil))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close(ctx)
	if h, err := other.Feed().Head(ctx); err != nil || h != head {
		t.Fatalf("fresh Head = %d, %v; want %d", h, err, head)
	}
	if rest, err := st.Feed().Read(ctx, head, 10); err != nil || len(rest) != 0 {
		t.Fatalf("Read past head = %v, %v", rest, err)
	}
}

// TestCrashedWriterIsRolledForward simulates a writer that claimed a version
// and added its feed entry, then died before writing the document.
func TestCrashedWriterIsRolledForward(t *testing.T) {
	clk := newClock()
	st := srv.Open(t, clk)
	ctx := context.Background()
	j := newJob(t, "Original", clk.Now())
	if err := st.CreateJob(ctx, j); err != nil {
		t.Fatal(err)
	}
	crashed := *j
	crashed.Version = 2
	crashed.Title = "Written by a writer that crashed"
	db := rawDB(t, st.DatabaseName())
	claim := insertClaim(t, db, &crashed, clk.Now())
	mustInsert(t, db.Collection("changes"), bson.D{{Key: "_id", Value: "0000000000000002"}, {Key: "coll", Value: "jobs"}, {Key: "doc_id", Value: j.ID}, {Key: "version", Value: int64(2)}, {Key: "claim", Value: claim}, {Key: "at", Value: clk.Now()}})

	changes, err := st.Feed().Read(ctx, 1, 10)
	if err != nil || len(changes) != 1 {
		t.Fatalf("Read = %v, %v", changes, err)
	}
	if ok, err := st.Settle(ctx, changes[0]); err != nil || ok {
		t.Fatalf("fresh claim settled = %v, %v; want a wait", ok, err)
	}
	// A live writer of the same version loses to the claim, whatever its age.
	next := *j
	next.Title = "Competing"
	if err := st.UpdateJob(ctx, &next); jobpath.CodeOf(err) != jobpath.EPrecondition {
		t.Fatalf("competing update: %v, want precondition", err)
	}
	clk.Advance(jobpath.StaleClaim + time.Second)
	if ok, err := st.Settle(ctx, changes[0]); err != nil || !ok {
		t.Fatalf("stale claim settled = %v, %v; want rolled forward", ok, err)
	}
	got, err := st.FindJobByID(ctx, j.ID)
	if err != nil || got.Version != 2 || got.Title != crashed.Title {
		t.Fatalf("after roll-forward: %+v, %v", got, err)
	}
	if err := st.UpdateJob(ctx, got); err != nil || got.Version != 3 {
		t.Fatalf("update after roll-forward: version %d, %v", got.Version, err)
	}
}

// TestWriterRollsForwardStaleClaim covers a writer that died after claiming,
// before its feed entry: the next writer finishes it and adds the entry.
func TestWriterRollsForwardStaleClaim(t *testing.T) {
	clk := newClock()
	st := srv.Open(t, clk)
	ctx := context.Background()
	j := newJob(t, "Original", clk.Now())
	if err := st.CreateJob(ctx, j); err != nil {
		t.Fatal(err)
	}
	crashed := *j
	crashed.Version = 2
	crashed.Title = "Claimed only"
	insertClaim(t, rawDB(t, st.DatabaseName()), &crashed, clk.Now())
	clk.Advance(jobpath.StaleClaim + time.Second)
	next := *j
	next.Title = "Late writer"
	if err := st.UpdateJob(ctx, &next); jobpath.CodeOf(err) != jobpath.EPrecondition {
		t.Fatalf("update: %v, want precondition", err)
	}
	got, _ := st.FindJobByID(ctx, j.ID)
	if got.Version != 2 || got.Title != "Claimed only" {
		t.Fatalf("not rolled forward: %+v", got)
	}
	changes, err := st.Feed().Read(ctx, 0, 10)
	if err != nil || len(changes) != 2 || changes[1].Version != 2 {
		t.Fatalf("feed = %+v, %v; want the rolled-forward entry", changes, err)
	}
}

func TestProfileVersions(t *testing.T) {
	st := srv.Open(t, nil)
	ctx := context.Background()
	p := &jobpath.Profile{UserID: "u1", ProfileInput: jobpath.ProfileInput{Name: "Ada", Skills: []jobpath.SkillClaim{{Name: "go", Years: 3}}}}
	if err := st.PutProfile(ctx, p); err != nil || p.Version != 1 {
		t.Fatalf("first put: %d, %v", p.Version, err)
	}
	stale := *p
	stale.Version = 0
	if err := st.PutProfile(ctx, &stale); jobpath.CodeOf(err) != jobpath.EPrecondition {
		t.Fatalf("stale put: %v", err)
	}
	p.Headline = "Back-end developer"
	if err := st.PutProfile(ctx, p); err != nil || p.Version != 2 {
		t.Fatalf("second put: %d, %v", p.Version, err)
	}
	got, err := st.FindProfile(ctx, "u1")
	if err != nil || got.Headline != "Back-end developer" || got.Version != 2 || got.Skills[0].Name != "go" {
		t.Fatalf("FindProfile = %+v, %v", got, err)
	}
}

func TestFindJobsOfCompany(t *testing.T) {
	clk := newClock()
	st := srv.Open(t, clk)
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		j := newJob(t, fmt.Sprintf("Job %d", i), clk.Now())
		clk.Advance(time.Minute)
		if err := st.CreateJob(ctx, j); err != nil {
			t.Fatal(err)
		}
	}
	other := newJob(t, "Elsewhere", clk.Now())
	other.Company = "globex"
	if err := st.CreateJob(ctx, other); err != nil {
		t.Fatal(err)
	}
	jobs, err := st.FindJobs(ctx, jobpath.JobFilter{Company: "acme"})
	if err != nil || len(jobs) != 3 || jobs[0].Title != "Job 2" {
		t.Fatalf("FindJobs = %d jobs (first %v), %v", len(jobs), jobs, err)
	}
}

func rawDB(t *testing.T, name string) *mongo.Database {
	t.Helper()
	c, err := mongo.Connect(options.Client().ApplyURI(srv.URI()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Disconnect(context.Background()) })
	return c.Database(name)
}

// insertClaim stores the claim a writer makes before writing j, as if the
// writer then died, and returns the claim's id.
func insertClaim(t *testing.T, db *mongo.Database, j *jobpath.Job, at time.Time) string {
	t.Helper()
	raw, err := bson.Marshal(j)
	if err != nil {
		t.Fatal(err)
	}
	id := fmt.Sprintf("jobs/%s/%d", j.ID, j.Version)
	mustInsert(t, db.Collection("claims"), bson.D{{Key: "_id", Value: id}, {Key: "coll", Value: "jobs"}, {Key: "doc_id", Value: j.ID}, {Key: "version", Value: j.Version}, {Key: "at", Value: at}, {Key: "doc", Value: bson.Raw(raw)}})
	return id
}

func mustInsert(t *testing.T, c *mongo.Collection, doc any) {
	t.Helper()
	if _, err := c.InsertOne(context.Background(), doc); err != nil {
		t.Fatal(err)
	}
}

// TestLateWriteIsRepaired: a writer whose document write lands after its
// claim was rolled forward and a newer version written would put the old
// version back; its repair writes the newest claimed version again.
func TestLateWriteIsRepaired(t *testing.T) {
	clk := newClock()
	st := srv.Open(t, clk)
	ctx := context.Background()
	j := newJob(t, "Version one", clk.Now())
	if err := st.CreateJob(ctx, j); err != nil {
		t.Fatal(err)
	}
	v2 := *j
	v2.Version, v2.Title = 2, "Version two"
	v3 := *j
	v3.Version, v3.Title = 3, "Version three"
	db := rawDB(t, st.DatabaseName())
	insertClaim(t, db, &v2, clk.Now())
	insertClaim(t, db, &v3, clk.Now())
	// The store holds v3 (its writer finished); now the paused writer of v2
	// lands its replace and runs its repair.
	if _, err := db.Collection("jobs").ReplaceOne(ctx, bson.D{{Key: "_id", Value: j.ID}}, &v3); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Collection("jobs").ReplaceOne(ctx, bson.D{{Key: "_id", Value: j.ID}}, &v2); err != nil {
		t.Fatal(err)
	}
	if err := st.RepairLateWrite(ctx, "jobs", j.ID, 2); err != nil {
		t.Fatal(err)
	}
	got, err := st.FindJobByID(ctx, j.ID)
	if err != nil || got.Version != 3 || got.Title != "Version three" {
		t.Fatalf("after repair: %+v, %v", got, err)
	}
}
