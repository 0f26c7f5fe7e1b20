// Package applications is the one home of applying to a job and of a hiring
// team's pipeline: a candidate applies with their profile as it is then,
// sees their applications and withdraws; the job's company lists its
// applicants, each scored and explained as matches are, moves them from
// step to step under If-Match, and exports them as CSV. Contact details
// reach a hiring team through an application, and only through one.
package applications

import (
	"context"
	"strings"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/match"
	"github.com/jobpath/jobpath/internal/skills"
)

// JobFinder reads jobs as their readers may; posting.Service is one.
type JobFinder interface {
	// Find returns job id as caller may see it; ENotFound.
	Find(ctx context.Context, caller *jobpath.Principal, id string) (*jobpath.Job, error)
	// FindOwn returns job id of the caller's company; ENotFound, EForbidden.
	FindOwn(ctx context.Context, caller *jobpath.Principal, id string) (*jobpath.Job, error)
}

// Service applies and moves applications.
type Service struct {
	apps     jobpath.ApplicationService
	jobs     JobFinder
	profiles jobpath.ProfileService
	tax      *skills.Taxonomy
	country  func(name string) string
	clock    jobpath.Clock
}

// New returns the service. country gives the ISO code of a country's name,
// as the matcher's does.
func New(apps jobpath.ApplicationService, jobs JobFinder, profiles jobpath.ProfileService, tax *skills.Taxonomy,
	country func(string) string, clock jobpath.Clock) *Service {
	return &Service{apps: apps, jobs: jobs, profiles: profiles, tax: tax, country: country, clock: clock}
}

// Applicant is an application as the hiring team reads it: with its score
// and explanation for the job, from the profile as it was sent.
type Applicant struct {
	*jobpath.Application
	Fit         match.Result `json:"fit"`
	Explanation string       `json:"explanation"`
}

// Apply sends the caller's profile to a published job. EUnauthorized,
// EForbidden (not a candidate), ENotFound (no such job, or no profile yet),
// EConflict (applied before), EInvalid.
func (s *Service) Apply(ctx context.Context, caller *jobpath.Principal, jobID string, in jobpath.ApplicationInput) (*jobpath.Application, error) {
	if err := isCandidate(caller); err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	j, err := s.jobs.Find(ctx, caller, jobID)
	if err != nil {
		return nil, err
	}
	if j.Status != jobpath.StatusPublished {
		return nil, jobpath.Errorf(jobpath.ENotFound, "job not found")
	}
	p, err := s.profiles.FindProfile(ctx, caller.UserID)
	if jobpath.CodeOf(err) == jobpath.ENotFound {
		return nil, jobpath.Errorf(jobpath.ENotFound, "create your profile first: it is what the hiring team receives")
	}
	if err != nil {
		return nil, err
	}
	now := s.clock.Now().UTC()
	a := &jobpath.Application{
		ID: jobpath.ApplicationID(j.ID, caller.UserID), JobID: j.ID, JobTitle: j.Title, Company: j.Company, CompanyName: j.CompanyName,
		CandidateID: caller.UserID, Note: strings.TrimSpace(in.Note), Profile: *p, Step: jobpath.StepApplied,
		History:   []jobpath.Move{{To: jobpath.StepApplied, By: caller.UserID, ByName: caller.Name, At: now}},
		CreatedAt: now, UpdatedAt: now,
	}
	if err := s.apps.CreateApplication(ctx, a); err != nil {
		return nil, err
	}
	return a, nil
}

// Find returns one application to its applicant or to the job's company;
// to anyone else it does not exist. ENotFound.
func (s *Service) Find(ctx context.Context, caller *jobpath.Principal, id string) (*jobpath.Application, error) {
	a, err := s.find(ctx, id)
	if err != nil {
		return nil, err
	}
	if caller != nil && caller.UserID == a.CandidateID {
		return a, nil
	}
	if err := s.owns(ctx, caller, a); err != nil {
		return nil, err
	}
	return a, nil
}

// owns says whether caller is of the application's job's company; to anyone
// else the application does not exist (ENotFound). Other failures pass.
func (s *Service) owns(ctx context.Context, caller *jobpath.Principal, a *jobpath.Application) error {
	_, err := s.jobs.FindOwn(ctx, caller, a.JobID)
	switch jobpath.CodeOf(err) {
	case "":
		return nil
	case jobpath.ENotFound, jobpath.EForbidden, jobpath.EUnauthorized:
		return jobpath.Errorf(jobpath.ENotFound, "application not found")
	}
	return err
}

