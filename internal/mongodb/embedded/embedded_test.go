package embedded_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/jobpath/jobpath/internal/mongodb/embedded"
)

// TestIndexIDsRepairsLookupByID shows the defect and its repair: before
// IndexIDs, SQLite scans the table to find a document by _id; after, it uses
// the expression index. It also checks data survives a restart.
func TestIndexIDsRepairsLookupByID(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv, err := embedded.Start(ctx, dir, quiet)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.IndexIDs(ctx, "nothing-here"); err != nil {
		t.Fatalf("IndexIDs on a missing database: %v", err)
	}
	client, err := mongo.Connect(options.Client().ApplyURI(srv.URI()))
	if err != nil {
		t.Fatal(err)
	}
	coll := client.Database("shop").Collection("items")
	for i := 0; i < 50; i++ {
		if _, err := coll.InsertOne(ctx, bson.D{{Key: "_id", Value: "item-" + string(rune('a'+i%26)) + string(rune('a'+i/26))}, {Key: "n", Value: i}}); err != nil {
			t.Fatal(err)
		}
	}
	plan, err := srv.QueryPlan(ctx, "shop", "items")
	if err != nil {
		t.Fatal(err)
	}
	if p := strings.Join(plan, "; "); !strings.Contains(p, "SCAN") || strings.Contains(p, "_jobpath_id") {
		t.Fatalf("before the repair the plan was expected to scan: %s", p)
	}
	for i := 0; i < 2; i++ { // idempotent
		if err := srv.IndexIDs(ctx, "shop"); err != nil {
			t.Fatal(err)
		}
	}
	plan, err = srv.QueryPlan(ctx, "shop", "items")
	if err != nil {
		t.Fatal(err)
	}
	if p := strings.Join(plan, "; "); !strings.Contains(p, "USING INDEX items_") || !strings.Contains(p, "_jobpath_id") {
		t.Fatalf("after the repair the plan does not use the index: %s", p)
	}
	var got struct {
		N int `bson:"n"`
	}
	if err := coll.FindOne(ctx, bson.D{{Key: "_id", Value: "item-db"}}).Decode(&got); err != nil || got.N != 29 {
		t.Fatalf("find by _id: %+v, %v", got, err)
	}

	stop := func(s *embedded.Server, c *mongo.Client) {
		t.Helper()
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if err := c.Disconnect(sctx); err != nil {
			t.Fatal(err)
		}
		if err := s.Stop(sctx); err != nil {
			t.Fatal(err)
		}
	}
	stop(srv, client)

	srv, err = embedded.Start(ctx, dir, quiet)
	if err != nil {
		t.Fatal(err)
	}
	client, err = mongo.Connect(options.Client().ApplyURI(srv.URI()))
	if err != nil {
		t.Fatal(err)
	}
	defer stop(srv, client)
	n, err := client.Database("shop").Collection("items").CountDocuments(ctx, bson.D{})
	if err != nil || n != 50 {
		t.Fatalf("after restart: %d documents, %v", n, err)
	}
}
