package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jobpath/jobpath/data"
	"github.com/jobpath/jobpath/internal/applications"
	"github.com/jobpath/jobpath/internal/auth"
	"github.com/jobpath/jobpath/internal/career"
	"github.com/jobpath/jobpath/internal/clocktest"
	"github.com/jobpath/jobpath/internal/match"
	"github.com/jobpath/jobpath/internal/money"
	"github.com/jobpath/jobpath/internal/mongodb"
	"github.com/jobpath/jobpath/internal/mongodb/mongotest"
	"github.com/jobpath/jobpath/internal/places"
	"github.com/jobpath/jobpath/internal/posting"
	"github.com/jobpath/jobpath/internal/profiles"
	"github.com/jobpath/jobpath/internal/reading"
	"github.com/jobpath/jobpath/internal/report"
	"github.com/jobpath/jobpath/internal/search"
	"github.com/jobpath/jobpath/internal/searches"
	"github.com/jobpath/jobpath/internal/server"
	"github.com/jobpath/jobpath/internal/skills"
)

var srv *mongotest.Server

func TestMain(m *testing.M) { os.Exit(mongotest.Main(m, &srv)) }

// app is a running server on a fresh database.
type app struct {
	t        testing.TB
	url      string
	store    *mongodb.Store
	clock    *clocktest.Clock
	follower *search.Follower
}

type options struct {
	authRate, workRate int
	// fill writes to the store before the index is built, as a board that
	// already holds data does when a process starts.
	fill func(*mongodb.Store)
}

func newApp(t testing.TB, opts ...options) *app {
	t.Helper()
	o := options{authRate: 1000, workRate: 100000}
	if len(opts) > 0 {
		o = opts[0]
	}
	clock := clocktest.New(time.Now().UTC())
	st := srv.Open(t, clock)
	if o.fill != nil {
		o.fill(st)
	}
	accounts, err := auth.New(st, clock, auth.Options{BcryptCost: 4, TokenTTL: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	tax, err := skills.Parse(data.SkillsYAML())
	if err != nil {
		t.Fatal(err)
	}
	model, err := career.Parse(data.TrajectoryYAML(), tax)
	if err != nil {
		t.Fatal(err)
	}
	demand := career.NewDemandCache(st.PublishedJobs, tax, clock, 0)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	ix, err := search.OpenOrRebuild(context.Background(), t.TempDir(), st, tax, clock, quiet, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	follower := search.NewFollower(ix, st, clock, quiet)
	searcher := search.NewSearcher(ix, clock)
	gaz, err := places.Parse(data.PlaceSources())
	if err != nil {
		t.Fatal(err)
	}
	reader := reading.New(tax, gaz)
	rates, err := money.Parse(data.RatesTSV())
	if err != nil {
		t.Fatal(err)
	}
	posts := posting.New(st, st, reader, rates, clock)
	matcher := match.NewMatcher(st, posts, searcher, tax, model, demand.Demand, gaz.CountryCode, clock)
	apps := applications.New(st, posts, st, tax, gaz.CountryCode, clock)
	saved := searches.New(st, searcher, clock)
	s, err := server.New(server.Deps{
		Auth: accounts, Posting: posts, Profiles: profiles.New(st, reader, model, rates, clock),
		Applications: apps, Searches: saved, Matcher: matcher,
		Reports: report.NewBuilder(matcher, apps, saved, searcher, clock),
		Search:  searcher, Candidates: searcher, Ready: st.Ping,
		Skills: tax, Career: model, Demand: demand.Demand,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), AuthRate: o.authRate, WorkRate: o.workRate, Clock: clock,
	})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		<-done
	})
	return &app{t: t, url: "http://" + ln.Addr().String(), store: st, clock: clock, follower: follower}
}

// sync brings the search index up to date with the store, as the
// background follower of a serving process does.
func (a *app) sync() {
	a.t.Helper()
	for {
		n, err := a.follower.CatchUp(context.Background())
		if err != nil {
			a.t.Fatal(err)
		}
		if n == 0 {
			return
		}
	}
}

// response is a decoded HTTP answer.
type response struct {
	status int
	header http.Header
	body   []byte
	json   map[string]any
}

