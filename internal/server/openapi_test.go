package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// servedOpenAPI is the document the server serves.
func servedOpenAPI(t *testing.T) []byte {
	t.Helper()
	b, err := openAPIDoc()
	if err != nil {
		t.Fatalf("build openapi.json: %v", err)
	}
	return b
}

// loadOpenAPI parses and validates the served document.
func loadOpenAPI(t *testing.T) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(servedOpenAPI(t))
	if err != nil {
		t.Fatalf("load openapi.json: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not valid OpenAPI: %v", err)
	}
	return doc
}

var fiberParam = regexp.MustCompile(`:([A-Za-z0-9_]+)`)

// registeredRoutes lists "METHOD /path" for every route the app serves, with
// fiber's :param written the OpenAPI way as {param}. Middleware and the HEAD
// routes fiber adds for GET are left out.
func registeredRoutes(t *testing.T) []string {
	t.Helper()
	s, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range s.app.GetRoutes(true) {
		switch r.Method {
		case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete:
		default:
			continue
		}
		if !isAPI(r.Path) {
			continue // a page, not part of the API
		}
		out = append(out, r.Method+" "+fiberParam.ReplaceAllString(r.Path, "{$1}"))
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) == 0 {
		t.Fatal("the app registers no routes")
	}
	return out
}

// documentedRoutes lists "METHOD /path" for every operation of doc.
func documentedRoutes(t *testing.T, doc *openapi3.T) []string {
	t.Helper()
	var out []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			out = append(out, strings.ToUpper(method)+" "+path)
		}
	}
	slices.Sort(out)
	return out
}

func TestOpenAPIValid(t *testing.T) {
	doc := loadOpenAPI(t)
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi = %q, want 3.0.3", doc.OpenAPI)
	}
	if doc.Info.Title != "jobpath" || doc.Info.Version != "1" {
		t.Errorf("info = %q %q, want jobpath 1", doc.Info.Title, doc.Info.Version)
	}
	if _, ok := doc.Components.SecuritySchemes["bearerAuth"]; !ok {
		t.Error("no bearerAuth security scheme")
	}
}

func TestOpenAPIMatchesRoutes(t *testing.T) {
	registered := registeredRoutes(t)
	documented := documentedRoutes(t, loadOpenAPI(t))
	for _, tc := range []struct {
		name       string
		have, want []string
	}{
		{"every registered route is documented", registered, documented},
		{"every documented route is registered", documented, registered},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, r := range tc.have {
				if !slices.Contains(tc.want, r) {
					t.Errorf("%s: missing from the other side", r)
				}
			}
		})
	}
}

// TestOpenAPISecurity checks that routes behind a sign-in say so, and that
// public ones do not demand it.
func TestOpenAPISecurity(t *testing.T) {
	doc := loadOpenAPI(t)
	for _, tc := range []struct {
		method, path string
		auth         string // "required", "optional" or "none"
	}{
		{"GET", "/healthz", "none"},
		{"GET", "/readyz", "none"},
		{"GET", "/openapi.json", "none"},
		{"POST", "/api/v1/auth/register", "none"},
		{"POST", "/api/v1/auth/login", "none"},
		{"POST", "/api/v1/auth/logout", "required"},
		{"GET", "/api/v1/me", "required"},
		{"POST", "/api/v1/jobs", "required"},
		{"GET", "/api/v1/jobs", "none"},
		{"GET", "/api/v1/jobs/{id}", "optional"},
		{"PATCH", "/api/v1/jobs/{id}", "required"},
		{"DELETE", "/api/v1/jobs/{id}", "required"},
		{"GET", "/api/v1/me/jobs", "required"},
		{"GET", "/api/v1/jobs/{id}/matches", "required"},
		{"GET", "/api/v1/me/matches", "required"},
		{"GET", "/api/v1/candidates", "required"},
		{"GET", "/api/v1/me/profile", "required"},
		{"PUT", "/api/v1/me/profile", "required"},
		{"GET", "/api/v1/me/career", "required"},
		{"GET", "/api/v1/skills", "none"},
		{"GET", "/api/v1/trajectory", "none"},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			op := operation(t, doc, tc.method, tc.path)
			got := "none"
			if op.Security != nil {
				for _, req := range *op.Security {
					if len(req) == 0 {
						got = "optional"
						break
					}
					got = "required"
				}
			}
			if got != tc.auth {
				t.Errorf("security is %s, want %s", got, tc.auth)
			}
			if _, ok := op.Responses.Map()["401"]; tc.auth != "none" && !ok {
				t.Error("401 is not documented")
			}
		})
	}
}

// TestOpenAPIErrorsAreProblems checks that every error response is
// application/problem+json with the Problem schema.
func TestOpenAPIErrorsAreProblems(t *testing.T) {
	doc := loadOpenAPI(t)
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			for code, ref := range op.Responses.Map() {
				if code != "default" && code < "400" {
					continue
				}
				mt := ref.Value.Content.Get("application/problem+json")
				if mt == nil || mt.Schema == nil || mt.Schema.Ref != "#/components/schemas/Problem" {
					t.Errorf("%s %s %s: not application/problem+json with the Problem schema", method, path, code)
				}
			}
		}
	}
}

