package search_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/jobpath/jobpath/internal/jobpath"
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
