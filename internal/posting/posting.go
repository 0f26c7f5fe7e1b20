// Package posting is the one home of job postings as their users meet them:
// creating, reading, editing and closing a job, with the analysis of its
// text and the rules of who may see and change it. The JSON API, the web
// pages, the demo seed and imports all post through it, so those rules hold
// however a job is reached.
package posting

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// maxIDLen bounds the job ids looked up: longer ones cannot exist.
const maxIDLen = 64

// writeAttempts bounds how often a write that lost a race is tried again.
const writeAttempts = 4

// Service posts and manages jobs.
type Service struct {
	jobs      jobpath.JobService
	companies jobpath.CompanyFinder
	analyzer  jobpath.JobAnalyzer
	money     jobpath.SalaryNormaliser
	clock     jobpath.Clock
}

// New returns the posting service over a job store. money makes the pay of
// jobs comparable.
func New(jobs jobpath.JobService, companies jobpath.CompanyFinder, analyzer jobpath.JobAnalyzer, money jobpath.SalaryNormaliser, clock jobpath.Clock) *Service {
	return &Service{jobs: jobs, companies: companies, analyzer: analyzer, money: money, clock: clock}
}

// Create posts a job for the caller's company, filling what the poster left
// out from the text. EUnauthorized, EForbidden (not an employer), EInvalid.
func (s *Service) Create(ctx context.Context, caller *jobpath.Principal, in jobpath.JobInput) (*jobpath.Job, error) {
	return s.Import(ctx, caller, in, "", time.Time{})
}

// Import is Create for jobs that come with an id and a time of their own
// (imports, the demo board): an empty id is assigned, a zero time is now.
// EConflict when the id is taken.
func (s *Service) Import(ctx context.Context, caller *jobpath.Principal, in jobpath.JobInput, id string, at time.Time) (*jobpath.Job, error) {
	if err := mayPost(caller); err != nil {
		return nil, err
	}
	co, err := s.companies.FindCompanyByID(ctx, caller.CompanyID)
	if err != nil {
		return nil, fmt.Errorf("company of caller: %w", err)
	}
	if at.IsZero() {
		at = s.clock.Now()
	}
	j, err := jobpath.NewJob(in, co, at.UTC())
	if err != nil {
		return nil, err
	}
	j.Enrich(s.analyzer, in.Explicit())
	j.SalaryYear = s.money.Annual(j.Salary)
	j.ID = id
	if err := s.jobs.CreateJob(ctx, j); err != nil {
		return nil, err
	}
	return j, nil
}

// previewCompany stands in for the poster's company in a preview, which
// stores nothing and so needs no company.
var previewCompany = &jobpath.Company{ID: "preview", Name: "Preview"}

// Preview is what Create would store for in, without storing it: the
// fields read from the text, and where in the text each was read. It is
// open to anyone, since it reads only what it is given. EInvalid.
func (s *Service) Preview(in jobpath.JobInput) (*jobpath.Job, error) {
	now := s.clock.Now().UTC()
	j, err := jobpath.NewJob(in, previewCompany, now)
	if err != nil {
		return nil, err
	}
	j.Enrich(s.analyzer, in.Explicit())
	j.SalaryYear = s.money.Annual(j.Salary)
	return j, nil
}

// Find returns job id as the caller may see it, with the status a reader
// sees now: jobs the caller may not see are indistinguishable from missing
// ones (ENotFound). caller may be nil.
func (s *Service) Find(ctx context.Context, caller *jobpath.Principal, id string) (*jobpath.Job, error) {
	j, err := s.find(ctx, caller, id)
	if err != nil {
		return nil, err
	}
	j.Status = j.EffectiveStatus(s.clock.Now())
	return j, nil
}

// find is Find with the stored status, for changes.
func (s *Service) find(ctx context.Context, caller *jobpath.Principal, id string) (*jobpath.Job, error) {
	if len(id) > maxIDLen {
		return nil, jobpath.Errorf(jobpath.ENotFound, "job not found")
	}
	j, err := s.jobs.FindJobByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if !j.VisibleTo(caller, s.clock.Now()) {
		return nil, jobpath.Errorf(jobpath.ENotFound, "job not found")
	}
	return j, nil
}

// FindOwn is Find for the job's company, with the status as stored: a job
// the caller may see but not change is EForbidden; no caller, EUnauthorized.
func (s *Service) FindOwn(ctx context.Context, caller *jobpath.Principal, id string) (*jobpath.Job, error) {
	if caller == nil {
		return nil, jobpath.Errorf(jobpath.EUnauthorized, "sign in to change jobs")
	}
	j, err := s.find(ctx, caller, id)
	if err != nil {
		return nil, err
	}
	if !j.OwnedBy(caller) {
		return nil, jobpath.Errorf(jobpath.EForbidden, "only the job's company may change it")
	}
	return j, nil
}

