package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/jobpath/jobpath/internal/report"
)

func TestWeeklyReportOnDemand(t *testing.T) {
	a := newApp(t)
	emp := a.account("erin@acme.example", "employer", "Acme Payments")
	a.postJob(emp, validJob())
	cand, _ := a.signUp("candidate", "Casey Candidate", "casey@mail.example", "")
	tok := a.login("casey@mail.example")
	cand.get("/me/reports").must(t, http.StatusOK).has(t, "You have no profile yet")
	a.do(req{method: "PUT", path: "/api/v1/me/profile", token: tok, body: applicantProfile("Casey Candidate")}).must(t, http.StatusCreated)
	a.sync()

	week := report.WeekOf(a.clock.Now()).String()
	r := a.do(req{method: "GET", path: "/api/v1/me/reports/" + week, token: tok}).must(t, http.StatusOK)
	if r.str("week") != week || !strings.Contains(string(r.body), "Senior Go Engineer") || r.json["short"] != false {
		t.Fatalf("this week's report: %s", r.body)
	}
	if last := a.do(req{method: "GET", path: "/api/v1/me/reports/2020-W10", token: tok}).must(t, http.StatusOK); last.json["short"] != true {
		t.Errorf("a week with nothing new is not short: %s", last.body)
	}
	a.do(req{method: "GET", path: "/api/v1/me/reports/2026-W99", token: tok}).isProblem(t, http.StatusUnprocessableEntity, "week")

	cand.get("/me/reports").must(t, http.StatusOK).has(t, `<iframe class="report" src="/me/reports/`+week+`/email"`)
	mail := cand.get("/me/reports/"+week+"/email").must(t, http.StatusOK).has(t, "Senior Go Engineer", "Where you stand").lacks(t, "<script")
	if csp := mail.header.Get("Content-Security-Policy"); !strings.Contains(csp, "style-src 'unsafe-inline'") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("the report's policy: %q", csp)
	}
}
