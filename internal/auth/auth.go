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

	"github.com/mtibben/confusables"
	"golang.org/x/crypto/bcrypt"
	"golang.org/x/text/unicode/norm"

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
	if r.Invite != "" {
		return s.join(ctx, email, r)
	}
	return s.create(ctx, email, r.Password, r.Name, r.Role, r.Company)
}

// join registers an invited employer into the inviting company's team. The
// invite is claimed (taken out of the store) first, so that it works once.
func (s *Service) join(ctx context.Context, email string, r jobpath.Registration) (*jobpath.User, error) {
	badInvite := &jobpath.Error{Code: jobpath.EInvalid, Message: "the invite cannot be used",
		Fields: []jobpath.FieldError{{Field: "invite", Message: "is unknown, used or expired; ask for a new one"}}}
	if !wellFormed(r.Invite) {
		return nil, badInvite
	}
	in, err := s.store.ClaimInvite(ctx, hashToken(r.Invite))
	switch {
	case jobpath.CodeOf(err) == jobpath.ENotFound:
		return nil, badInvite
	case err != nil:
		return nil, err
	case !s.clock.Now().Before(in.ExpiresAt):
		return nil, badInvite
	case !s.stillMember(ctx, in.Company, in.InvitedBy):
		// Made by someone since removed from the team: it no longer speaks
		// for the team.
		return nil, badInvite
	case in.Email != email:
		// A mistyped address must not use the invite up: put it back.
		if err := s.store.CreateInvite(ctx, in); err != nil {
			return nil, err
		}
		return nil, &jobpath.Error{Code: jobpath.EInvalid, Message: "the invite is for another e-mail address",
			Fields: []jobpath.FieldError{{Field: "email", Message: "must be the address the invite was sent to"}}}
	}
	u, err := s.newUser(email, r.Password, r.Name, jobpath.RoleEmployer)
	if err != nil {
		return nil, err
	}
	u.CompanyID = in.Company
	if err := s.store.CreateUser(ctx, u); err != nil {
		if jobpath.CodeOf(err) == jobpath.EConflict {
			return nil, conflict("email", "an account with this e-mail already exists")
		}
		return nil, err
	}
	if err := s.store.PutMember(ctx, in.Company, jobpath.Member{UserID: u.ID, Email: u.Email, Name: u.Name, JoinedAt: u.CreatedAt}); err != nil {
		return nil, err
	}
	return u, nil
}

// stillMember reports whether userID is on company's team now.
func (s *Service) stillMember(ctx context.Context, company, userID string) bool {
	co, err := s.store.FindCompanyByID(ctx, company)
	if err != nil {
		return false
	}
	_, ok := co.Members[userID]
	return ok || co.Owner == userID
}

func (s *Service) newUser(email, password, name, role string) (*jobpath.User, error) {
	hash, err := bcrypt.GenerateFromPassword([]byte(password), s.cost)
	if err != nil {
		return nil, fmt.Errorf("auth: hash password: %w", err)
	}
	return &jobpath.User{ID: newID(), Email: email, Name: strings.TrimSpace(name), Role: role, PasswordHash: string(hash), CreatedAt: s.clock.Now().UTC()}, nil
}

