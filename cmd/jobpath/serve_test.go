package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

const demoPassword = "demo passphrase for tests"

// instance is one `jobpath serve` run in the test process.
type instance struct {
	t    *testing.T
	url  string
	stop context.CancelFunc
	done chan struct{} // closed when run returns
	err  error         // what run returned
}

var listening = regexp.MustCompile(`msg=listening url=(http://\S+)`)

// start runs serve on dataDir and port 0 until the returned instance stops.
func start(t *testing.T, dataDir string, extra ...string) *instance {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	in := &instance{t: t, stop: cancel, done: make(chan struct{})}
	args := append([]string{"jobpath", "serve", "--addr", "127.0.0.1:0", "--data-dir", dataDir,
		"--bcrypt-cost", "4", "--demo-password", demoPassword, "--auth-rate", "1000"}, extra...)
	go func() {
		in.err = run(ctx, args, func(string) string { return "" }, pw)
		pw.Close()
		close(in.done)
	}()
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				urls <- m[1]
			}
		}
		close(urls)
	}()
	select {
	case u, ok := <-urls:
		if !ok {
			<-in.done
			t.Fatalf("serve exited before listening: %v", in.err)
		}
		in.url = u
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatal("serve did not start listening")
	}
	t.Cleanup(func() { in.shutdown() })
	return in
}

// shutdown stops the instance as SIGTERM would and waits for run to return.
func (in *instance) shutdown() {
	in.t.Helper()
	in.stop()
	in.wait()
}

// wait waits for run to return and checks it returned nil.
func (in *instance) wait() {
	in.t.Helper()
	select {
	case <-in.done:
		if in.err != nil {
			in.t.Errorf("serve returned %v", in.err)
		}
	case <-time.After(30 * time.Second):
		in.t.Fatal("serve did not stop")
	}
}

