package server_test

import (
	"strings"
	"testing"
)

// TestJobDetection posts a job with only a title and a description: the
// board fills canonical skills, level, years and degree, and says so.
func TestJobDetection(t *testing.T) {
	a := newApp(t)
	emp := a.account("hr@acme.example", "employer", "Acme")
	res := a.do(req{method: "POST", path: "/api/v1/jobs", token: emp, body: map[string]any{
		"title":       "Senior Backend Engineer (Golang)",
		"description": "You will build services in Go on Postgres and K8s. 5+ years of experience building back-end systems. A CS degree or equivalent practical experience. Nice to have: Kafka.",
	}}).must(t, 201)
	if res.str("level") != "senior" || res.str("degree") != "equivalent_experience" {
		t.Fatalf("detected level %q degree %q: %s", res.str("level"), res.str("degree"), res.body)
	}
	if y, _ := res.json["min_years"].(float64); y != 5 {
		t.Fatalf("min_years %v", res.json["min_years"])
	}
	sk := res.json["skills"].(map[string]any)
	required := toStrings(sk["required"])
	pref := toStrings(sk["preferred"])
	for _, want := range []string{"go", "postgresql", "kubernetes"} {
		if !containsStr(required, want) {
			t.Errorf("required skills %v lack %s", required, want)
		}
	}
	if !containsStr(pref, "kafka") {
		t.Errorf("preferred skills %v lack kafka", pref)
	}
	detected := toStrings(res.json["detected"])
	for _, f := range []string{"skills", "level", "min_years", "degree"} {
		if !containsStr(detected, f) {
			t.Errorf("detected %v lacks %s", detected, f)
		}
	}

	// A poster's explicit value wins and is not reported as detected; aliases
	// become canonical ids.
	res = a.do(req{method: "POST", path: "/api/v1/jobs", token: emp, body: map[string]any{
		"title":       "Senior Backend Engineer",
		"description": "Bachelor's degree in Computer Science required.",
		"level":       "mid",
		"skills":      map[string]any{"required": []string{"golang", "Postgres", "k8s", "Quantum Basket Weaving"}},
	}}).must(t, 201)
	if res.str("level") != "mid" || res.str("degree") != "required" {
		t.Fatalf("explicit level / detected degree: %s", res.body)
	}
	required = toStrings(res.json["skills"].(map[string]any)["required"])
	if strings.Join(required, ",") != "go,postgresql,kubernetes,quantum basket weaving" {
		t.Fatalf("canonical skills %v", required)
	}
	if d := toStrings(res.json["detected"]); strings.Join(d, ",") != "degree" {
		t.Fatalf("detected %v, want only degree", d)
	}
	// Editing the text re-detects what was detected; patching a field makes it explicit.
	id, etag := res.str("id"), res.header.Get("ETag")
	res = a.do(req{method: "PATCH", path: "/api/v1/jobs/" + id, token: emp, header: map[string]string{"If-Match": etag},
		body: map[string]any{"description": "No degree required; show us what you have built."}}).must(t, 200)
	if res.str("degree") != "not_required" {
		t.Fatalf("re-detected degree %q", res.str("degree"))
	}
	res = a.do(req{method: "PATCH", path: "/api/v1/jobs/" + id, token: emp, header: map[string]string{"If-Match": res.header.Get("ETag")},
		body: map[string]any{"degree": "preferred"}}).must(t, 200)
	if res.str("degree") != "preferred" || containsStr(toStrings(res.json["detected"]), "degree") {
		t.Fatalf("explicit degree: %s", res.body)
	}
}

// TestDetectedSkillsKeepTheJobEditable: a description naming more skills
// than a job may list yields at most the limit, so later edits validate,
// and no more required skills than a role can carry.
func TestDetectedSkillsKeepTheJobEditable(t *testing.T) {
	a := newApp(t)
	emp := a.account("hr@acme.example", "employer", "Acme")
	many := "Python, Java, Ruby, PHP, Go, JavaScript, TypeScript, C#, Kotlin, Rust, Scala, Elixir, Erlang, Clojure, Haskell, " +
		"PostgreSQL, MySQL, MongoDB, Redis, Cassandra, DynamoDB, Elasticsearch, ClickHouse, Snowflake, BigQuery, Kafka, RabbitMQ, " +
		"Docker, Kubernetes, Terraform, Ansible, AWS, GCP, Azure, Linux, Nginx, Helm, Prometheus, Grafana, Datadog, " +
		"Django, Flask, FastAPI, Rails, Laravel, Symfony, Spring Boot, Express, NestJS, Phoenix, GraphQL, gRPC, REST, " +
		"Jenkins, CircleCI, GitHub Actions, pytest, JUnit, RSpec, Jest, Cypress, Selenium, HTML, CSS, React, Vue, Angular."
	res := a.do(req{method: "POST", path: "/api/v1/jobs", token: emp, body: map[string]any{"title": "Polyglot engineer", "description": "We use " + many}}).must(t, 201)
	// Past a bound a recruiter can check, what a posting lists is what it
	// would like: the rest is preferred.
	sk := res.json["skills"].(map[string]any)
	if req, pref := len(toStrings(sk["required"])), len(toStrings(sk["preferred"])); req != 15 || pref > 60 || pref < 25 {
		t.Fatalf("%d detected required and %d preferred skills, want 15 and the rest, up to the limit", req, pref)
	}
	a.do(req{method: "PATCH", path: "/api/v1/jobs/" + res.str("id"), token: emp, header: map[string]string{"If-Match": `"1"`}, body: map[string]any{"title": "Polyglot engineer II"}}).must(t, 200)
}