func (s *Service) create(ctx context.Context, email, password, name, role, company string) (*jobpath.User, error) {
	u, err := s.newUser(email, password, name, role)
	if err != nil {
		return nil, err
	}
	now := u.CreatedAt
	if role == jobpath.RoleEmployer {
		display := norm.NFKC.String(strings.TrimSpace(company))
		c := &jobpath.Company{ID: jobpath.CompanyID(display), Name: display, CreatedBy: email, CreatedAt: now, Owner: u.ID,
			Members: map[string]jobpath.Member{u.ID: {UserID: u.ID, Email: email, Name: u.Name, JoinedAt: now}}}
		// Names that read alike are one company: "Alpha Ⅽorp" with a Roman
		// numeral, or with a Cyrillic А, is "Alpha Corp".
		if err := s.store.ClaimCompanyKey(ctx, CompanyKey(company), c.ID); err != nil {
			if jobpath.CodeOf(err) == jobpath.EConflict {
				return nil, conflict("company", "a company with this name is already registered; ask one of its employers to invite you")
			}
			return nil, err
		}
		if err := s.store.CreateCompany(ctx, c); err != nil {
			if jobpath.CodeOf(err) != jobpath.EConflict {
				return nil, err
			}
			// A retry of this same registration finds its own company.
			existing, ferr := s.store.FindCompanyByID(ctx, c.ID)
			if ferr != nil || existing.CreatedBy != email {
				return nil, conflict("company", "a company with this name is already registered; ask one of its employers to invite you")
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
	// The account, not the token, says which team the caller is on: a
	// teammate removed from a company loses its roles at once.
	u, err := s.store.FindUserByEmail(ctx, t.Email)
	if jobpath.CodeOf(err) == jobpath.ENotFound || err == nil && u.ID != t.UserID {
		return nil, jobpath.Errorf(jobpath.EUnauthorized, "the account no longer exists")
	}
	if err != nil {
		return nil, err
	}
	return u.Principal(), nil
}

// CompanyKey is what company names are compared by: compatibility forms
// folded (NFKC), look-alike letters mapped to one (Unicode TR39 skeletons),
// case ignored, and everything but letters and digits dropped.
func CompanyKey(name string) string {
	k := confusables.Skeleton(norm.NFKC.String(name))
	return jobpath.CompanyID(confusables.Skeleton(strings.ToLower(k)))
}

// inviteTTL is how long an invite works.
const inviteTTL = 7 * 24 * time.Hour

// Invite asks email to join the caller's company's team and returns the
// invite's token, which works once, until it expires. Any member may
// invite. EForbidden, EInvalid, EConflict (already a member).
func (s *Service) Invite(ctx context.Context, caller *jobpath.Principal, email string) (token string, expires time.Time, err error) {
	co, err := s.team(ctx, caller)
	if err != nil {
		return "", time.Time{}, err
	}
	var p jobpath.Problems
	if email = jobpath.NormaliseEmail(email); !strings.Contains(email, "@") || len(email) > 254 {
		p.Add("email", "must be an e-mail address")
		return "", time.Time{}, p.Err()
	}
	for _, m := range co.Members {
		if m.Email == email {
			return "", time.Time{}, conflict("email", "is already on the team")
		}
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", time.Time{}, fmt.Errorf("auth: invite: %w", err)
	}
	token = tokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	now := s.clock.Now().UTC()
	in := &jobpath.Invite{Hash: hashToken(token), Company: co.ID, Email: email, InvitedBy: caller.UserID, CreatedAt: now, ExpiresAt: now.Add(inviteTTL)}
	if err := s.store.CreateInvite(ctx, in); err != nil {
		return "", time.Time{}, err
	}
	return token, in.ExpiresAt, nil
}

// Team returns the caller's company with its members. EForbidden.
func (s *Service) Team(ctx context.Context, caller *jobpath.Principal) (*jobpath.Company, error) {
	return s.team(ctx, caller)
}

func (s *Service) team(ctx context.Context, caller *jobpath.Principal) (*jobpath.Company, error) {
	if caller == nil || caller.Role != jobpath.RoleEmployer || caller.CompanyID == "" {
		return nil, jobpath.Errorf(jobpath.EForbidden, "only a company's employers manage its team")
	}
	co, err := s.store.FindCompanyByID(ctx, caller.CompanyID)
	if err != nil {
		return nil, err
	}
	if co.Owner == "" {
		// Registered before teams had owners: the first employer owns it.
		co.Owner = caller.UserID
		if co.CreatedBy != caller.Email {
			co.Owner = ""
		}
	}
	if co.Members == nil {
		co.Members = map[string]jobpath.Member{}
	}
	if _, ok := co.Members[caller.UserID]; !ok {
		co.Members[caller.UserID] = jobpath.Member{UserID: caller.UserID, Email: caller.Email, Name: caller.Name}
	}
	return co, nil
}

// RemoveMember takes a teammate off the caller's company: they keep their
// account and lose its roles and applicants at once. Only the owner
// removes, and not themself. EForbidden, ENotFound.
func (s *Service) RemoveMember(ctx context.Context, caller *jobpath.Principal, userID string) error {
	co, err := s.owned(ctx, caller)
	if err != nil {
		return err
	}
	m, ok := co.Members[userID]
	switch {
	case !ok:
		return jobpath.Errorf(jobpath.ENotFound, "no such member")
	case userID == caller.UserID:
		return jobpath.Errorf(jobpath.EConflict, "the owner cannot leave; hand over ownership first")
	}
	if err := s.store.SetUserCompany(ctx, m.Email, ""); err != nil {
		return err
	}
	return s.store.RemoveMember(ctx, co.ID, userID)
}

// HandOver makes another member the owner. EForbidden, ENotFound.
func (s *Service) HandOver(ctx context.Context, caller *jobpath.Principal, userID string) error {
	co, err := s.owned(ctx, caller)
	if err != nil {
		return err
	}
	if _, ok := co.Members[userID]; !ok {
		return jobpath.Errorf(jobpath.ENotFound, "no such member")
	}
	return s.store.SetOwner(ctx, co.ID, userID)
}

func (s *Service) owned(ctx context.Context, caller *jobpath.Principal) (*jobpath.Company, error) {
	co, err := s.team(ctx, caller)
	if err != nil {
		return nil, err
	}
	if co.Owner != caller.UserID {
		return nil, jobpath.Errorf(jobpath.EForbidden, "only the team's owner does that")
	}
	return co, nil
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
