package server_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

func assertUnchanged(t *testing.T, before, after map[string]int64) {
	t.Helper()
	if !reflect.DeepEqual(before, after) {
		t.Fatalf("the store changed: before %v, after %v", before, after)
	}
}

// TestBadInput sends malformed, hostile and invalid input to every writing
// endpoint: each gets a 4xx problem+json naming the field where there is one,
// and the store is left exactly as it was.
func TestBadInput(t *testing.T) {
	a := newApp(t)
	emp := a.account("hr@acme.example", "employer", "Acme")
	cand := a.account("cand@example.com", "candidate", "")
	jobID := a.postJob(emp, validJob())
	jobPath := "/api/v1/jobs/" + jobID
	ifMatch := map[string]string{"If-Match": `"1"`}

	withJob := func(changes map[string]any) map[string]any {
		j := validJob()
		for k, v := range changes {
			j[k] = v
		}
		return j
	}
	deep := strings.Repeat(`{"a":`, 5000) + "1" + strings.Repeat("}", 5000)

	tests := []struct {
		name   string
		r      req
		status int
		field  string
	}{
		{"malformed JSON", req{method: "POST", path: "/api/v1/jobs", token: emp, body: `{"title": "Go",`}, 400, ""},
		{"not JSON at all", req{method: "POST", path: "/api/v1/jobs", token: emp, body: `title=Go`}, 400, ""},
		{"JSON array", req{method: "POST", path: "/api/v1/jobs", token: emp, body: `[1,2]`}, 400, ""},
		{"two JSON values", req{method: "POST", path: "/api/v1/jobs", token: emp, body: `{"title":"Go developer","description":"x"} {}`}, 400, ""},
		{"empty body", req{method: "POST", path: "/api/v1/jobs", token: emp, body: ``}, 400, ""},
		{"deep nesting", req{method: "POST", path: "/api/v1/jobs", token: emp, body: deep}, 422, "a"},
		{"wrong type title", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"title": 42})}, 422, "title"},
		{"wrong type salary", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"salary": "lots"})}, 422, "salary"},
		{"wrong type skills", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"skills": map[string]any{"required": "go"}})}, 422, "skills.required"},
		{"operator object in title", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"title": map[string]any{"$gt": ""}})}, 422, "title"},
		{"operator key at top level", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"$set": map[string]any{"company": "globex"}})}, 422, "$set"},
		{"mass assignment: id", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"id": "mine"})}, 422, "id"},
		{"mass assignment: company", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"company": "globex"})}, 422, "company"},
		{"mass assignment: version", req{method: "PATCH", path: jobPath, token: emp, body: map[string]any{"version": 99}, header: ifMatch}, 422, "version"},
		{"mass assignment: created_at", req{method: "PATCH", path: jobPath, token: emp, body: map[string]any{"created_at": "2020-01-01T00:00:00Z"}, header: ifMatch}, 422, "created_at"},
		{"mass assignment: role on register", req{method: "POST", path: "/api/v1/auth/register", body: map[string]any{"email": "z@example.com", "password": "a long passphrase", "name": "Z", "role": "candidate", "is_admin": true}}, 422, "is_admin"},
		{"unknown field", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"titel": "typo"})}, 422, "titel"},
		{"negative salary", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"salary": map[string]any{"min": -5, "max": 10, "currency": "USD", "period": "year"}})}, 422, "salary.min"},
		{"min above max", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"salary": map[string]any{"min": 200, "max": 100, "currency": "USD", "period": "year"}})}, 422, "salary.max"},
		{"bad currency", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"salary": map[string]any{"min": 1, "max": 2, "currency": "dollars", "period": "year"}})}, 422, "salary.currency"},
		{"invalid level", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"level": "wizard"})}, 422, "level"},
		{"invalid remote", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"remote": "moon"})}, 422, "remote"},
		{"invalid degree", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"degree": "maybe"})}, 422, "degree"},
		{"status closed on create", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"status": "closed"})}, 422, "status"},
		{"HTML in title", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"title": `<img src=x onerror=alert(1)>`})}, 422, "title"},
		{"huge title", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"title": strings.Repeat("Go ", 500)})}, 422, "title"},
		{"missing title", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"title": ""})}, 422, "title"},
		{"too many skills", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"skills": map[string]any{"required": manySkills(200)}})}, 422, "skills.required"},
		{"latitude out of range", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"location": map[string]any{"lat": 123.0, "lon": 0.0}})}, 422, "location.lat"},
		{"javascript apply URL", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"apply_url": "javascript:alert(1)"})}, 422, "apply_url"},
		{"expires in the past", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"expires_at": "2001-01-01T00:00:00Z"})}, 422, "expires_at"},
		{"malformed timestamp", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"expires_at": "next tuesday"})}, 422, "expires_at"},
		{"wrong media type", req{method: "POST", path: "/api/v1/jobs", token: emp, body: `{"title":"x"}`, header: map[string]string{"Content-Type": "text/plain"}}, 415, ""},
		{"form media type", req{method: "PATCH", path: jobPath, token: emp, body: `title=x`, header: map[string]string{"Content-Type": "application/x-www-form-urlencoded", "If-Match": `"1"`}}, 415, ""},
		{"operator in login e-mail", req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": map[string]any{"$gt": ""}, "password": "x"}}, 422, "email"},
		{"operator string as login e-mail", req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": "$gt", "password": "a long passphrase"}}, 422, "email"},
		{"register with operator e-mail", req{method: "POST", path: "/api/v1/auth/register", body: map[string]any{"email": map[string]any{"$ne": nil}, "password": "a long passphrase", "name": "Z", "role": "candidate"}}, 422, "email"},
		{"register with invalid e-mail", req{method: "POST", path: "/api/v1/auth/register", body: map[string]any{"email": "Ada <ada@example.com>", "password": "a long passphrase", "name": "Z", "role": "candidate"}}, 422, "email"},
		{"register with huge password", req{method: "POST", path: "/api/v1/auth/register", body: map[string]any{"email": "z@example.com", "password": strings.Repeat("p", 100), "name": "Z", "role": "candidate"}}, 422, "password"},
		{"patch with invalid status", req{method: "PATCH", path: jobPath, token: emp, body: map[string]any{"status": "closed"}, header: ifMatch}, 422, "status"},
		{"profile with negative years", req{method: "PUT", path: "/api/v1/me/profile", token: cand, body: map[string]any{"name": "C", "years_experience": -1}}, 422, "years_experience"},
		{"profile with bad contact e-mail", req{method: "PUT", path: "/api/v1/me/profile", token: cand, body: map[string]any{"name": "C", "contact": map[string]any{"email": "not-an-address"}}}, 422, "contact.email"},
		{"profile mass assignment", req{method: "PUT", path: "/api/v1/me/profile", token: cand, body: map[string]any{"name": "C", "version": 5}}, 422, "version"},
		{"profile with HTML name", req{method: "PUT", path: "/api/v1/me/profile", token: cand, body: map[string]any{"name": "<b>C</b>"}}, 422, "name"},
		{"unicode junk title", req{method: "POST", path: "/api/v1/jobs", token: emp, body: withJob(map[string]any{"title": "\u0000\u0000\u0000"})}, 422, "title"},
	}
	if len(tests) < 25 {
		t.Fatalf("only %d bad-input cases", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := srv.Snapshot(t, a.store.DatabaseName())
			res := a.do(tt.r)
			if tt.field == "" {
				res.isProblem(t, tt.status)
			} else {
				res.isProblem(t, tt.status, tt.field)
			}
			assertUnchanged(t, before, srv.Snapshot(t, a.store.DatabaseName()))
		})
	}
	job := a.do(req{method: "GET", path: jobPath, token: emp}).must(t, 200)
	if job.str("company") != "acme" || job.str("title") != "Senior Go Engineer" {
		t.Fatalf("job changed: %s", job.body)
	}
}

// TestBodyTooLarge sends a body over 1 MiB on a raw connection: the server
// answers 413 once it has read the headers, and a client that is still writing
// would see its connection closed under it.
func TestBodyTooLarge(t *testing.T) {
	a := newApp(t)
	emp := a.account("hr@acme.example", "employer", "Acme")
	before := srv.Snapshot(t, a.store.DatabaseName())
	body := fmt.Sprintf(`{"title":"Go developer","description":%q}`, strings.Repeat("x", 1<<20))
	conn, err := net.Dial("tcp", strings.TrimPrefix(a.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/jobs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", emp, len(body))
	_, _ = conn.Write([]byte(body[:4096]))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := &response{status: res.StatusCode, header: res.Header, body: raw}
	if err := json.Unmarshal(raw, &r.json); err != nil {
		t.Fatalf("413 body: %v: %s", err, raw)
	}
	r.isProblem(t, http.StatusRequestEntityTooLarge)
	assertUnchanged(t, before, srv.Snapshot(t, a.store.DatabaseName()))
}

func manySkills(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("skill-%d", i)
	}
	return out
}