func TestSkillsTypeahead(t *testing.T) {
	a := newApp(t)
	emp := a.account("hr@acme.example", "employer", "Acme")
	a.postJob(emp, map[string]any{"title": "Python developer", "description": "Python and PostgreSQL.", "skills": map[string]any{"required": []string{"python", "postgresql"}}})
	a.postJob(emp, map[string]any{"title": "Data engineer", "description": "PostgreSQL all day.", "skills": map[string]any{"required": []string{"postgresql"}}})
	res := a.do(req{method: "GET", path: "/api/v1/skills?prefix=p&limit=5"}).must(t, 200)
	hits := res.json["skills"].([]any)
	if len(hits) == 0 || len(hits) > 5 {
		t.Fatalf("hits %s", res.body)
	}
	first := hits[0].(map[string]any)
	if first["id"] != "postgresql" || first["demand"].(float64) != 1 {
		t.Fatalf("first hit %v, want postgresql asked by every job", first)
	}
	res = a.do(req{method: "GET", path: "/api/v1/skills?prefix=golan"}).must(t, 200)
	if hits := res.json["skills"].([]any); len(hits) != 1 || hits[0].(map[string]any)["id"] != "go" {
		t.Fatalf("alias prefix: %s", res.body)
	}
	a.do(req{method: "GET", path: "/api/v1/skills?prefix=p&limit=500"}).isProblem(t, 422, "limit")
	a.do(req{method: "GET", path: "/api/v1/skills?prefix=" + strings.Repeat("x", 200)}).isProblem(t, 422, "prefix")
}

func TestTrajectoryAndCareer(t *testing.T) {
	a := newApp(t)
	tr := a.do(req{method: "GET", path: "/api/v1/trajectory"}).must(t, 200)
	stages := tr.json["stages"].([]any)
	var names []string
	for _, s := range stages {
		names = append(names, s.(map[string]any)["id"].(string))
	}
	if strings.Join(names, ",") != "aspiring,junior,mid,senior,lead" || len(tr.json["areas"].([]any)) != 9 || len(tr.json["routes"].([]any)) != 2 {
		t.Fatalf("trajectory: %s", tr.body[:min(400, len(tr.body))])
	}

	emp := a.account("hr@acme.example", "employer", "Acme")
	for _, skills := range [][]string{{"python", "django", "docker", "aws"}, {"go", "docker", "kubernetes"}, {"java", "docker"}} {
		a.postJob(emp, map[string]any{"title": "Backend developer", "description": "Services.", "level": "mid", "skills": map[string]any{"required": skills}})
	}
	// A role the candidate misses only by Docker: learning it makes a match.
	a.postJob(emp, map[string]any{"title": "Python platform developer", "description": "Services.", "level": "mid", "remote": "remote",
		"skills": map[string]any{"required": []string{"python", "docker", "kubernetes", "aws"}}})
	a.sync()
	cand := a.account("cand@example.com", "candidate", "")
	a.do(req{method: "GET", path: "/api/v1/me/career", token: cand}).isProblem(t, 404)
	a.do(req{method: "GET", path: "/api/v1/me/career", token: emp}).isProblem(t, 403)
	a.do(req{method: "PUT", path: "/api/v1/me/profile", token: cand, body: map[string]any{
		"name":             "Cand",
		"years_experience": 1,
		"skills":           []map[string]any{{"name": "Python"}, {"name": "Flask"}, {"name": "HTML"}, {"name": "CSS"}, {"name": "JavaScript"}, {"name": "PostgreSQL"}, {"name": "git"}, {"name": "debugging"}, {"name": "communication"}},
		"education":        []map[string]any{{"level": "bootcamp"}},
	}}).must(t, 201)
	res := a.do(req{method: "GET", path: "/api/v1/me/career", token: cand}).must(t, 200)
	if res.str("stage") != "junior" || res.str("route") != "experience" {
		t.Fatalf("placement: %s", res.body)
	}
	next := res.json["next"].(map[string]any)
	if next["stage"] != "mid" {
		t.Fatalf("next: %v", next)
	}
	missing := next["missing_skills"].([]any)
	if len(missing) == 0 || missing[0].(map[string]any)["skill"] != "docker" || missing[0].(map[string]any)["demand"].(float64) != 1 {
		t.Fatalf("first missing skill should be docker, asked by every mid job: %v", missing[:min(3, len(missing))])
	}
	prev := 2.0
	for _, m := range missing {
		d := m.(map[string]any)["demand"].(float64)
		if d > prev {
			t.Fatalf("missing skills not ordered by demand: %v", missing)
		}
		prev = d
	}
	if u := missing[0].(map[string]any)["unlocks"].(float64); u < 1 {
		t.Fatalf("docker unlocks %v matches, want at least the platform role", u)
	}
}

