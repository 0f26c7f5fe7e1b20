package server_test

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The browser tests drive Debian's chromium headless through chromedp.
// .ci/run installs it and sets JOBPATH_REQUIRE_BROWSER, which turns a
// missing browser into a failure; elsewhere the tests skip, saying how to
// install it.

//go:embed testdata/axe/axe.min.js
var axeSource string

// browserPath finds chromium: JOBPATH_CHROMIUM, or on the PATH.
func browserPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("JOBPATH_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no chromium: install it with `apt-get update && apt-get install -y chromium` (or set JOBPATH_CHROMIUM)"
	if os.Getenv("JOBPATH_REQUIRE_BROWSER") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// artifactsDir is where screenshots go: JOBPATH_ARTIFACTS, or var/ at the
// repository root, which git ignores.
func artifactsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("JOBPATH_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", "..", "var", "test-artifacts")
	}
	dir, err := filepath.Abs(filepath.Join(dir, "screenshots"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// browser is one headless chromium; each user gets a context of their own
// (cookies apart) from it.
type browser struct {
	t     *testing.T
	ctx   context.Context
	shots string

	mu       sync.Mutex
	problems []string // dialogs, uncaught exceptions, console and CSP errors
}

func newBrowser(t *testing.T) *browser {
	t.Helper()
	path := browserPath(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	// Start the browser now, so that a failure to start is reported as one.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("start %s: %v", path, err)
	}
	t.Cleanup(func() { cancel(); cancelAlloc() })
	b := &browser{t: t, ctx: ctx, shots: artifactsDir(t)}
	t.Logf("screenshots in %s", b.shots)
	return b
}

// user is one person at the keyboard: a tab in a browser context of its own.
type user struct {
	b    *browser
	ctx  context.Context
	name string
}

func (b *browser) user(name string) *user {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext(), chromedp.WithListener(func(ev any) {
		switch e := ev.(type) {
		case *page.EventJavascriptDialogOpening:
			b.problem("%s: a %s dialog opened: %q", name, e.Type, e.Message)
		case *runtime.EventExceptionThrown:
			b.problem("%s: uncaught exception: %s", name, (&chromedp.ExceptionError{ExceptionDetails: e.ExceptionDetails}).Error())
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				b.problem("%s: console.error", name)
			}
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError && !strings.Contains(e.Entry.Text, "favicon") {
				b.problem("%s: %s %s (%s)", name, e.Entry.Source, e.Entry.Text, e.Entry.URL)
			}
		}
	}))
	b.t.Cleanup(cancel)
	u := &user{b: b, ctx: ctx, name: name}
	// The first run opens the tab, which lives as long as the context of
	// that run: it must be the user's, not one with a deadline.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		b.t.Fatalf("open a tab for %s: %v", name, err)
	}
	go u.dismissDialogs()
	return u
}

// dismissDialogs closes any dialog at once, so that a page that opens one
// (which the test reports) does not hang the test.
func (u *user) dismissDialogs() {
	for _, err := range chromedp.Events(u.ctx, page.JavascriptDialogOpening) {
		if err != nil {
			return
		}
		_, _ = chromedp.Call(u.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
	}
}

func (b *browser) problem(format string, args ...any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.problems = append(b.problems, fmt.Sprintf(format, args...))
}

// clean fails the test with every problem the pages caused so far.
func (b *browser) clean() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		b.t.Error(p)
	}
	b.problems = nil
}

func (u *user) do(actions ...chromedp.Action[chromedp.Void]) {
	u.b.t.Helper()
	ctx, cancel := context.WithTimeout(u.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		u.b.t.Fatalf("%s: %v", u.name, err)
	}
}

// open navigates to a path of the app.
func (u *user) open(a *app, path string) {
	u.b.t.Helper()
	u.do(chromedp.Navigate(a.url + path))
}

// submit clicks a button that posts a form and waits for the next page.
func (u *user) submit(sel string) {
	u.b.t.Helper()
	ctx, cancel := context.WithTimeout(u.ctx, 30*time.Second)
	defer cancel()
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		u.b.t.Fatalf("%s: submit %s: %v", u.name, sel, err)
	}
}

func (u *user) text(sel string) string {
	u.b.t.Helper()
	ctx, cancel := context.WithTimeout(u.ctx, 30*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		u.b.t.Fatalf("%s: text of %s: %v", u.name, sel, err)
	}
	return s
}

func (u *user) location() string {
	u.b.t.Helper()
	loc, err := chromedp.Run(u.ctx, chromedp.Location())
	if err != nil {
		u.b.t.Fatal(err)
	}
	return loc
}

