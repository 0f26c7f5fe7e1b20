package auth_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/jobpath/jobpath/internal/auth"
	"github.com/jobpath/jobpath/internal/clocktest"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/mongodb"
	"github.com/jobpath/jobpath/internal/mongodb/mongotest"
)

var srv *mongotest.Server

func TestMain(m *testing.M) { os.Exit(mongotest.Main(m, &srv)) }

const (
	ttl      = time.Hour
	password = "a long passphrase"
)

// env is an account service on a fresh database.
type env struct {
	svc   *auth.Service
	store *mongodb.Store
	clock *clocktest.Clock
}

func newEnv(t *testing.T) *env {
	t.Helper()
	clock := clocktest.New(time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC))
	st := srv.Open(t, clock)
	svc, err := auth.New(st, clock, auth.Options{BcryptCost: 4, TokenTTL: ttl})
	if err != nil {
		t.Fatal(err)
	}
	return &env{svc: svc, store: st, clock: clock}
}

func (e *env) register(t *testing.T, email, role, company string) *jobpath.User {
	t.Helper()
	u, err := e.svc.Register(context.Background(), jobpath.Registration{Email: email, Password: password, Name: "Tester", Role: role, Company: company})
	if err != nil {
		t.Fatalf("register %s: %v", email, err)
	}
	return u
}

func (e *env) login(t *testing.T, email, pw string) string {
	t.Helper()
	token, _, err := e.svc.Login(context.Background(), jobpath.Credentials{Email: email, Password: pw})
	if err != nil {
		t.Fatalf("login %s: %v", email, err)
	}
	return token
}

func (e *env) authenticate(t *testing.T, token string) *jobpath.Principal {
	t.Helper()
	p, err := e.svc.Authenticate(context.Background(), token)
	if err != nil {
		t.Fatalf("authenticate: %v", err)
	}
	return p
}

// wantCode fails the test unless err has code.
func wantCode(t *testing.T, err error, code jobpath.ErrorCode) {
	t.Helper()
	if got := jobpath.CodeOf(err); got != code {
		t.Fatalf("code %q (%v), want %q", got, err, code)
	}
}

// wantConflict fails the test unless err is EConflict naming field.
func wantConflict(t *testing.T, err error, field string) {
	t.Helper()
	wantCode(t, err, jobpath.EConflict)
	var e *jobpath.Error
	errors.As(err, &e)
	for _, f := range e.Fields {
		if f.Field == field {
			return
		}
	}
	t.Fatalf("conflict %v does not name field %q: %+v", err, field, e.Fields)
}

// wantNoUser fails the test if an account with email exists.
func (e *env) wantNoUser(t *testing.T, email string) {
	t.Helper()
	u, err := e.store.FindUserByEmail(context.Background(), email)
	if jobpath.CodeOf(err) != jobpath.ENotFound {
		t.Fatalf("user %s: %+v, %v; want none", email, u, err)
	}
}

func TestRegisterCandidate(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	u, err := e.svc.Register(ctx, jobpath.Registration{Email: "  Ada@Example.COM ", Password: password, Name: " Ada Lovelace ", Role: "candidate"})
	if err != nil {
		t.Fatal(err)
	}
	if u.ID == "" || u.Email != "ada@example.com" || u.Name != "Ada Lovelace" || u.Role != jobpath.RoleCandidate || u.CompanyID != "" {
		t.Errorf("user = %+v", u)
	}
	if !u.CreatedAt.Equal(e.clock.Now()) {
		t.Errorf("created_at %v, want %v", u.CreatedAt, e.clock.Now())
	}

	stored, err := e.store.FindUserByEmail(ctx, "ada@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if stored.ID != u.ID || stored.Role != jobpath.RoleCandidate || stored.Name != "Ada Lovelace" {
		t.Errorf("stored user = %+v", stored)
	}
	if stored.PasswordHash == "" || stored.PasswordHash == password || strings.Contains(stored.PasswordHash, password) {
		t.Fatalf("password is not hashed: %q", stored.PasswordHash)
	}
	if err := bcrypt.CompareHashAndPassword([]byte(stored.PasswordHash), []byte(password)); err != nil {
		t.Errorf("stored hash does not verify the password: %v", err)
	}
	if err := bcrypt.CompareHashAndPassword([]byte(stored.PasswordHash), []byte(password+"!")); err == nil {
		t.Error("stored hash verifies another password")
	}
	if cost, err := bcrypt.Cost([]byte(stored.PasswordHash)); err != nil || cost != 4 {
		t.Errorf("bcrypt cost %d (%v), want the configured 4", cost, err)
	}

	other := e.register(t, "bob@example.com", "candidate", "")
	if other.ID == u.ID {
		t.Errorf("two users share id %q", u.ID)
	}
}