func toStrings(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

func containsStr(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestJobDetectionReadsTerms posts a job as most employers write one, a
// title and a description: where it is worked, where it is, what it pays
// and on what terms are read from the text, each with the passage that
// says so; edits of the text are read again, and a poster's value stands.
func TestJobDetectionReadsTerms(t *testing.T) {
	a := newApp(t)
	emp := a.account("hr@acme.example", "employer", "Acme")
	desc := "Acme | Senior Backend Engineer | Austin, TX or remote (US) | $150k-$180k | Contract\nYou will build payment services in Go."
	res := a.do(req{method: "POST", path: "/api/v1/jobs", token: emp, body: map[string]any{
		"title": "Senior Backend Engineer", "description": desc,
	}}).must(t, 201)
	loc, _ := res.json["location"].(map[string]any)
	sal, _ := res.json["salary"].(map[string]any)
	if res.str("remote") != "remote" || res.str("remote_region") != "US" || loc["city"] != "Austin" || loc["country"] != "US" ||
		sal["min"] != 150000.0 || sal["max"] != 180000.0 || sal["currency"] != "USD" || res.str("employment_type") != "contract" {
		t.Fatalf("read %s", res.body)
	}
	detected := toStrings(res.json["detected"])
	evidence, _ := res.json["evidence"].(map[string]any)
	for _, f := range []string{"remote", "location", "salary", "employment_type"} {
		if !containsStr(detected, f) {
			t.Errorf("detected %v lacks %s", detected, f)
		}
		e, _ := evidence[f].(map[string]any)
		text, _ := e["text"].(string)
		start, _ := e["start"].(float64)
		end, _ := e["end"].(float64)
		if e["in"] != "description" || text == "" || int(end) > len(desc) || desc[int(start):int(end)] != text {
			t.Errorf("%s evidence %v does not quote the description", f, e)
		}
	}

	if lv, _ := evidence["level"].(map[string]any); lv["in"] != "title" || lv["text"] != "Senior Backend Engineer" {
		t.Errorf("level evidence %v, want the title", lv)
	}

	// The text is edited: what was read from it is read again.
	id, etag := res.str("id"), res.header.Get("ETag")
	res = a.do(req{method: "PATCH", path: "/api/v1/jobs/" + id, token: emp, header: map[string]string{"If-Match": etag},
		body: map[string]any{"description": "Build payment services in Go, 3 days a week in our Berlin office."}}).must(t, 200)
	loc, _ = res.json["location"].(map[string]any)
	if res.str("remote") != "hybrid" || loc["city"] != "Berlin" || res.json["salary"] != nil || res.str("employment_type") != "full_time" {
		t.Fatalf("after the edit: %s", res.body)
	}
	if d := toStrings(res.json["detected"]); containsStr(d, "employment_type") || containsStr(d, "salary") {
		t.Errorf("detected %v after the text stopped saying so", d)
	}

	// A poster's own value stands through edits of the text.
	etag = res.header.Get("ETag")
	res = a.do(req{method: "PATCH", path: "/api/v1/jobs/" + id, token: emp, header: map[string]string{"If-Match": etag},
		body: map[string]any{"remote": "onsite"}}).must(t, 200)
	etag = res.header.Get("ETag")
	res = a.do(req{method: "PATCH", path: "/api/v1/jobs/" + id, token: emp, header: map[string]string{"If-Match": etag},
		body: map[string]any{"description": "Build payment services in Go. Fully remote."}}).must(t, 200)
	if res.str("remote") != "onsite" || containsStr(toStrings(res.json["detected"]), "remote") {
		t.Errorf("the poster's onsite was overridden by the text: %s", res.body)
	}
}
