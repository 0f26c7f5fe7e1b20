package server_test

import (
	"strings"
	"testing"
)

func TestMatchesBothWays(t *testing.T) {
	a := newApp(t)
	emp := a.account("hr@acme.example", "employer", "Acme")
	other := a.account("hr@globex.example", "employer", "Globex")
	base := func(title, degree string) map[string]any {
		return map[string]any{"title": title, "description": "Services.", "level": "mid", "degree": degree, "remote": "remote",
			"skills": map[string]any{"required": []string{"python", "django", "postgresql", "kafka"}}}
	}
	open := a.postJob(emp, base("Backend Developer (open)", "equivalent_experience"))
	strict := a.postJob(emp, base("Backend Developer (strict)", "required"))
	a.postJob(emp, map[string]any{"title": "Rust Engineer", "description": "Rust.", "level": "senior", "skills": map[string]any{"required": []string{"rust"}}})

	ada := a.account("ada@example.com", "candidate", "")
	bob := a.account("bob@example.com", "candidate", "")
	put := func(tok, name string, discoverable bool) {
		a.do(req{method: "PUT", path: "/api/v1/me/profile", token: tok, body: map[string]any{
			"name": name, "years_experience": 3, "remote": "remote", "discoverable": discoverable,
			"skills":    []map[string]any{{"name": "Django"}, {"name": "Postgres"}, {"name": "Docker"}, {"name": "AWS"}, {"name": "HTML"}, {"name": "CSS"}, {"name": "JavaScript"}, {"name": "git"}, {"name": "unit testing"}, {"name": "REST"}},
			"education": []map[string]any{{"level": "self_taught"}},
			"contact":   map[string]any{"email": strings.ToLower(name) + "@private.example"},
		}}).must(t, 201)
	}
	put(ada, "Ada", true)
	put(bob, "Bob", false)
	a.sync()

	res := a.do(req{method: "GET", path: "/api/v1/me/matches", token: ada}).must(t, 200)
	hits := res.json["hits"].([]any)
	if len(hits) < 2 {
		t.Fatalf("matches: %s", res.body)
	}
	first, second := hits[0].(map[string]any), hits[1].(map[string]any)
	if first["job"].(map[string]any)["id"] != open || second["job"].(map[string]any)["id"] != strict {
		t.Fatalf("the role accepting experience must rank first: %s", res.body)
	}
	if second["degree_required"] != true || first["no_degree"] != true {
		t.Fatalf("flags: %v / %v", first, second)
	}
	if exp, _ := first["explanation"].(string); !strings.Contains(exp, "3 of 4 required skills; missing Apache Kafka") {
		t.Fatalf("explanation %q", exp)
	}
	a.do(req{method: "GET", path: "/api/v1/me/matches?min_score=101", token: ada}).isProblem(t, 422, "min_score")
	nd := a.do(req{method: "GET", path: "/api/v1/me/matches?no_degree=true", token: ada}).must(t, 200)
	for _, h := range nd.json["hits"].([]any) {
		if h.(map[string]any)["job"].(map[string]any)["id"] == strict {
			t.Fatal("no_degree=true returned a role that requires a degree")
		}
	}

	cands := a.do(req{method: "GET", path: "/api/v1/jobs/" + open + "/matches", token: emp}).must(t, 200)
	body := string(cands.body)
	if cands.json["total"].(float64) != 1 || !strings.Contains(body, "Ada") || strings.Contains(body, "Bob") || strings.Contains(body, "private.example") {
		t.Fatalf("job matches: %s", body)
	}
	a.do(req{method: "GET", path: "/api/v1/jobs/" + open + "/matches", token: other}).isProblem(t, 403)
	a.do(req{method: "GET", path: "/api/v1/jobs/" + open + "/matches", token: ada}).isProblem(t, 403)

	// Ada stops being discoverable: gone from the job's matches once indexed.
	a.do(req{method: "PUT", path: "/api/v1/me/profile", token: ada, body: map[string]any{"name": "Ada", "discoverable": false}}).must(t, 200)
	a.sync()
	if res := a.do(req{method: "GET", path: "/api/v1/jobs/" + open + "/matches", token: emp}).must(t, 200); res.json["total"].(float64) != 0 {
		t.Fatalf("undiscoverable candidate still matched: %s", res.body)
	}
}

// TestOnePlacementPerPerson: a hiring team sees a candidate at the stage the
// candidate sees in their own career view, placed from the whole profile.
func TestOnePlacementPerPerson(t *testing.T) {
	a := newApp(t)
	emp := a.account("hr@acme.example", "employer", "Acme")
	job := a.postJob(emp, map[string]any{"title": "Senior Go Engineer", "description": "Payments in Go.", "level": "senior", "remote": "remote",
		"skills": map[string]any{"required": []string{"go", "postgresql", "kafka"}}})
	cand := a.account("marcus@example.com", "candidate", "")
	// Says 2 years, but nine years of positions and the skills to go with
	// them place the candidate higher.
	a.do(req{method: "PUT", path: "/api/v1/me/profile", token: cand, body: map[string]any{
		"name": "Marcus Bell", "years_experience": 2, "remote": "remote", "discoverable": true,
		"skills": []map[string]any{{"name": "go"}, {"name": "postgresql"}, {"name": "kafka"}, {"name": "kubernetes"}, {"name": "docker"},
			{"name": "aws"}, {"name": "redis"}, {"name": "terraform"}, {"name": "git"}, {"name": "ci/cd"}, {"name": "code review"}},
		"experience": []map[string]any{{"title": "Software Engineer", "start": "2015-01", "end": "2019-12"}, {"title": "Senior Software Engineer", "start": "2020-01"}},
	}}).must(t, 201)
	a.sync()
	mine := a.do(req{method: "GET", path: "/api/v1/me/career", token: cand}).must(t, 200).str("stage")
	res := a.do(req{method: "GET", path: "/api/v1/jobs/" + job + "/matches", token: emp}).must(t, 200)
	hits, _ := res.json["hits"].([]any)
	if len(hits) != 1 {
		t.Fatalf("job matches: %s", res.body)
	}
	h := hits[0].(map[string]any)
	theirs, _ := h["candidate"].(map[string]any)["stage"].(string)
	if mine != "senior" || theirs != mine {
		t.Fatalf("the candidate sees %q, the hiring team %q; want senior for both", mine, theirs)
	}
	if exp, _ := h["explanation"].(string); !strings.Contains(exp, "Marcus has 3 of 3 required skills") || !strings.Contains(exp, "senior, as the role asks") {
		t.Errorf("explanation to the team %q", exp)
	}
}
