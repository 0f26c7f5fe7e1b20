package server

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/career"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/match"
	"github.com/jobpath/jobpath/internal/skills"
)

// stageOrder lists career stages; job levels are the stages from junior up.
var stageOrder = []string{"aspiring", "junior", "mid", "senior", "lead"}

// matchedJob is one hit of /me/matches.
type matchedJob struct {
	Job *jobpath.Job `json:"job"`
	match.Result
	Explanation string `json:"explanation"`
}

// matchedCandidate is one hit of /jobs/{id}/matches: no contact details.
type matchedCandidate struct {
	Candidate candidateSummary `json:"candidate"`
	match.Result
	Explanation string `json:"explanation"`
}

type candidateSummary struct {
	ID              string   `json:"id"`
	Name            string   `json:"name"`
	Headline        string   `json:"headline,omitempty"`
	Skills          []string `json:"skills"`
	YearsExperience float64  `json:"years_experience"`
	DesiredLevel    string   `json:"desired_level,omitempty"`
	Remote          string   `json:"remote"`
}

// explanation is the short form of a result: skills, level and degree.
func explanation(r match.Result) string {
	var parts []string
	for _, c := range r.Components {
		switch c.Name {
		case match.ComponentRequired, match.ComponentLevel, match.ComponentDegree:
			parts = append(parts, strings.TrimSuffix(c.Sentence, "."))
		}
	}
	return strings.Join(parts, "; ") + "."
}

type matchParams struct {
	level, remote string
	noDegree      bool
	minScore      float64
	limit         int
}

func parseMatchParams(c *fiber.Ctx) (matchParams, error) {
	var p jobpath.Problems
	mp := matchParams{level: c.Query("level"), remote: c.Query("remote"), limit: 20}
	if mp.level != "" && !slices.Contains(jobpath.Levels, mp.level) {
		p.Add("level", "must be one of %s", strings.Join(jobpath.Levels, ", "))
	}
	if mp.remote != "" && !slices.Contains(jobpath.RemoteModes, mp.remote) {
		p.Add("remote", "must be one of %s", strings.Join(jobpath.RemoteModes, ", "))
	}
	switch c.Query("no_degree") {
	case "", "false", "0":
	case "true", "1":
		mp.noDegree = true
	default:
		p.Add("no_degree", "must be true or false")
	}
	if v := c.Query("min_score"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || !(f >= 0 && f <= 100) { // NaN fails both
			p.Add("min_score", "must be a number from 0 to 100")
		}
		mp.minScore = f
	}
	if v := c.Query("per_page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			p.Add("per_page", "must be a whole number from 1 to 100")
		}
		mp.limit = n
	}
	return mp, p.Err()
}

// handleMyMatches ranks the jobs that fit the caller's profile: retrieval
// narrows the board to a few hundred jobs near the candidate's stage that
// share skills with them, then every one is scored exactly.
func handleMyMatches(profiles jobpath.ProfileService, ret jobpath.Retriever, m *career.Model, tax *skills.Taxonomy, demand func(context.Context) (*career.Demand, error), clock jobpath.Clock) fiber.Handler {
	return func(c *fiber.Ctx) error {
		mp, err := parseMatchParams(c)
		if err != nil {
			return err
		}
		ctx := c.UserContext()
		p, pl, err := placeCaller(c, profiles, m, demand, clock)
		if err != nil {
			return err
		}
		cand := match.Candidate{Profile: p, Stage: pl.Stage, Years: pl.Years, Degree: pl.Degree}
		var names []string
		for _, s := range p.Skills {
			names = append(names, s.Name)
		}
		r := jobpath.Retrieval{Skills: tax.Expand(tax.NormaliseAll(names)), Remote: mp.remote, NoDegree: mp.noDegree, Limit: 300}
		if mp.level != "" {
			r.Levels = []string{mp.level}
		} else {
			r.Levels = nearLevels(pl.Stage)
		}
		jobs, err := ret.RetrieveJobs(ctx, r)
		if err != nil {
			return err
		}
		hits := make([]matchedJob, 0, len(jobs))
		stretch, noDegree := 0, 0
		scorer := match.NewScorer(cand, tax)
		for _, j := range jobs {
			res := scorer.Score(j)
			if res.Score < mp.minScore {
				continue
			}
			if res.Stretch {
				stretch++
			}
			if res.NoDegree {
				noDegree++
			}
			hits = append(hits, matchedJob{Job: j, Result: res, Explanation: explanation(res)})
		}
		slices.SortStableFunc(hits, func(a, b matchedJob) int { return lessCmp(a.Result, b.Result) })
		total := len(hits)
		hits = hits[:min(len(hits), mp.limit)]
		return c.JSON(fiber.Map{"total": total, "stage": pl.Stage, "hits": hits, "sections": fiber.Map{"stretch": stretch, "no_degree": noDegree}})
	}
}

// handleJobMatches ranks the discoverable candidates who fit a job, for the
// job's company.
func handleJobMatches(jobs jobpath.JobService, ret jobpath.Retriever, tax *skills.Taxonomy, clock jobpath.Clock) fiber.Handler {
	return func(c *fiber.Ctx) error {
		mp, err := parseMatchParams(c)
		if err != nil {
			return err
		}
		j, err := findOwnJob(c, jobs, clock)
		if err != nil {
			return err
		}
		skillsAsked := tax.Expand(append(append([]string{}, j.Skills.Required...), j.Skills.Preferred...))
		cands, err := ret.RetrieveCandidates(c.UserContext(), jobpath.Retrieval{Skills: skillsAsked, Limit: 300})
		if err != nil {
			return err
		}
		hits := make([]matchedCandidate, 0, len(cands))
		for _, rc := range cands {
			p := rc.Profile
			res := match.Score(match.Candidate{Profile: p, Stage: stageOf(p), Years: p.YearsExperience, Degree: rc.Degree}, j, tax)
			if res.Score < mp.minScore {
				continue
			}
			var listed []string
			for _, s := range p.Skills {
				listed = append(listed, s.Name)
			}
			hits = append(hits, matchedCandidate{Candidate: candidateSummary{ID: p.UserID, Name: p.Name, Headline: p.Headline, Skills: listed,
				YearsExperience: p.YearsExperience, DesiredLevel: p.DesiredLevel, Remote: p.Remote}, Result: res, Explanation: explanation(res)})
		}
		slices.SortStableFunc(hits, func(a, b matchedCandidate) int { return lessCmp(a.Result, b.Result) })
		total := len(hits)
		hits = hits[:min(len(hits), mp.limit)]
		return c.JSON(fiber.Map{"total": total, "hits": hits})
	}
}

func lessCmp(a, b match.Result) int {
	switch {
	case match.Less(a, b):
		return -1
	case match.Less(b, a):
		return 1
	}
	return 0
}

// nearLevels are the job levels worth showing a candidate at a stage: their
// own, one step up (a stretch) and one step down.
func nearLevels(stage string) []string {
	i := slices.Index(stageOrder, stage)
	var out []string
	for _, k := range []int{i - 1, i, i + 1} {
		if k >= 1 && k < len(stageOrder) {
			out = append(out, stageOrder[k])
		}
	}
	return out
}

// stageOf estimates the stage of a candidate known only through the index:
// the level they want, else their years (as postings read years).
func stageOf(p *jobpath.Profile) string {
	if p.DesiredLevel != "" {
		return p.DesiredLevel
	}
	switch y := p.YearsExperience; {
	case y < 2:
		return "junior"
	case y < 5:
		return "mid"
	case y < 8:
		return "senior"
	}
	return "lead"
}