func TestRegisterEmployerCreatesCompany(t *testing.T) {
	e := newEnv(t)
	u := e.register(t, "hr@acme.example", "employer", " Acme, Inc. ")
	if u.Role != jobpath.RoleEmployer || u.CompanyID != "acme-inc" {
		t.Fatalf("user = %+v", u)
	}
	c, err := e.store.FindCompanyByID(context.Background(), "acme-inc")
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "Acme, Inc." || c.CreatedBy != "hr@acme.example" || !c.CreatedAt.Equal(e.clock.Now()) {
		t.Errorf("company = %+v", c)
	}
	stored, err := e.store.FindUserByEmail(context.Background(), "hr@acme.example")
	if err != nil {
		t.Fatal(err)
	}
	if stored.CompanyID != "acme-inc" {
		t.Errorf("stored company = %q", stored.CompanyID)
	}
}

func TestRegisterCompanyNameTaken(t *testing.T) {
	e := newEnv(t)
	e.register(t, "hr@acme.example", "employer", "Acme, Inc.")
	for i, name := range []string{"Acme, Inc.", "ACME INC", "acme-inc", "  acme inc!!", "Acme_Inc"} {
		email := "other" + string(rune('a'+i)) + "@example.com"
		_, err := e.svc.Register(context.Background(), jobpath.Registration{Email: email, Password: password, Name: "Mallory", Role: "employer", Company: name})
		wantConflict(t, err, "company")
		e.wantNoUser(t, email)
	}
	c, err := e.store.FindCompanyByID(context.Background(), "acme-inc")
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "Acme, Inc." || c.CreatedBy != "hr@acme.example" {
		t.Errorf("the company changed: %+v", c)
	}
	// A different name is a different company.
	if u := e.register(t, "hr@acme-labs.example", "employer", "Acme Labs"); u.CompanyID != "acme-labs" {
		t.Errorf("company id %q", u.CompanyID)
	}
}

func TestRegisterDuplicateEmail(t *testing.T) {
	e := newEnv(t)
	first := e.register(t, "Ada@Example.com", "candidate", "")
	tests := []struct {
		name string
		r    jobpath.Registration
	}{
		{"same e-mail", jobpath.Registration{Email: "Ada@Example.com", Password: password, Name: "Ada", Role: "candidate"}},
		{"other case", jobpath.Registration{Email: "ADA@example.COM", Password: password, Name: "Ada", Role: "candidate"}},
		{"padded", jobpath.Registration{Email: " ada@example.com ", Password: password, Name: "Ada", Role: "candidate"}},
		{"as an employer", jobpath.Registration{Email: "ada@EXAMPLE.com", Password: password, Name: "Ada", Role: "employer", Company: "Ada Ltd"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.svc.Register(context.Background(), tt.r)
			wantConflict(t, err, "email")
		})
	}
	if _, err := e.store.FindCompanyByID(context.Background(), "ada-ltd"); jobpath.CodeOf(err) != jobpath.ENotFound {
		t.Errorf("a refused registration created its company: %v", err)
	}
	stored, err := e.store.FindUserByEmail(context.Background(), "ada@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if stored.ID != first.ID || stored.Role != jobpath.RoleCandidate {
		t.Errorf("the first account changed: %+v", stored)
	}
}

func TestRegisterInvalid(t *testing.T) {
	e := newEnv(t)
	for _, r := range []jobpath.Registration{
		{Email: "root@example.com", Password: password, Name: "Root", Role: "admin"},
		{Email: "short@example.com", Password: "short", Name: "Short", Role: "candidate"},
		{Email: "not-an-email", Password: password, Name: "X", Role: "candidate"},
	} {
		_, err := e.svc.Register(context.Background(), r)
		wantCode(t, err, jobpath.EInvalid)
		e.wantNoUser(t, jobpath.NormaliseEmail(r.Email))
	}
}

