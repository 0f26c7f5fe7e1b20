package match

import (
	"context"
	"slices"

	"github.com/jobpath/jobpath/internal/career"
	"github.com/jobpath/jobpath/internal/jobpath"
)

// maxUnlockSkills bounds the skills whose unlocks are counted: the first
// ones, ordered by demand, are the ones worth learning next.
const maxUnlockSkills = 15

// Career places the caller's profile on the trajectory and tells, for each
// skill to learn next, how many current jobs near their stage it would turn
// into matches (its unlocks). ENotFound (no profile yet), EForbidden.
func (m *Matcher) Career(ctx context.Context, caller *jobpath.Principal) (*career.Placement, error) {
	p, pl, err := m.place(ctx, caller)
	if err != nil {
		return nil, err
	}
	if pl.Next != nil && len(pl.Next.MissingSkills) > 0 {
		if err := m.countUnlocks(ctx, &pl, p); err != nil {
			return nil, err
		}
	}
	return &pl, nil
}

// countUnlocks scores the jobs near the candidate's stage with and without
// each missing skill, and counts the jobs that only the skill makes a match.
func (m *Matcher) countUnlocks(ctx context.Context, pl *career.Placement, p *jobpath.Profile) error {
	missing := pl.Next.MissingSkills[:min(len(pl.Next.MissingSkills), maxUnlockSkills)]
	asked := m.tax.Expand(m.tax.NormaliseAll(skillNames(p)))
	for _, ms := range missing {
		asked = append(asked, ms.Skill)
	}
	jobs, err := m.retriever.RetrieveJobs(ctx, jobpath.Retrieval{Skills: asked, Levels: m.levelsNear(pl.Stage), Limit: retrieveLimit})
	if err != nil {
		return err
	}
	cand := candidateOf(p, *pl)
	base := make([]float64, len(jobs))
	scorer := NewScorer(cand, m.tax)
	for i, j := range jobs {
		base[i] = scorer.Score(j).Score
	}
	for k := range missing {
		ms := &missing[k]
		more := *p
		more.Skills = append(slices.Clone(p.Skills), jobpath.SkillClaim{Name: ms.Skill})
		with := cand
		with.Profile = &more
		withScorer := NewScorer(with, m.tax)
		for i, j := range jobs {
			if base[i] < Threshold && withScorer.Score(j).Score >= Threshold {
				ms.Unlocks++
			}
		}
	}
	return nil
}
