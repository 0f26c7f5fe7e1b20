package match_test

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/match"
)

// Skill fit leads the ranking, whatever the rest of a pair: these
// properties hold over many random candidates and roles.
func TestRankingProperties(t *testing.T) {
	tax := taxonomy(t)
	r := rand.New(rand.NewPCG(7, 11))
	pool := []string{"go", "python", "java", "postgresql", "kafka", "kubernetes", "aws", "docker", "redis", "grpc", "terraform", "react"}
	pick := func(n int) []string {
		s := slices.Clone(pool)
		r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
		return s[:n]
	}
	stages := jobpath.Stages
	levels := append([]jobpath.Level{""}, jobpath.Levels...)
	remotes := jobpath.RemoteModes
	for n := range 400 {
		stage := stages[r.IntN(len(stages))]
		have := pick(1 + r.IntN(8))
		c := candidate(stage, float64(r.IntN(12)), r.IntN(2) == 0, have...)
		c.Profile.Remote = jobpath.RemotePreferences[r.IntN(len(jobpath.RemotePreferences))]
		role := func(required []string, degree jobpath.Degree) *jobpath.Job {
			years := r.IntN(8)
			return job(t, jobpath.JobInput{Title: "Engineer", Description: "x", Level: levels[r.IntN(len(levels))], MinYears: &years,
				Degree: degree, Remote: remotes[r.IntN(len(remotes))], Skills: &jobpath.Skills{Required: required, Preferred: pick(r.IntN(3))}})
		}

		// More of the same role's required skills never ranks lower.
		a := role(pick(4), jobpath.DegreeUnspecified)
		more := *a
		more.Skills.Required = slices.Clone(a.Skills.Required)
		if i := slices.IndexFunc(more.Skills.Required, func(s string) bool { return !slices.Contains(have, s) }); i >= 0 {
			for _, h := range have {
				if !slices.Contains(more.Skills.Required, h) {
					more.Skills.Required[i] = h
					break
				}
			}
		}
		if ra, rm := match.Score(c, a, tax), match.Score(c, &more, tax); len(rm.Matched) > len(ra.Matched) && match.Less(ra, rm) {
			t.Fatalf("case %d: %d of 4 met (%.1f) ranks above %d of 4 met (%.1f)", n, len(ra.Matched), ra.Score, len(rm.Matched), rm.Score)
		}

		// A degree gate never ranks above its experience-accepting twin
		// for a candidate without a degree.
		gated := role(pick(3), jobpath.DegreeRequired)
		open := *gated
		open.Degree = jobpath.DegreeEquivalent
		if !c.Degree {
			if rg, ro := match.Score(c, gated, tax), match.Score(c, &open, tax); match.Less(rg, ro) {
				t.Fatalf("case %d: the degree-gated role (%.1f) ranks above its twin that takes experience (%.1f)", n, rg.Score, ro.Score)
			}
		}

		// Missing most of a role's required skills never outranks having
		// most of another's, however well the rest of the first fits and
		// however badly the rest of the second.
		if len(have) >= 3 {
			var lacking []string
			for _, s := range pool {
				if !slices.Contains(have, s) {
					lacking = append(lacking, s)
				}
			}
			if len(lacking) >= 3 {
				none := 0
				easy := job(t, jobpath.JobInput{Title: "Engineer", Description: "x", Level: stage.Level(), MinYears: &none, Degree: jobpath.DegreeNotRequired,
					Remote: jobpath.RemoteRemote, Skills: &jobpath.Skills{Required: []string{have[0], lacking[0], lacking[1], lacking[2]}}})
				lots := 15
				hard := job(t, jobpath.JobInput{Title: "Engineer", Description: "x", Level: jobpath.LevelLead, MinYears: &lots, Degree: jobpath.DegreeRequired,
					Remote: jobpath.RemoteRemote, Skills: &jobpath.Skills{Required: []string{have[0], have[1], have[2], lacking[0]}}})
				if re, rh := match.Score(c, easy, tax), match.Score(c, hard, tax); !match.Less(rh, re) {
					t.Fatalf("case %d: 1 of 4 required skills met (%.1f) ranks with or above 3 of 4 met (%.1f)", n, re.Score, rh.Score)
				}
			}
		}
	}
}
