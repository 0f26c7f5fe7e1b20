package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"sync"
	"time"

	"github.com/jobpath/jobpath/data"
	"github.com/jobpath/jobpath/internal/applications"
	"github.com/jobpath/jobpath/internal/auth"
	"github.com/jobpath/jobpath/internal/career"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/match"
	"github.com/jobpath/jobpath/internal/money"
	"github.com/jobpath/jobpath/internal/mongodb"
	"github.com/jobpath/jobpath/internal/mongodb/embedded"
	"github.com/jobpath/jobpath/internal/places"
	"github.com/jobpath/jobpath/internal/posting"
	"github.com/jobpath/jobpath/internal/profiles"
	"github.com/jobpath/jobpath/internal/reading"
	"github.com/jobpath/jobpath/internal/report"
	"github.com/jobpath/jobpath/internal/search"
	"github.com/jobpath/jobpath/internal/searches"
	"github.com/jobpath/jobpath/internal/server"
	"github.com/jobpath/jobpath/internal/skills"
)

type serveConfig struct {
	addr, dataDir, mongoURI        string
	seed                           bool
	demoPassword                   string
	adminEmail, adminPassword      string
	logLevel, logFormat            string
	authRate, workRate, bcryptCost int
	tokenTTL, shutdownTimeout      time.Duration
}

func parseServe(args []string, getenv func(string) string, out io.Writer) (*serveConfig, error) {
	fs := flag.NewFlagSet("jobpath serve", flag.ContinueOnError)
	fs.SetOutput(out)
	e := &envFlags{fs: fs, getenv: getenv}
	addr := e.String("addr", "JOBPATH_ADDR", "127.0.0.1:8080", "address to listen on")
	dataDir := e.String("data-dir", "JOBPATH_DATA_DIR", "var", "directory for the embedded store and the search index")
	uri := e.String("mongodb-uri", "MONGODB_URI", "", "MongoDB connection string; empty runs the embedded store")
	seed := e.Bool("seed", "JOBPATH_SEED", true, "seed the demo board into an empty store")
	demoPassword := e.String("demo-password", "JOBPATH_DEMO_PASSWORD", "", "password of the demo accounts; random (and logged) when empty")
	adminEmail := e.String("admin-email", "JOBPATH_ADMIN_EMAIL", "", "create this operator account at start-up if missing")
	adminPassword := e.String("admin-password", "JOBPATH_ADMIN_PASSWORD", "", "password of the operator account")
	logLevel := e.String("log-level", "JOBPATH_LOG_LEVEL", "info", "debug, info, warn or error")
	logFormat := e.String("log-format", "JOBPATH_LOG_FORMAT", "text", "text or json")
	authRate := e.Int("auth-rate", "JOBPATH_AUTH_RATE", 10, "login and register attempts per client address per minute")
	workRate := e.Int("work-rate", "JOBPATH_WORK_RATE", 120, "writes, career and match requests per signed-in caller per minute")
	bcryptCost := e.Int("bcrypt-cost", "JOBPATH_BCRYPT_COST", 10, "bcrypt cost of password hashes (4-31)")
	tokenTTL := e.Duration("token-ttl", "JOBPATH_TOKEN_TTL", 30*24*time.Hour, "lifetime of API tokens")
	shutdown := e.Duration("shutdown-timeout", "JOBPATH_SHUTDOWN_TIMEOUT", 20*time.Second, "how long in-flight requests may finish at shutdown")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if e.err != nil {
		return nil, e.err
	}
	c := &serveConfig{
		addr: *addr, dataDir: *dataDir, mongoURI: *uri, seed: *seed, demoPassword: *demoPassword,
		adminEmail: *adminEmail, adminPassword: *adminPassword, logLevel: *logLevel, logFormat: *logFormat,
		authRate: *authRate, workRate: *workRate, bcryptCost: *bcryptCost, tokenTTL: *tokenTTL, shutdownTimeout: *shutdown,
	}
	if (c.adminEmail == "") != (c.adminPassword == "") {
		return nil, errors.New("set both --admin-email and --admin-password, or neither")
	}
	if c.bcryptCost < 4 || c.bcryptCost > 31 {
		return nil, errors.New("--bcrypt-cost must be between 4 and 31")
	}
	return c, nil
}