// req describes one request; body is marshalled unless it is a string or []byte.
type req struct {
	method, path, token string
	body                any
	header              map[string]string
}

func (a *app) do(r req) *response {
	a.t.Helper()
	var body io.Reader
	contentType := "application/json"
	switch b := r.body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			a.t.Fatal(err)
		}
		body = bytes.NewReader(raw)
	}
	hr, err := http.NewRequest(r.method, a.url+r.path, body)
	if err != nil {
		a.t.Fatal(err)
	}
	if body != nil {
		hr.Header.Set("Content-Type", contentType)
	}
	if r.token != "" {
		hr.Header.Set("Authorization", "Bearer "+r.token)
	}
	for k, v := range r.header {
		if v == "" {
			hr.Header.Del(k)
			continue
		}
		hr.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		a.t.Fatalf("%s %s: %v", r.method, r.path, err)
	}
	defer res.Body.Close()
	out := &response{status: res.StatusCode, header: res.Header}
	out.body, _ = io.ReadAll(res.Body)
	if len(out.body) > 0 && strings.Contains(res.Header.Get("Content-Type"), "json") {
		if err := json.Unmarshal(out.body, &out.json); err != nil {
			a.t.Fatalf("%s %s: body is not a JSON object: %v: %s", r.method, r.path, err, out.body)
		}
	}
	return out
}

// must fails the test unless the answer has status want.
func (r *response) must(t testing.TB, want int) *response {
	t.Helper()
	if r.status != want {
		t.Fatalf("status %d, want %d: %s", r.status, want, r.body)
	}
	return r
}

func (r *response) str(key string) string {
	s, _ := r.json[key].(string)
	return s
}

// isProblem checks an error answer is problem+json with the expected status
// and, when fields are given, names each of them.
func (r *response) isProblem(t testing.TB, status int, fields ...string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("Content-Type %q, want application/problem+json", ct)
	}
	for _, k := range []string{"type", "title", "detail"} {
		if r.str(k) == "" {
			t.Errorf("problem lacks %q: %s", k, r.body)
		}
	}
	if got, _ := r.json["status"].(float64); int(got) != status {
		t.Errorf("problem status %v, want %d", r.json["status"], status)
	}
	named := map[string]bool{}
	errs, _ := r.json["errors"].([]any)
	for _, e := range errs {
		m, _ := e.(map[string]any)
		f, _ := m["field"].(string)
		msg, _ := m["message"].(string)
		if f == "" || msg == "" {
			t.Errorf("field error without field or message: %v", m)
		}
		named[f] = true
	}
	for _, f := range fields {
		if !named[f] {
			t.Errorf("problem does not name field %q: %s", f, r.body)
		}
	}
}

// account registers and logs in a user, returning their token.
func (a *app) account(email, role, company string) string {
	a.t.Helper()
	body := map[string]any{"email": email, "password": "a long passphrase", "name": "Tester", "role": role}
	if company != "" {
		body["company"] = company
	}
	a.do(req{method: "POST", path: "/api/v1/auth/register", body: body}).must(a.t, http.StatusCreated)
	return a.login(email)
}

// login logs a registered user in again.
func (a *app) login(email string) string {
	a.t.Helper()
	res := a.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": email, "password": "a long passphrase"}}).must(a.t, http.StatusOK)
	return res.str("token")
}

// postJob creates a job and returns its id.
func (a *app) postJob(token string, job map[string]any) string {
	a.t.Helper()
	res := a.do(req{method: "POST", path: "/api/v1/jobs", token: token, body: job}).must(a.t, http.StatusCreated)
	return res.str("id")
}

func validJob() map[string]any {
	return map[string]any{
		"title":       "Senior Go Engineer",
		"description": "Build the payments ledger in Go on PostgreSQL.",
		"skills":      map[string]any{"required": []string{"Go", "PostgreSQL"}, "preferred": []string{"Kafka"}},
		"level":       "senior",
		"degree":      "equivalent_experience",
		"remote":      "remote",
		"location":    map[string]any{"city": "Lisbon", "country": "PT"},
		"salary":      map[string]any{"min": 90000, "max": 120000, "currency": "EUR", "period": "year"},
	}
}
