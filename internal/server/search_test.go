package server_test

import (
	"net/url"
	"strings"
	"testing"
)

func TestJobSearchAPI(t *testing.T) {
	a := newApp(t)
	emp := a.account("hr@acme.example", "employer", "Acme")
	goID := a.postJob(emp, map[string]any{"title": "Senior Go Engineer", "description": "Go services on PostgreSQL. No degree required.", "remote": "remote",
		"skills": map[string]any{"required": []string{"golang", "postgres"}}, "salary": map[string]any{"min": 120000, "max": 150000, "currency": "USD", "period": "year"}})
	a.postJob(emp, map[string]any{"title": "Python Developer", "description": "Django on PostgreSQL. BS in Computer Science required.", "remote": "onsite"})
	draft := a.postJob(emp, map[string]any{"title": "Go Platform Engineer", "description": "Go and Kubernetes.", "status": "draft"})
	closed := a.postJob(emp, map[string]any{"title": "Go Tooling Engineer", "description": "Go tools."})
	a.do(req{method: "DELETE", path: "/api/v1/jobs/" + closed, token: emp}).must(t, 204)
	a.sync()

	res := a.do(req{method: "GET", path: "/api/v1/jobs?q=" + url.QueryEscape("golang postgres remote") + "&no_degree=true"}).must(t, 200)
	hits := res.json["hits"].([]any)
	if res.json["total"].(float64) != 1 || hits[0].(map[string]any)["id"] != goID {
		t.Fatalf("search: %s", res.body)
	}
	hl, _ := hits[0].(map[string]any)["highlights"].(map[string]any)
	title := toStrings(hl["title"])
	desc := toStrings(hl["description"])
	if len(title) == 0 || !strings.Contains(title[0], "<mark>Go</mark>") || len(desc) == 0 || !strings.Contains(desc[0], "<mark>PostgreSQL</mark>") {
		t.Fatalf("highlights %v", hl)
	}
	facets := res.json["facets"].(map[string]any)
	for _, f := range []string{"skills", "level", "degree", "remote", "employment_type", "salary", "posted"} {
		if _, ok := facets[f]; !ok {
			t.Errorf("facet %s missing", f)
		}
	}
	// Drafts and closed jobs never appear.
	all := a.do(req{method: "GET", path: "/api/v1/jobs?q=go&per_page=100"}).must(t, 200)
	for _, h := range all.json["hits"].([]any) {
		if id := h.(map[string]any)["id"]; id == draft || id == closed {
			t.Fatalf("unpublished job %v in results", id)
		}
	}
	skills := a.do(req{method: "GET", path: "/api/v1/jobs?skills=golang,postgres"}).must(t, 200)
	if skills.json["total"].(float64) != 1 {
		t.Fatalf("skills filter: %s", skills.body)
	}
	salary := a.do(req{method: "GET", path: "/api/v1/jobs?salary_min=140000&sort=salary"}).must(t, 200)
	if salary.json["total"].(float64) != 1 {
		t.Fatalf("salary filter: %s", salary.body)
	}
}

