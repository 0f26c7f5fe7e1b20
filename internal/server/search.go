package server

import (
	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// parseJobQuery reads a job search from the query string, naming every
// parameter it cannot read.
func parseJobQuery(c *fiber.Ctx) (jobpath.JobQuery, error) {
	in := params{c: c}
	q := jobpath.JobQuery{
		Text:         in.str("q"),
		Skills:       in.list("skills"),
		Level:        jobpath.Level(in.str("level")),
		Remote:       jobpath.RemoteMode(in.str("remote")),
		Degree:       jobpath.Degree(in.str("degree")),
		NoDegree:     in.bool("no_degree"),
		Location:     in.str("location"),
		SalaryMin:    in.int64("salary_min"),
		PostedWithin: in.days("posted_within"),
		Sort:         in.str("sort"),
		Page:         in.int("page", "must be a whole number"),
		PerPage:      in.int("per_page", "must be a whole number"),
	}
	if err := in.err(); err != nil {
		return q, err
	}
	return q, q.Validate()
}

func handleJobSearch(s jobpath.JobSearcher) fiber.Handler {
	return func(c *fiber.Ctx) error {
		q, err := parseJobQuery(c)
		if err != nil {
			return err
		}
		res, err := s.SearchJobs(c.UserContext(), q)
		if err != nil {
			return err
		}
		return c.JSON(res)
	}
}

// handleCandidateSearch is the employers' search over discoverable candidates.
func handleCandidateSearch(s jobpath.CandidateSearcher) fiber.Handler {
	return func(c *fiber.Ctx) error {
		in := params{c: c}
		q := jobpath.CandidateQuery{
			Text:     in.str("q"),
			Skills:   in.list("skills"),
			Level:    jobpath.Level(in.str("level")),
			Remote:   jobpath.RemoteMode(in.str("remote")),
			Location: in.str("location"),
			MinYears: in.float("min_years", "must be a number"),
			Page:     in.int("page", "must be a whole number"),
			PerPage:  in.int("per_page", "must be a whole number"),
		}
		if err := in.err(); err != nil {
			return err
		}
		res, err := s.SearchCandidates(c.UserContext(), q)
		if err != nil {
			return err
		}
		return c.JSON(res)
	}
}
