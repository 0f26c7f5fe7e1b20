// Package mongotest gives tests a real store: one embedded server per test
// package, reached over the wire by the official driver, and a fresh database
// per test.
package mongotest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/mongodb"
	"github.com/jobpath/jobpath/internal/mongodb/embedded"
)

// Server is an embedded server for one test package.
type Server struct {
	*embedded.Server
	dir string
}

// Start starts an embedded server in a temporary directory; call it from
// TestMain and Stop it after m.Run.
func Start() (*Server, error) {
	dir, err := os.MkdirTemp("", "jobpath-test-")
	if err != nil {
		return nil, err
	}
	srv, err := embedded.Start(context.Background(), dir, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, err
	}
	return &Server{Server: srv, dir: dir}, nil
}

// Stop stops the server and removes its data.
func (s *Server) Stop() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = s.Server.Stop(ctx)
	_ = os.RemoveAll(s.dir)
}

// Main runs a test package's tests with a server in *srv.
func Main(m *testing.M, srv **Server) int {
	s, err := Start()
	if err != nil {
		_, _ = os.Stderr.WriteString("embedded store: " + err.Error() + "\n")
		return 1
	}
	*srv = s
	defer s.Stop()
	return m.Run()
}

// DatabaseName returns a new random database name.
func DatabaseName() string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return "t" + hex.EncodeToString(b)
}

// Open opens a store on a fresh database, closed when the test ends.
func (s *Server) Open(t testing.TB, clock jobpath.Clock) *mongodb.Store {
	t.Helper()
	st, err := mongodb.Open(context.Background(), s.Options(DatabaseName(), clock))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = st.Drop(ctx)
		_ = st.Close(ctx)
	})
	return st
}

// Options are the store options for database db on this server.
func (s *Server) Options(db string, clock jobpath.Clock) mongodb.Options {
	return mongodb.Options{URI: s.URI(), Database: db, Clock: clock, AfterMigrate: s.IndexIDs}
}

// Snapshot returns the number of documents in every collection of database
// db, for asserting that a refused request changed nothing.
func (s *Server) Snapshot(t testing.TB, db string) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	c, err := mongo.Connect(options.Client().ApplyURI(s.URI()))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Disconnect(ctx)
	names, err := c.Database(db).ListCollectionNames(ctx, bson.D{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	for _, n := range names {
		if out[n], err = c.Database(db).Collection(n).CountDocuments(ctx, bson.D{}); err != nil {
			t.Fatal(err)
		}
	}
	return out
}
