package server_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestHealthAndReady(t *testing.T) {
	a := newApp(t)
	if r := a.do(req{method: "GET", path: "/healthz"}).must(t, 200); r.str("status") != "ok" {
		t.Fatalf("healthz: %s", r.body)
	}
	a.do(req{method: "GET", path: "/readyz"}).must(t, 200)
	a.do(req{method: "GET", path: "/api/v1/no/such/route"}).isProblem(t, 404)
	r := a.do(req{method: "GET", path: "/healthz"})
	for _, h := range []string{"X-Request-Id", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"} {
		if r.header.Get(h) == "" {
			t.Errorf("response lacks %s", h)
		}
	}
}

func TestRegisterAndLogin(t *testing.T) {
	a := newApp(t)
	reg := func(body map[string]any) *response {
		return a.do(req{method: "POST", path: "/api/v1/auth/register", body: body})
	}
	res := reg(map[string]any{"email": "Ada@Example.com", "password": "a long passphrase", "name": "Ada", "role": "employer", "company": "Acme, Inc."}).must(t, 201)
	if res.str("email") != "ada@example.com" || res.str("company") != "acme-inc" || res.str("role") != "employer" {
		t.Fatalf("registered user: %s", res.body)
	}
	if strings.Contains(string(res.body), "password") {
		t.Fatalf("registration answer leaks the password hash: %s", res.body)
	}
	tests := []struct {
		name   string
		body   map[string]any
		status int
		field  string
	}{
		{"same e-mail in other case", map[string]any{"email": "ADA@example.com", "password": "a long passphrase", "name": "Ada", "role": "candidate"}, 409, "email"},
		{"company taken", map[string]any{"email": "bob@example.com", "password": "a long passphrase", "name": "Bob", "role": "employer", "company": "ACME inc"}, 409, "company"},
		{"short password", map[string]any{"email": "c@example.com", "password": "short", "name": "C", "role": "candidate"}, 422, "password"},
		{"admin role", map[string]any{"email": "d@example.com", "password": "a long passphrase", "name": "D", "role": "admin"}, 422, "role"},
		{"employer without company", map[string]any{"email": "e@example.com", "password": "a long passphrase", "name": "E", "role": "employer"}, 422, "company"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reg(tt.body).isProblem(t, tt.status, tt.field)
		})
	}
	login := func(email, pw string) *response {
		return a.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": email, "password": pw}})
	}
	tok := login("ada@EXAMPLE.com", "a long passphrase").must(t, 200).str("token")
	if !strings.HasPrefix(tok, "jp_") {
		t.Fatalf("token %q", tok)
	}
	wrong := login("ada@example.com", "not the passphrase")
	wrong.isProblem(t, 401)
	unknown := login("nobody@example.com", "a long passphrase")
	unknown.isProblem(t, 401)
	if wrong.str("detail") != unknown.str("detail") {
		t.Errorf("wrong password and unknown e-mail answer differently: %q vs %q", wrong.str("detail"), unknown.str("detail"))
	}
	me := a.do(req{method: "GET", path: "/api/v1/me", token: tok}).must(t, 200)
	if me.str("email") != "ada@example.com" || me.str("company") != "acme-inc" {
		t.Fatalf("me: %s", me.body)
	}
}