func operation(t *testing.T, doc *openapi3.T, method, path string) *openapi3.Operation {
	t.Helper()
	item := doc.Paths.Value(path)
	if item == nil {
		t.Fatalf("%s is not documented", path)
	}
	op := item.GetOperation(method)
	if op == nil {
		t.Fatalf("%s %s is not documented", method, path)
	}
	return op
}

func TestOpenAPIServed(t *testing.T) {
	s, err := New(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.app.Test(httptest.NewRequest(http.MethodGet, "/openapi.json", nil))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /openapi.json = %d: %s", resp.StatusCode, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", ct)
	}
	if string(body) != string(servedOpenAPI(t)) {
		t.Error("GET /openapi.json does not serve the built document")
	}
}

// TestOpenAPIEnums holds every enumeration of the document to the domain's
// list: the source names the list, and the served document carries it.
func TestOpenAPIEnums(t *testing.T) {
	doc := loadOpenAPI(t)
	schemas := doc.Components.Schemas
	tests := []struct {
		name   string
		schema *openapi3.SchemaRef
		want   []string
	}{
		{"Level", schemas["Level"], jobpath.Strings(jobpath.Levels)},
		{"Stage", schemas["Stage"], jobpath.Strings(jobpath.Stages)},
		{"DegreeRule", schemas["DegreeRule"], jobpath.Strings(jobpath.Degrees)},
		{"RemoteMode", schemas["RemoteMode"], jobpath.Strings(jobpath.RemoteModes)},
		{"RemotePreference", schemas["RemotePreference"], jobpath.Strings(jobpath.RemotePreferences)},
		{"JobStatus", schemas["JobStatus"], jobpath.Strings(jobpath.Statuses)},
		{"InputJobStatus", schemas["InputJobStatus"], jobpath.Strings(jobpath.InputStatuses)},
		{"EmploymentType", schemas["EmploymentType"], jobpath.EmploymentTypes},
		{"JobHit.level", schemas["JobHit"].Value.Properties["level"], jobpath.Strings(jobpath.SearchLevels)},
		{"Profile.desired_level", schemas["Profile"].Value.Properties["desired_level"], append([]string{""}, jobpath.Strings(jobpath.Levels)...)},
		{"SearchLevel parameter", doc.Components.Parameters["SearchLevel"].Value.Schema, jobpath.Strings(jobpath.SearchLevels)},
		{"candidates level", doc.Paths.Find("/api/v1/candidates").Get.Parameters.GetByInAndName("query", "level").Schema, jobpath.Strings(jobpath.SearchLevels)},
		{"jobs sort", doc.Paths.Find("/api/v1/jobs").Get.Parameters.GetByInAndName("query", "sort").Schema, jobpath.SearchSorts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.schema == nil || tt.schema.Value == nil {
				t.Fatal("not in the document")
			}
			var got []string
			for _, v := range tt.schema.Value.Enum {
				got = append(got, fmt.Sprint(v))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("enum = %q, want %q", got, tt.want)
			}
		})
	}
	// The source writes none of the domain's lists by hand.
	var src any
	if err := json.Unmarshal(openAPISource, &src); err != nil {
		t.Fatal(err)
	}
	for _, written := range writtenEnums(src) {
		for name, list := range enumLists() {
			if slices.Equal(written, list) {
				t.Errorf("openapi.json writes the list %q by hand; say \"x-enum-from\": %q", written, name)
			}
		}
	}
	if strings.Contains(string(servedOpenAPI(t)), "x-enum-from") {
		t.Error("the served document still says x-enum-from")
	}
}

func TestOpenAPIEnumNames(t *testing.T) {
	lists := map[string][]string{"known": {"a"}}
	tests := []struct {
		name, src, want string
	}{
		{"known", `{"type":"string","x-enum-from":"known"}`, ""},
		{"unknown", `{"x-enum-from":"unknown"}`, "names no list"},
		{"beside an enum", `{"x-enum-from":"known","enum":["b"]}`, "beside a written enum"},
		{"nested", `{"a":[{"b":{"x-enum-from":"nope"}}]}`, "names no list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var doc any
			if err := json.Unmarshal([]byte(tt.src), &doc); err != nil {
				t.Fatal(err)
			}
			err := fillEnums(doc, lists)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("fillEnums = %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("fillEnums = %v, want an error saying %q", err, tt.want)
			}
		})
	}
}

// writtenEnums lists every enum written in a decoded JSON document.
func writtenEnums(node any) [][]string {
	var out [][]string
	switch n := node.(type) {
	case map[string]any:
		if e, ok := n["enum"].([]any); ok {
			var list []string
			for _, v := range e {
				list = append(list, fmt.Sprint(v))
			}
			out = append(out, list)
		}
		for _, v := range n {
			out = append(out, writtenEnums(v)...)
		}
	case []any:
		for _, v := range n {
			out = append(out, writtenEnums(v)...)
		}
	}
	return out
}