// Patch applies a partial update to one of the caller's company's jobs, on
// condition cond, and reads the text again for what the poster leaves to
// it. A patch must name the version it was made from, so that two editors
// never overwrite each other unseen. ENotFound, EForbidden, EUnconditional,
// EPrecondition (stale), EConflict (closed or expired), EInvalid.
func (s *Service) Patch(ctx context.Context, caller *jobpath.Principal, id string, cond jobpath.IfMatch, patch jobpath.JobPatch) (*jobpath.Job, error) {
	j, err := s.FindOwn(ctx, caller, id)
	if err != nil {
		return nil, err
	}
	if !cond.Set {
		return nil, jobpath.Errorf(jobpath.EUnconditional, "send If-Match with the ETag of the version you read")
	}
	if err := cond.Check(j.Version); err != nil {
		return nil, err
	}
	if err := j.Apply(patch, s.clock.Now().UTC()); err != nil {
		return nil, err
	}
	j.Enrich(s.analyzer, patch.Explicit())
	j.SalaryYear = s.money.Annual(j.Salary)
	if err := s.jobs.UpdateJob(ctx, j); err != nil {
		return nil, err
	}
	return j, nil
}

// Close closes one of the caller's company's jobs, which stays for history;
// closing a closed job changes nothing. ENotFound, EForbidden, EPrecondition.
func (s *Service) Close(ctx context.Context, caller *jobpath.Principal, id string, cond jobpath.IfMatch) error {
	j, err := s.FindOwn(ctx, caller, id)
	if err != nil {
		return err
	}
	if err := cond.Check(j.Version); err != nil {
		return err
	}
	if !j.Close(s.clock.Now().UTC()) {
		return nil
	}
	return s.jobs.UpdateJob(ctx, j)
}

// maxCompanyJobs bounds a company's listing.
const maxCompanyJobs = 1000

// Renew opens one of the caller's company's jobs for another
// jobpath.Validity from now, publishing it again if it had expired; a
// closed job stays closed (EConflict). A renewal that loses a race with
// another write reads the job again and renews that. ENotFound, EForbidden.
func (s *Service) Renew(ctx context.Context, caller *jobpath.Principal, id string) (*jobpath.Job, error) {
	for attempt := 1; ; attempt++ {
		j, err := s.FindOwn(ctx, caller, id)
		if err != nil {
			return nil, err
		}
		if err := j.Renew(s.clock.Now().UTC()); err != nil {
			return nil, err
		}
		err = s.jobs.UpdateJob(ctx, j)
		if jobpath.CodeOf(err) == jobpath.EPrecondition && attempt < writeAttempts {
			continue
		}
		if err != nil {
			return nil, err
		}
		return j, nil
	}
}

// ExpireDue stores the expiry of the jobs named by ids whose expires_at has
// passed, and reports how many it changed: the sweep that takes expired
// roles out of every process's index. It is safe to run in several
// processes at once: a job another process expired first is left as it is.
func (s *Service) ExpireDue(ctx context.Context, ids []string) (int, error) {
	n := 0
	var errs []error
	for _, id := range ids {
		for attempt := 1; attempt <= writeAttempts; attempt++ {
			j, err := s.jobs.FindJobByID(ctx, id)
			if jobpath.CodeOf(err) == jobpath.ENotFound {
				break
			}
			if err != nil {
				// One job that cannot be read must not hold up the rest.
				errs = append(errs, fmt.Errorf("expire %s: %w", id, err))
				break
			}
			if !j.Expire(s.clock.Now().UTC()) {
				break
			}
			err = s.jobs.UpdateJob(ctx, j)
			if jobpath.CodeOf(err) == jobpath.EPrecondition {
				continue // written meanwhile: look again
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("expire %s: %w", id, err))
				break
			}
			n++
			break
		}
		if ctx.Err() != nil {
			break
		}
	}
	return n, errors.Join(errs...)
}

// CompanyJobs lists the caller's company's jobs, newest first, with the
// status a reader sees now; status ("" for all) keeps one status.
// EForbidden, EInvalid (status).
func (s *Service) CompanyJobs(ctx context.Context, caller *jobpath.Principal, status jobpath.Status) ([]*jobpath.Job, error) {
	if err := mayPost(caller); err != nil {
		return nil, err
	}
	if status != "" && !jobpath.Valid(status, jobpath.Statuses) {
		var p jobpath.Problems
		p.Add("status", "must be one of %s", jobpath.Join(jobpath.Statuses))
		return nil, p.Err()
	}
	list, err := s.jobs.FindJobs(ctx, jobpath.JobFilter{Company: caller.CompanyID, Status: status, Limit: maxCompanyJobs})
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	for _, j := range list {
		j.Status = j.EffectiveStatus(now)
	}
	return list, nil
}

// mayPost says whether caller may post jobs: an employer of a company.
func mayPost(caller *jobpath.Principal) error {
	switch {
	case caller == nil:
		return jobpath.Errorf(jobpath.EUnauthorized, "sign in to post jobs")
	case caller.Role != jobpath.RoleEmployer || caller.CompanyID == "":
		return jobpath.Errorf(jobpath.EForbidden, "only employers post jobs")
	}
	return nil
}
