package server

import (
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// parseJobQuery reads a job search from the query string, naming every
// parameter it cannot read.
func parseJobQuery(c *fiber.Ctx) (jobpath.JobQuery, error) {
	var p jobpath.Problems
	q := jobpath.JobQuery{
		Text:     c.Query("q"),
		Level:    c.Query("level"),
		Remote:   c.Query("remote"),
		Degree:   c.Query("degree"),
		Location: c.Query("location"),
		Sort:     c.Query("sort"),
	}
	if s := c.Query("skills"); s != "" {
		for _, sk := range strings.Split(s, ",") {
			if sk = strings.TrimSpace(sk); sk != "" {
				q.Skills = append(q.Skills, sk)
			}
		}
	}
	integer := func(name string, dst *int) {
		if v := c.Query(name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil {
				p.Add(name, "must be a whole number")
				return
			}
			*dst = n
		}
	}
	integer("page", &q.Page)
	integer("per_page", &q.PerPage)
	if v := c.Query("salary_min"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			p.Add("salary_min", "must be a whole number")
		}
		q.SalaryMin = n
	}
	switch v := c.Query("no_degree"); v {
	case "", "false", "0":
	case "true", "1":
		q.NoDegree = true
	default:
		p.Add("no_degree", "must be true or false")
	}
	if v := c.Query("posted_within"); v != "" {
		d, err := parseDays(v)
		if err != nil {
			p.Add("posted_within", "must be a number of days such as 7d, or a duration such as 24h")
		}
		q.PostedWithin = d
	}
	if err := p.Err(); err != nil {
		return q, err
	}
	return q, q.Validate()
}

// parseDays reads "7d" as seven days and anything else as a Go duration.
func parseDays(v string) (time.Duration, error) {
	if n, ok := strings.CutSuffix(v, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil || days < 1 {
			return 0, strconv.ErrSyntax
		}
		return time.Duration(days) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, strconv.ErrSyntax
	}
	return d, nil
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
		var p jobpath.Problems
		q := jobpath.CandidateQuery{Text: c.Query("q"), Level: c.Query("level"), Remote: c.Query("remote"), Location: c.Query("location")}
		if v := c.Query("skills"); v != "" {
			for _, sk := range strings.Split(v, ",") {
				if sk = strings.TrimSpace(sk); sk != "" {
					q.Skills = append(q.Skills, sk)
				}
			}
		}
		for _, f := range []struct {
			name string
			dst  *int
		}{{"page", &q.Page}, {"per_page", &q.PerPage}} {
			if v := c.Query(f.name); v != "" {
				n, err := strconv.Atoi(v)
				if err != nil {
					p.Add(f.name, "must be a whole number")
				}
				*f.dst = n
			}
		}
		if v := c.Query("min_years"); v != "" {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				p.Add("min_years", "must be a number")
			}
			q.MinYears = f
		}
		if err := p.Err(); err != nil {
			return err
		}
		res, err := s.SearchCandidates(c.UserContext(), q)
		if err != nil {
			return err
		}
		return c.JSON(res)
	}
}
