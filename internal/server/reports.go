package server

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/report"
)

// weekParam reads a week ("2026-W47"); an empty one is this week.
func (s *Server) weekParam(v string) (report.Week, error) {
	if v == "" {
		return report.WeekOf(s.now()), nil
	}
	w, err := report.ParseWeek(v)
	if err != nil {
		var p jobpath.Problems
		p.Add("week", "must be an ISO week such as 2026-W47")
		return w, p.Err()
	}
	return w, nil
}

func (s *Server) handleMyReport(c *fiber.Ctx) error {
	w, err := s.weekParam(c.Params("week"))
	if err != nil {
		return err
	}
	r, err := s.deps.Reports.Candidate(c.UserContext(), caller(c), w, s.deps.Career.Areas)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(r)
}

type reportPage struct {
	Week, Prev, Next string
	NoProfile        bool
}

func (s *Server) pageReports(c *fiber.Ctx) error {
	w, err := s.weekParam(c.Query("week"))
	if err != nil {
		return err
	}
	v := &reportPage{Week: w.String(), Prev: w.Previous().String()}
	if next := report.WeekOf(w.End()); !next.Start().After(s.now()) {
		v.Next = next.String()
	}
	if _, err := s.deps.Profiles.Find(c.UserContext(), caller(c)); jobpath.CodeOf(err) == jobpath.ENotFound {
		v.NoProfile = true
	} else if err != nil {
		return err
	}
	return s.views.render(c, http.StatusOK, "reports", &page{Title: "Weekly report", Section: "reports", Data: v})
}

// reportPolicy is the Content-Security-Policy of a report as e-mail sends
// it: styles inline, as e-mail clients need them, and nothing that runs.
const reportPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'"

// pageReportEmail is the report exactly as e-mailed, which the report page
// shows in a frame of its own.
func (s *Server) pageReportEmail(c *fiber.Ctx) error {
	w, err := s.weekParam(c.Params("week"))
	if err != nil {
		return err
	}
	r, err := s.deps.Reports.Candidate(c.UserContext(), caller(c), w, s.deps.Career.Areas)
	if err != nil {
		return err
	}
	rn, err := report.NewRenderer(c.BaseURL())
	if err != nil {
		return err
	}
	html, err := rn.HTML(r)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentSecurityPolicy, reportPolicy)
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return c.Send(html)
}
