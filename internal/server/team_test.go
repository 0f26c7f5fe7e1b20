package server_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestTeams(t *testing.T) {
	a := newApp(t)
	owner := a.account("olga@acme.example", "employer", "Acme Payments")
	// Names that read alike are one company.
	for _, name := range []string{"Acme Payments", "acme payments", "Acme-Payments", "Acme Pаyments" /* Cyrillic а */, "Ａｃｍｅ Payments" /* full width */} {
		res := a.do(req{method: "POST", path: "/api/v1/auth/register", body: map[string]any{
			"email": "x" + string(rune('a'+len(name)%26)) + "@rival.example", "password": "a long passphrase", "name": "X", "role": "employer", "company": name}})
		res.isProblem(t, http.StatusConflict, "company")
	}
	a.account("rhea@alpha.example", "employer", "Alpha Corp")
	a.do(req{method: "POST", path: "/api/v1/auth/register", body: map[string]any{
		"email": "ivan@alpha.example", "password": "a long passphrase", "name": "Ivan", "role": "employer", "company": "Alpha \u216Dorp"}}).
		isProblem(t, http.StatusConflict, "company")

	// The owner invites; the invite works once, for its address only.
	inv := a.do(req{method: "POST", path: "/api/v1/company/invites", token: owner, body: map[string]any{"email": "Tom@Acme.example"}}).must(t, http.StatusCreated)
	token := inv.str("token")
	if token == "" || !strings.Contains(inv.str("url"), "/signup?invite="+token) {
		t.Fatalf("invite: %s", inv.body)
	}
	a.do(req{method: "POST", path: "/api/v1/company/invites", token: owner, body: map[string]any{"email": "olga@acme.example"}}).isProblem(t, http.StatusConflict, "email")
	join := func(email, tok string) *response {
		return a.do(req{method: "POST", path: "/api/v1/auth/register", body: map[string]any{
			"email": email, "password": "a long passphrase", "name": "Tom Teammate", "role": "employer", "invite": tok}})
	}
	join("eve@evil.example", token).isProblem(t, http.StatusUnprocessableEntity, "email")
	joined := join("tom@acme.example", token).must(t, http.StatusCreated) // a wrong address did not use it up
	if joined.str("company") != "acme-payments" {
		t.Fatalf("the invitee joined %q", joined.str("company"))
	}
	join("tom2@acme.example", token).isProblem(t, http.StatusUnprocessableEntity, "invite")
	tom := a.login("tom@acme.example")
	team := a.do(req{method: "GET", path: "/api/v1/company/members", token: tom}).must(t, http.StatusOK)
	if ms, _ := team.json["members"].([]any); len(ms) != 2 {
		t.Fatalf("team: %s", team.body)
	}
	tomID := joined.str("id")

	// An invite expires.
	late := a.do(req{method: "POST", path: "/api/v1/company/invites", token: owner, body: map[string]any{"email": "late@acme.example"}}).must(t, http.StatusCreated)
	a.clock.Advance(8 * 24 * time.Hour)
	join("late@acme.example", late.str("token")).isProblem(t, http.StatusUnprocessableEntity, "invite")
	owner, tom = a.login("olga@acme.example"), a.login("tom@acme.example")

	// A teammate manages the company's roles and applicants.
	job := a.postJob(owner, validJob())
	a.do(req{method: "GET", path: "/api/v1/jobs/" + job + "/applications", token: tom}).must(t, http.StatusOK)
	// Only the owner removes; a removed teammate loses access at once,
	// with the token they already hold.
	a.do(req{method: "DELETE", path: "/api/v1/company/members/" + tomID, token: tom}).isProblem(t, http.StatusForbidden)
	ownerID := a.do(req{method: "GET", path: "/api/v1/me", token: owner}).must(t, http.StatusOK).str("id")
	a.do(req{method: "DELETE", path: "/api/v1/company/members/" + ownerID, token: owner}).isProblem(t, http.StatusConflict)
	pending := a.do(req{method: "POST", path: "/api/v1/company/invites", token: tom, body: map[string]any{"email": "tom.again@acme.example"}}).must(t, http.StatusCreated)
	a.do(req{method: "DELETE", path: "/api/v1/company/members/" + tomID, token: owner}).must(t, http.StatusNoContent)
	// An invite a removed teammate made no longer lets anyone in.
	join("tom.again@acme.example", pending.str("token")).isProblem(t, http.StatusUnprocessableEntity, "invite")
	a.do(req{method: "GET", path: "/api/v1/jobs/" + job + "/applications", token: tom}).isProblem(t, http.StatusForbidden)
	a.do(req{method: "PATCH", path: "/api/v1/jobs/" + job, token: tom, body: map[string]any{"title": "Taken over"}, header: map[string]string{"If-Match": "*"}}).isProblem(t, http.StatusForbidden)

	// Ownership passes to another member, who may then remove the first.
	inv = a.do(req{method: "POST", path: "/api/v1/company/invites", token: owner, body: map[string]any{"email": "uma@acme.example"}}).must(t, http.StatusCreated)
	umaID := join("uma@acme.example", inv.str("token")).must(t, http.StatusCreated).str("id")
	uma := a.login("uma@acme.example")
	a.do(req{method: "PUT", path: "/api/v1/company/owner", token: uma, body: map[string]any{"user_id": umaID}}).isProblem(t, http.StatusForbidden)
	a.do(req{method: "PUT", path: "/api/v1/company/owner", token: owner, body: map[string]any{"user_id": umaID}}).must(t, http.StatusNoContent)
	a.do(req{method: "DELETE", path: "/api/v1/company/members/" + ownerID, token: uma}).must(t, http.StatusNoContent)
	if team := a.do(req{method: "GET", path: "/api/v1/company/members", token: uma}).must(t, http.StatusOK); team.str("owner") != umaID {
		t.Errorf("owner %q, want %q", team.str("owner"), umaID)
	}
}