func TestJobLifecycle(t *testing.T) {
	a := newApp(t)
	emp := a.account("hr@acme.example", "employer", "Acme")
	res := a.do(req{method: "POST", path: "/api/v1/jobs", token: emp, body: validJob()}).must(t, 201)
	id := res.str("id")
	if loc := res.header.Get("Location"); loc != "/api/v1/jobs/"+id {
		t.Fatalf("Location %q", loc)
	}
	if et := res.header.Get("ETag"); et != `"1"` {
		t.Fatalf("ETag %q", et)
	}
	if res.str("company") != "acme" || res.str("status") != "published" || res.str("posted_at") == "" {
		t.Fatalf("created job: %s", res.body)
	}
	skills := res.json["skills"].(map[string]any)["required"].([]any)
	if len(skills) != 2 || skills[0] != "go" || skills[1] != "postgresql" {
		t.Fatalf("required skills %v", skills)
	}

	got := a.do(req{method: "GET", path: "/api/v1/jobs/" + id}).must(t, 200)
	if got.str("title") != "Senior Go Engineer" || got.header.Get("ETag") != `"1"` {
		t.Fatalf("anonymous read: %s", got.body)
	}
	path := "/api/v1/jobs/" + id
	a.do(req{method: "PATCH", path: path, token: emp, body: map[string]any{"title": "Staff Go Engineer"}}).isProblem(t, 428)
	patched := a.do(req{method: "PATCH", path: path, token: emp, body: map[string]any{"title": "Staff Go Engineer", "level": "lead"}, header: map[string]string{"If-Match": `"1"`}}).must(t, 200)
	if patched.str("title") != "Staff Go Engineer" || patched.str("level") != "lead" || patched.header.Get("ETag") != `"2"` || patched.str("description") == "" {
		t.Fatalf("patched: %s", patched.body)
	}
	a.do(req{method: "PATCH", path: path, token: emp, body: map[string]any{"title": "Lost update"}, header: map[string]string{"If-Match": `"1"`}}).isProblem(t, 412)
	a.do(req{method: "PATCH", path: path, token: emp, body: map[string]any{"title": "<script>alert(1)</script>"}, header: map[string]string{"If-Match": `"2"`}}).isProblem(t, 422, "title")
	merge := a.do(req{method: "PATCH", path: path, token: emp, body: map[string]any{"status": "draft"}, header: map[string]string{"If-Match": `"2"`, "Content-Type": "application/merge-patch+json"}}).must(t, 200)
	if merge.str("status") != "draft" {
		t.Fatalf("merge patch: %s", merge.body)
	}
	a.do(req{method: "GET", path: path}).isProblem(t, 404)
	a.do(req{method: "GET", path: path, token: emp}).must(t, 200)

	a.do(req{method: "DELETE", path: path, token: emp, header: map[string]string{"If-Match": `"1"`}}).isProblem(t, 412)
	a.do(req{method: "DELETE", path: path, token: emp}).must(t, 204)
	a.do(req{method: "DELETE", path: path, token: emp}).must(t, 204)
	a.do(req{method: "GET", path: path}).isProblem(t, 404)
	closed := a.do(req{method: "GET", path: path, token: emp}).must(t, 200)
	if closed.str("status") != "closed" {
		t.Fatalf("closed job: %s", closed.body)
	}
	a.do(req{method: "PATCH", path: path, token: emp, body: map[string]any{"status": "published"}, header: map[string]string{"If-Match": closed.header.Get("ETag")}}).isProblem(t, 409)

	other := a.postJob(emp, map[string]any{"title": "Junior PHP developer", "description": "Laravel and MySQL.", "status": "draft"})
	list := a.do(req{method: "GET", path: "/api/v1/me/jobs", token: emp}).must(t, 200)
	if n, _ := list.json["total"].(float64); n != 2 {
		t.Fatalf("me/jobs total %v: %s", list.json["total"], list.body)
	}
	drafts := a.do(req{method: "GET", path: "/api/v1/me/jobs?status=draft", token: emp}).must(t, 200)
	if jobs := drafts.json["jobs"].([]any); len(jobs) != 1 || jobs[0].(map[string]any)["id"] != other {
		t.Fatalf("drafts: %s", drafts.body)
	}
	a.do(req{method: "GET", path: "/api/v1/me/jobs?status=bogus", token: emp}).isProblem(t, 422, "status")
}

func TestExpiredJobsAreHidden(t *testing.T) {
	a := newApp(t)
	emp := a.account("hr@acme.example", "employer", "Acme")
	job := validJob()
	job["expires_at"] = a.clock.Now().Add(48 * time.Hour).Format(time.RFC3339)
	id := a.postJob(emp, job)
	a.do(req{method: "GET", path: "/api/v1/jobs/" + id}).must(t, 200)
	a.clock.Advance(49 * time.Hour)
	a.do(req{method: "GET", path: "/api/v1/jobs/" + id}).isProblem(t, 404)
	emp = a.login("hr@acme.example") // the first token outlived its hour
	if r := a.do(req{method: "GET", path: "/api/v1/jobs/" + id, token: emp}).must(t, 200); r.str("status") != "expired" {
		t.Fatalf("owner sees status %q", r.str("status"))
	}
}

