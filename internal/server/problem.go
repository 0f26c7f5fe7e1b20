package server

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// problem is an RFC 9457 problem details document, and the one error type
// the error handler answers: problemOf turns every other error into one.
// The server makes problems itself for bad requests the domain never sees
// (malformed JSON, a wrong media type).
type problem struct {
	Type      string               `json:"type"`
	Title     string               `json:"title"`
	Status    int                  `json:"status"`
	Detail    string               `json:"detail,omitempty"`
	Instance  string               `json:"instance,omitempty"`
	RequestID string               `json:"request_id,omitempty"`
	Errors    []jobpath.FieldError `json:"errors,omitempty"`
}

func (p *problem) Error() string { return p.Detail }

func newProblem(status int, detail string, fields ...jobpath.FieldError) *problem {
	return &problem{Status: status, Detail: detail, Errors: fields}
}

// statusOf maps each domain error code to its one HTTP status.
var statusOf = map[jobpath.ErrorCode]int{
	jobpath.EInvalid:       http.StatusUnprocessableEntity,
	jobpath.ENotFound:      http.StatusNotFound,
	jobpath.EConflict:      http.StatusConflict,
	jobpath.EPrecondition:  http.StatusPreconditionFailed,
	jobpath.EUnconditional: http.StatusPreconditionRequired,
	jobpath.EUnauthorized:  http.StatusUnauthorized,
	jobpath.EForbidden:     http.StatusForbidden,
	jobpath.EUnavailable:   http.StatusServiceUnavailable,
	jobpath.EInternal:      http.StatusInternalServerError,
}

// internalDetail is all a caller learns of an unexpected failure.
const internalDetail = "an internal error occurred; it has been logged"

// problemOf is the one translation of errors into answers: the server's own
// problems as they are, domain errors by their code, Fiber's errors (no
// route, body too large) by their status, and anything else as a 500 whose
// cause the error handler logs.
func problemOf(err error) *problem {
	var (
		p  *problem
		de *jobpath.Error
		fe *fiber.Error
	)
	switch {
	case errors.As(err, &p):
		cp := *p
		return &cp
	case errors.As(err, &de) && de.Code != jobpath.EInternal && statusOf[de.Code] != 0:
		return &problem{Status: statusOf[de.Code], Detail: de.Message, Errors: de.Fields}
	case errors.As(err, &fe) && fe.Code < http.StatusInternalServerError:
		return &problem{Status: fe.Code, Detail: fe.Message}
	}
	return &problem{Status: http.StatusInternalServerError, Detail: internalDetail}
}

// handleError is the app's one error handler: every error a handler or
// middleware returns is answered here as problem+json.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	p := problemOf(err)
	p.Instance, p.RequestID = c.Path(), requestID(c)
	switch {
	case p.Status == http.StatusServiceUnavailable:
		s.deps.Logger.WarnContext(c.UserContext(), "unavailable", "err", err, "request_id", p.RequestID)
	case p.Status >= http.StatusInternalServerError:
		s.deps.Logger.ErrorContext(c.UserContext(), "internal error", "err", err, "method", c.Method(), "path", c.Path(), "request_id", p.RequestID)
	}
	p.Title = http.StatusText(p.Status)
	if isPage(c) {
		return s.errorPage(c, p)
	}
	p.Type = "about:blank"
	if len(p.Errors) > 0 {
		p.Type = "https://jobpath.dev/problems/validation"
	}
	if p.Status == http.StatusUnauthorized {
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="jobpath"`)
	}
	c.Set(fiber.HeaderContentType, "application/problem+json")
	body, merr := c.App().Config().JSONEncoder(p)
	if merr != nil {
		return c.SendStatus(http.StatusInternalServerError)
	}
	return c.Status(p.Status).Send(body)
}

func requestID(c *fiber.Ctx) string {
	id, _ := c.Locals("requestid").(string)
	return id
}

// errorPage answers a page request's error as a page: a signed-out visitor
// is sent to sign in, anyone else reads what went wrong in a sentence.
func (s *Server) errorPage(c *fiber.Ctx, p *problem) error {
	if p.Status == http.StatusUnauthorized {
		return redirect(c, "/signin?next="+url.QueryEscape(returnPath(c)))
	}
	title := map[int]string{
		http.StatusNotFound:        "Not found",
		http.StatusForbidden:       "Not for this account",
		http.StatusTooManyRequests: "Slow down a little",
	}[p.Status]
	if title == "" {
		title = p.Title
	}
	detail := p.Detail
	if p.Status >= http.StatusInternalServerError {
		detail = "Something went wrong on our side and it has been logged. Try again in a moment."
	}
	view := struct{ Title, Detail, RequestID string }{title, capitalise(detail), p.RequestID}
	if err := s.views.render(c, p.Status, "error", &page{Title: title, Data: view}); err != nil {
		s.deps.Logger.ErrorContext(c.UserContext(), "error page", "err", err)
		return c.Status(p.Status).SendString(detail)
	}
	return nil
}
