package jobpath_test

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/jobpath/jobpath/internal/jobpath"
)

func TestRegistrationValidate(t *testing.T) {
	candidate := jobpath.Registration{Email: "ada@example.com", Password: "correct horse", Name: "Ada", Role: "candidate"}
	employer := jobpath.Registration{Email: "hr@acme.example", Password: "correct horse", Name: "Grace", Role: "employer", Company: "Acme, Inc."}
	with := func(r jobpath.Registration, mod func(*jobpath.Registration)) jobpath.Registration {
		mod(&r)
		return r
	}
	tests := []struct {
		name   string
		r      jobpath.Registration
		fields []string // nil: valid
	}{
		{"candidate", candidate, nil},
		{"employer", employer, nil},
		{"email padded", with(candidate, func(r *jobpath.Registration) { r.Email = "  Ada@Example.com " }), nil},
		{"email empty", with(candidate, func(r *jobpath.Registration) { r.Email = "" }), []string{"email"}},
		{"email without @", with(candidate, func(r *jobpath.Registration) { r.Email = "ada.example.com" }), []string{"email"}},
		{"email with a display name", with(candidate, func(r *jobpath.Registration) { r.Email = "Ada <ada@example.com>" }), []string{"email"}},
		{"email in angle brackets", with(candidate, func(r *jobpath.Registration) { r.Email = "<ada@example.com>" }), []string{"email"}},
		{"two addresses", with(candidate, func(r *jobpath.Registration) { r.Email = "ada@example.com, eve@example.com" }), []string{"email"}},
		{"email too long", with(candidate, func(r *jobpath.Registration) {
			r.Email = strings.Repeat("a", 64) + "@" + strings.Repeat("b", 186) + ".com"
		}), []string{"email"}},
		{"password of 9", with(candidate, func(r *jobpath.Registration) { r.Password = "123456789" }), []string{"password"}},
		{"password of 10", with(candidate, func(r *jobpath.Registration) { r.Password = "1234567890" }), nil},
		{"password of 72 bytes", with(candidate, func(r *jobpath.Registration) { r.Password = strings.Repeat("p", 72) }), nil},
		{"password of 73 bytes", with(candidate, func(r *jobpath.Registration) { r.Password = strings.Repeat("p", 73) }), []string{"password"}},
		{"password of 9 two-byte characters", with(candidate, func(r *jobpath.Registration) { r.Password = strings.Repeat("é", 9) }), []string{"password"}},
		{"password of 24 three-byte characters", with(candidate, func(r *jobpath.Registration) { r.Password = strings.Repeat("€", 24) }), nil},
		{"password of 25 three-byte characters", with(candidate, func(r *jobpath.Registration) { r.Password = strings.Repeat("€", 25) }), []string{"password"}},
		{"name empty", with(candidate, func(r *jobpath.Registration) { r.Name = " " }), []string{"name"}},
		{"name multi-line", with(candidate, func(r *jobpath.Registration) { r.Name = "Ada\nLovelace" }), []string{"name"}},
		{"role empty", with(candidate, func(r *jobpath.Registration) { r.Role = "" }), []string{"role"}},
		{"role admin", with(candidate, func(r *jobpath.Registration) { r.Role = "admin" }), []string{"role"}},
		{"role in capitals", with(candidate, func(r *jobpath.Registration) { r.Role = "Candidate" }), []string{"role"}},
		{"candidate with a company", with(candidate, func(r *jobpath.Registration) { r.Company = "Acme" }), []string{"company"}},
		{"employer without a company", with(employer, func(r *jobpath.Registration) { r.Company = "" }), []string{"company"}},
		{"employer company of 1", with(employer, func(r *jobpath.Registration) { r.Company = " X " }), []string{"company"}},
		{"employer company of 2", with(employer, func(r *jobpath.Registration) { r.Company = "X1" }), nil},
		{"employer company of 100", with(employer, func(r *jobpath.Registration) { r.Company = strings.Repeat("a", 100) }), nil},
		{"employer company of 101", with(employer, func(r *jobpath.Registration) { r.Company = strings.Repeat("a", 101) }), []string{"company"}},
		{"employer company of punctuation", with(employer, func(r *jobpath.Registration) { r.Company = "---" }), []string{"company"}},
		{"employer company with markup", with(employer, func(r *jobpath.Registration) { r.Company = "<Acme>" }), []string{"company"}},
		{"employer company in Japanese", with(employer, func(r *jobpath.Registration) { r.Company = "日本" }), nil},
		{"everything wrong", jobpath.Registration{Role: "root"}, []string{"email", "password", "name", "role"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.r.Validate()
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			assertFields(t, err, tt.fields...)
		})
	}
}

func TestCredentialsValidate(t *testing.T) {
	tests := []struct {
		name   string
		c      jobpath.Credentials
		fields []string
	}{
		{"valid", jobpath.Credentials{Email: "ada@example.com", Password: "correct horse"}, nil},
		{"short password is a wrong password, not invalid", jobpath.Credentials{Email: "ada@example.com", Password: "x"}, nil},
		{"blank password", jobpath.Credentials{Email: "ada@example.com", Password: "   "}, nil},
		{"password of 72 bytes", jobpath.Credentials{Email: "ada@example.com", Password: strings.Repeat("p", 72)}, nil},
		{"password of 73 bytes", jobpath.Credentials{Email: "ada@example.com", Password: strings.Repeat("p", 73)}, []string{"password"}},
		{"password empty", jobpath.Credentials{Email: "ada@example.com"}, []string{"password"}},
		{"email empty", jobpath.Credentials{Password: "correct horse"}, []string{"email"}},
		{"email malformed", jobpath.Credentials{Email: "ada", Password: "correct horse"}, []string{"email"}},
		{"both missing", jobpath.Credentials{}, []string{"email", "password"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.c.Validate()
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			assertFields(t, err, tt.fields...)
		})
	}
}

