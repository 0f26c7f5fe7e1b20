package server

import (
	"fmt"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/match"
)

// parseMatchFilter reads the filters and page size of a match listing; the
// matcher checks their ranges.
func parseMatchFilter(c *fiber.Ctx) (match.Filter, error) {
	in := params{c: c}
	f := match.Filter{
		Level:    jobpath.Level(in.str("level")),
		Remote:   jobpath.RemoteMode(in.str("remote")),
		NoDegree: in.bool("no_degree"),
		MinScore: in.float("min_score", "must be a number from 0 to 100"),
		Limit:    in.count("per_page", fmt.Sprintf("must be a whole number from 1 to %d", match.MaxLimit)),
	}
	if err := in.err(); err != nil {
		return f, err
	}
	return f, f.Validate()
}

// handleMyMatches lists the jobs that fit the caller's profile.
func handleMyMatches(m *match.Matcher) fiber.Handler {
	return func(c *fiber.Ctx) error {
		f, err := parseMatchFilter(c)
		if err != nil {
			return err
		}
		res, err := m.JobsFor(c.UserContext(), caller(c), f)
		if err != nil {
			return err
		}
		return c.JSON(res)
	}
}

// handleJobMatches lists the discoverable candidates who fit a job, for the
// job's company.
func handleJobMatches(m *match.Matcher) fiber.Handler {
	return func(c *fiber.Ctx) error {
		f, err := parseMatchFilter(c)
		if err != nil {
			return err
		}
		res, err := m.CandidatesFor(c.UserContext(), caller(c), c.Params("id"), f)
		if err != nil {
			return err
		}
		return c.JSON(res)
	}
}
