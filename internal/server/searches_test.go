package server_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestSavedSearches(t *testing.T) {
	a := newApp(t)
	emp := a.account("erin@acme.example", "employer", "Acme Payments")
	a.postJob(emp, validJob())
	a.sync()
	cand, res := a.signUp("candidate", "Casey Candidate", "casey@mail.example", "")
	res.redirectsTo(t, "/me/profile")
	tok := a.login("casey@mail.example")

	// Saved from the search page, as searched.
	cand.get("/?q=ledger&remote=remote&no_degree=true").must(t, http.StatusOK).has(t, "Save this search")
	cand.post("/me/searches", url.Values{"query": {"q=ledger&remote=remote&no_degree=true"}, "name": {"Remote ledgers"}, "alerts": {"weekly"}}).
		redirectsTo(t, "/me/searches?saved=1")
	list := cand.get("/me/searches").must(t, http.StatusOK).has(t, "Remote ledgers", "nothing new", "“ledger”", "no degree required")
	open := regexp1(t, `action="(/me/searches/[0-9a-f]+/open)"`, list.body)
	id := strings.TrimSuffix(strings.TrimPrefix(open, "/me/searches/"), "/open")

	// A role posted later is new until the search is opened.
	a.clock.Advance(2 * time.Hour)
	second := validJob()
	second["title"] = "Ledger Engineer"
	emp = a.login("erin@acme.example")
	a.postJob(emp, second)
	a.sync()
	a.clock.Advance(2 * time.Hour)
	tok = a.login("casey@mail.example")
	api := a.do(req{method: "GET", path: "/api/v1/me/searches", token: tok}).must(t, http.StatusOK)
	if !strings.Contains(string(api.body), `"new_since_opened":1`) || !strings.Contains(string(api.body), `"alerts":"weekly"`) {
		t.Fatalf("saved searches: %s", api.body)
	}
	cand = a.visitor()
	cand.get("/signin")
	cand.post("/signin", url.Values{"email": {"casey@mail.example"}, "password": {"a long passphrase"}}).redirectsTo(t, "/")
	cand.get("/me/searches")
	if cand.get(open).status != http.StatusMethodNotAllowed && cand.get(open).status != http.StatusNotFound {
		t.Error("opening a saved search by GET changes what counts as new")
	}
	cand.get("/me/searches")
	opened := cand.post(open, url.Values{})
	opened.redirectsTo(t, "/?")
	if q, _ := url.ParseQuery(strings.TrimPrefix(opened.location, "/?")); q.Get("q") != "ledger" || q.Get("remote") != "remote" || q.Get("no_degree") != "true" {
		t.Errorf("opening runs %q", opened.location)
	}
	a.clock.Advance(2 * time.Hour)
	tok = a.login("casey@mail.example")
	if api := a.do(req{method: "GET", path: "/api/v1/me/searches", token: tok}).must(t, http.StatusOK); !strings.Contains(string(api.body), `"new_since_opened":0`) {
		t.Errorf("after opening: %s", api.body)
	}

	// Renamed, alerts off, through the API; then deleted.
	p := a.do(req{method: "PATCH", path: "/api/v1/me/searches/" + id, token: tok, body: map[string]any{"name": "Ledgers", "alerts": "off"}}).must(t, http.StatusOK)
	if p.str("name") != "Ledgers" || p.str("alerts") != "off" {
		t.Errorf("patched: %s", p.body)
	}
	a.do(req{method: "PATCH", path: "/api/v1/me/searches/" + id, token: tok, body: map[string]any{"alerts": "daily"}}).isProblem(t, http.StatusUnprocessableEntity, "alerts")
	a.do(req{method: "POST", path: "/api/v1/me/searches", token: tok, body: map[string]any{"name": "Bad", "query": map[string]any{"q": "*go"}}}).
		isProblem(t, http.StatusUnprocessableEntity, "query.q")
	other := a.account("olive@mail.example", "candidate", "")
	a.do(req{method: "DELETE", path: "/api/v1/me/searches/" + id, token: other}).isProblem(t, http.StatusNotFound)
	a.do(req{method: "GET", path: "/api/v1/me/searches", token: a.login("erin@acme.example")}).isProblem(t, http.StatusForbidden)
	a.do(req{method: "DELETE", path: "/api/v1/me/searches/" + id, token: tok}).must(t, http.StatusNoContent)
	if l := a.do(req{method: "GET", path: "/api/v1/me/searches", token: tok}).must(t, http.StatusOK); strings.Contains(string(l.body), id) {
		t.Errorf("deleted search still listed: %s", l.body)
	}
}

func regexp1(t *testing.T, expr, s string) string {
	t.Helper()
	m := regexp.MustCompile(expr).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("no %s in the page", expr)
	}
	return m[1]
}
