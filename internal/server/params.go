package server

import (
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// params reads typed query parameters, naming every one it cannot read; the
// use case then checks the ranges of what could be read.
type params struct {
	c        *fiber.Ctx
	problems jobpath.Problems
}

func (q *params) str(name string) string { return q.c.Query(name) }

// list reads a comma-separated list, dropping empty items.
func (q *params) list(name string) []string {
	var out []string
	for _, s := range strings.Split(q.c.Query(name), ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (q *params) int(name, msg string) int {
	v := q.c.Query(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		q.problems.Add(name, "%s", msg)
	}
	return n
}

// count is int for what must be positive when given: an explicit 0 is
// refused rather than read as "the default".
func (q *params) count(name, msg string) int {
	v := q.c.Query(name)
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		q.problems.Add(name, "%s", msg)
	}
	return n
}

func (q *params) int64(name string) int64 {
	v := q.c.Query(name)
	if v == "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		q.problems.Add(name, "must be a whole number")
	}
	return n
}

func (q *params) float(name, msg string) float64 {
	v := q.c.Query(name)
	if v == "" {
		return 0
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		q.problems.Add(name, "%s", msg)
	}
	return f
}

// bool reads true or false, absent meaning false.
func (q *params) bool(name string) bool {
	switch q.c.Query(name) {
	case "", "false", "0":
		return false
	case "true", "1":
		return true
	}
	q.problems.Add(name, "must be true or false")
	return false
}

// days reads "7d" as seven days and anything else as a Go duration.
func (q *params) days(name string) time.Duration {
	v := q.c.Query(name)
	if v == "" {
		return 0
	}
	d, err := parseDays(v)
	if err != nil {
		q.problems.Add(name, "must be a number of days such as 7d, or a duration such as 24h")
	}
	return d
}

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

func (q *params) err() error { return q.problems.Err() }
