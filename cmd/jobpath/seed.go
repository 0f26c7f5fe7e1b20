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
)

// Markers of the demo seed in the store. "started" lets a seed cut short by a
// crash resume on the next start; every write is keyed, so a repeat is a no-op.
const (
	seedStarted = "demo-seed-started"
	seedDone    = "demo-seed-done"
)

// seedDemo loads the demo board into a store that holds nothing else, once.
func seedDemo(ctx context.Context, st *mongodb.Store, accounts *auth.Service, analyzer jobpath.JobAnalyzer, clock jobpath.Clock, password string, log *slog.Logger) error {
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
	register := func(a data.DemoAccount, role, company string) (*jobpath.User, error) {
		u, err := accounts.Register(ctx, jobpath.Registration{Email: a.Email, Password: password, Name: a.Name, Role: role, Company: company})
		if jobpath.ErrorCode(err) == jobpath.EConflict {
			return st.FindUserByEmail(ctx, jobpath.NormaliseEmail(a.Email))
		}
		return u, err
	}
	companies := map[string]*jobpath.Company{}
	for _, c := range demo.Companies {
		if _, err := register(c.Employer, jobpath.RoleEmployer, c.Name); err != nil {
			return fmt.Errorf("employer of %s: %w", c.Name, err)
		}
		co, err := st.FindCompanyByID(ctx, jobpath.CompanyID(c.Name))
		if err != nil {
			return err
		}
		companies[c.Name] = co
	}
	now := clock.Now().UTC()
	for i, dj := range demo.Jobs {
		// Spread postings over the last weeks so the board looks lived in.
		at := now.Add(-time.Duration(i) * 11 * time.Hour)
		j, err := jobpath.NewJob(dj.Job, companies[dj.Company], at)
		if err != nil {
			return fmt.Errorf("demo job %d: %w", i, err)
		}
		j.Enrich(analyzer, dj.Job.Explicit())
		j.ID = fmt.Sprintf("demo-%03d", i+1)
		if err := st.CreateJob(ctx, j); err != nil && jobpath.ErrorCode(err) != jobpath.EConflict {
			return fmt.Errorf("demo job %d: %w", i, err)
		}
	}
	for _, dc := range demo.Candidates {
		u, err := register(dc.Account, jobpath.RoleCandidate, "")
		if err != nil {
			return fmt.Errorf("candidate %s: %w", dc.Account.Email, err)
		}
		if _, err := st.FindProfile(ctx, u.ID); err == nil {
			continue
		}
		in := dc.Profile
		in.Normalise()
		in.CanonicaliseSkills(analyzer)
		p := &jobpath.Profile{UserID: u.ID, ProfileInput: in, CreatedAt: now, UpdatedAt: now}
		if err := st.PutProfile(ctx, p); err != nil && jobpath.ErrorCode(err) != jobpath.EPrecondition {
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
