package server

import (
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// problem is an RFC 9457 problem details document.
type problem struct {
	Type      string               `json:"type"`
	Title     string               `json:"title"`
	Status    int                  `json:"status"`
	Detail    string               `json:"detail,omitempty"`
	Instance  string               `json:"instance,omitempty"`
	RequestID string               `json:"request_id,omitempty"`
	Errors    []jobpath.FieldError `json:"errors,omitempty"`
}

// statusOf maps each domain error code to its one HTTP status.
var statusOf = map[string]int{
	jobpath.EInvalid:      http.StatusUnprocessableEntity,
	jobpath.ENotFound:     http.StatusNotFound,
	jobpath.EConflict:     http.StatusConflict,
	jobpath.EPrecondition: http.StatusPreconditionFailed,
	jobpath.EUnauthorized: http.StatusUnauthorized,
	jobpath.EForbidden:    http.StatusForbidden,
	jobpath.EUnavailable:  http.StatusServiceUnavailable,
	jobpath.EInternal:     http.StatusInternalServerError,
}

// httpError is an error with a status of its own: bad requests the domain
// never sees (malformed JSON, wrong media type, missing If-Match).
type httpError struct {
	status int
	detail string
	fields []jobpath.FieldError
}

func (e *httpError) Error() string { return e.detail }

func newHTTPError(status int, detail string, fields ...jobpath.FieldError) error {
	return &httpError{status: status, detail: detail, fields: fields}
}

// handleError is the app's one error handler: every error a handler or
// middleware returns is answered here as problem+json.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	p := problem{Instance: c.Path(), RequestID: requestID(c)}
	var (
		de *jobpath.Error
		he *httpError
		fe *fiber.Error
	)
	switch {
	case errors.As(err, &he):
		p.Status, p.Detail, p.Errors = he.status, he.detail, he.fields
	case errors.As(err, &de) && de.Code != jobpath.EInternal:
		p.Status, p.Detail, p.Errors = statusOf[de.Code], de.Message, de.Fields
		if de.Code == jobpath.EUnavailable {
			s.deps.Logger.WarnContext(c.UserContext(), "unavailable", "err", err, "request_id", p.RequestID)
		}
	case errors.As(err, &fe):
		p.Status, p.Detail = fe.Code, fe.Message
		if fe.Code >= 500 {
			p.Detail = http.StatusText(fe.Code)
		}
	default:
		s.deps.Logger.ErrorContext(c.UserContext(), "internal error", "err", err, "method", c.Method(), "path", c.Path(), "request_id", p.RequestID)
		p.Status, p.Detail = http.StatusInternalServerError, "an internal error occurred; it has been logged"
	}
	if p.Status == 0 {
		p.Status = http.StatusInternalServerError
	}
	p.Title = http.StatusText(p.Status)
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
