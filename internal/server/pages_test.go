package server_test

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// visitor is a browser without scripts: a cookie jar, forms posted as
// application/x-www-form-urlencoded, redirects shown rather than followed.
type visitor struct {
	t    testing.TB
	a    *app
	http *http.Client
	// csrf is the form token of the last page read.
	csrf string
}

func (a *app) visitor() *visitor {
	a.t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		a.t.Fatal(err)
	}
	return &visitor{t: a.t, a: a, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// page is an answer to a visitor.
type pageAnswer struct {
	status   int
	location string
	header   http.Header
	body     string
}

var csrfInput = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

func (v *visitor) send(r *http.Request) *pageAnswer {
	v.t.Helper()
	res, err := v.http.Do(r)
	if err != nil {
		v.t.Fatalf("%s %s: %v", r.Method, r.URL, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	p := &pageAnswer{status: res.StatusCode, location: res.Header.Get("Location"), header: res.Header, body: string(b)}
	if m := csrfInput.FindStringSubmatch(p.body); m != nil {
		v.csrf = html.UnescapeString(m[1])
	}
	return p
}

func (v *visitor) get(path string) *pageAnswer {
	v.t.Helper()
	r, err := http.NewRequest(http.MethodGet, v.a.url+path, nil)
	if err != nil {
		v.t.Fatal(err)
	}
	return v.send(r)
}

// post submits a form with the token of the last page read, as a browser
// would, unless the form sets _csrf itself.
func (v *visitor) post(path string, form url.Values) *pageAnswer {
	v.t.Helper()
	if _, set := form["_csrf"]; !set {
		form.Set("_csrf", v.csrf)
	}
	r, err := http.NewRequest(http.MethodPost, v.a.url+path, strings.NewReader(form.Encode()))
	if err != nil {
		v.t.Fatal(err)
	}
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return v.send(r)
}

func (p *pageAnswer) must(t testing.TB, status int) *pageAnswer {
	t.Helper()
	if p.status != status {
		t.Fatalf("status %d, want %d (location %q): %.600s", p.status, status, p.location, p.body)
	}
	return p
}

func (p *pageAnswer) redirectsTo(t testing.TB, prefix string) *pageAnswer {
	t.Helper()
	if p.status != http.StatusSeeOther || !strings.HasPrefix(p.location, prefix) {
		t.Fatalf("status %d to %q, want 303 to %s…: %.600s", p.status, p.location, prefix, p.body)
	}
	return p
}

func (p *pageAnswer) has(t testing.TB, texts ...string) *pageAnswer {
	t.Helper()
	for _, s := range texts {
		if !strings.Contains(p.body, s) {
			t.Errorf("page lacks %q", s)
		}
	}
	return p
}

func (p *pageAnswer) lacks(t testing.TB, texts ...string) *pageAnswer {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(p.body, s) {
			t.Errorf("page holds %q", s)
		}
	}
	return p
}

// signUp registers through the sign-up form and returns the signed-in
// visitor and where the form sent them.
func (a *app) signUp(role, name, email, company string) (*visitor, *pageAnswer) {
	a.t.Helper()
	v := a.visitor()
	v.get("/signup").must(a.t, http.StatusOK)
	form := url.Values{"role": {role}, "name": {name}, "email": {email}, "password": {"a long passphrase"}}
	if company != "" {
		form.Set("company", company)
	}
	return v, v.post("/signup", form)
}

// goRole is a posting whose skills, level and degree are read from its text.
func goRole(title string) url.Values {
	return url.Values{
		"title": {title},
		"description": {"We build payment services in Go on PostgreSQL and Kafka.\n\n" +
			"You have 3+ years of back-end work. A degree is not required: equivalent practical experience is just as welcome.\n\n" +
			"Nice to have: gRPC and Kubernetes."},
		"remote":  {"remote"},
		"status":  {"published"},
		"action":  {"save"},
		"version": {""},
	}
}

func TestPagesWithoutScripts(t *testing.T) {
	a := newApp(t)
	// A hiring team signs up and posts a role through the forms.
	emp, res := a.signUp("employer", "Erin Employer", "erin@acme.example", "Acme Payments")
	res.redirectsTo(t, "/employer/jobs/new")
	emp.get("/employer/jobs/new").must(t, http.StatusOK).has(t, "Post a back-end role", `name="_csrf"`)
	preview := goRole("Backend Engineer (Go)")
	preview.Set("action", "preview")
	emp.post("/employer/jobs/new", preview).must(t, http.StatusOK).has(t, "What jobpath reads", "Go", "PostgreSQL", "No degree required")
	posted := emp.post("/employer/jobs/new", goRole("Backend Engineer (Go)")).redirectsTo(t, "/employer/jobs/")
	jobID := strings.TrimPrefix(strings.SplitN(posted.location, "?", 2)[0], "/employer/jobs/")
	emp.get(posted.location).must(t, http.StatusOK).has(t, "Your role is posted", "Backend Engineer (Go)")
	emp.get("/employer").must(t, http.StatusOK).has(t, "Backend Engineer (Go)", "published")
	a.sync()

	// A candidate signs up, saves a profile, and finds the role by a
	// synonym with the no-degree filter on.
	cand, res := a.signUp("candidate", "Casey Candidate", "casey@mail.example", "")
	res.redirectsTo(t, "/me/profile")
	cand.get("/me/profile?welcome=1").must(t, http.StatusOK).has(t, "Your profile", "Let hiring teams find me")
	cand.post("/me/profile", url.Values{
		"version": {"0"}, "name": {"Casey Candidate"}, "headline": {"Go developer"},
		"years_experience": {"4"}, "remote": {"remote"}, "discoverable": {"true"},
		"skills[0].name": {"golang"}, "skills[0].years": {"4"},
		"skills[1].name": {"Postgres"}, "skills[1].years": {"3"},
		"skills[2].name":      {"kafka"},
		"education[0].level":  {"self_taught"},
		"experience[0].title": {"Backend Developer"}, "experience[0].company": {"Shopfront"}, "experience[0].start": {"2021-01"},
	}).redirectsTo(t, "/me/profile?saved=1")
	cand.get("/me/profile?saved=1").must(t, http.StatusOK).has(t, "Profile saved", `value="Go"`, `value="PostgreSQL"`)
	a.sync()
	found := cand.get("/?q=golang&no_degree=true").must(t, http.StatusOK)
	found.has(t, "Backend Engineer (Go)", "/jobs/"+jobID, "fit")
	cand.get("/jobs/"+jobID).must(t, http.StatusOK).has(t, "Your fit", "required skills", `application/ld+json`, `"experienceInPlaceOfEducation":true`)
	cand.get("/me/matches").must(t, http.StatusOK).has(t, "Backend Engineer (Go)", "Open without a degree")
	cand.get("/me/career").must(t, http.StatusOK).has(t, "<svg", "You are here", "Coverage by area")

	// The hiring team sees the candidate among the role's matches.
	emp.get("/employer/jobs/"+jobID+"/matches").must(t, http.StatusOK).has(t, "Casey Candidate").lacks(t, "casey@mail.example")
	emp.get("/employer/candidates?skills=go").must(t, http.StatusOK).has(t, "Casey Candidate")

	// Editing needs the version read; closing takes the role out of search.
	edit := emp.get("/employer/jobs/"+jobID).must(t, http.StatusOK)
	version := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(edit.body)
	if version == nil {
		t.Fatal("the edit form carries no version")
	}
	change := goRole("Senior Backend Engineer (Go)")
	change.Set("version", version[1])
	emp.post("/employer/jobs/"+jobID, change).redirectsTo(t, "/employer/jobs/"+jobID+"?saved=1")
	stale := goRole("Lost edit")
	stale.Set("version", version[1])
	emp.post("/employer/jobs/"+jobID, stale).must(t, http.StatusPreconditionFailed).has(t, "A teammate changed this role")
	edit = emp.get("/employer/jobs/"+jobID).must(t, http.StatusOK).has(t, "Senior Backend Engineer (Go)")
	version = regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(edit.body)
	emp.post("/employer/jobs/"+jobID+"/close", url.Values{"version": {version[1]}}).redirectsTo(t, "/employer?closed=1")
	a.sync()
	cand.get("/?q=golang").must(t, http.StatusOK).lacks(t, "/jobs/"+jobID)

	// Signing out ends the session everywhere it was held.
	cand.post("/signout", url.Values{}).redirectsTo(t, "/?signedout=1")
	cand.get("/me/matches").redirectsTo(t, "/signin?next=%2Fme%2Fmatches")
}

func TestPagesRefuse(t *testing.T) {
	a := newApp(t)
	cand, _ := a.signUp("candidate", "Casey Candidate", "casey@mail.example", "")
	emp, _ := a.signUp("employer", "Erin Employer", "erin@acme.example", "Acme Payments")
	anon := a.visitor()
	tests := []struct {
		name   string
		do     func() *pageAnswer
		status int
		where  string // redirect target, for 303
		says   string
	}{
		{"signed out to a candidate page", func() *pageAnswer { return anon.get("/me/profile") }, http.StatusSeeOther, "/signin?next=%2Fme%2Fprofile", ""},
		{"signed out to an employer page", func() *pageAnswer { return anon.get("/employer/jobs/new") }, http.StatusSeeOther, "/signin?next=%2Femployer%2Fjobs%2Fnew", ""},
		{"candidate on an employer page", func() *pageAnswer { return cand.get("/employer") }, http.StatusForbidden, "", "This page is for employer accounts"},
		{"employer on a candidate page", func() *pageAnswer { return emp.get("/me/career") }, http.StatusForbidden, "", "This page is for candidate accounts"},
		{"form without its token", func() *pageAnswer {
			cand.get("/me/profile")
			return cand.post("/me/profile", url.Values{"_csrf": {""}, "name": {"Mallory"}})
		}, http.StatusForbidden, "", "This form has expired"},
		{"form with another browser's token", func() *pageAnswer {
			emp.get("/employer/jobs/new")
			cand.get("/me/profile")
			return cand.post("/me/profile", url.Values{"_csrf": {emp.csrf}, "name": {"Mallory"}})
		}, http.StatusForbidden, "", "This form has expired"},
		{"sign-in without a token", func() *pageAnswer {
			return anon.post("/signin", url.Values{"_csrf": {"forged"}, "email": {"casey@mail.example"}, "password": {"a long passphrase"}})
		}, http.StatusForbidden, "", "This form has expired"},
		{"wrong password", func() *pageAnswer {
			anon.get("/signin")
			return anon.post("/signin", url.Values{"email": {"casey@mail.example"}, "password": {"not the password"}})
		}, http.StatusUnauthorized, "", "wrong e-mail or password"},
		{"short password at sign-up", func() *pageAnswer {
			anon.get("/signup")
			return anon.post("/signup", url.Values{"role": {"candidate"}, "name": {"Pat"}, "email": {"pat@mail.example"}, "password": {"short"}})
		}, http.StatusUnprocessableEntity, "", `id="password-error">must be at least 10 characters`},
		{"invalid profile field", func() *pageAnswer {
			cand.get("/me/profile")
			return cand.post("/me/profile", url.Values{"name": {"Casey"}, "skills[0].name": {"Go"}, "skills[0].years": {"many"}})
		}, http.StatusUnprocessableEntity, "", `id="skills-0-years-error">must be a number`},
		{"an open redirect", func() *pageAnswer {
			anon.get("/signin")
			return anon.post("/signin", url.Values{"email": {"casey@mail.example"}, "password": {"a long passphrase"}, "next": {"//evil.example/"}})
		}, http.StatusSeeOther, "/me/matches", ""},
		{"an open redirect by a tab", func() *pageAnswer {
			v := a.visitor()
			v.get("/signin")
			return v.post("/signin", url.Values{"email": {"casey@mail.example"}, "password": {"a long passphrase"}, "next": {"/\t/evil.example/"}})
		}, http.StatusSeeOther, "/me/matches", ""},
		{"an open redirect by a backslash", func() *pageAnswer {
			v := a.visitor()
			v.get("/signin")
			return v.post("/signin", url.Values{"email": {"casey@mail.example"}, "password": {"a long passphrase"}, "next": {"/\\evil.example/"}})
		}, http.StatusSeeOther, "/me/matches", ""},
		{"a proxy's basic auth on a page", func() *pageAnswer {
			r, _ := http.NewRequest(http.MethodGet, a.url+"/", nil)
			r.Header.Set("Authorization", "Basic dXNlcjpwYXNz")
			return anon.send(r)
		}, http.StatusOK, "", "Find a back-end role"},
		{"no such page", func() *pageAnswer { return anon.get("/no/such/page") }, http.StatusNotFound, "", "There is no page here"},
		{"no such job", func() *pageAnswer { return anon.get("/jobs/nope") }, http.StatusNotFound, "", "Not found"},
		{"bad search", func() *pageAnswer { return anon.get("/?q=*go") }, http.StatusUnprocessableEntity, "", "wildcards are not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.do()
			p.must(t, tt.status)
			if tt.where != "" && p.location != tt.where {
				t.Errorf("sent to %q, want %q", p.location, tt.where)
			}
			if tt.says != "" {
				p.has(t, tt.says)
			}
			if tt.status >= 400 && !strings.Contains(p.header.Get("Content-Type"), "text/html") {
				t.Errorf("a page's error is %s, want HTML", p.header.Get("Content-Type"))
			}
		})
	}
	// Nothing refused changed the profile.
	if res := a.do(req{method: "GET", path: "/api/v1/me/profile", token: a.login("casey@mail.example")}); res.status != http.StatusNotFound {
		t.Errorf("a refused form changed the profile: %d %s", res.status, res.body)
	}
}

func TestSessionCookieAndHeaders(t *testing.T) {
	a := newApp(t)
	v := a.visitor()
	home := v.get("/").must(t, http.StatusOK)
	csp := home.header.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "default-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("Content-Security-Policy allows inline script or eval: %q", csp)
	}
	if regexp.MustCompile(`<script>[^<]|<script [^>]*>[^<]`).MatchString(strings.ReplaceAll(home.body, `<script type="application/ld+json">`, "")) || strings.Contains(home.body, " onclick=") {
		t.Error("the page has inline script")
	}
	v.get("/signup")
	res := v.post("/signup", url.Values{"role": {"candidate"}, "name": {"Casey"}, "email": {"casey@mail.example"}, "password": {"a long passphrase"}})
	res.redirectsTo(t, "/me/profile")
	var session *http.Cookie
	for _, c := range (&http.Response{Header: res.header}).Cookies() {
		if c.Name == "jp_session" {
			session = c
		}
	}
	switch {
	case session == nil:
		t.Fatal("signing up set no session cookie")
	case !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Path != "/":
		t.Errorf("session cookie %+v: want HttpOnly, SameSite=Lax, Path=/", session)
	case session.Secure:
		t.Error("session cookie is Secure over plain HTTP")
	}
	// The session is an API token: the API itself does not read the cookie.
	r, _ := http.NewRequest(http.MethodGet, a.url+"/api/v1/me", nil)
	r.AddCookie(session)
	apiRes, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	apiRes.Body.Close()
	if apiRes.StatusCode != http.StatusUnauthorized {
		t.Errorf("the API answered a cookie with %d, want 401: only pages read sessions", apiRes.StatusCode)
	}
	// Behind a TLS proxy that says so, the cookie is Secure.
	v2 := a.visitor()
	r, _ = http.NewRequest(http.MethodGet, a.url+"/signin", nil)
	r.Header.Set("X-Forwarded-Proto", "https")
	page := v2.send(r)
	secure := false
	for _, c := range (&http.Response{Header: page.header}).Cookies() {
		secure = secure || (c.Name == "jp_csrf" && c.Secure)
	}
	if !secure {
		t.Error("a cookie set behind a TLS proxy is not Secure")
	}
	// Signed-in pages are never cached.
	if cc := v.get("/me/profile").header.Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("a signed-in page has Cache-Control %q", cc)
	}
}

