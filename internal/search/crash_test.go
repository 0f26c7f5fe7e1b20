package search_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/search"
)

// TestFollowerWaitsForACrashedWriter: a writer announced version 2 of a job
// in the feed and died before writing it. The follower holds its checkpoint
// at that change until the claim is stale, then the write is finished and
// indexed, and later changes follow.
func TestFollowerWaitsForACrashedWriter(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	j := fx.post(jobpath.JobInput{Title: "Go engineer", Description: "Go."}, "Acme")
	fx.sync()

	crashed := *j
	crashed.Version = 2
	crashed.Title = "Rust engineer"
	raw, err := bson.Marshal(&crashed)
	if err != nil {
		t.Fatal(err)
	}
	c, err := mongo.Connect(options.Client().ApplyURI(srv.URI()))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Disconnect(ctx)
	db := c.Database(fx.st.DatabaseName())
	head, err := fx.st.HeadChange(ctx)
	if err != nil {
		t.Fatal(err)
	}
	claim := "jobs/" + j.ID + "/2"
	if _, err := db.Collection("claims").InsertOne(ctx, bson.D{{Key: "_id", Value: claim}, {Key: "coll", Value: "jobs"}, {Key: "doc_id", Value: j.ID}, {Key: "version", Value: int64(2)}, {Key: "at", Value: fx.clock.Now()}, {Key: "doc", Value: bson.Raw(raw)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Collection("changes").InsertOne(ctx, bson.D{{Key: "_id", Value: seq(head + 1)}, {Key: "coll", Value: "jobs"}, {Key: "doc_id", Value: j.ID}, {Key: "version", Value: int64(2)}, {Key: "claim", Value: claim}, {Key: "at", Value: fx.clock.Now()}}); err != nil {
		t.Fatal(err)
	}

	fx.sync()
	if cp, _ := fx.ix.Checkpoint(); cp != head {
		t.Fatalf("checkpoint moved past a write still in flight: %d, want %d", cp, head)
	}
	fx.clock.Advance(jobpath.StaleClaim + time.Second)
	fx.sync()
	// Past the crashed writer's entry, and past the roll-forward's own.
	if cp, _ := fx.ix.Checkpoint(); cp != head+2 {
		t.Fatalf("checkpoint %d after the claim went stale, want %d", cp, head+2)
	}
	res := fx.search(jobpath.JobQuery{Text: "rust"})
	if res.Total != 1 || res.Hits[0].ID != j.ID {
		t.Fatalf("the rolled-forward version is not indexed: %+v", res)
	}
}

func seq(n int64) string { return fmt.Sprintf("%016d", n) }

// TestIndexOfAnotherStoreIsRebuilt: an index directory kept while the store
// under it changed (a wiped database, another MONGODB_URI) is rebuilt, not
// followed from a checkpoint that means nothing in the new feed.
func TestIndexOfAnotherStoreIsRebuilt(t *testing.T) {
	fx := newFixture(t)
	for i := 0; i < 5; i++ {
		fx.post(jobpath.JobInput{Title: fmt.Sprintf("Old job %d", i), Description: "Go."}, "Acme")
	}
	fx.sync()
	if err := fx.ix.Close(); err != nil {
		t.Fatal(err)
	}
	other := srv.Open(t, fx.clock)
	fx.st = other
	fresh := fx.post(jobpath.JobInput{Title: "New job", Description: "Go."}, "Globex")
	fx.open()
	fx.sync()
	res := fx.search(jobpath.JobQuery{Text: "job"})
	if res.Total != 1 || res.Hits[0].ID != fresh.ID {
		t.Fatalf("after switching stores the index holds %d jobs: %+v", res.Total, res.Hits)
	}
}

// TestRetrievalNeverServesAStaleCopy: jobs read for matching are cached, and
// a change to a job reaches retrieval once the follower applied it.
func TestRetrievalNeverServesAStaleCopy(t *testing.T) {
	fx := newFixture(t)
	ctx := context.Background()
	j := fx.post(jobpath.JobInput{Title: "Python developer", Description: "Python.", Skills: &jobpath.Skills{Required: []string{"python"}}}, "Acme")
	fx.sync()
	s := search.NewSearcher(fx.ix, fx.clock)
	retrieve := func() *jobpath.Job {
		t.Helper()
		got, err := s.RetrieveJobs(ctx, jobpath.Retrieval{Skills: []string{"python", "django"}})
		if err != nil || len(got) != 1 {
			t.Fatalf("retrieve: %v, %v", got, err)
		}
		return got[0]
	}
	if r := retrieve(); r.Version != 1 || strings.Join(r.Skills.Required, ",") != "python" {
		t.Fatalf("first read: %+v", r)
	}
	retrieve() // served from the cache
	cur, err := fx.st.FindJobByID(ctx, j.ID)
	if err != nil {
		t.Fatal(err)
	}
	cur.Skills.Required = []string{"python", "django"}
	if err := fx.st.UpdateJob(ctx, cur); err != nil {
		t.Fatal(err)
	}
	fx.sync()
	if r := retrieve(); r.Version != 2 || strings.Join(r.Skills.Required, ",") != "python,django" {
		t.Fatalf("after the change: %+v", r)
	}
}
