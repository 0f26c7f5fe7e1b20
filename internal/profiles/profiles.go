// Package profiles is the one home of candidate profiles as candidates keep
// them: reading and replacing one's own profile, validated and normalised
// (skill names to canonical ids) the same way whoever calls.
package profiles

import (
	"context"
	"time"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// putAttempts bounds how often an unconditional put retries after losing a
// race with another writer of the same profile.
const putAttempts = 4

// Service keeps candidates' profiles.
type Service struct {
	profiles jobpath.ProfileService
	analyzer jobpath.JobAnalyzer
	placer   Placer
	money    jobpath.SalaryNormaliser
	clock    jobpath.Clock
}

// Placer places a profile on the back-end trajectory: its stage and its
// years of back-end work. career.Model is one.
type Placer interface {
	PlaceProfile(p *jobpath.Profile, now time.Time) (jobpath.Stage, float64)
}

// New returns the profile service over a profile store.
func New(profiles jobpath.ProfileService, analyzer jobpath.JobAnalyzer, placer Placer, money jobpath.SalaryNormaliser, clock jobpath.Clock) *Service {
	return &Service{profiles: profiles, analyzer: analyzer, placer: placer, money: money, clock: clock}
}

// Find returns the caller's own profile. EUnauthorized, EForbidden (not a
// candidate), ENotFound.
func (s *Service) Find(ctx context.Context, caller *jobpath.Principal) (*jobpath.Profile, error) {
	if err := isCandidate(caller); err != nil {
		return nil, err
	}
	return s.profiles.FindProfile(ctx, caller.UserID)
}

// Put creates or replaces the caller's profile with in, on condition cond;
// created reports a new profile. Without a condition the last writer wins:
// a put that loses a race reads the profile again and retries. EInvalid,
// EPrecondition, EForbidden.
func (s *Service) Put(ctx context.Context, caller *jobpath.Principal, in jobpath.ProfileInput, cond jobpath.IfMatch) (p *jobpath.Profile, created bool, err error) {
	if err := isCandidate(caller); err != nil {
		return nil, false, err
	}
	if err := in.Validate(); err != nil {
		return nil, false, err
	}
	in.Normalise()
	in.CanonicaliseSkills(s.analyzer)
	for attempt := 1; ; attempt++ {
		now := s.clock.Now().UTC()
		p, err := s.profiles.FindProfile(ctx, caller.UserID)
		switch {
		case jobpath.CodeOf(err) == jobpath.ENotFound:
			p = &jobpath.Profile{UserID: caller.UserID, CreatedAt: now}
		case err != nil:
			return nil, false, err
		}
		if err := cond.Check(p.Version); err != nil {
			return nil, false, err
		}
		created := p.Version == 0
		p.ProfileInput = in
		p.UpdatedAt = now
		// Placed once, here, from the whole profile: what hiring teams see
		// of the candidate's stage is what the candidate sees.
		p.Stage, p.BackendYears = s.placer.PlaceProfile(p, now)
		p.DesiredSalaryYear = s.money.Annual(p.DesiredSalary)
		err = s.profiles.PutProfile(ctx, p)
		if jobpath.CodeOf(err) == jobpath.EPrecondition && !cond.Set && attempt < putAttempts {
			continue
		}
		if err != nil {
			return nil, false, err
		}
		return p, created, nil
	}
}

func isCandidate(caller *jobpath.Principal) error {
	switch {
	case caller == nil:
		return jobpath.Errorf(jobpath.EUnauthorized, "sign in to keep a profile")
	case caller.Role != jobpath.RoleCandidate:
		return jobpath.Errorf(jobpath.EForbidden, "only candidates keep a profile")
	}
	return nil
}
