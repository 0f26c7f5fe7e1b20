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
}

// CompanyFinder reads companies.
type CompanyFinder interface {
	// FindCompanyByID returns a company; ENotFound.
	FindCompanyByID(ctx context.Context, id string) (*Company, error)
}

// Change is one entry of the store's change feed: document DocID of
// collection Coll reached Version at At.
type Change struct {
	Seq     int64
	Coll    string
	DocID   string
	Version int64
	Claim   string
	At      time.Time
}

// Collections named in changes.
const (
	CollJobs     = "jobs"
	CollProfiles = "profiles"
)

// ChangeFeed is the store's change feed, for derived data such as the
// search index to follow.
type ChangeFeed interface {
	// ReadChanges returns up to limit changes after sequence number after, in order.
	ReadChanges(ctx context.Context, after int64, limit int) ([]Change, error)
	// HeadChange is the highest sequence number in the feed.
	HeadChange(ctx context.Context) (int64, error)
	// FeedID identifies the feed: derived data made from another store (or a
	// wiped one) must be rebuilt, not followed.
	FeedID(ctx context.Context) (string, error)
	// Settle reports whether the change's document has reached its version,
	// finishing the write of a writer that died; false means look again later.
	Settle(ctx context.Context, ch Change) (bool, error)
}

// JobScanner reads every job: batch work such as rebuilding the search index.
type JobScanner interface {
	// EachJob calls fn for every job, in no particular order, stopping at
	// fn's first error.
	EachJob(ctx context.Context, fn func(*Job) error) error
}

// StaleClaim bounds how long a writer may sit between announcing a change in
// the feed and writing its document; after it, others finish the write.
// Followers use it to know how far back in-flight writes can reach.
const StaleClaim = 10 * time.Second