// TestBadSearches sends hostile and malformed searches: each is a 400 or
// 422 naming the parameter, or a sane answer; never a 500.
func TestBadSearches(t *testing.T) {
	a := newApp(t)
	emp := a.account("hr@acme.example", "employer", "Acme")
	a.postJob(emp, map[string]any{"title": "Go Engineer", "description": "Go."})
	a.sync()
	tests := []struct {
		name, query string
		status      int
		field       string
	}{
		{"leading wildcard", "q=" + url.QueryEscape("*ngineer"), 422, "q"},
		{"wildcard flood", "q=" + url.QueryEscape(strings.Repeat("*a ", 50)), 422, "q"},
		{"regexp", "q=" + url.QueryEscape("/go.*/"), 422, "q"},
		{"10 kB query", "q=" + strings.Repeat("x", 10_000), 422, "q"},
		{"too many words", "q=" + url.QueryEscape(strings.Repeat("go ", 40)), 422, "q"},
		{"query syntax is text", "q=" + url.QueryEscape(`title:go +level:senior -remote "x" ~2 ^3`), 200, ""},
		{"unicode junk", "q=" + url.QueryEscape("\u202e\u0000\ufffd𝔤𝔬 ☃"), 200, ""},
		{"bad level", "level=wizard", 422, "level"},
		{"bad remote", "remote=moon", 422, "remote"},
		{"bad sort", "sort=random", 422, "sort"},
		{"per_page too large", "per_page=1000", 422, "per_page"},
		{"page not a number", "page=two", 422, "page"},
		{"deep page", "page=1000&per_page=100", 422, "page"},
		{"page overflowing the offset", "page=4611686018427387905&per_page=2", 422, "page"},
		{"deep page at the default size", "page=1000000", 422, "page"},
		{"negative salary", "salary_min=-5", 422, "salary_min"},
		{"salary not a number", "salary_min=lots", 422, "salary_min"},
		{"bad posted_within", "posted_within=forever", 422, "posted_within"},
		{"bad no_degree", "no_degree=maybe", 422, "no_degree"},
		{"too many skills", "skills=" + strings.Repeat("go,", 20), 422, "skills"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := a.do(req{method: "GET", path: "/api/v1/jobs?" + tt.query})
			if tt.status == 200 {
				res.must(t, 200)
				return
			}
			res.isProblem(t, tt.status, tt.field)
		})
	}
}

// TestCandidateSearch: employers find discoverable candidates, without
// contact details; a candidate who is not discoverable, or stops being so,
// never appears.
func TestCandidateSearch(t *testing.T) {
	a := newApp(t)
	emp := a.account("hr@acme.example", "employer", "Acme")
	ada := a.account("ada@example.com", "candidate", "")
	bob := a.account("bob@example.com", "candidate", "")
	profile := func(name string, discoverable bool, skills ...string) map[string]any {
		var sk []map[string]any
		for _, s := range skills {
			sk = append(sk, map[string]any{"name": s})
		}
		return map[string]any{"name": name, "headline": "Back-end developer", "skills": sk, "years_experience": 4, "remote": "remote",
			"discoverable": discoverable, "contact": map[string]any{"email": strings.ToLower(name) + "@private.example"}}
	}
	a.do(req{method: "PUT", path: "/api/v1/me/profile", token: ada, body: profile("Ada", true, "golang", "Postgres", "Django")}).must(t, 201)
	a.do(req{method: "PUT", path: "/api/v1/me/profile", token: bob, body: profile("Bob", false, "golang")}).must(t, 201)
	a.sync()

	res := a.do(req{method: "GET", path: "/api/v1/candidates?skills=go,python", token: emp}).must(t, 200)
	hits := res.json["hits"].([]any)
	if res.json["total"].(float64) != 1 || hits[0].(map[string]any)["name"] != "Ada" {
		t.Fatalf("candidates: %s", res.body)
	}
	if strings.Contains(string(res.body), "private.example") || strings.Contains(string(res.body), "Bob") {
		t.Fatalf("contact details or an undiscoverable candidate leaked: %s", res.body)
	}
	a.do(req{method: "GET", path: "/api/v1/candidates?q=go", token: ada}).isProblem(t, 403)
	a.do(req{method: "GET", path: "/api/v1/candidates?q=go"}).isProblem(t, 401)
	a.do(req{method: "GET", path: "/api/v1/candidates?min_years=lots", token: emp}).isProblem(t, 422, "min_years")
	a.do(req{method: "GET", path: "/api/v1/candidates?min_years=NaN", token: emp}).isProblem(t, 422, "min_years")
	a.do(req{method: "GET", path: "/api/v1/candidates?page=4611686018427387905&per_page=2", token: emp}).isProblem(t, 422, "page")

	// Ada switches discoverable off: gone once the index has caught up.
	a.do(req{method: "PUT", path: "/api/v1/me/profile", token: ada, body: profile("Ada", false, "golang", "Postgres", "Django")}).must(t, 200)
	a.sync()
	if res := a.do(req{method: "GET", path: "/api/v1/candidates?q=golang", token: emp}).must(t, 200); res.json["total"].(float64) != 0 {
		t.Fatalf("undiscoverable candidate still found: %s", res.body)
	}
}
