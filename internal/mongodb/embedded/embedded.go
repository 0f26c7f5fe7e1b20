// Package embedded runs a MongoDB-compatible server inside the process:
// FerretDB v1 on SQLite, listening on a loopback port, with its data under a
// directory. It is the store of `jobpath serve` when no MONGODB_URI is set, and
// of the tests.
package embedded

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	_ "modernc.org/sqlite" // the SQLite driver FerretDB itself uses; opened here for the _id index repair
)

// Server is a running embedded store.
type Server struct {
	dir    string
	uri    string
	cancel context.CancelFunc
	done   chan error
}

// Start starts a server keeping its data in dir (created if missing). The
// logger receives FerretDB's own logs; pass a quiet one.
func Start(ctx context.Context, dir string, logger *slog.Logger) (*Server, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("embedded store: create data directory: %w", err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("embedded store: %w", err)
	}
	// FerretDB reports its bound address only after Run starts; picking a free
	// port first lets Start hand back a URI without racing Run.
	port, err := freePort()
	if err != nil {
		return nil, fmt.Errorf("embedded store: %w", err)
	}
	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: net.JoinHostPort("127.0.0.1", port)},
		Handler:   "sqlite",
		SQLiteURL: "file:" + abs + "/",
		Logger:    logger,
	})
	if err != nil {
		return nil, fmt.Errorf("embedded store: %w", err)
	}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s := &Server{dir: abs, cancel: cancel, done: make(chan error, 1)}
	go func() { s.done <- f.Run(runCtx) }()
	s.uri = f.MongoDBURI()
	if err := waitListening(ctx, net.JoinHostPort("127.0.0.1", port)); err != nil {
		s.cancel()
		<-s.done
		return nil, fmt.Errorf("embedded store: %w", err)
	}
	return s, nil
}

// URI is the connection string for the official driver.
func (s *Server) URI() string { return s.uri }

// Stop stops the server. Disconnect every client first: FerretDB waits for
// open connections to close.
func (s *Server) Stop(ctx context.Context) error {
	s.cancel()
	select {
	case err := <-s.done:
		return err
	case <-ctx.Done():
		return fmt.Errorf("embedded store: stop: %w", ctx.Err())
	}
}

// IndexIDs works around a FerretDB v1.24 defect: lookups by _id query
// `_ferretdb_sjson->'$._id'` while FerretDB's own _id index is built on
// `_ferretdb_sjson->"_id"`, an expression SQLite does not consider equal, so
// every read, update and delete by _id scans the table. IndexIDs adds an
// index on the exact expression the queries use to every collection of
// database db. It is idempotent; call it after creating collections.
func (s *Server) IndexIDs(ctx context.Context, db string) error {
	path := filepath.Join(s.dir, db+".sqlite")
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil // no collection yet
	}
	conn, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("embedded store: open %s: %w", db, err)
	}
	defer conn.Close()
	tables, err := collectionTables(ctx, conn)
	if err != nil {
		return fmt.Errorf("embedded store: list collections of %s: %w", db, err)
	}
	for _, t := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, t+"_jobpath_id", t)
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("embedded store: index %s.%s: %w", db, t, err)
		}
	}
	return nil
}

// QueryPlan returns SQLite's plan for the statement FerretDB runs to find a
// document of collection coll by _id, one line per plan step.
func (s *Server) QueryPlan(ctx context.Context, db, coll string) ([]string, error) {
	conn, err := sql.Open("sqlite", "file:"+filepath.Join(s.dir, db+".sqlite")+"?mode=ro")
	if err != nil {
		return nil, fmt.Errorf("embedded store: %w", err)
	}
	defer conn.Close()
	var table string
	err = conn.QueryRowContext(ctx, `SELECT table_name FROM _ferretdb_collections WHERE name = ?`, coll).Scan(&table)
	if err != nil {
		return nil, fmt.Errorf("embedded store: find table of %s: %w", coll, err)
	}
	rows, err := conn.QueryContext(ctx, fmt.Sprintf(`EXPLAIN QUERY PLAN SELECT _ferretdb_sjson FROM %q WHERE _ferretdb_sjson->'$._id' = ?`, table), `"x"`)
	if err != nil {
		return nil, fmt.Errorf("embedded store: explain: %w", err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return nil, fmt.Errorf("embedded store: explain: %w", err)
		}
		plan = append(plan, detail)
	}
	return plan, rows.Err()
}

func collectionTables(ctx context.Context, conn *sql.DB) ([]string, error) {
	rows, err := conn.QueryContext(ctx, `SELECT table_name FROM _ferretdb_collections`)
	if err != nil {
		if strings.Contains(err.Error(), "no such table") {
			return nil, nil
		}
		return nil, err
	}
	defer rows.Close()
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		tables = append(tables, t)
	}
	return tables, rows.Err()
}

func freePort() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	_, port, err := net.SplitHostPort(l.Addr().String())
	return port, err
}

func waitListening(ctx context.Context, addr string) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := (&net.Dialer{Timeout: time.Second}).DialContext(ctx, "tcp", addr)
		if err == nil {
			return c.Close()
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			return fmt.Errorf("not listening on %s: %w", addr, err)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
