package server

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// A session is an API token held in an HttpOnly cookie: it expires and is
// revoked (by signing out) exactly like the tokens API clients hold, and
// lives in the same store, so any process can check it.
//
// Forms are protected against cross-site requests by a token bound to the
// browser and to its session: the browser holds a random seed in a cookie
// of its own, and every form carries SHA-256(seed, session). A page from
// another site can neither read the seed nor the session, so it cannot
// forge the token; one that plants a seed cookie still lacks the session.
// Nothing is kept on the server, so a restart or another process accepts
// the forms a browser already holds. The Origin header, when a browser
// sends one, must also be this site.
const (
	sessionCookie = "jp_session"
	csrfCookie    = "jp_csrf"
	csrfField     = "_csrf"
	csrfHeader    = "X-CSRF-Token"
	localsPage    = "page"
	localsSeed    = "csrf-seed"
	seedBytes     = 32
)

// csrfRefused is what a refused form is told.
const csrfRefused = "This form has expired or did not come from jobpath. Reload the page and try again."

// isAPI tells the JSON API and the machine endpoints from the pages.
func isAPI(p string) bool {
	return strings.HasPrefix(p, "/api/") || p == "/api" || p == "/openapi.json" || p == "/healthz" || p == "/readyz" || strings.HasPrefix(p, "/static/")
}

// pageSession resolves the session cookie of a page request to its caller,
// makes sure the browser holds a form seed, and refuses an unsafe request
// whose form token or origin is wrong. The API never reads the cookie: API
// clients send their token, so no API call can be forged by another page.
func (s *Server) pageSession(c *fiber.Ctx) error {
	if isAPI(c.Path()) {
		return c.Next()
	}
	c.Locals(localsPage, true)
	if tok := c.Cookies(sessionCookie); tok != "" && caller(c) == nil {
		p, err := s.deps.Auth.Authenticate(c.UserContext(), tok)
		switch {
		case err == nil:
			c.Locals(localsCaller, p)
		case jobpath.CodeOf(err) == jobpath.EUnauthorized:
			// Expired or revoked: the visitor is signed out.
			clearCookie(c, sessionCookie)
		default:
			return err
		}
	}
	seed := c.Cookies(csrfCookie)
	if len(seed) != base64.RawURLEncoding.EncodedLen(seedBytes) {
		b := make([]byte, seedBytes)
		if _, err := rand.Read(b); err != nil {
			return err
		}
		seed = base64.RawURLEncoding.EncodeToString(b)
		setCookie(c, csrfCookie, seed, time.Time{})
	}
	c.Locals(localsSeed, seed)
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	if !sameOrigin(c) {
		return jobpath.Errorf(jobpath.EForbidden, "%s", csrfRefused)
	}
	got := c.FormValue(csrfField)
	if got == "" {
		got = c.Get(csrfHeader)
	}
	if subtle.ConstantTimeCompare([]byte(got), []byte(csrfFor(seed, c.Cookies(sessionCookie)))) != 1 {
		return jobpath.Errorf(jobpath.EForbidden, "%s", csrfRefused)
	}
	return c.Next()
}

// sameOrigin accepts a request without an Origin header (older browsers
// and plain HTTP clients, still held to the token) or with this site's.
func sameOrigin(c *fiber.Ctx) bool {
	o := c.Get(fiber.HeaderOrigin)
	if o == "" {
		return true
	}
	u, err := url.Parse(o)
	return err == nil && strings.EqualFold(u.Host, c.Hostname())
}

func csrfFor(seed, session string) string {
	sum := sha256.Sum256([]byte("jobpath form\x00" + seed + "\x00" + session))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// csrfToken is the form token of this request's page; a page rendered just
// after signing in or out binds to the session it set.
func csrfToken(c *fiber.Ctx) string {
	seed, _ := c.Locals(localsSeed).(string)
	if seed == "" {
		return ""
	}
	session := c.Cookies(sessionCookie)
	if v := string(c.Response().Header.PeekCookie(sessionCookie)); v != "" {
		session = cookieValue(v)
	}
	return csrfFor(seed, session)
}

// cookieValue reads the value out of a Set-Cookie header line.
func cookieValue(setCookie string) string {
	kv, _, _ := strings.Cut(setCookie, ";")
	_, v, _ := strings.Cut(kv, "=")
	return v
}

// setCookie sets an HttpOnly, SameSite=Lax cookie, Secure when the request
// came over TLS or through a proxy that says it did; a zero expiry makes a
// cookie that ends with the browser session.
func setCookie(c *fiber.Ctx, name, value string, expires time.Time) {
	ck := &fiber.Cookie{
		Name: name, Value: value, Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
		Secure: c.Protocol() == "https", Expires: expires, SessionOnly: expires.IsZero(),
	}
	c.Cookie(ck)
}

func clearCookie(c *fiber.Ctx, name string) {
	c.Cookie(&fiber.Cookie{Name: name, Value: "", Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
		Secure: c.Protocol() == "https", Expires: time.Unix(0, 0)})
}

// returnPath is where to come back to after signing in: this page, or for
// a form posted while signed out, the page the form was on.
func returnPath(c *fiber.Ctx) string {
	if c.Method() == fiber.MethodGet {
		return c.OriginalURL()
	}
	if ref, err := url.Parse(c.Get(fiber.HeaderReferer)); err == nil && strings.EqualFold(ref.Host, c.Hostname()) {
		return ref.RequestURI()
	}
	return "/"
}

// isPage tells whether a request is for a page, which answers errors as
// HTML rather than problem+json.
func isPage(c *fiber.Ctx) bool {
	v, _ := c.Locals(localsPage).(bool)
	return v
}

// pageRole sends a signed-out visitor to sign in, and back here after;
// a caller of another role is refused.
func pageRole(role string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		p := caller(c)
		if p == nil {
			return redirect(c, "/signin?next="+url.QueryEscape(returnPath(c)))
		}
		if p.Role != role {
			return jobpath.Errorf(jobpath.EForbidden, "this page is for %s accounts", role)
		}
		return c.Next()
	}
}