func (s *Service) find(ctx context.Context, id string) (*jobpath.Application, error) {
	if _, _, ok := jobpath.SplitApplicationID(id); !ok || len(id) > 160 {
		return nil, jobpath.Errorf(jobpath.ENotFound, "application not found")
	}
	return s.apps.FindApplication(ctx, id)
}

// Move moves an application to another step for the job's company, on
// condition cond: two teammates moving one application at once cannot both
// win. ENotFound, EUnconditional, EPrecondition, EConflict (an illegal move),
// EInvalid.
func (s *Service) Move(ctx context.Context, caller *jobpath.Principal, id string, cond jobpath.IfMatch, in jobpath.MoveInput) (*jobpath.Application, error) {
	if err := in.Validate(); err != nil {
		return nil, err
	}
	a, err := s.find(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.owns(ctx, caller, a); err != nil {
		return nil, err
	}
	if !cond.Set {
		return nil, jobpath.Errorf(jobpath.EUnconditional, "send If-Match with the ETag of the application you read")
	}
	if err := cond.Check(a.Version); err != nil {
		return nil, err
	}
	if err := a.MoveTo(in.Step, caller, in.Note, s.clock.Now().UTC()); err != nil {
		return nil, err
	}
	if err := s.apps.UpdateApplication(ctx, a); err != nil {
		return nil, err
	}
	return a, nil
}

// Withdraw takes the caller's own application back. ENotFound, EConflict
// (already final).
func (s *Service) Withdraw(ctx context.Context, caller *jobpath.Principal, id string) (*jobpath.Application, error) {
	a, err := s.find(ctx, id)
	if err != nil {
		return nil, err
	}
	if caller == nil || caller.UserID != a.CandidateID {
		return nil, jobpath.Errorf(jobpath.ENotFound, "application not found")
	}
	for attempt := 0; ; attempt++ {
		if err := a.Withdraw(caller, s.clock.Now().UTC()); err != nil {
			return nil, err
		}
		err := s.apps.UpdateApplication(ctx, a)
		if jobpath.CodeOf(err) != jobpath.EPrecondition || attempt == 3 {
			return a, err
		}
		// Moved by the team meanwhile: withdraw from where it is now.
		if a, err = s.find(ctx, id); err != nil {
			return nil, err
		}
	}
}

// Mine lists the caller's applications, newest first, with their steps.
// EForbidden (not a candidate).
func (s *Service) Mine(ctx context.Context, caller *jobpath.Principal) ([]*jobpath.Application, error) {
	if err := isCandidate(caller); err != nil {
		return nil, err
	}
	return s.apps.CandidateApplications(ctx, caller.UserID)
}

// ForJob lists a job's applicants for its company, oldest first, each
// scored against the job from the profile they sent. ENotFound, EForbidden.
func (s *Service) ForJob(ctx context.Context, caller *jobpath.Principal, jobID string) (*jobpath.Job, []Applicant, error) {
	j, err := s.jobs.FindOwn(ctx, caller, jobID)
	if err != nil {
		return nil, nil, err
	}
	apps, err := s.apps.JobApplications(ctx, j.ID)
	if err != nil {
		return nil, nil, err
	}
	out := make([]Applicant, 0, len(apps))
	for _, a := range apps {
		p := &a.Profile
		c := match.Candidate{Profile: p, Stage: p.Stage, Years: p.BackendYears, Degree: p.HasDegree()}
		for _, l := range p.Locations {
			if code := s.country(l.Country); code != "" {
				c.Countries = append(c.Countries, code)
			}
		}
		res := match.ScoreForTeam(c, j, s.tax)
		out = append(out, Applicant{Application: a, Fit: res, Explanation: match.Explain(res)})
	}
	return j, out, nil
}

func isCandidate(caller *jobpath.Principal) error {
	switch {
	case caller == nil:
		return jobpath.Errorf(jobpath.EUnauthorized, "sign in to apply")
	case caller.Role != jobpath.RoleCandidate:
		return jobpath.Errorf(jobpath.EForbidden, "only candidates apply to jobs")
	}
	return nil
}