// TestUserTextIsText: quotes in a job's title render as text, markup in its
// description passes the allow-list; nothing of either runs. (The browser
// test checks that nothing runs.)
func TestUserTextIsText(t *testing.T) {
	a := newApp(t)
	emp, _ := a.signUp("employer", "Erin Employer", "erin@acme.example", "Acme Payments")
	emp.get("/employer/jobs/new")
	// Titles refuse < and > outright; what may reach a page is quotes.
	title := `Go Engineer" autofocus onfocus="alert('title')`
	form := goRole(title)
	form.Set("description", `<p>We use Go.</p><script>alert("description")</script><img src=x onerror="alert('img')"><a href="javascript:alert('link')">click</a><a href="https://example.org/">site</a>`)
	posted := emp.post("/employer/jobs/new", form).redirectsTo(t, "/employer/jobs/")
	jobID := strings.TrimPrefix(strings.SplitN(posted.location, "?", 2)[0], "/employer/jobs/")
	a.sync()
	for _, path := range []string{"/jobs/" + jobID, "/?q=engineer", "/employer", "/employer/jobs/" + jobID} {
		p := emp.get(path).must(t, http.StatusOK)
		p.lacks(t, `<script>alert`, `<img`, `href="javascript:`, `" autofocus onfocus="`)
		p.has(t, `Go Engineer&#34; autofocus onfocus=&#34;alert(&#39;title&#39;)`)
	}
	job := emp.get("/jobs/"+jobID).has(t, `<p>We use Go.</p>`, `rel="nofollow noopener"`)
	// The JSON-LD is a JobPosting whose description passed the allow-list.
	m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(job.body)
	if m == nil {
		t.Fatal("the job page has no JSON-LD")
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v: %s", err, m[1])
	}
	desc, _ := ld["description"].(string)
	if ld["@type"] != "JobPosting" || ld["title"] != title || strings.Contains(desc, "<script") || strings.Contains(desc, "onerror") {
		t.Errorf("JSON-LD %v", ld)
	}
	if ld["jobLocationType"] != "TELECOMMUTE" {
		t.Errorf("JSON-LD of a remote role: %v", ld)
	}
}