func TestLogin(t *testing.T) {
	e := newEnv(t)
	e.register(t, "ada@example.com", "candidate", "")
	token, expires, err := e.svc.Login(context.Background(), jobpath.Credentials{Email: "ada@example.com", Password: password})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(token, "jp_") || len(token) != len("jp_")+43 {
		t.Errorf("token %q: want jp_ and 43 more characters", token)
	}
	if want := e.clock.Now().Add(ttl); !expires.Equal(want) {
		t.Errorf("expires %v, want %v", expires, want)
	}
	again := e.login(t, " ADA@Example.com ", password)
	if again == token {
		t.Error("two logins returned the same token")
	}
	for _, tok := range []string{token, again} {
		if p := e.authenticate(t, tok); p.Email != "ada@example.com" {
			t.Errorf("principal %+v", p)
		}
	}
}

func TestLoginRefused(t *testing.T) {
	e := newEnv(t)
	e.register(t, "ada@example.com", "candidate", "")
	ctx := context.Background()
	_, _, wrongPassword := e.svc.Login(ctx, jobpath.Credentials{Email: "ada@example.com", Password: "not the passphrase"})
	_, _, unknownEmail := e.svc.Login(ctx, jobpath.Credentials{Email: "eve@example.com", Password: password})
	wantCode(t, wrongPassword, jobpath.EUnauthorized)
	wantCode(t, unknownEmail, jobpath.EUnauthorized)
	if a, b := jobpath.ErrorMessage(wrongPassword), jobpath.ErrorMessage(unknownEmail); a != b {
		t.Errorf("messages differ, telling which accounts exist: %q and %q", a, b)
	}
	if wrongPassword.Error() != unknownEmail.Error() {
		t.Errorf("errors differ: %q and %q", wrongPassword, unknownEmail)
	}
	// Passwords are compared exactly: a trailing space makes another one.
	_, _, err := e.svc.Login(ctx, jobpath.Credentials{Email: "ada@example.com", Password: password + " "})
	wantCode(t, err, jobpath.EUnauthorized)

	_, _, err = e.svc.Login(ctx, jobpath.Credentials{Email: "ada", Password: password})
	wantCode(t, err, jobpath.EInvalid)
	_, _, err = e.svc.Login(ctx, jobpath.Credentials{Email: "ada@example.com"})
	wantCode(t, err, jobpath.EInvalid)
}

func TestAuthenticate(t *testing.T) {
	e := newEnv(t)
	cand := e.register(t, "ada@example.com", "candidate", "")
	emp := e.register(t, "hr@acme.example", "employer", "Acme")
	tests := []struct {
		email string
		want  jobpath.Principal
	}{
		{"ada@example.com", jobpath.Principal{UserID: cand.ID, Email: "ada@example.com", Name: "Tester", Role: "candidate"}},
		{"hr@acme.example", jobpath.Principal{UserID: emp.ID, Email: "hr@acme.example", Name: "Tester", Role: "employer", CompanyID: "acme"}},
	}
	for _, tt := range tests {
		p := e.authenticate(t, e.login(t, tt.email, password))
		if *p != tt.want {
			t.Errorf("principal %+v, want %+v", *p, tt.want)
		}
	}
}

func TestAuthenticateMalformed(t *testing.T) {
	e := newEnv(t)
	e.register(t, "ada@example.com", "candidate", "")
	good := e.login(t, "ada@example.com", password)
	body := strings.TrimPrefix(good, "jp_")
	flip := []byte(good)
	if flip[10] == 'A' {
		flip[10] = 'B'
	} else {
		flip[10] = 'A'
	}
	tests := []struct{ name, token string }{
		{"empty", ""},
		{"prefix only", "jp_"},
		{"no prefix", body},
		{"other prefix", "xx_" + body},
		{"prefix in capitals", "JP_" + body},
		{"bearer scheme included", "Bearer " + good},
		{"one character short", good[:len(good)-1]},
		{"one character long", good + "A"},
		{"valid-looking but unknown", "jp_" + strings.Repeat("A", 43)},
		{"one character changed", string(flip)},
		{"padded", " " + good},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := e.svc.Authenticate(context.Background(), tt.token)
			wantCode(t, err, jobpath.EUnauthorized)
			if p != nil {
				t.Errorf("principal %+v with an error", p)
			}
		})
	}
	e.authenticate(t, good)
}