func TestAuthorization(t *testing.T) {
	a := newApp(t)
	empA := a.account("a@acme.example", "employer", "Acme")
	empB := a.account("b@globex.example", "employer", "Globex")
	cand := a.account("c@example.com", "candidate", "")
	published := a.postJob(empA, validJob())
	draftJob := validJob()
	draftJob["status"] = "draft"
	draft := a.postJob(empA, draftJob)
	ifMatch := map[string]string{"If-Match": `"1"`}

	tests := []struct {
		name   string
		r      req
		status int
	}{
		{"anonymous cannot post", req{method: "POST", path: "/api/v1/jobs", body: validJob()}, 401},
		{"candidate cannot post", req{method: "POST", path: "/api/v1/jobs", token: cand, body: validJob()}, 403},
		{"bad token", req{method: "GET", path: "/api/v1/me", token: "jp_" + strings.Repeat("x", 43)}, 401},
		{"B cannot read A's draft", req{method: "GET", path: "/api/v1/jobs/" + draft, token: empB}, 404},
		{"candidate cannot read A's draft", req{method: "GET", path: "/api/v1/jobs/" + draft, token: cand}, 404},
		{"B cannot patch A's draft", req{method: "PATCH", path: "/api/v1/jobs/" + draft, token: empB, body: map[string]any{"title": "Mine now"}, header: ifMatch}, 404},
		{"B cannot patch A's job", req{method: "PATCH", path: "/api/v1/jobs/" + published, token: empB, body: map[string]any{"title": "Mine now"}, header: ifMatch}, 403},
		{"B cannot close A's job", req{method: "DELETE", path: "/api/v1/jobs/" + published, token: empB}, 403},
		{"B cannot close A's draft", req{method: "DELETE", path: "/api/v1/jobs/" + draft, token: empB}, 404},
		{"candidate cannot close", req{method: "DELETE", path: "/api/v1/jobs/" + published, token: cand}, 403},
		{"anonymous cannot close", req{method: "DELETE", path: "/api/v1/jobs/" + published}, 401},
		{"employer has no profile", req{method: "GET", path: "/api/v1/me/profile", token: empA}, 403},
		{"candidate has no company jobs", req{method: "GET", path: "/api/v1/me/jobs", token: cand}, 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := srv.Snapshot(t, a.store.DatabaseName())
			a.do(tt.r).isProblem(t, tt.status)
			assertUnchanged(t, before, srv.Snapshot(t, a.store.DatabaseName()))
		})
	}
	for _, id := range []string{published, draft} {
		r := a.do(req{method: "GET", path: "/api/v1/jobs/" + id, token: empA}).must(t, 200)
		if r.str("title") != "Senior Go Engineer" || r.header.Get("ETag") != `"1"` {
			t.Fatalf("A's job was changed: %s", r.body)
		}
	}
	if list := a.do(req{method: "GET", path: "/api/v1/me/jobs", token: empB}).must(t, 200); list.json["total"].(float64) != 0 {
		t.Fatalf("B lists A's jobs: %s", list.body)
	}
}