func TestApplyingWithoutScripts(t *testing.T) {
	a := newApp(t)
	emp, _ := a.signUp("employer", "Erin Employer", "erin@acme.example", "Acme Payments")
	emp.get("/employer/jobs/new")
	posted := emp.post("/employer/jobs/new", goRole("Backend Engineer (Go)")).redirectsTo(t, "/employer/jobs/")
	jobID := strings.TrimPrefix(strings.SplitN(posted.location, "?", 2)[0], "/employer/jobs/")
	cand, _ := a.signUp("candidate", "Casey Candidate", "casey@mail.example", "")
	cand.get("/me/profile")
	cand.post("/me/profile", url.Values{"name": {"Casey Candidate"}, "skills[0].name": {"Go"}, "contact.email": {"casey@mail.example"}}).
		redirectsTo(t, "/me/profile?saved=1")
	a.sync()

	cand.get("/jobs/"+jobID).must(t, http.StatusOK).has(t, "Apply with my profile")
	cand.post("/jobs/"+jobID+"/apply", url.Values{"note": {"I build ledgers."}}).redirectsTo(t, "/me/applications?applied=")
	cand.get("/me/applications?applied=1").must(t, http.StatusOK).has(t, "Application sent", "Backend Engineer (Go)", "Applied")
	cand.get("/jobs/"+jobID).must(t, http.StatusOK).has(t, "You applied").lacks(t, "Apply with my profile")
	cand.post("/jobs/"+jobID+"/apply", url.Values{}).redirectsTo(t, "/me/applications?already=1")

	board := emp.get("/employer/jobs/"+jobID+"/applicants").must(t, http.StatusOK)
	board.has(t, "Casey Candidate", "casey@mail.example", "I build ledgers.", "Move to")
	appID := jobID + "~"
	m := regexp.MustCompile(`action="/employer/applications/([^"]+)/move"`).FindStringSubmatch(board.body)
	if m == nil || !strings.HasPrefix(html.UnescapeString(m[1]), appID) {
		t.Fatalf("the board has no move form for the application: %v", m)
	}
	move := html.UnescapeString(m[1])
	emp.post("/employer/applications/"+move+"/move", url.Values{"version": {"1"}, "stage": {"screening"}, "note": {"call booked"}}).
		redirectsTo(t, "/employer/jobs/"+jobID+"/applicants?moved=1")
	// The same form again: the board has moved on, so nothing happens.
	emp.post("/employer/applications/"+move+"/move", url.Values{"version": {"1"}, "stage": {"interview"}}).
		redirectsTo(t, "/employer/jobs/"+jobID+"/applicants?moved=stale")
	emp.get("/employer/jobs/"+jobID+"/applicants?moved=stale").must(t, http.StatusOK).has(t, `class="notice error"`, "That move was not made")
	cand.get("/me/applications").must(t, http.StatusOK).has(t, "Screening")

	// A teammate joins through an invite link and moves the applicant on.
	emp.get("/employer/team").must(t, http.StatusOK).has(t, "Invite a teammate", "owner")
	made := emp.post("/employer/team/invites", url.Values{"email": {"tess@acme.example"}}).must(t, http.StatusOK)
	link := regexp.MustCompile(`id="invite-link" value="[^"]*(/signup\?invite=[^"]+)"`).FindStringSubmatch(made.body)
	if link == nil {
		t.Fatalf("the team page shows no invite link: %.2000s", made.body)
	}
	tess := a.visitor()
	tess.get(html.UnescapeString(link[1])).must(t, http.StatusOK).has(t, "You are joining a hiring team").lacks(t, `name="company"`)
	tess.post("/signup", url.Values{"invite": {strings.TrimPrefix(html.UnescapeString(link[1]), "/signup?invite=")},
		"name": {"Tess Teammate"}, "email": {"tess@acme.example"}, "password": {"a long passphrase"}}).redirectsTo(t, "/employer?joined=1")
	tess.get("/employer/jobs/"+jobID+"/applicants").must(t, http.StatusOK).has(t, "Casey Candidate")
	tess.post("/employer/applications/"+move+"/move", url.Values{"version": {"2"}, "stage": {"interview"}}).
		redirectsTo(t, "/employer/jobs/"+jobID+"/applicants?moved=1")
	cand.get("/me/applications").must(t, http.StatusOK).has(t, "Interview")
	csvPage := emp.get("/employer/jobs/"+jobID+"/applicants.csv").must(t, http.StatusOK)
	if !strings.Contains(csvPage.body, "casey@mail.example") || !strings.HasPrefix(csvPage.header.Get("Content-Type"), "text/csv") {
		t.Errorf("the export from the board: %s %s", csvPage.header.Get("Content-Type"), csvPage.body)
	}
	// Another company's team sees none of it.
	rival, _ := a.signUp("employer", "Rick Rival", "rick@rival.example", "Rival Systems")
	rival.get("/employer/jobs/"+jobID+"/applicants").must(t, http.StatusForbidden)
	rival.get("/employer")
	rival.post("/employer/applications/"+move+"/move", url.Values{"version": {"3"}, "stage": {"offer"}}).must(t, http.StatusNotFound)

	cand.get("/me/applications")
	cand.post("/me/applications/"+move+"/withdraw", url.Values{}).redirectsTo(t, "/me/applications?withdrawn=1")
	cand.get("/me/applications").must(t, http.StatusOK).has(t, "Withdrawn").lacks(t, "Withdraw…")
}
