package server

import (
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/helmet"
	"github.com/gofiber/fiber/v2/middleware/limiter"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/gofiber/fiber/v2/middleware/requestid"
)

// routes lists every route of the app.
func (s *Server) routes() {
	d := s.deps
	app := s.app
	app.Use(
		requestid.New(),
		s.accessLog,
		recover.New(),
		helmet.New(),
		requestContext(15*time.Second),
		s.authenticate,
	)

	app.Get("/healthz", handleHealth)
	app.Get("/readyz", handleReady(d.Ready))
	app.Get("/openapi.json", handleOpenAPI(openAPIDoc()))

	api := app.Group("/api/v1")
	authLimit := perMinute(d.AuthRate, func(c *fiber.Ctx) string { return c.IP() }, "too many attempts; wait a minute")
	// Writes and matching do real work per request: a signed-in caller gets
	// a budget of its own, whatever address it comes from.
	workLimit := perMinute(d.WorkRate, func(c *fiber.Ctx) string {
		if p := caller(c); p != nil {
			return "user:" + p.UserID
		}
		return "ip:" + c.IP()
	}, "too many requests; slow down for a minute")
	api.Post("/auth/register", authLimit, handleRegister(d.Auth))
	api.Post("/auth/login", authLimit, handleLogin(d.Auth))
	api.Post("/auth/logout", requireRole(), handleLogout(d.Auth))
	api.Get("/me", requireRole(), handleMe)

	api.Post("/jobs", requireRole(roleEmployer), workLimit, handleJobCreate(d.Posting))
	api.Get("/jobs", handleJobSearch(d.Search))
	api.Get("/jobs/:id", handleJobGet(d.Posting))
	api.Patch("/jobs/:id", requireRole(roleEmployer, roleAdmin), workLimit, handleJobPatch(d.Posting))
	api.Delete("/jobs/:id", requireRole(roleEmployer, roleAdmin), handleJobClose(d.Posting))
	api.Get("/me/jobs", requireRole(roleEmployer), handleMyJobs(d.Posting))
	api.Get("/jobs/:id/matches", requireRole(roleEmployer, roleAdmin), workLimit, handleJobMatches(d.Matcher))
	api.Get("/me/matches", requireRole(roleCandidate), workLimit, handleMyMatches(d.Matcher))

	api.Get("/candidates", requireRole(roleEmployer, roleAdmin), handleCandidateSearch(d.Candidates))

	api.Get("/me/profile", requireRole(roleCandidate), handleProfileGet(d.Profiles))
	api.Put("/me/profile", requireRole(roleCandidate), workLimit, handleProfilePut(d.Profiles))
	api.Get("/me/career", requireRole(roleCandidate), workLimit, handleCareer(d.Matcher))

	api.Get("/skills", handleSkills(d.Skills, d.Demand))
	api.Get("/trajectory", handleTrajectory(d.Career))

	app.Use(func(c *fiber.Ctx) error { return newProblem(fiber.StatusNotFound, "no such path: see /openapi.json") })
}

// perMinute limits requests per key to max a minute (in this process).
func perMinute(max int, key func(*fiber.Ctx) string, message string) fiber.Handler {
	return limiter.New(limiter.Config{
		Max:          max,
		Expiration:   time.Minute,
		KeyGenerator: key,
		LimitReached: func(c *fiber.Ctx) error { return newProblem(fiber.StatusTooManyRequests, message) },
	})
}