func TestProfiles(t *testing.T) {
	a := newApp(t)
	ada := a.account("ada@example.com", "candidate", "")
	bob := a.account("bob@example.com", "candidate", "")
	a.do(req{method: "GET", path: "/api/v1/me/profile", token: ada}).isProblem(t, 404)
	profile := map[string]any{
		"name": "Ada", "headline": "Back-end developer", "summary": "Five years of Python.",
		"skills":           []map[string]any{{"name": "Python", "years": 5, "level": "advanced"}, {"name": "PostgreSQL", "years": 3}},
		"years_experience": 5,
		"education":        []map[string]any{{"level": "self_taught"}},
		"experience":       []map[string]any{{"title": "Developer", "company": "Initech", "start": "2021-01"}},
		"locations":        []map[string]any{{"city": "Porto", "country": "PT"}},
		"remote":           "remote", "desired_level": "senior",
		"desired_salary": map[string]any{"min": 60000, "max": 80000, "currency": "EUR", "period": "year"},
		"contact":        map[string]any{"email": "ada@example.com", "links": []string{"https://github.com/ada"}},
	}
	created := a.do(req{method: "PUT", path: "/api/v1/me/profile", token: ada, body: profile}).must(t, 201)
	if created.header.Get("ETag") != `"1"` || created.json["discoverable"] != false {
		t.Fatalf("created profile: %s", created.body)
	}
	got := a.do(req{method: "GET", path: "/api/v1/me/profile", token: ada}).must(t, 200)
	if got.str("name") != "Ada" || got.json["skills"].([]any)[0].(map[string]any)["name"] != "python" {
		t.Fatalf("profile: %s", got.body)
	}
	// Bob sees his own (missing) profile, never Ada's.
	a.do(req{method: "GET", path: "/api/v1/me/profile", token: bob}).isProblem(t, 404)

	profile["headline"] = "Senior back-end developer"
	a.do(req{method: "PUT", path: "/api/v1/me/profile", token: ada, body: profile, header: map[string]string{"If-Match": `"7"`}}).isProblem(t, 412)
	upd := a.do(req{method: "PUT", path: "/api/v1/me/profile", token: ada, body: profile, header: map[string]string{"If-Match": `"1"`}}).must(t, 200)
	if upd.header.Get("ETag") != `"2"` || upd.str("headline") != "Senior back-end developer" {
		t.Fatalf("updated: %s", upd.body)
	}
	profile["education"] = []map[string]any{{"level": "phd"}}
	profile["experience"] = []map[string]any{{"title": "Dev", "start": "2021-13"}}
	a.do(req{method: "PUT", path: "/api/v1/me/profile", token: ada, body: profile}).isProblem(t, 422, "education[0].level", "experience[0].start")
}

func TestTokensExpireAndLogoutRevokes(t *testing.T) {
	a := newApp(t)
	tok := a.account("ada@example.com", "candidate", "")
	a.do(req{method: "GET", path: "/api/v1/me", token: tok}).must(t, 200)
	a.do(req{method: "POST", path: "/api/v1/auth/logout", token: tok}).must(t, 204)
	a.do(req{method: "GET", path: "/api/v1/me", token: tok}).isProblem(t, 401)

	tok2 := a.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": "ada@example.com", "password": "a long passphrase"}}).must(t, 200).str("token")
	a.do(req{method: "GET", path: "/api/v1/me", token: tok2}).must(t, 200)
	a.clock.Advance(time.Hour + time.Second)
	r := a.do(req{method: "GET", path: "/api/v1/me", token: tok2})
	r.isProblem(t, 401)
	if !strings.Contains(r.header.Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("401 without WWW-Authenticate: %v", r.header)
	}
}

// TestWorkIsRateLimitedPerCaller: writes and matching have a budget per
// signed-in caller, so one caller cannot crowd out the others.
func TestWorkIsRateLimitedPerCaller(t *testing.T) {
	a := newApp(t, options{authRate: 1000, workRate: 2})
	ada := a.account("ada@example.com", "candidate", "")
	bob := a.account("bob@example.com", "candidate", "")
	put := func(tok string) *response {
		return a.do(req{method: "PUT", path: "/api/v1/me/profile", token: tok, body: map[string]any{"name": "Someone"}})
	}
	if r := put(ada); r.status != 201 {
		t.Fatalf("first: %d", r.status)
	}
	put(ada).must(t, 200)
	put(ada).isProblem(t, 429)
	put(bob).must(t, 201)
}

func TestLoginIsRateLimited(t *testing.T) {
	a := newApp(t, options{authRate: 3})
	login := req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": "x@example.com", "password": "a long passphrase"}}
	for i := 0; i < 3; i++ {
		a.do(login).isProblem(t, 401)
	}
	a.do(login).isProblem(t, http.StatusTooManyRequests)
}
