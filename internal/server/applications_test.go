package server_test

import (
	"encoding/csv"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// applicantProfile is a discoverable candidate's profile with contact
// details, a name that would run in a spreadsheet, and a note-worthy past.
func applicantProfile(name string) map[string]any {
	return map[string]any{
		"name": name, "headline": "Go developer", "years_experience": 6, "remote": "remote", "discoverable": true,
		"skills":    []map[string]any{{"name": "Go", "years": 6}, {"name": "PostgreSQL", "years": 5}},
		"education": []map[string]any{{"level": "self_taught"}},
		"contact":   map[string]any{"email": "casey@mail.example", "links": []string{"https://git.example/casey"}},
	}
}

func TestApplications(t *testing.T) {
	a := newApp(t)
	emp := a.account("erin@acme.example", "employer", "Acme Payments")
	rival := a.account("rick@rival.example", "employer", "Rival Systems")
	cand := a.account("casey@mail.example", "candidate", "")
	other := a.account("olive@mail.example", "candidate", "")
	job := a.postJob(emp, validJob())
	a.do(req{method: "POST", path: "/api/v1/jobs/" + job + "/applications", token: cand, body: map[string]any{"note": "Hello"}}).
		isProblem(t, http.StatusNotFound) // no profile yet
	a.do(req{method: "PUT", path: "/api/v1/me/profile", token: cand, body: applicantProfile("=HYPERLINK(\"http://evil.example\",\"Casey\")")}).must(t, http.StatusCreated)
	a.sync()

	// Before applying, the team sees no contact details.
	matches := a.do(req{method: "GET", path: "/api/v1/jobs/" + job + "/matches", token: emp}).must(t, http.StatusOK)
	if strings.Contains(string(matches.body), "casey@mail.example") {
		t.Fatal("the team sees the candidate's e-mail before they applied")
	}

	res := a.do(req{method: "POST", path: "/api/v1/jobs/" + job + "/applications", token: cand, body: map[string]any{"note": "+1 I would love to"}}).must(t, http.StatusCreated)
	id, etag := res.str("id"), res.header.Get("ETag")
	if res.str("stage") != "applied" || etag != `"1"` || res.header.Get("Location") != "/api/v1/applications/"+id {
		t.Fatalf("application: %s %v", res.body, res.header)
	}
	a.do(req{method: "POST", path: "/api/v1/jobs/" + job + "/applications", token: cand, body: map[string]any{}}).isProblem(t, http.StatusConflict)
	a.do(req{method: "POST", path: "/api/v1/jobs/" + job + "/applications", token: emp, body: map[string]any{}}).isProblem(t, http.StatusForbidden)

	// The profile as sent is kept, whatever the candidate changes later.
	changed := applicantProfile("Casey Changed")
	a.do(req{method: "PUT", path: "/api/v1/me/profile", token: cand, body: changed}).must(t, http.StatusOK)
	list := a.do(req{method: "GET", path: "/api/v1/jobs/" + job + "/applications", token: emp}).must(t, http.StatusOK)
	body := string(list.body)
	if !strings.Contains(body, "casey@mail.example") || !strings.Contains(body, "HYPERLINK") || strings.Contains(body, "Casey Changed") {
		t.Errorf("applicants: %s", body)
	}
	if !strings.Contains(body, `"explanation":"Casey`) && !strings.Contains(body, "required skills") {
		t.Errorf("applicants lack their explanation: %s", body)
	}

	// Who may see and move it.
	for _, tt := range []struct {
		name, method, path, token string
		status                    int
	}{
		{"another company's list", "GET", "/api/v1/jobs/" + job + "/applications", rival, http.StatusForbidden},
		{"another company's application", "GET", "/api/v1/applications/" + id, rival, http.StatusNotFound},
		{"another candidate's application", "GET", "/api/v1/applications/" + id, other, http.StatusNotFound},
		{"another candidate's withdrawal", "DELETE", "/api/v1/applications/" + id, other, http.StatusNotFound},
		{"the applicant", "GET", "/api/v1/applications/" + id, cand, http.StatusOK},
		{"the team", "GET", "/api/v1/applications/" + id, emp, http.StatusOK},
		{"a made-up id", "GET", "/api/v1/applications/nothing", emp, http.StatusNotFound},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := a.do(req{method: tt.method, path: tt.path, token: tt.token})
			if r.status != tt.status {
				t.Errorf("%s %s: %d, want %d: %s", tt.method, tt.path, r.status, tt.status, r.body)
			}
		})
	}
	rivalMove := a.do(req{method: "PATCH", path: "/api/v1/applications/" + id, token: rival, body: map[string]any{"stage": "screening"}, header: map[string]string{"If-Match": etag}})
	rivalMove.isProblem(t, http.StatusNotFound)

	// Moves need the version read; two teammates at once: one wins.
	a.do(req{method: "PATCH", path: "/api/v1/applications/" + id, token: emp, body: map[string]any{"stage": "screening"}}).isProblem(t, http.StatusPreconditionRequired)
	a.do(req{method: "PATCH", path: "/api/v1/applications/" + id, token: emp, body: map[string]any{"stage": "offer"}, header: map[string]string{"If-Match": etag}}).isProblem(t, http.StatusConflict)
	a.do(req{method: "PATCH", path: "/api/v1/applications/" + id, token: emp, body: map[string]any{"stage": "withdrawn"}, header: map[string]string{"If-Match": etag}}).isProblem(t, http.StatusUnprocessableEntity, "stage")
	var wg sync.WaitGroup
	statuses := make([]int, 4)
	for i := range statuses {
		wg.Go(func() {
			r := a.do(req{method: "PATCH", path: "/api/v1/applications/" + id, token: emp, body: map[string]any{"stage": "screening", "note": "phone call"}, header: map[string]string{"If-Match": etag}})
			statuses[i] = r.status
		})
	}
	wg.Wait()
	won := 0
	for _, s := range statuses {
		switch s {
		case http.StatusOK:
			won++
		case http.StatusPreconditionFailed:
		default:
			t.Errorf("a concurrent move answered %d", s)
		}
	}
	if won != 1 {
		t.Fatalf("%d of 4 concurrent moves with one ETag won, want exactly 1 (%v)", won, statuses)
	}
	got := a.do(req{method: "GET", path: "/api/v1/applications/" + id, token: cand}).must(t, http.StatusOK)
	if got.str("stage") != "screening" || got.header.Get("ETag") != `"2"` {
		t.Fatalf("after the moves: %s", got.body)
	}
	hist, _ := got.json["history"].([]any)
	if len(hist) != 2 {
		t.Fatalf("history %v, want applied then screening", hist)
	}
	if m, _ := hist[1].(map[string]any); m["from"] != "applied" || m["to"] != "screening" || m["by_name"] != "Tester" || m["note"] != "phone call" {
		t.Errorf("the move's record: %v", m)
	}

	// The candidate sees the stage and withdraws; nothing moves after.
	mine := a.do(req{method: "GET", path: "/api/v1/me/applications", token: cand}).must(t, http.StatusOK)
	if !strings.Contains(string(mine.body), `"stage":"screening"`) || mine.json["total"] != float64(1) {
		t.Errorf("my applications: %s", mine.body)
	}
	a.do(req{method: "DELETE", path: "/api/v1/applications/" + id, token: cand}).must(t, http.StatusOK)
	a.do(req{method: "DELETE", path: "/api/v1/applications/" + id, token: cand}).isProblem(t, http.StatusConflict)
	a.do(req{method: "PATCH", path: "/api/v1/applications/" + id, token: emp, body: map[string]any{"stage": "interview"}, header: map[string]string{"If-Match": `"3"`}}).isProblem(t, http.StatusConflict)
}

