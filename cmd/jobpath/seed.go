package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"log/slog"
	"time"

	"github.com/jobpath/jobpath/data"
	"github.com/jobpath/jobpath/internal/auth"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/mongodb"
	"github.com/jobpath/jobpath/internal/posting"
	"github.com/jobpath/jobpath/internal/profiles"
)

// Markers of the demo seed in the store. "started" lets a seed cut short by a
// crash resume on the next start; every write is keyed, so a repeat is a no-op.
const (
	seedStarted = "demo-seed-started"
	seedDone    = "demo-seed-done"
)

// seedDemo loads the demo board into a store that holds nothing else, once,
// through the same use cases as the API: each demo employer posts its jobs
// and each demo candidate puts their profile.
func seedDemo(ctx context.Context, st *mongodb.Store, accounts *auth.Service, posts *posting.Service, ps *profiles.Service, clock jobpath.Clock, password string, log *slog.Logger) error {
	done, err := st.IsDone(ctx, seedDone)
	if err != nil || done {
		return err
	}
	started, err := st.IsDone(ctx, seedStarted)
	if err != nil {
		return err
	}
	if !started {
		empty, err := st.Empty(ctx)
		if err != nil {
			return err
		}
		if !empty {
			log.Info("store holds data; demo board not seeded")
			return nil
		}
		if _, err := st.MarkDone(ctx, seedStarted); err != nil {
			return err
		}
	}
	demo, err := data.LoadDemo()
	if err != nil {
		return err
	}
	if password == "" {
		b := make([]byte, 12)
		_, _ = rand.Read(b)
		password = base64.RawURLEncoding.EncodeToString(b)
	}
	register := func(a data.DemoAccount, role, company string) (*jobpath.Principal, error) {
		u, err := accounts.Register(ctx, jobpath.Registration{Email: a.Email, Password: password, Name: a.Name, Role: role, Company: company})
		if jobpath.CodeOf(err) == jobpath.EConflict {
			u, err = st.FindUserByEmail(ctx, jobpath.NormaliseEmail(a.Email))
		}
		if err != nil {
			return nil, err
		}
		return u.Principal(), nil
	}
	employers := map[string]*jobpath.Principal{}
	for _, c := range demo.Companies {
		if employers[c.Name], err = register(c.Employer, jobpath.RoleEmployer, c.Name); err != nil {
			return fmt.Errorf("employer of %s: %w", c.Name, err)
		}
	}
	now := clock.Now()
	for i, dj := range demo.Jobs {
		// Spread postings over the last weeks so the board looks lived in.
		at := now.Add(-time.Duration(i) * 11 * time.Hour)
		_, err := posts.Import(ctx, employers[dj.Company], dj.Job, fmt.Sprintf("demo-%03d", i+1), at)
		if err != nil && jobpath.CodeOf(err) != jobpath.EConflict { // posted before a crash
			return fmt.Errorf("demo job %d: %w", i, err)
		}
	}
	// Version 0 is "no profile yet": a profile put before a crash stays.
	onlyNew := jobpath.IfMatch{Set: true, Versions: []int64{0}}
	for _, dc := range demo.Candidates {
		cand, err := register(dc.Account, jobpath.RoleCandidate, "")
		if err != nil {
			return fmt.Errorf("candidate %s: %w", dc.Account.Email, err)
		}
		if _, _, err := ps.Put(ctx, cand, dc.Profile, onlyNew); err != nil && jobpath.CodeOf(err) != jobpath.EPrecondition {
			return fmt.Errorf("profile of %s: %w", dc.Account.Email, err)
		}
	}
	if _, err := st.MarkDone(ctx, seedDone); err != nil {
		return err
	}
	log.Info("seeded the demo board", "companies", len(demo.Companies), "jobs", len(demo.Jobs), "candidates", len(demo.Candidates),
		"demo_login", demo.Companies[0].Employer.Email, "demo_password", password)
	return nil
}