func newLogger(out io.Writer, level, format string) (*slog.Logger, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: l}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(out, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(out, opts)), nil
	}
	return nil, fmt.Errorf("--log-format: %q is neither text nor json", format)
}

// serve runs the board until ctx ends, then shuts down in reverse order of
// start: HTTP (letting in-flight requests finish), background work, store.
func serve(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cfg, err := parseServe(args, getenv, stdout)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	log, err := newLogger(stdout, cfg.logLevel, cfg.logFormat)
	if err != nil {
		return err
	}
	started := time.Now()
	clock := jobpath.ClockFunc(time.Now)
	// The vocabulary is validated before anything listens: a broken data
	// file must stop the start, not surface later.
	tax, err := skills.Parse(data.SkillsYAML())
	if err != nil {
		return err
	}
	model, err := career.Parse(data.TrajectoryYAML(), tax)
	if err != nil {
		return err
	}
	gaz, err := places.Parse(data.PlaceSources())
	if err != nil {
		return err
	}
	reader := reading.New(tax, gaz)
	rates, err := money.Parse(data.RatesTSV())
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	defer ln.Close()

	store, closeStore, err := openStore(ctx, cfg, clock, log)
	if err != nil {
		return err
	}
	defer closeStore()

	accounts, err := auth.New(store, clock, auth.Options{TokenTTL: cfg.tokenTTL, BcryptCost: cfg.bcryptCost})
	if err != nil {
		return err
	}
	posts := posting.New(store, store, reader, rates, clock)
	people := profiles.New(store, reader, model, rates, clock)
	// Seed before the operator account exists: the seed goes only into an
	// empty store.
	if cfg.seed {
		if err := seedDemo(ctx, store, accounts, posts, people, clock, cfg.demoPassword, log); err != nil {
			return fmt.Errorf("seed demo data: %w", err)
		}
	}
	if cfg.adminEmail != "" {
		created, err := accounts.EnsureAdmin(ctx, cfg.adminEmail, cfg.adminPassword)
		if err != nil {
			return err
		}
		if created {
			log.Info("created operator account", "email", cfg.adminEmail)
		}
	}

	ix, err := search.OpenOrRebuild(ctx, filepath.Join(cfg.dataDir, "index"), store, tax, clock, log, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err := ix.Close(); err != nil {
			log.Warn("close search index", "err", err)
		}
	}()
	follower := search.NewFollower(ix, store, clock, log)
	searcher := search.NewSearcher(ix, clock)

	demand := career.NewDemandCache(store.PublishedJobs, tax, clock, 5*time.Minute)
	matcher := match.NewMatcher(store, posts, searcher, tax, model, demand.Demand, gaz.CountryCode, clock)
	apps := applications.New(store, posts, store, tax, gaz.CountryCode, clock)
	saved := searches.New(store, searcher, clock)
	srv, err := server.New(server.Deps{
		Auth: accounts, Posting: posts, Profiles: people,
		Applications: apps, Searches: saved, Matcher: matcher,
		Reports: report.NewBuilder(matcher, apps, saved, searcher, clock),
		Search:  searcher, Candidates: searcher,
		Skills: tax, Career: model, Demand: demand.Demand,
		Ready: func(ctx context.Context) error {
			if err := store.Ping(ctx); err != nil {
				return err
			}
			if !follower.Ready() {
				return jobpath.Errorf(jobpath.EUnavailable, "the search index is catching up with the store")
			}
			return nil
		},
		Logger: log, Clock: clock, AuthRate: cfg.authRate, WorkRate: cfg.workRate,
	})
	if err != nil {
		return err
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	bg, stopBG := context.WithCancel(context.WithoutCancel(ctx))
	var background sync.WaitGroup
	background.Go(func() { sweepTokens(bg, store, clock, log) })
	background.Go(func() { sweepExpired(bg, searcher, posts, log) })
	background.Go(func() { _ = follower.Run(bg) })

	log.Info("listening", "url", "http://"+ln.Addr().String(), "store", storeKind(cfg), "startup_ms", time.Since(started).Milliseconds())

	select {
	case <-ctx.Done():
		log.Info("shutting down")
	case err := <-served:
		stopBG()
		background.Wait()
		return err
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.shutdownTimeout)
	defer cancel()
	err = srv.Shutdown(shutdownCtx)
	stopBG()
	background.Wait()
	if serr := <-served; serr != nil && err == nil {
		err = serr
	}
	log.Info("stopped")
	return err
}

func storeKind(cfg *serveConfig) string {
	if cfg.mongoURI != "" {
		return "mongodb"
	}
	return "embedded:" + cfg.dataDir
}

// openStore connects to MONGODB_URI, or starts the embedded store under the
// data directory. The returned function closes clients before the server.
func openStore(ctx context.Context, cfg *serveConfig, clock jobpath.Clock, log *slog.Logger) (*mongodb.Store, func(), error) {
	if cfg.mongoURI != "" {
		st, err := mongodb.Open(ctx, mongodb.Options{URI: cfg.mongoURI, Clock: clock})
		if err != nil {
			return nil, nil, err
		}
		return st, func() { closeWithin(st.Close, log, "store") }, nil
	}
	quiet := slog.New(log.Handler()).With("component", "embedded-store")
	if !log.Enabled(ctx, slog.LevelDebug) {
		quiet = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	emb, err := embedded.Start(ctx, filepath.Join(cfg.dataDir, "db"), quiet)
	if err != nil {
		return nil, nil, err
	}
	st, err := mongodb.Open(ctx, mongodb.Options{URI: emb.URI(), Database: "jobpath", Clock: clock, AfterMigrate: emb.IndexIDs})
	if err != nil {
		closeWithin(emb.Stop, log, "embedded store")
		return nil, nil, err
	}
	return st, func() {
		closeWithin(st.Close, log, "store")
		closeWithin(emb.Stop, log, "embedded store")
	}, nil
}

func closeWithin(stop func(context.Context) error, log *slog.Logger, what string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := stop(ctx); err != nil {
		log.Warn("close "+what, "err", err)
	}
}

// expirySweep is how often passed expiries are stored; until then every
// reader already sees such a job as expired.
const expirySweep = time.Minute

// sweepExpired stores the expiry of jobs whose expires_at has passed, so
// that they leave every process's index. Each process sweeps what its own
// index holds; a job another process expired first is left alone.
func sweepExpired(ctx context.Context, ix *search.Searcher, posts *posting.Service, log *slog.Logger) {
	t := time.NewTicker(expirySweep)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			ids, err := ix.ExpiredJobs(ctx, 500)
			if err == nil && len(ids) > 0 {
				var n int
				n, err = posts.ExpireDue(ctx, ids)
				if n > 0 {
					log.Info("expired jobs", "count", n)
				}
			}
			if err != nil && ctx.Err() == nil {
				log.Warn("sweep expired jobs", "err", err)
			}
		}
	}
}

// sweepTokens deletes expired tokens hourly: the embedded store has no TTL
// indexes, and a token check refuses expired tokens anyway.
func sweepTokens(ctx context.Context, store jobpath.AccountStore, clock jobpath.Clock, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if n, err := store.DeleteExpiredTokens(ctx, clock.Now()); err != nil {
				log.Warn("sweep tokens", "err", err)
			} else if n > 0 {
				log.Info("swept expired tokens", "count", n)
			}
		}
	}
}
