// Package auth registers accounts, checks passwords and issues API tokens.
// Passwords are hashed with bcrypt; tokens are random and stored only as their
// SHA-256, so a leaked database holds no usable credential.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// tokenPrefix marks jobpath tokens so that secret scanners and humans can tell them apart.
const tokenPrefix = "jp_"

// Options tune the service.
type Options struct {
	// TokenTTL is how long a token lives; 30 days when zero.
	TokenTTL time.Duration
	// BcryptCost is the hashing cost; bcrypt.DefaultCost when zero. Tests lower it.
	BcryptCost int
}

// Service is the account service.
type Service struct {
	store jobpath.AccountStore
	clock jobpath.Clock
	ttl   time.Duration
	cost  int
	decoy []byte // hash compared against when the e-mail is unknown, so both paths take as long
}

// New returns a service over store.
func New(store jobpath.AccountStore, clock jobpath.Clock, o Options) (*Service, error) {
	s := &Service{store: store, clock: clock, ttl: o.TokenTTL, cost: o.BcryptCost}
	if s.ttl <= 0 {
		s.ttl = 30 * 24 * time.Hour
	}
	if s.cost == 0 {
		s.cost = bcrypt.DefaultCost
	}
	decoy, err := bcrypt.GenerateFromPassword([]byte("decoy password for unknown accounts"), s.cost)
	if err != nil {
		return nil, fmt.Errorf("auth: %w", err)
	}
	s.decoy = decoy
	return s, nil
}

// Register creates an account. An employer's company is created by its first
// employer; a company name that is taken is a conflict, since joining an
// existing team needs its consent.
func (s *Service) Register(ctx context.Context, r jobpath.Registration) (*jobpath.User, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	email := jobpath.NormaliseEmail(r.Email)
	if _, err := s.store.FindUserByEmail(ctx, email); err == nil {
		return nil, conflict("email", "an account with this e-mail already exists")
	} else if jobpath.CodeOf(err) != jobpath.ENotFound {
		return nil, err
	}
	return s.create(ctx, email, r.Password, r.Name, r.Role, r.Company)
}

func (s *Service) create(ctx context.Context, email, password, name, role, company string) (*jobpath.User, error) {
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.cost)
	if err != nil {
		return nil, fmt.Errorf("auth: hash password: %w", err)
	}
	now := s.clock.Now().UTC()
	u := &jobpath.User{ID: newID(), Email: email, Name: strings.TrimSpace(name), Role: role, PasswordHash: string(hash), CreatedAt: now}
	if role == jobpath.RoleEmployer {
		c := &jobpath.Company{ID: jobpath.CompanyID(company), Name: strings.TrimSpace(company), CreatedBy: email, CreatedAt: now}
		if err := s.store.CreateCompany(ctx, c); err != nil {
			if jobpath.CodeOf(err) != jobpath.EConflict {
				return nil, err
			}
			// A retry of this same registration finds its own company.
			existing, ferr := s.store.FindCompanyByID(ctx, c.ID)
			if ferr != nil || existing.CreatedBy != email {
				return nil, conflict("company", "a company with this name is already registered; ask one of its employers to add you")
			}
		}
		u.CompanyID = c.ID
	}
	if err := s.store.CreateUser(ctx, u); err != nil {
		if jobpath.CodeOf(err) == jobpath.EConflict {
			return nil, conflict("email", "an account with this e-mail already exists")
		}
		return nil, err
	}
	return u, nil
}

// EnsureAdmin creates an operator account unless one with that e-mail exists.
func (s *Service) EnsureAdmin(ctx context.Context, email, password string) (created bool, err error) {
	r := jobpath.Registration{Email: email, Password: password, Name: "Administrator", Role: jobpath.RoleCandidate}
	if err := r.Validate(); err != nil {
		return false, fmt.Errorf("auth: admin account: %w", err)
	}
	email = jobpath.NormaliseEmail(email)
	if _, err := s.store.FindUserByEmail(ctx, email); err == nil {
		return false, nil
	}
	if _, err := s.create(ctx, email, password, "Administrator", jobpath.RoleAdmin, ""); err != nil {
		if jobpath.CodeOf(err) == jobpath.EConflict {
			return false, nil
		}
		return false, err
	}
	return true, nil
}

// Login checks credentials and issues a token. Unknown e-mail and wrong
// password get the same answer in the same time.
func (s *Service) Login(ctx context.Context, c jobpath.Credentials) (token string, expires time.Time, err error) {
	if err := c.Validate(); err != nil {
		return "", time.Time{}, err
	}
	u, err := s.store.FindUserByEmail(ctx, jobpath.NormaliseEmail(c.Email))
	switch {
	case jobpath.CodeOf(err) == jobpath.ENotFound:
		_ = bcrypt.CompareHashAndPassword(s.decoy, []byte(c.Password))
		return "", time.Time{}, jobpath.Errorf(jobpath.EUnauthorized, "wrong e-mail or password")
	case err != nil:
		return "", time.Time{}, err
	}
	if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(c.Password)) != nil {
		return "", time.Time{}, jobpath.Errorf(jobpath.EUnauthorized, "wrong e-mail or password")
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", time.Time{}, fmt.Errorf("auth: token: %w", err)
	}
	token = tokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	now := s.clock.Now().UTC()
	t := &jobpath.Token{
		Hash: hashToken(token), UserID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role, CompanyID: u.CompanyID,
		CreatedAt: now, ExpiresAt: now.Add(s.ttl),
	}
	if err := s.store.CreateToken(ctx, t); err != nil {
		return "", time.Time{}, err
	}
	return token, t.ExpiresAt, nil
}

// Authenticate returns the caller a token belongs to; EUnauthorized when it is
// unknown, revoked or expired.
func (s *Service) Authenticate(ctx context.Context, token string) (*jobpath.Principal, error) {
	if !wellFormed(token) {
		return nil, jobpath.Errorf(jobpath.EUnauthorized, "invalid token")
	}
	h := hashToken(token)
	t, err := s.store.FindToken(ctx, h)
	if jobpath.CodeOf(err) == jobpath.ENotFound {
		return nil, jobpath.Errorf(jobpath.EUnauthorized, "invalid or revoked token")
	}
	if err != nil {
		return nil, err
	}
	// The stored hash was found by key; comparing again in constant time costs
	// nothing and keeps the check independent of the store's matching.
	if subtle.ConstantTimeCompare([]byte(t.Hash), []byte(h)) != 1 {
		return nil, jobpath.Errorf(jobpath.EUnauthorized, "invalid token")
	}
	if !s.clock.Now().Before(t.ExpiresAt) {
		_ = s.store.DeleteToken(ctx, h)
		return nil, jobpath.Errorf(jobpath.EUnauthorized, "token expired; log in again")
	}
	return &jobpath.Principal{UserID: t.UserID, Email: t.Email, Name: t.Name, Role: t.Role, CompanyID: t.CompanyID}, nil
}

// Logout revokes a token.
func (s *Service) Logout(ctx context.Context, token string) error {
	if !wellFormed(token) {
		return nil
	}
	return s.store.DeleteToken(ctx, hashToken(token))
}

func wellFormed(token string) bool {
	return strings.HasPrefix(token, tokenPrefix) && len(token) == len(tokenPrefix)+43
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func newID() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func conflict(field, msg string) error {
	return &jobpath.Error{Code: jobpath.EConflict, Message: msg, Fields: []jobpath.FieldError{{Field: field, Message: msg}}}
}
