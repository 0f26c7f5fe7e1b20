package server

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jobpath/jobpath/internal/jobpath"
)

func TestDecodeStrict(t *testing.T) {
	tests := []struct {
		name   string
		body   string
		status int    // 0: no error
		field  string // the one field a 422 names
	}{
		{"valid", `{"title":"Go developer","description":"d","salary":{"min":1,"max":2,"currency":"EUR","period":"year"},"expires_at":"2030-01-02T03:04:05Z"}`, 0, ""},
		{"valid with surrounding whitespace", " \n\t{\"title\":\"Go developer\"}\r\n ", 0, ""},
		{"empty object", `{}`, 0, ""},
		{"operator-like value is a plain string", `{"title":"$gt"}`, 0, ""},

		{"malformed", `{"title" "x"}`, http.StatusBadRequest, ""},
		{"truncated", `{"title":"Go`, http.StatusBadRequest, ""},
		{"single quotes", `{'title':'x'}`, http.StatusBadRequest, ""},
		{"trailing comma", `{"title":"x",}`, http.StatusBadRequest, ""},
		{"unknown field", `{"title":"x","company":"initech"}`, http.StatusUnprocessableEntity, "company"},
		{"mass-assigned id", `{"id":"j1"}`, http.StatusUnprocessableEntity, "id"},
		{"operator key", `{"$where":"1"}`, http.StatusUnprocessableEntity, "$where"},
		{"type error", `{"title":5}`, http.StatusUnprocessableEntity, "title"},
		{"nested type error", `{"salary":{"min":"lots","max":2}}`, http.StatusUnprocessableEntity, "salary.min"},
		{"operator object as a value", `{"title":{"$gt":""}}`, http.StatusUnprocessableEntity, "title"},
		{"number out of range", `{"min_years":1e30}`, http.StatusUnprocessableEntity, "min_years"},
		{"array for an object", `{"skills":["go"]}`, http.StatusUnprocessableEntity, "skills"},
		{"number in a string list", `{"skills":{"required":[1]}}`, http.StatusUnprocessableEntity, "skills.required"},
		{"malformed timestamp", `{"expires_at":"tomorrow"}`, http.StatusUnprocessableEntity, "expires_at"},
		{"trailing object", `{"title":"x"} {"title":"y"}`, http.StatusBadRequest, ""},
		{"trailing garbage", `{"title":"x"}garbage`, http.StatusBadRequest, ""},
		{"trailing bracket", `{"title":"x"}]`, http.StatusBadRequest, ""},
		{"empty body", ``, http.StatusBadRequest, ""},
		{"whitespace body", " \n\t\r ", http.StatusBadRequest, ""},
		{"top-level array", `[{"title":"x"}]`, http.StatusBadRequest, ""},
		{"top-level string", `"title"`, http.StatusBadRequest, ""},
		{"top-level number", `42`, http.StatusBadRequest, ""},
		{"top-level boolean", `true`, http.StatusBadRequest, ""},
		{"top-level null", `null`, http.StatusBadRequest, ""},
		{"empty field name", `{"":1}`, http.StatusUnprocessableEntity, "(empty name)"},
		{"deeply nested", strings.Repeat(`{"location":`, 20000) + "{}" + strings.Repeat("}", 20000), http.StatusBadRequest, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in jobpath.JobInput
			err := decodeStrict([]byte(tt.body), &in)
			if tt.status == 0 {
				if err != nil {
					t.Fatalf("decodeStrict: %v", err)
				}
				return
			}
			var he *problem
			if !errors.As(err, &he) {
				t.Fatalf("error %v (%T), want *problem", err, err)
			}
			if he.Status != tt.status {
				t.Fatalf("status %d (%s), want %d", he.Status, he.Detail, tt.status)
			}
			if he.Detail == "" {
				t.Error("no detail")
			}
			if tt.field == "" {
				if len(he.Errors) != 0 {
					t.Errorf("fields %+v, want none", he.Errors)
				}
				return
			}
			if len(he.Errors) != 1 || he.Errors[0].Field != tt.field || he.Errors[0].Message == "" {
				t.Errorf("fields %+v, want one naming %q", he.Errors, tt.field)
			}
		})
	}
}

func TestDecodeStrictFillsValues(t *testing.T) {
	var in jobpath.JobInput
	body := `{"title":"Go developer","min_years":3,"skills":{"required":["Go"]},"salary":{"min":1,"max":2,"currency":"EUR","period":"year"},"expires_at":"2030-01-02T03:04:05Z"}`
	if err := decodeStrict([]byte(body), &in); err != nil {
		t.Fatal(err)
	}
	want := time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)
	if in.Title != "Go developer" || in.MinYears == nil || *in.MinYears != 3 || in.Skills == nil || len(in.Skills.Required) != 1 ||
		in.Salary == nil || in.Salary.Max != 2 || in.ExpiresAt == nil || !in.ExpiresAt.Equal(want) {
		t.Errorf("decoded %+v", in)
	}
}

func FuzzDecodeStrict(f *testing.F) {
	for _, s := range []string{
		`{"title":"Go developer","description":"d","skills":{"required":["go"],"preferred":[]},"location":{"lat":1.5,"lon":2},"salary":{"min":1,"max":2,"currency":"EUR","period":"year"},"expires_at":"2030-01-02T03:04:05Z"}`,
		`{"title":"x","company":"initech"}`,
		`{"salary":{"min":"lots"}}`,
		`{"title":{"$gt":""},"$where":"1"}`,
		`{"":1}`,
		`{"min_years":1e999}`,
		`{"expires_at":"2030-13-45T99:99:99Z"}`,
		`{"title":"x"} {}`,
		`[1,2]`,
		`"x"`,
		`null`,
		`{"title":"\ud800"}`,
		"{\"title\":\"\xff\xfe\"}",
		strings.Repeat("[", 10001),
		"",
		"  ",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var in jobpath.JobInput
		err := decodeStrict(body, &in)
		if err == nil {
			return
		}
		var he *problem
		if !errors.As(err, &he) {
			t.Fatalf("error %v (%T), want *problem", err, err)
		}
		switch he.Status {
		case http.StatusBadRequest:
			if len(he.Errors) != 0 {
				t.Fatalf("400 with fields %+v", he.Errors)
			}
		case http.StatusUnprocessableEntity:
			if len(he.Errors) == 0 {
				t.Fatalf("422 without fields: %s", he.Detail)
			}
		default:
			t.Fatalf("status %d (%s), want 400 or 422", he.Status, he.Detail)
		}
		if he.Detail == "" {
			t.Fatal("error without detail")
		}
	})
}
