package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/jobpath/jobpath/data"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/search"
	"github.com/jobpath/jobpath/internal/skills"
)

// reindex rebuilds the search index under the data directory from the
// store. Run it while no serve uses the same data directory.
func reindex(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("jobpath reindex", flag.ContinueOnError)
	fs.SetOutput(stdout)
	e := &envFlags{fs: fs, getenv: getenv}
	dataDir := e.String("data-dir", "JOBPATH_DATA_DIR", "var", "directory of the embedded store and the search index")
	uri := e.String("mongodb-uri", "MONGODB_URI", "", "MongoDB connection string; empty uses the embedded store")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if e.err != nil {
		return e.err
	}
	log, err := newLogger(stdout, "warn", "text")
	if err != nil {
		return err
	}
	clock := jobpath.ClockFunc(time.Now)
	tax, err := skills.Parse(data.SkillsYAML())
	if err != nil {
		return err
	}
	cfg := &serveConfig{dataDir: *dataDir, mongoURI: *uri}
	store, closeStore, err := openStore(ctx, cfg, clock, log)
	if err != nil {
		return err
	}
	defer closeStore()

	bar := progressbar.NewOptions64(-1,
		progressbar.OptionSetWriter(stdout),
		progressbar.OptionSetDescription("reading jobs"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("jobs"),
		progressbar.OptionSetVisibility(isTerminal(stdout)),
		progressbar.OptionThrottle(100*time.Millisecond),
	)
	start := time.Now()
	last := 0
	ix, err := search.Rebuild(ctx, filepath.Join(cfg.dataDir, "index"), store, tax, clock, func(n int) {
		_ = bar.Add(n - last)
		last = n
	})
	_ = bar.Finish()
	if err != nil {
		return err
	}
	defer ix.Close()
	jobs, err := ix.CountOf(ctx, "job")
	if err != nil {
		return err
	}
	cands, err := ix.CountOf(ctx, "candidate")
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nreindexed: %d jobs and profiles read; %d published jobs and %d discoverable candidates indexed in %v\n",
		last, jobs, cands, time.Since(start).Round(time.Millisecond))
	return nil
}

// isTerminal reports whether w is a terminal, where a progress bar helps.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