func TestTokenExpires(t *testing.T) {
	e := newEnv(t)
	e.register(t, "ada@example.com", "candidate", "")
	token := e.login(t, "ada@example.com", password)

	e.clock.Advance(ttl - time.Second)
	e.authenticate(t, token)

	e.clock.Advance(time.Second)
	_, err := e.svc.Authenticate(context.Background(), token)
	wantCode(t, err, jobpath.EUnauthorized)

	// The expired token was removed, not only refused: turning the clock
	// back does not revive it.
	e.clock.Advance(-ttl)
	_, err = e.svc.Authenticate(context.Background(), token)
	wantCode(t, err, jobpath.EUnauthorized)

	// Logging in again gives a working token.
	e.authenticate(t, e.login(t, "ada@example.com", password))
}

func TestLogout(t *testing.T) {
	e := newEnv(t)
	e.register(t, "ada@example.com", "candidate", "")
	ctx := context.Background()
	first := e.login(t, "ada@example.com", password)
	second := e.login(t, "ada@example.com", password)

	if err := e.svc.Logout(ctx, first); err != nil {
		t.Fatal(err)
	}
	_, err := e.svc.Authenticate(ctx, first)
	wantCode(t, err, jobpath.EUnauthorized)
	e.authenticate(t, second)

	for _, tok := range []string{first, "", "garbage", "jp_" + strings.Repeat("A", 43)} {
		if err := e.svc.Logout(ctx, tok); err != nil {
			t.Errorf("Logout(%q) = %v, want nil", tok, err)
		}
	}
	e.authenticate(t, second)
}

func TestEnsureAdmin(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	created, err := e.svc.EnsureAdmin(ctx, "Root@Example.com", password)
	if err != nil || !created {
		t.Fatalf("first EnsureAdmin = %v, %v; want true, nil", created, err)
	}
	for _, email := range []string{"Root@Example.com", "root@example.com"} {
		created, err := e.svc.EnsureAdmin(ctx, email, "another passphrase")
		if err != nil || created {
			t.Fatalf("EnsureAdmin(%s) again = %v, %v; want false, nil", email, created, err)
		}
	}
	// The second call did not replace the password.
	p := e.authenticate(t, e.login(t, "root@example.com", password))
	if p.Role != jobpath.RoleAdmin || p.CompanyID != "" || p.Email != "root@example.com" {
		t.Errorf("admin principal %+v", p)
	}
	_, _, err = e.svc.Login(ctx, jobpath.Credentials{Email: "root@example.com", Password: "another passphrase"})
	wantCode(t, err, jobpath.EUnauthorized)

	stored, err := e.store.FindUserByEmail(ctx, "root@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if stored.Role != jobpath.RoleAdmin || stored.PasswordHash == password {
		t.Errorf("stored admin %+v", stored)
	}
	if err := bcrypt.CompareHashAndPassword([]byte(stored.PasswordHash), []byte(password)); err != nil {
		t.Errorf("stored hash does not verify the password: %v", err)
	}
}

func TestEnsureAdminDoesNotPromote(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	e.register(t, "ada@example.com", "candidate", "")
	created, err := e.svc.EnsureAdmin(ctx, "ada@example.com", "another passphrase")
	if err != nil || created {
		t.Fatalf("EnsureAdmin over a candidate = %v, %v; want false, nil", created, err)
	}
	if p := e.authenticate(t, e.login(t, "ada@example.com", password)); p.Role != jobpath.RoleCandidate {
		t.Errorf("role %q, want candidate", p.Role)
	}
}

func TestEnsureAdminRefusesBadInput(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	tests := []struct{ name, email, password string }{
		{"short password", "root@example.com", "short"},
		{"long password", "root@example.com", strings.Repeat("p", 73)},
		{"bad e-mail", "root", password},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			created, err := e.svc.EnsureAdmin(ctx, tt.email, tt.password)
			if err == nil || created {
				t.Fatalf("EnsureAdmin = %v, %v; want an error", created, err)
			}
			wantCode(t, err, jobpath.EInvalid)
			e.wantNoUser(t, tt.email)
		})
	}
}
