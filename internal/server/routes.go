package server

import (
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/filesystem"
	"github.com/gofiber/fiber/v2/middleware/helmet"
	"github.com/gofiber/fiber/v2/middleware/limiter"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/gofiber/fiber/v2/middleware/requestid"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/web"
)

// routes lists every route of the app.
func (s *Server) routes() {
	d := s.deps
	app := s.app
	app.Use(
		requestid.New(),
		s.accessLog,
		recover.New(),
		helmet.New(helmet.Config{ContentSecurityPolicy: contentPolicy, ReferrerPolicy: "same-origin"}),
		requestContext(15*time.Second),
		s.authenticate,
		s.pageSession,
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
	api.Post("/jobs/:id/renew", requireRole(roleEmployer, roleAdmin), workLimit, handleJobRenew(d.Posting))
	api.Get("/me/jobs", requireRole(roleEmployer), handleMyJobs(d.Posting))
	api.Get("/jobs/:id/matches", requireRole(roleEmployer, roleAdmin), workLimit, handleJobMatches(d.Matcher))
	api.Get("/me/matches", requireRole(roleCandidate), workLimit, handleMyMatches(d.Matcher))

	api.Get("/candidates", requireRole(roleEmployer, roleAdmin), handleCandidateSearch(d.Candidates))

	api.Post("/company/invites", requireRole(roleEmployer), workLimit, s.handleInvite)
	api.Get("/company/members", requireRole(roleEmployer), handleMembers(d.Auth))
	api.Delete("/company/members/:id", requireRole(roleEmployer), handleRemoveMember(d.Auth))
	api.Put("/company/owner", requireRole(roleEmployer), handleHandOver(d.Auth))

	api.Get("/me/profile", requireRole(roleCandidate), handleProfileGet(d.Profiles))
	api.Put("/me/profile", requireRole(roleCandidate), workLimit, handleProfilePut(d.Profiles))
	api.Get("/me/career", requireRole(roleCandidate), workLimit, handleCareer(d.Matcher))

	api.Get("/skills", handleSkills(d.Skills, d.Demand))
	api.Get("/trajectory", handleTrajectory(d.Career))

	api.Post("/jobs/preview", workLimit, handleJobPreview(d.Posting, d.Skills))

	api.Post("/jobs/:id/applications", requireRole(roleCandidate), workLimit, handleApply(d.Applications))
	api.Get("/jobs/:id/applications", requireRole(roleEmployer, roleAdmin), handleJobApplications(d.Applications))
	api.Get("/jobs/:id/applications.csv", requireRole(roleEmployer, roleAdmin), handleJobApplicationsCSV(d.Applications, d.Skills))
	api.Get("/applications/:id", requireRole(), handleApplicationGet(d.Applications))
	api.Patch("/applications/:id", requireRole(roleEmployer, roleAdmin), workLimit, handleApplicationMove(d.Applications))
	api.Delete("/applications/:id", requireRole(roleCandidate), handleApplicationWithdraw(d.Applications))
	api.Get("/me/applications", requireRole(roleCandidate), handleMyApplications(d.Applications))

	api.Get("/me/reports/:week", requireRole(roleCandidate), workLimit, s.handleMyReport)
	api.Get("/me/searches", requireRole(roleCandidate), handleSearchesList(d.Searches))
	api.Post("/me/searches", requireRole(roleCandidate), workLimit, handleSearchSave(d.Searches))
	api.Patch("/me/searches/:id", requireRole(roleCandidate), handleSearchPatch(d.Searches))
	api.Delete("/me/searches/:id", requireRole(roleCandidate), handleSearchDelete(d.Searches))

	// The pages: server-rendered, every form a plain POST with its token.
	app.Use("/static", filesystem.New(filesystem.Config{Root: http.FS(web.Static()), MaxAge: 3600}))
	app.Get("/", s.pageSearch)
	app.Get("/jobs/:id", s.pageJob)
	app.Post("/jobs/:id/apply", pageRole(roleCandidate), workLimit, s.pageApplyPost)
	app.Get("/signin", s.pageSignin)
	app.Post("/signin", authLimit, s.pageSigninPost)
	app.Get("/signup", s.pageSignup)
	app.Post("/signup", authLimit, s.pageSignupPost)
	app.Get("/signout", s.pageSignout)
	app.Post("/signout", s.pageSignoutPost)

	me := app.Group("/me", pageRole(roleCandidate))
	me.Get("/profile", s.pageProfile)
	me.Post("/profile", workLimit, s.pageProfilePost)
	me.Get("/matches", s.pageMatches)
	me.Get("/career", s.pageCareer)
	me.Get("/applications", s.pageMyApplications)
	me.Post("/applications/:id/withdraw", s.pageWithdrawPost)
	me.Get("/reports", s.pageReports)
	me.Get("/reports/:week/email", s.pageReportEmail)
	me.Get("/searches", s.pageSearches)
	me.Post("/searches", workLimit, s.pageSearchSavePost)
	me.Post("/searches/:id/open", s.pageSearchOpen)
	me.Post("/searches/:id", s.pageSearchChangePost)
	me.Post("/searches/:id/delete", s.pageSearchDeletePost)

	emp := app.Group("/employer", pageRole(roleEmployer))
	emp.Get("/", s.pageDashboard)
	emp.Get("/jobs/new", s.pageJobNew)
	emp.Post("/jobs/new", workLimit, s.pageJobNewPost)
	emp.Get("/jobs/:id", s.pageJobEdit)
	emp.Post("/jobs/:id", workLimit, s.pageJobEditPost)
	emp.Post("/jobs/:id/close", s.pageJobClosePost)
	emp.Post("/jobs/:id/renew", s.pageJobRenewPost)
	emp.Get("/jobs/:id/matches", s.pageJobMatches)
	emp.Get("/candidates", s.pageCandidates)
	emp.Get("/team", s.pageTeam)
	emp.Post("/team/invites", workLimit, s.pageInvitePost)
	emp.Post("/team/members/:id/remove", s.pageRemoveMemberPost)
	emp.Post("/team/members/:id/owner", s.pageHandOverPost)
	emp.Get("/jobs/:id/applicants", s.pageApplicants)
	emp.Get("/jobs/:id/applicants.csv", handleJobApplicationsCSV(d.Applications, d.Skills))
	emp.Post("/applications/:id/move", workLimit, s.pageMovePost)

	app.Use(func(c *fiber.Ctx) error {
		if isPage(c) {
			return jobpath.Errorf(jobpath.ENotFound, "There is no page here. It may have moved, or the role may have closed.")
		}
		return newProblem(fiber.StatusNotFound, "no such path: see /openapi.json")
	})
}

// contentPolicy allows this site's own scripts, styles and images only: no
// inline script, no eval, no third party, no framing.
const contentPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
	"connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

// perMinute limits requests per key to max a minute (in this process).
func perMinute(max int, key func(*fiber.Ctx) string, message string) fiber.Handler {
	return limiter.New(limiter.Config{
		Max:          max,
		Expiration:   time.Minute,
		KeyGenerator: key,
		LimitReached: func(c *fiber.Ctx) error { return newProblem(fiber.StatusTooManyRequests, message) },
	})
}
