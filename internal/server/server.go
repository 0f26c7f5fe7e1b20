// Package server is the HTTP face of jobpath: a Fiber app serving the JSON
// API and the web pages. It is the only package that imports Fiber. Every route is listed in
// routes.go; every error becomes RFC 9457 problem+json in problem.go.
package server

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/applications"
	"github.com/jobpath/jobpath/internal/career"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/match"
	"github.com/jobpath/jobpath/internal/posting"
	"github.com/jobpath/jobpath/internal/profiles"
	"github.com/jobpath/jobpath/internal/report"
	"github.com/jobpath/jobpath/internal/searches"
	"github.com/jobpath/jobpath/internal/skills"
	"github.com/jobpath/jobpath/web"
)

// MaxBody is the largest request body accepted; larger ones get 413.
const MaxBody = 1 << 20

// Deps are what the handlers need: the use cases they call, and the few
// read-only models they render as they are.
type Deps struct {
	Auth     jobpath.AuthService
	Posting  *posting.Service
	Profiles *profiles.Service
	Matcher  *match.Matcher
	// Applications are applying to jobs and the hiring teams' pipelines.
	Applications *applications.Service
	// Searches are candidates' saved searches.
	Searches *searches.Service
	// Reports builds the weekly reports.
	Reports *report.Builder
	// Search and Candidates are the full-text searches, answered by the
	// index as they are.
	Search     jobpath.JobSearcher
	Candidates jobpath.CandidateSearcher
	// Skills is the taxonomy and Demand the market, for the skill typeahead.
	Skills *skills.Taxonomy
	Demand func(ctx context.Context) (*career.Demand, error)
	// Career is the trajectory model, served as it is.
	Career *career.Model
	// Ready reports whether the process can serve: the store answers and
	// derived data has caught up.
	Ready  func(ctx context.Context) error
	Logger *slog.Logger
	// Clock tells the pages what time it is ("posted 3 days ago").
	Clock jobpath.Clock
	// AuthRate is how many login and register attempts one client address
	// may make per minute; 10 when zero.
	AuthRate int
	// WorkRate is how many writes, career and match requests one caller
	// may make per minute; 120 when zero.
	WorkRate int
}

// Server is the HTTP server.
type Server struct {
	app   *fiber.App
	deps  Deps
	views *views
	text  *richText
}

// New builds the server and its routes; it fails only when the embedded
// page templates do not parse.
func New(d Deps) (*Server, error) {
	if d.AuthRate == 0 {
		d.AuthRate = 10
	}
	if d.WorkRate == 0 {
		d.WorkRate = 120
	}
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	if d.Clock == nil {
		d.Clock = jobpath.ClockFunc(time.Now)
	}
	v, err := newViews(web.Templates(), d.Skills)
	if err != nil {
		return nil, err
	}
	s := &Server{deps: d, views: v, text: newRichText()}
	s.app = fiber.New(fiber.Config{
		AppName:   "jobpath",
		BodyLimit: MaxBody,
		// Room for long query strings, so that our validation, not the
		// HTTP parser, answers an oversized search.
		ReadBufferSize:        16 << 10,
		ReadTimeout:           15 * time.Second,
		WriteTimeout:          30 * time.Second,
		IdleTimeout:           90 * time.Second,
		DisableStartupMessage: true,
		ErrorHandler:          s.handleError,
	})
	s.routes()
	return s, nil
}

func (s *Server) now() time.Time { return s.deps.Clock.Now() }

// Serve serves on l until Shutdown.
func (s *Server) Serve(l net.Listener) error {
	if err := s.app.Listener(l); err != nil {
		return fmt.Errorf("server: %w", err)
	}
	return nil
}

// Shutdown stops accepting connections and waits for in-flight requests
// until ctx ends.
func (s *Server) Shutdown(ctx context.Context) error {
	if err := s.app.ShutdownWithContext(ctx); err != nil {
		return fmt.Errorf("server: shutdown: %w", err)
	}
	return nil
}