// TestApplicantsCSV: every cell of the export reads back as written, and
// none a spreadsheet would run as a formula.
func TestApplicantsCSV(t *testing.T) {
	a := newApp(t)
	emp := a.account("erin@acme.example", "employer", "Acme Payments")
	job := a.postJob(emp, validJob())
	payloads := []string{`=HYPERLINK("http://evil.example","x")`, "+SUM(1,2)", "-2+3", "@cmd", "\tTab", "\rCR", `Plain, "quoted" name`}
	for i, name := range payloads {
		tok := a.account("c"+string(rune('a'+i))+"@mail.example", "candidate", "")
		p := applicantProfile(name)
		if strings.ContainsAny(name, "\r\n") {
			p = applicantProfile("Cora Return") // names are single lines
		}
		p["headline"] = p["name"]
		a.do(req{method: "PUT", path: "/api/v1/me/profile", token: tok, body: p}).must(t, http.StatusCreated)
		a.do(req{method: "POST", path: "/api/v1/jobs/" + job + "/applications", token: tok, body: map[string]any{"note": name}}).must(t, http.StatusCreated)
	}
	res := a.do(req{method: "GET", path: "/api/v1/jobs/" + job + "/applications.csv", token: emp}).must(t, http.StatusOK)
	if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") || !strings.Contains(res.header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("Content-Type %q, Content-Disposition %q", ct, res.header.Get("Content-Disposition"))
	}
	rows, err := csv.NewReader(strings.NewReader(string(res.body))).ReadAll()
	if err != nil {
		t.Fatalf("the export is not CSV: %v", err)
	}
	if len(rows) != len(payloads)+1 {
		t.Fatalf("%d rows, want a header and %d applicants", len(rows), len(payloads))
	}
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		for _, cell := range row {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("cell %q would run as a formula", cell)
			}
		}
		seen[strings.TrimPrefix(row[len(row)-1], "'")] = true // the note
	}
	for _, p := range payloads {
		if !seen[strings.TrimSpace(p)] {
			t.Errorf("the note %q is not in the export: %v", p, seen)
		}
	}
	// Only the job's company exports.
	rival := a.account("rick@rival.example", "employer", "Rival Systems")
	a.do(req{method: "GET", path: "/api/v1/jobs/" + job + "/applications.csv", token: rival}).isProblem(t, http.StatusForbidden)
}
