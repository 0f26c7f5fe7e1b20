package server

import (
	"context"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/career"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/match"
	"github.com/jobpath/jobpath/internal/skills"
)

// skillHit is a typeahead answer.
type skillHit struct {
	ID       string  `json:"id"`
	Name     string  `json:"name"`
	Category string  `json:"category"`
	Demand   float64 `json:"demand"` // share of published jobs asking for it
}

// handleSkills is the typeahead over skill names and aliases, ranked by how
// many published jobs ask for each skill.
func handleSkills(tax *skills.Taxonomy, demand func(context.Context) (*career.Demand, error)) fiber.Handler {
	return func(c *fiber.Ctx) error {
		prefix := c.Query("prefix")
		var p jobpath.Problems
		if len(prefix) > 80 {
			p.Add("prefix", "must be at most 80 characters")
		}
		limit := 10
		if v := c.Query("limit"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 || n > 50 {
				p.Add("limit", "must be a whole number from 1 to 50")
			}
			limit = n
		}
		if err := p.Err(); err != nil {
			return err
		}
		d, err := demand(c.UserContext())
		if err != nil {
			return err
		}
		hits := []skillHit{}
		for _, s := range tax.Suggest(prefix, limit, func(id string) float64 { return d.Share("", id) }) {
			hits = append(hits, skillHit{ID: s.ID, Name: s.Name, Category: s.Category, Demand: d.Share("", s.ID)})
		}
		return c.JSON(fiber.Map{"skills": hits})
	}
}

func handleTrajectory(m *career.Model) fiber.Handler {
	return func(c *fiber.Ctx) error {
		return c.JSON(m)
	}
}

// handleCareer places the caller on the trajectory, with what each skill to
// learn next would unlock.
func handleCareer(m *match.Matcher) fiber.Handler {
	return func(c *fiber.Ctx) error {
		pl, err := m.Career(c.UserContext(), caller(c))
		if err != nil {
			return err
		}
		return c.JSON(pl)
	}
}