// waitFor polls a script until it is true.
func (u *user) waitFor(what, script string) {
	u.b.t.Helper()
	ctx, cancel := context.WithTimeout(u.ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](script)); err != nil {
		u.b.t.Fatalf("%s: waiting for %s: %v", u.name, what, err)
	}
}

// shoot takes full-page screenshots at a desktop and a phone width.
func (u *user) shoot(name string) {
	u.b.t.Helper()
	for _, w := range []int64{1280, 360} {
		u.do(chromedp.EmulateViewport(w, 800))
		shot, err := chromedp.Run(u.ctx, chromedp.FullScreenshot(100))
		if err != nil {
			u.b.t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(u.b.shots, fmt.Sprintf("%s-%d.png", name, w)), shot, 0o644); err != nil {
			u.b.t.Fatal(err)
		}
	}
	u.do(chromedp.EmulateViewport(1280, 900))
}

// axeViolation is what the test keeps of an axe-core finding.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// accessible runs axe-core on the page, in light and in dark, and fails on
// any serious or critical violation.
func (u *user) accessible(name string) {
	u.b.t.Helper()
	for _, scheme := range []string{"light", "dark"} {
		u.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
			return err
		}))
		if _, err := chromedp.Run(u.ctx, chromedp.Evaluate[chromedp.Void](axeSource)); err != nil {
			u.b.t.Fatalf("%s: load axe: %v", name, err)
		}
		violations, err := chromedp.Run(u.ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {resultTypes: ["violations"]}).then(r =>
			r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))})))`,
			chromedp.EvalAwaitPromise))
		if err != nil {
			u.b.t.Fatalf("%s: axe run: %v", name, err)
		}
		for _, v := range violations {
			if v.Impact == "serious" || v.Impact == "critical" {
				u.b.t.Errorf("%s (%s): %s %s: %s at %v", name, scheme, v.Impact, v.ID, v.Help, v.Nodes)
			} else {
				u.b.t.Logf("%s (%s): %s %s: %s at %v", name, scheme, v.Impact, v.ID, v.Help, v.Nodes)
			}
		}
	}
	u.do(chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
		return err
	}))
}

// look is what the test does on every main page: screenshots at both
// widths and the accessibility check.
func (u *user) look(name string) {
	u.b.t.Helper()
	u.shoot(name)
	u.accessible(name)
}

func TestBrowserFlows(t *testing.T) {
	b := newBrowser(t)
	a := newApp(t)

	// A hiring team signs up and posts a role, watching the preview.
	emp := b.user("employer")
	emp.open(a, "/signup?role=employer")
	emp.look("signup")
	emp.do(
		chromedp.SendKeys(chromedp.ID("name"), "Erin Employer"),
		chromedp.SendKeys(chromedp.ID("email"), "erin@acme.example"),
		chromedp.SendKeys(chromedp.ID("password"), "a long passphrase"),
		chromedp.SendKeys(chromedp.ID("company"), "Acme Payments"),
	)
	emp.submit(`form[action="/signup"] button[type=submit]`)
	if loc := emp.location(); !strings.Contains(loc, "/employer/jobs/new") {
		t.Fatalf("after sign-up the employer is at %s", loc)
	}
	emp.do(
		chromedp.SendKeys(chromedp.ID("title"), "Backend Engineer (Go)"),
		chromedp.SendKeys(chromedp.ID("description"), "We build payment services in Go on PostgreSQL and Kafka. "+
			"You have 3+ years of back-end work. A degree is not required: equivalent practical experience is just as welcome. "+
			"Nice to have: gRPC. Fully remote."),
	)
	emp.waitFor("the live preview", `(document.querySelector("[data-preview-body]")||{}).textContent.includes("PostgreSQL")`)
	preview := emp.text("[data-preview-body]")
	for _, want := range []string{"Go", "Kafka", "gRPC", "No degree required", "3 years or more", "Remote"} {
		if !strings.Contains(preview, want) {
			t.Errorf("the live preview lacks %q: %s", want, preview)
		}
	}
	emp.look("post-role")
	emp.submit(`button[value=save]`)
	loc := emp.location()
	if !strings.Contains(loc, "/employer/jobs/") || !strings.Contains(loc, "saved=posted") {
		t.Fatalf("after posting the employer is at %s", loc)
	}
	jobID := strings.TrimPrefix(strings.SplitN(loc[strings.Index(loc, "/employer/jobs/"):], "?", 2)[0], "/employer/jobs/")
	emp.look("edit-role")
	a.sync()

	// A candidate signs up and builds a profile.
	cand := b.user("candidate")
	cand.open(a, "/signup")
	cand.do(
		chromedp.SendKeys(chromedp.ID("name"), "Casey Candidate"),
		chromedp.SendKeys(chromedp.ID("email"), "casey@mail.example"),
		chromedp.SendKeys(chromedp.ID("password"), "a long passphrase"),
	)
	cand.submit(`form[action="/signup"] button[type=submit]`)
	if loc := cand.location(); !strings.Contains(loc, "/me/profile") {
		t.Fatalf("after sign-up the candidate is at %s", loc)
	}
	cand.do(
		chromedp.SendKeys(chromedp.ID("headline"), `Go developer " onmouseover="alert('headline')`),
		chromedp.SetValue(chromedp.ID("years_experience"), "4"),
		chromedp.SendKeys(chromedp.ID("skills-0-name"), "golang"),
		chromedp.SetValue(chromedp.ID("skills-0-years"), "4"),
		chromedp.SendKeys(chromedp.ID("skills-1-name"), "Postgres"),
		chromedp.SendKeys(chromedp.ID("skills-2-name"), "kafka"),
		chromedp.SetValue(chromedp.ID("education-0-level"), "self_taught"),
		chromedp.SetValue(chromedp.ID("remote"), "remote"),
		chromedp.Click(chromedp.ID("discoverable")),
	)
	cand.submit(`form[action="/me/profile"] button[type=submit]`)
	if notice := cand.text(".notice"); !strings.Contains(notice, "Profile saved") {
		t.Fatalf("after saving the profile: %q", notice)
	}
	cand.look("profile")
	a.sync()

	// They find the role by a synonym with the no-degree switch on; the
	// switch applies itself.
	cand.open(a, "/")
	cand.do(chromedp.SendKeys(chromedp.ID("q"), "golang"))
	cand.submit(`.searchbar button[type=submit]`)
	cand.submit(`#no_degree`)
	if loc := cand.location(); !strings.Contains(loc, "no_degree=true") || !strings.Contains(loc, "q=golang") {
		t.Errorf("the search is not in the URL: %s", loc)
	}
	cards := cand.text(".cards")
	if !strings.Contains(cards, "Backend Engineer (Go)") || !strings.Contains(cards, "fit") {
		t.Fatalf("the search lacks the role with its fit: %s", cards)
	}
	cand.look("search")
	cand.do(chromedp.SendKeys(chromedp.ID("save-name"), "Go without a degree"))
	cand.submit(`form[action="/me/searches"] button[type=submit]`)
	if m := cand.text(".cards"); !strings.Contains(m, "Go without a degree") {
		t.Errorf("saved searches: %s", m)
	}
	cand.look("searches")
	cand.submit(`.cards form[action$="/open"] button`)
	if loc := cand.location(); !strings.Contains(loc, "q=golang") || !strings.Contains(loc, "no_degree=true") {
		t.Errorf("opening the saved search went to %s", loc)
	}
	cand.submit(fmt.Sprintf(`a[href="/jobs/%s"]`, jobID))
	fit := cand.text("#fit-title + div, section[aria-labelledby=fit-title]")
	if !strings.Contains(fit, "required skills") {
		t.Errorf("the job page's fit panel: %s", fit)
	}
	cand.look("job")
	cand.open(a, "/me/matches")
	if m := cand.text("main"); !strings.Contains(m, "Backend Engineer (Go)") {
		t.Errorf("My matches lacks the role: %s", m)
	}
	cand.look("matches")
	cand.open(a, "/me/career")
	cand.waitFor("the trajectory picture", `!!document.querySelector(".trajectory svg circle.here")`)
	if c := cand.text(".trajectory"); !strings.Contains(c, "You are here") || !strings.Contains(c, "Equivalent experience") {
		t.Errorf("the trajectory picture: %s", c)
	}
	cand.look("career")
	cand.open(a, "/me/reports")
	cand.waitFor("the report's frame", `(() => { const f = document.querySelector("iframe.report"); return !!(f && f.contentDocument && f.contentDocument.body && f.contentDocument.body.innerText.includes("Where you stand")); })()`)
	cand.look("report")

	// The hiring team sees the candidate among the role's matches.
	emp.open(a, "/employer/jobs/"+jobID+"/matches")
	if m := emp.text("main"); !strings.Contains(m, "Casey Candidate") {
		t.Errorf("the role's matches lack the candidate: %s", m)
	}
	emp.look("role-matches")
	// The candidate applies; the team moves them to interview; the
	// candidate sees it.
	cand.open(a, "/jobs/"+jobID)
	cand.do(chromedp.SendKeys(chromedp.ID("note"), "I have built ledgers in Go for four years."))
	cand.submit(`form[action$="/apply"] button[type=submit]`)
	if m := cand.text("main"); !strings.Contains(m, "Application sent") {
		t.Fatalf("after applying: %s", m)
	}
	for _, step := range []string{"screening", "interview"} {
		emp.open(a, "/employer/jobs/"+jobID+"/applicants")
		emp.do(chromedp.SetValue(chromedp.CSS(".board form.move select"), step))
		emp.submit(`.board form.move button[type=submit]`)
	}
	if col := emp.text("section[aria-labelledby=col-interview]"); !strings.Contains(col, "Casey Candidate") || !strings.Contains(col, "casey@mail.example") {
		t.Errorf("the interview column: %s", col)
	}
	emp.look("pipeline")

	// A teammate accepts an invite and moves the applicant to an offer.
	emp.open(a, "/employer/team")
	emp.do(chromedp.SendKeys(chromedp.ID("email"), "tess@acme.example"))
	emp.submit(`form[action="/employer/team/invites"] button[type=submit]`)
	link, err := chromedp.Run(emp.ctx, chromedp.Evaluate[string](`document.getElementById("invite-link").value`))
	if err != nil || !strings.Contains(link, "/signup?invite=") {
		t.Fatalf("invite link %q: %v", link, err)
	}
	emp.look("team")
	mate := b.user("teammate")
	mate.do(chromedp.Navigate(link))
	mate.do(
		chromedp.SendKeys(chromedp.ID("name"), "Tess Teammate"),
		chromedp.SendKeys(chromedp.ID("email"), "tess@acme.example"),
		chromedp.SendKeys(chromedp.ID("password"), "a long passphrase"),
	)
	mate.submit(`form[action="/signup"] button[type=submit]`)
	mate.open(a, "/employer/jobs/"+jobID+"/applicants")
	mate.do(chromedp.SetValue(chromedp.CSS(".board form.move select"), "offer"))
	mate.submit(`.board form.move button[type=submit]`)
	if col := mate.text("section[aria-labelledby=col-offer]"); !strings.Contains(col, "Casey Candidate") {
		t.Errorf("the teammate's move: %s", col)
	}

	cand.open(a, "/me/applications")
	if m := cand.text(".cards"); !strings.Contains(m, "Offer") {
		t.Errorf("the candidate's applications: %s", m)
	}
	cand.look("applications")

	emp.open(a, "/employer")
	emp.look("dashboard")
	emp.open(a, "/employer/candidates?skills=go")
	emp.look("candidates")

	// Signed out, a visitor sees the sign-in page.
	anon := b.user("visitor")
	anon.open(a, "/me/career")
	if loc := anon.location(); !strings.Contains(loc, "/signin") {
		t.Errorf("a signed-out visitor to My career is at %s", loc)
	}
	anon.look("signin")
	b.clean()
}

