package server

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// TestEveryErrorCodeHasAStatus: a code the HTTP layer does not know would
// reach callers as a 500.
func TestEveryErrorCodeHasAStatus(t *testing.T) {
	for _, code := range jobpath.ErrorCodes {
		if statusOf[code] == 0 {
			t.Errorf("error code %q has no HTTP status", code)
		}
	}
	if len(statusOf) != len(jobpath.ErrorCodes) {
		t.Errorf("statusOf maps %d codes, the domain has %d", len(statusOf), len(jobpath.ErrorCodes))
	}
}

func TestProblemOf(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		detail string
	}{
		{"own problem", newProblem(http.StatusUnsupportedMediaType, "send JSON"), http.StatusUnsupportedMediaType, "send JSON"},
		{"wrapped domain error", fmt.Errorf("posting: %w", jobpath.Errorf(jobpath.EForbidden, "not your job")), http.StatusForbidden, "not your job"},
		{"unconditional", jobpath.Errorf(jobpath.EUnconditional, "send If-Match"), http.StatusPreconditionRequired, "send If-Match"},
		{"internal keeps its message to the log", &jobpath.Error{Code: jobpath.EInternal, Message: "disk path /var/x"}, http.StatusInternalServerError, internalDetail},
		{"fiber client error", fiber.ErrRequestEntityTooLarge, http.StatusRequestEntityTooLarge, fiber.ErrRequestEntityTooLarge.Message},
		{"fiber server error", fiber.ErrBadGateway, http.StatusInternalServerError, internalDetail},
		{"anything else", errors.New("mongo: connection reset"), http.StatusInternalServerError, internalDetail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := problemOf(tt.err)
			if p.Status != tt.status || p.Detail != tt.detail {
				t.Errorf("problemOf = %d %q, want %d %q", p.Status, p.Detail, tt.status, tt.detail)
			}
		})
	}
}
