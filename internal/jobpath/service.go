package jobpath

import (
	"context"
	"time"
)

// AccountStore keeps users, companies and API tokens.
type AccountStore interface {
	// CreateUser stores u; EConflict when the e-mail is taken.
	CreateUser(ctx context.Context, u *User) error
	// FindUserByEmail returns the user with that normalised e-mail; ENotFound.
	FindUserByEmail(ctx context.Context, email string) (*User, error)
	// CreateCompany stores c; EConflict when its id is taken.
	CreateCompany(ctx context.Context, c *Company) error
	// FindCompanyByID returns a company; ENotFound.
	FindCompanyByID(ctx context.Context, id string) (*Company, error)
	// CreateToken stores t.
	CreateToken(ctx context.Context, t *Token) error
	// FindToken returns the token with that hash; ENotFound.
	FindToken(ctx context.Context, hash string) (*Token, error)
	// DeleteToken removes a token; deleting a missing one is not an error.
	DeleteToken(ctx context.Context, hash string) error
	// DeleteExpiredTokens removes tokens that expired before now.
	DeleteExpiredTokens(ctx context.Context, now time.Time) (int64, error)
	// ClaimCompanyKey reserves the comparison key of a company's name for
	// company; EConflict when another company holds it.
	ClaimCompanyKey(ctx context.Context, key, company string) error
	// PutMember adds or replaces a member of a company's team; RemoveMember
	// takes one out. Both are one write by the company's key.
	PutMember(ctx context.Context, company string, m Member) error
	RemoveMember(ctx context.Context, company, userID string) error
	// SetOwner makes userID the company's owner.
	SetOwner(ctx context.Context, company, userID string) error
	// SetUserCompany moves the user with that e-mail to company ("" for none).
	SetUserCompany(ctx context.Context, email, company string) error
	// CreateInvite stores an invite; ClaimInvite takes the one with that hash
	// out and returns it, so that it works once; ENotFound.
	CreateInvite(ctx context.Context, in *Invite) error
	ClaimInvite(ctx context.Context, hash string) (*Invite, error)
}

// JobFilter selects jobs for listing.
type JobFilter struct {
	Company string // required: listings are per company until search takes over
	Status  Status // optional
	Limit   int
}

// JobService keeps job postings.
type JobService interface {
	// CreateJob stores j as version 1, assigning an id when j has none;
	// EConflict when the id is taken.
	CreateJob(ctx context.Context, j *Job) error
	// FindJobByID returns a job whatever its status; ENotFound.
	FindJobByID(ctx context.Context, id string) (*Job, error)
	// UpdateJob stores j as the version after j.Version and sets j.Version to it;
	// EPrecondition when the stored job is no longer at j.Version, ENotFound.
	UpdateJob(ctx context.Context, j *Job) error
	// FindJobs lists a company's jobs, newest first.
	FindJobs(ctx context.Context, f JobFilter) ([]*Job, error)
}

// ProfileService keeps candidate profiles.
type ProfileService interface {
	// FindProfile returns the profile of a candidate; ENotFound.
	FindProfile(ctx context.Context, userID string) (*Profile, error)
	// PutProfile stores p as the version after p.Version (0: a new profile)
	// and sets p.Version to it; EPrecondition when the stored profile moved on.
	PutProfile(ctx context.Context, p *Profile) error
}

// Clock tells the time; injected so that logic never reads it directly.
type Clock interface{ Now() time.Time }

// ClockFunc adapts a function to Clock.
type ClockFunc func() time.Time

// Now calls f.
func (f ClockFunc) Now() time.Time { return f() }

// AuthService registers accounts and issues and checks API tokens.
type AuthService interface {
	// Register creates an account; EInvalid, EConflict (e-mail or company taken).
	Register(ctx context.Context, r Registration) (*User, error)
	// Login returns a new token; EInvalid, EUnauthorized.
	Login(ctx context.Context, c Credentials) (token string, expires time.Time, err error)
	// Authenticate returns the owner of a token; EUnauthorized.
	Authenticate(ctx context.Context, token string) (*Principal, error)
	// Logout revokes a token.
	Logout(ctx context.Context, token string) error
	// Invite asks email to join the caller's team: a token that works
	// once, until expires. EForbidden, EInvalid, EConflict.
	Invite(ctx context.Context, caller *Principal, email string) (token string, expires time.Time, err error)
	// Team is the caller's company with its members and owner. EForbidden.
	Team(ctx context.Context, caller *Principal) (*Company, error)
	// RemoveMember takes a teammate off the team (the owner only); HandOver
	// makes another member the owner. EForbidden, ENotFound, EConflict.
	RemoveMember(ctx context.Context, caller *Principal, userID string) error
	HandOver(ctx context.Context, caller *Principal, userID string) error
}

// CompanyFinder reads companies.
type CompanyFinder interface {
	// FindCompanyByID returns a company; ENotFound.
	FindCompanyByID(ctx context.Context, id string) (*Company, error)
}

// JobScanner reads every job: batch work such as rebuilding the search index.
type JobScanner interface {
	// EachJob calls fn for every job, in no particular order, stopping at
	// fn's first error.
	EachJob(ctx context.Context, fn func(*Job) error) error
}