// TestBrowserRunsNoUserScript: markup a poster or candidate writes reaches
// the pages as text or through the allow-list, and nothing of it runs.
func TestBrowserRunsNoUserScript(t *testing.T) {
	b := newBrowser(t)
	a := newApp(t)
	token := a.account("erin@acme.example", "employer", "Acme Payments")
	id := a.postJob(token, map[string]any{
		"title":       `Go Engineer" autofocus onfocus="alert('title')`,
		"description": `<p>We use Go.</p><script>alert("description")</script><img src=x onerror="alert('img')"><svg onload="alert('svg')"></svg><a href="javascript:alert('link')">click</a>`,
		"skills":      map[string]any{"required": []string{"go"}},
	})
	a.sync()
	u := b.user("reader")
	for _, tt := range []struct{ path, sel string }{{"/jobs/" + id, "h1"}, {"/?q=engineer", ".card h3"}, {"/employer/jobs/" + id, "h1"}} {
		if tt.path == "/employer/jobs/"+id {
			u.open(a, "/signin")
			u.do(chromedp.SendKeys(chromedp.ID("email"), "erin@acme.example"), chromedp.SendKeys(chromedp.ID("password"), "a long passphrase"))
			u.submit(`form[action="/signin"] button[type=submit]`)
		}
		u.open(a, tt.path)
		// Give anything that might run a moment to do so.
		u.do(chromedp.Sleep(300 * time.Millisecond))
		if got := u.text(tt.sel); !strings.Contains(got, `Go Engineer" autofocus onfocus="alert('title')`) {
			t.Errorf("%s: the title does not read as written: %q", tt.path, got)
		}
	}
	u.open(a, "/jobs/"+id)
	html, err := chromedp.Run(u.ctx, chromedp.Evaluate[string](`document.querySelector(".description").innerHTML`))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script", "onerror", "onload", "javascript:"} {
		if strings.Contains(html, bad) {
			t.Errorf("the description holds %q: %s", bad, html)
		}
	}
	b.clean()
}
