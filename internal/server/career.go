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

// handleCareer places the caller's profile on the trajectory, and tells for
// each skill to learn next how many current jobs it would turn into matches.
func handleCareer(profiles jobpath.ProfileService, ret jobpath.Retriever, m *career.Model, tax *skills.Taxonomy, demand func(context.Context) (*career.Demand, error), clock jobpath.Clock) fiber.Handler {
	return func(c *fiber.Ctx) error {
		ctx := c.UserContext()
		p, pl, err := placeCaller(c, profiles, m, demand, clock)
		if err != nil {
			return err
		}
		if pl.Next != nil && len(pl.Next.MissingSkills) > 0 {
			if err := countUnlocks(ctx, &pl, p, ret, tax); err != nil {
				return err
			}
		}
		return c.JSON(pl)
	}
}

// placeCaller reads the caller's profile and places it on the trajectory.
func placeCaller(c *fiber.Ctx, profiles jobpath.ProfileService, m *career.Model, demand func(context.Context) (*career.Demand, error), clock jobpath.Clock) (*jobpath.Profile, career.Placement, error) {
	ctx := c.UserContext()
	p, err := profiles.FindProfile(ctx, caller(c).UserID)
	if jobpath.ErrorCode(err) == jobpath.ENotFound {
		return nil, career.Placement{}, jobpath.Errorf(jobpath.ENotFound, "create your profile first: PUT /api/v1/me/profile")
	}
	if err != nil {
		return nil, career.Placement{}, err
	}
	d, err := demand(ctx)
	if err != nil {
		return nil, career.Placement{}, err
	}
	return p, m.Place(p, d, clock.Now()), nil
}

// maxUnlockSkills bounds the skills whose unlocks are counted: the first
// ones, ordered by demand, are the ones worth learning next.
const maxUnlockSkills = 15

// countUnlocks scores the jobs near the candidate's stage with and without
// each missing skill and counts the jobs that only the skill makes a match.
func countUnlocks(ctx context.Context, pl *career.Placement, p *jobpath.Profile, ret jobpath.Retriever, tax *skills.Taxonomy) error {
	var names []string
	for _, s := range p.Skills {
		names = append(names, s.Name)
	}
	asked := tax.Expand(tax.NormaliseAll(names))
	for _, ms := range pl.Next.MissingSkills[:min(len(pl.Next.MissingSkills), maxUnlockSkills)] {
		asked = append(asked, ms.Skill)
	}
	jobs, err := ret.RetrieveJobs(ctx, jobpath.Retrieval{Skills: asked, Levels: nearLevels(pl.Stage), Limit: 300})
	if err != nil {
		return err
	}
	cand := match.Candidate{Profile: p, Stage: pl.Stage, Years: pl.Years, Degree: pl.Degree}
	base := make([]float64, len(jobs))
	scorer := match.NewScorer(cand, tax)
	for i, j := range jobs {
		base[i] = scorer.Score(j).Score
	}
	for k := range pl.Next.MissingSkills[:min(len(pl.Next.MissingSkills), maxUnlockSkills)] {
		ms := &pl.Next.MissingSkills[k]
		more := *p
		more.Skills = append(append([]jobpath.SkillClaim{}, p.Skills...), jobpath.SkillClaim{Name: ms.Skill})
		with := cand
		with.Profile = &more
		withScorer := match.NewScorer(with, tax)
		for i, j := range jobs {
			if base[i] < match.Threshold && withScorer.Score(j).Score >= match.Threshold {
				ms.Unlocks++
			}
		}
	}
	return nil
}