// waitReady polls /readyz until the instance has caught up with the store.
func (in *instance) waitReady() {
	in.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		code, body := in.call("GET", "/readyz", "", nil)
		if code == 200 {
			return
		}
		if code != 503 || time.Now().After(deadline) {
			in.t.Fatalf("readyz: %d %v", code, body)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (in *instance) call(method, path, token string, body any) (int, map[string]any) {
	in.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, in.url+path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		in.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(res.Body)
	_ = json.Unmarshal(raw, &out)
	return res.StatusCode, out
}

func (in *instance) login(email, password string) string {
	in.t.Helper()
	code, out := in.call("POST", "/api/v1/auth/login", "", map[string]any{"email": email, "password": password})
	if code != 200 {
		in.t.Fatalf("login %s: %d %v", email, code, out)
	}
	return out["token"].(string)
}

const demoEmployer = "dana.whitcombe@northwindledger.example"

// TestServeKeepsDataAcrossRestarts walks the newcomer's path: serve, register,
// post, read back, patch, close; then restarts twice on the same data
// directory and finds everything there once, demo data included.
func TestServeKeepsDataAcrossRestarts(t *testing.T) {
	dir := t.TempDir()
	a := start(t, dir)
	if code, out := a.call("GET", "/healthz", "", nil); code != 200 || out["status"] != "ok" {
		t.Fatalf("healthz: %d %v", code, out)
	}
	a.waitReady()
	demoTok := a.login(demoEmployer, demoPassword)
	_, demoJobs := a.call("GET", "/api/v1/me/jobs", demoTok, nil)
	demoTotal := demoJobs["total"]
	if n, _ := demoTotal.(float64); n < 5 {
		t.Fatalf("demo employer has %v jobs", demoTotal)
	}
	if code, _ := a.call("GET", "/api/v1/jobs/demo-001", "", nil); code != 200 {
		t.Fatalf("demo job: %d", code)
	}
	// Every demo candidate is placed on the trajectory with an ordered gap.
	for _, email := range []string{"ines.carvalho@mailbox.example", "daniel.mensah@mailbox.example", "sofia.lindqvist@mailbox.example", "marcus.bell@mailbox.example", "rafael.ortiz@mailbox.example"} {
		code, pl := a.call("GET", "/api/v1/me/career", a.login(email, demoPassword), nil)
		if code != 200 || pl["stage"] == "" {
			t.Fatalf("career of %s: %d %v", email, code, pl)
		}
		next, _ := pl["next"].(map[string]any)
		missing, _ := next["missing_skills"].([]any)
		if len(missing) == 0 {
			t.Fatalf("career of %s: no gap: %v", email, pl)
		}
		prev := 2.0
		for _, m := range missing {
			d := m.(map[string]any)["demand"].(float64)
			if d > prev {
				t.Fatalf("career of %s: gap not ordered by demand: %v", email, missing)
			}
			prev = d
		}
	}

	if code, out := a.call("POST", "/api/v1/auth/register", "", map[string]any{"email": "hr@acme.example", "password": "a long passphrase", "name": "HR", "role": "employer", "company": "Acme"}); code != 201 {
		t.Fatalf("register: %d %v", code, out)
	}
	emp := a.login("hr@acme.example", "a long passphrase")
	code, job := a.call("POST", "/api/v1/jobs", emp, map[string]any{"title": "Go developer", "description": "Services in Go.", "skills": map[string]any{"required": []string{"go"}}})
	if code != 201 {
		t.Fatalf("post job: %d %v", code, job)
	}
	id := job["id"].(string)
	if code, out := a.call("POST", "/api/v1/auth/register", "", map[string]any{"email": "cand@example.com", "password": "a long passphrase", "name": "Cand", "role": "candidate"}); code != 201 {
		t.Fatalf("register candidate: %d %v", code, out)
	}
	cand := a.login("cand@example.com", "a long passphrase")
	if code, out := a.call("PUT", "/api/v1/me/profile", cand, map[string]any{"name": "Cand", "skills": []map[string]any{{"name": "Go", "years": 2}}}); code != 201 {
		t.Fatalf("put profile: %d %v", code, out)
	}
	a.shutdown()

	for i := 0; i < 2; i++ {
		b := start(t, dir)
		if code, out := b.call("GET", "/api/v1/jobs/"+id, "", nil); code != 200 || out["title"] != "Go developer" {
			t.Fatalf("restart %d: job: %d %v", i, code, out)
		}
		if code, _ := b.call("GET", "/api/v1/me", emp, nil); code != 200 {
			t.Fatalf("restart %d: token lost: %d", i, code)
		}
		if code, out := b.call("GET", "/api/v1/me/profile", cand, nil); code != 200 || out["name"] != "Cand" {
			t.Fatalf("restart %d: profile: %d %v", i, code, out)
		}
		if _, out := b.call("GET", "/api/v1/me/jobs", b.login(demoEmployer, demoPassword), nil); out["total"] != demoTotal {
			t.Fatalf("restart %d: demo employer has %v jobs, had %v", i, out["total"], demoTotal)
		}
		b.shutdown()
	}
}

func TestServeWithoutSeedLeavesStoreEmpty(t *testing.T) {
	a := start(t, t.TempDir(), "--seed=false")
	if code, _ := a.call("GET", "/api/v1/jobs/demo-001", "", nil); code != 404 {
		t.Fatalf("demo job without seeding: %d", code)
	}
}

// TestShutdownFinishesInFlightRequests cancels serve while a request is half
// sent: the request still completes, then serve returns.
func TestShutdownFinishesInFlightRequests(t *testing.T) {
	a := start(t, t.TempDir(), "--seed=false")
	conn, err := net.Dial("tcp", strings.TrimPrefix(a.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := `{"email":"late@example.com","password":"a long passphrase","name":"Late","role":"candidate"}`
	fmt.Fprintf(conn, "POST /api/v1/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body[:10])
	time.Sleep(100 * time.Millisecond) // let the server start reading the request
	a.stop()
	time.Sleep(200 * time.Millisecond) // shutdown has begun
	if _, err := conn.Write([]byte(body[10:])); err != nil {
		t.Fatalf("write rest of body: %v", err)
	}
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("in-flight request lost: %v", err)
	}
	res.Body.Close()
	if res.StatusCode != 201 {
		t.Fatalf("in-flight request answered %d", res.StatusCode)
	}
	a.wait()
}

func TestRunRejectsBadUsage(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
	}{
		{"no command", []string{"jobpath"}, nil},
		{"unknown command", []string{"jobpath", "frobnicate"}, nil},
		{"unknown flag", []string{"jobpath", "serve", "--nope"}, nil},
		{"admin e-mail without password", []string{"jobpath", "serve", "--admin-email", "a@example.com"}, nil},
		{"bad boolean in environment", []string{"jobpath", "serve"}, map[string]string{"JOBPATH_SEED": "perhaps"}},
		{"bad duration in environment", []string{"jobpath", "serve"}, map[string]string{"JOBPATH_TOKEN_TTL": "forever"}},
		{"bad log level", []string{"jobpath", "serve", "--log-level", "chatty"}, nil},
		{"invalid address", []string{"jobpath", "serve", "--addr", "256.0.0.1:1"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			if err := run(context.Background(), tt.args, getenv, io.Discard); err == nil {
				t.Fatal("run succeeded")
			}
		})
	}
}

// TestServeCreatesOperatorAccount starts serve with an admin from the
// environment: the admin signs in and may close any company's job.
func TestServeCreatesOperatorAccount(t *testing.T) {
	dir := t.TempDir()
	a := start(t, dir, "--admin-email", "ops@jobpath.example", "--admin-password", "operator passphrase")
	admin := a.login("ops@jobpath.example", "operator passphrase")
	if code, me := a.call("GET", "/api/v1/me", admin, nil); code != 200 || me["role"] != "admin" {
		t.Fatalf("admin: %d %v", code, me)
	}
	if code, _ := a.call("DELETE", "/api/v1/jobs/demo-001", admin, nil); code != 204 {
		t.Fatalf("admin close: %d", code)
	}
	if code, _ := a.call("GET", "/api/v1/jobs/demo-001", "", nil); code != 404 {
		t.Fatalf("closed demo job still public: %d", code)
	}
	a.shutdown()
	// A second start with the same admin settings neither fails nor duplicates.
	b := start(t, dir, "--admin-email", "ops@jobpath.example", "--admin-password", "operator passphrase")
	b.login("ops@jobpath.example", "operator passphrase")
}

// TestReindexRebuildsTheIndex serves, stops, deletes nothing but runs
// reindex, and serves again: search still finds the demo board.
func TestReindexRebuildsTheIndex(t *testing.T) {
	dir := t.TempDir()
	a := start(t, dir)
	a.waitReady()
	_, before := a.call("GET", "/api/v1/jobs?per_page=1", "", nil)
	a.shutdown()

	var out strings.Builder
	if err := run(context.Background(), []string{"jobpath", "reindex", "--data-dir", dir}, func(string) string { return "" }, &out); err != nil {
		t.Fatalf("reindex: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), fmt.Sprintf("%v published jobs and", before["total"])) {
		t.Fatalf("reindex said %q; the index held %v jobs", out.String(), before["total"])
	}
	b := start(t, dir)
	b.waitReady()
	if _, after := b.call("GET", "/api/v1/jobs?per_page=1", "", nil); after["total"] != before["total"] {
		t.Fatalf("after reindex %v jobs, before %v", after["total"], before["total"])
	}
}
