package server

import (
	"context"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
)

const (
	roleCandidate = jobpath.RoleCandidate
	roleEmployer  = jobpath.RoleEmployer
	roleAdmin     = jobpath.RoleAdmin
	localsCaller  = "caller"
)

// accessLog writes one structured line per request. It answers errors itself
// so that the logged status is the one the client receives.
func (s *Server) accessLog(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	if err != nil {
		if herr := s.handleError(c, err); herr != nil {
			return herr
		}
	}
	status := c.Response().StatusCode()
	level := s.deps.Logger.Info
	if status >= 500 {
		level = s.deps.Logger.Error
	}
	level("request",
		append([]any{"request_id", requestID(c)},
			"method", c.Method(),
			"path", c.Path(),
			"status", status,
			"duration_ms", float64(time.Since(start).Microseconds())/1000,
			"bytes_in", len(c.Request().Body()),
			"bytes_out", len(c.Response().Body()),
			"ip", c.IP(),
		)...)
	return nil
}

// requestContext gives each request a context with a deadline, so that a
// stuck store call cannot hold a connection forever. It does not derive from
// fasthttp's request context, which is cancelled as soon as shutdown begins:
// in-flight requests must be allowed to finish.
func requestContext(timeout time.Duration) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		c.SetUserContext(ctx)
		return c.Next()
	}
}

// authenticate resolves a bearer token to its caller. A request without a
// token goes on anonymously; one with a bad token is refused outright.
func (s *Server) authenticate(c *fiber.Ctx) error {
	h := c.Get(fiber.HeaderAuthorization)
	if h == "" {
		return c.Next()
	}
	scheme, token, ok := strings.Cut(h, " ")
	if !isAPI(c.Path()) && !strings.EqualFold(scheme, "Bearer") {
		// A page behind a proxy's own authentication: the session cookie
		// speaks for the visitor, not that header.
		return c.Next()
	}
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return jobpath.Errorf(jobpath.EUnauthorized, "use Authorization: Bearer <token>")
	}
	p, err := s.deps.Auth.Authenticate(c.UserContext(), strings.TrimSpace(token))
	if err != nil {
		return err
	}
	c.Locals(localsCaller, p)
	return c.Next()
}

// caller returns the authenticated caller, or nil.
func caller(c *fiber.Ctx) *jobpath.Principal {
	p, _ := c.Locals(localsCaller).(*jobpath.Principal)
	return p
}

// requireRole refuses anonymous callers with 401 and, when roles are given,
// callers of other roles with 403.
func requireRole(roles ...string) fiber.Handler {
	return func(c *fiber.Ctx) error {
		p := caller(c)
		if p == nil {
			return jobpath.Errorf(jobpath.EUnauthorized, "sign in first: POST /api/v1/auth/login, then send Authorization: Bearer <token>")
		}
		if len(roles) == 0 {
			return c.Next()
		}
		for _, r := range roles {
			if p.Role == r {
				return c.Next()
			}
		}
		article := "a"
		if strings.ContainsRune("aeiou", rune(roles[0][0])) {
			article = "an"
		}
		return jobpath.Errorf(jobpath.EForbidden, "this needs %s %s account", article, strings.Join(roles, " or "))
	}
}