func TestCompanyID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Acme, Inc.", "acme-inc"},
		{"ACME INC", "acme-inc"},
		{"  acme -- inc!!  ", "acme-inc"},
		{"acme_inc", "acme-inc"},
		{"Acme", "acme"},
		{"3M", "3m"},
		{"  Ünïcode Café  ", "ünïcode-café"},
		{"日本 株式会社", "日本-株式会社"},
		{"Ζήτα", "ζήτα"},
		{"---", ""},
		{"", ""},
		{"   ", ""},
		{"١٢٣", ""}, // only ASCII digits are kept
		{"a\x00b", "a-b"},
	}
	for _, tt := range tests {
		if got := jobpath.CompanyID(tt.in); got != tt.want {
			t.Errorf("CompanyID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormaliseEmail(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ada@example.com", "ada@example.com"},
		{"  Ada@Example.COM\t\n", "ada@example.com"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := jobpath.NormaliseEmail(tt.in); got != tt.want {
			t.Errorf("NormaliseEmail(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestProblems(t *testing.T) {
	var p jobpath.Problems
	if err := p.Err(); err != nil {
		t.Fatalf("no problems: Err = %v, want nil", err)
	}
	if err := (jobpath.Problems{}).Err(); err != nil {
		t.Fatalf("empty problems: Err = %v, want nil", err)
	}
	p.Add("title", "must be at least %d characters", 3)
	p.Add("salary.max", "is required")
	err := p.Err()
	var e *jobpath.Error
	if !errors.As(err, &e) {
		t.Fatalf("Err = %T, want *jobpath.Error", err)
	}
	want := []jobpath.FieldError{{Field: "title", Message: "must be at least 3 characters"}, {Field: "salary.max", Message: "is required"}}
	if e.Code != jobpath.EInvalid || e.Message != "the input is not valid" || !reflect.DeepEqual(e.Fields, want) {
		t.Errorf("Err = %+v", e)
	}
	if got := err.Error(); got != "invalid: the input is not valid" {
		t.Errorf("Error() = %q", got)
	}
}

func TestError(t *testing.T) {
	inner := errors.New("disk full")
	plain := jobpath.Errorf(jobpath.ENotFound, "job %q not found", "j1")
	withCause := &jobpath.Error{Code: jobpath.EUnavailable, Message: "the store does not answer", Err: inner}

	if got := plain.Error(); got != `not_found: job "j1" not found` {
		t.Errorf("Error() = %q", got)
	}
	if got := withCause.Error(); got != "unavailable: the store does not answer: disk full" {
		t.Errorf("Error() = %q", got)
	}
	if plain.Unwrap() != nil {
		t.Errorf("Unwrap of an error without cause = %v", plain.Unwrap())
	}
	if !errors.Is(withCause, inner) || !errors.Is(fmt.Errorf("ctx: %w", withCause), inner) {
		t.Error("errors.Is does not find the cause")
	}

	tests := []struct {
		name    string
		err     error
		code    jobpath.ErrorCode
		message string
	}{
		{"nil", nil, "", "internal error"},
		{"plain error", errors.New("secret: connection string leaked"), jobpath.EInternal, "internal error"},
		{"EOF", io.EOF, jobpath.EInternal, "internal error"},
		{"domain error", plain, jobpath.ENotFound, `job "j1" not found`},
		{"domain error with cause", withCause, jobpath.EUnavailable, "the store does not answer"},
		{"wrapped", fmt.Errorf("find job: %w", plain), jobpath.ENotFound, `job "j1" not found`},
		{"wrapped twice", fmt.Errorf("handler: %w", fmt.Errorf("store: %w", withCause)), jobpath.EUnavailable, "the store does not answer"},
		{"joined", errors.Join(errors.New("other"), plain), jobpath.ENotFound, `job "j1" not found`},
		{"wrapped with %v loses the code", fmt.Errorf("find job: %v", plain), jobpath.EInternal, "internal error"},
		{"problems wrapped", fmt.Errorf("register: %w", (jobpath.Problems{{Field: "email", Message: "is required"}}).Err()), jobpath.EInvalid, "the input is not valid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jobpath.CodeOf(tt.err); got != tt.code {
				t.Errorf("ErrorCode = %q, want %q", got, tt.code)
			}
			if got := jobpath.ErrorMessage(tt.err); got != tt.message {
				t.Errorf("ErrorMessage = %q, want %q", got, tt.message)
			}
		})
	}

	wrapped := fmt.Errorf("auth: admin account: %w", (jobpath.Problems{{Field: "password", Message: "too short"}}).Err())
	var e *jobpath.Error
	if !errors.As(wrapped, &e) {
		t.Fatal("errors.As does not find a wrapped *jobpath.Error")
	}
	if len(e.Fields) != 1 || e.Fields[0].Field != "password" {
		t.Errorf("fields through wrapping = %+v", e.Fields)
	}
}
