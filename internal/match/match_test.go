package match_test

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jobpath/jobpath/data"
	"github.com/jobpath/jobpath/internal/corpus"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/match"
	"github.com/jobpath/jobpath/internal/money"
	"github.com/jobpath/jobpath/internal/skills"
)

func taxonomy(t testing.TB) *skills.Taxonomy {
	t.Helper()
	tax, err := skills.Parse(data.SkillsYAML())
	if err != nil {
		t.Fatal(err)
	}
	return tax
}

func job(t testing.TB, in jobpath.JobInput) *jobpath.Job {
	t.Helper()
	j, err := jobpath.NewJob(in, &jobpath.Company{ID: "acme", Name: "Acme"}, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func candidate(stage jobpath.Stage, years float64, degree bool, skillNames ...string) match.Candidate {
	p := &jobpath.Profile{}
	for _, s := range skillNames {
		p.Skills = append(p.Skills, jobpath.SkillClaim{Name: s})
	}
	p.Remote = "any"
	return match.Candidate{Profile: p, Stage: stage, Years: years, Degree: degree}
}

func TestScoreExplains(t *testing.T) {
	tax := taxonomy(t)
	j := job(t, jobpath.JobInput{Title: "Senior Go engineer", Description: "x", Level: "senior", Degree: "not_required",
		Skills: &jobpath.Skills{Required: []string{"go", "postgresql", "kafka", "grpc", "docker", "kubernetes", "aws", "linux"}}})
	c := candidate("mid", 4, false, "golang", "postgres", "docker", "kubernetes", "aws", "linux")
	r := match.Score(c, j, tax)
	req := r.Components[0]
	if req.Name != match.ComponentRequired || req.Sentence != "You have 6 of 8 required skills; missing Apache Kafka and gRPC." {
		t.Fatalf("required: %+v", req)
	}
	if !r.Stretch || !r.NoDegree || r.DegreeRequired {
		t.Fatalf("flags: %+v", r)
	}
	if !strings.Contains(r.Components[2].Sentence, "one step up") {
		t.Fatalf("level sentence: %q", r.Components[2].Sentence)
	}
	sum := 0.0
	for _, comp := range r.Components {
		sum += comp.Weight
		if comp.Value < 0 || comp.Value > 1 || comp.Sentence == "" {
			t.Errorf("component %+v", comp)
		}
	}
	if sum != 100 || r.Score <= 0 || r.Score > 100 {
		t.Fatalf("weights sum %v, score %v", sum, r.Score)
	}
	// A Django developer knows Python.
	j2 := job(t, jobpath.JobInput{Title: "Python developer", Description: "x", Skills: &jobpath.Skills{Required: []string{"python"}}})
	if r := match.Score(candidate("mid", 3, true, "django"), j2, tax); len(r.Missing) != 0 {
		t.Fatalf("implied skill not counted: %+v", r)
	}
}

// pairs draws candidate/job pairs from the generated corpus.
func pairs(t *testing.T, n int) ([]match.Candidate, []*jobpath.Job) {
	t.Helper()
	var cs []match.Candidate
	r := rand.New(rand.NewPCG(1, 2))
	for _, p := range corpus.Profiles(n, 3) {
		prof := &jobpath.Profile{ProfileInput: p}
		stage := []jobpath.Stage{"aspiring", "junior", "mid", "senior", "lead"}[r.IntN(5)]
		cs = append(cs, match.Candidate{Profile: prof, Stage: stage, Years: p.YearsExperience, Degree: r.IntN(2) == 0})
	}
	var js []*jobpath.Job
	for _, g := range corpus.Jobs(n, 4) {
		js = append(js, job(t, g.Input))
	}
	return cs, js
}

// TestAddingARequiredSkillNeverLowersTheScore is a property over generated pairs.
func TestAddingARequiredSkillNeverLowersTheScore(t *testing.T) {
	tax := taxonomy(t)
	cs, js := pairs(t, 150)
	checked := 0
	for i, c := range cs {
		j := js[i]
		before := match.Score(c, j, tax)
		for _, miss := range before.Missing {
			more := *c.Profile
			more.Skills = append(append([]jobpath.SkillClaim{}, c.Profile.Skills...), jobpath.SkillClaim{Name: miss})
			c2 := c
			c2.Profile = &more
			after := match.Score(c2, j, tax)
			checked++
			if after.Score < before.Score {
				t.Fatalf("adding %s lowered the score from %v to %v", miss, before.Score, after.Score)
			}
		}
	}
	if checked < 100 {
		t.Fatalf("only %d cases checked", checked)
	}
}

// TestDegreeRequirementNeverOutranksExperience: for a candidate without a
// degree, a role requiring one never ranks above an otherwise identical role
// that accepts experience.
func TestDegreeRequirementNeverOutranksExperience(t *testing.T) {
	tax := taxonomy(t)
	cs, js := pairs(t, 150)
	for i, c := range cs {
		c.Degree = false
		strict, open := *js[i], *js[i]
		strict.Degree, open.Degree = "required", "equivalent_experience"
		rs, ro := match.Score(c, &strict, tax), match.Score(c, &open, tax)
		if match.Less(rs, ro) || rs.Score > ro.Score {
			t.Fatalf("degree-required role outranks the open one: %v vs %v", rs.Score, ro.Score)
		}
		if !rs.DegreeRequired || ro.DegreeRequired {
			t.Fatalf("flags: strict %v, open %v", rs.DegreeRequired, ro.DegreeRequired)
		}
	}
}

// TestSentencesPerAudience: the same pair is explained to the candidate
// about themselves and to the hiring team about the candidate.
func TestSentencesPerAudience(t *testing.T) {
	tax := taxonomy(t)
	years := 5
	j := job(t, jobpath.JobInput{Title: "Senior Go engineer", Description: "x", Level: "senior", MinYears: &years, Degree: "required",
		Remote: "hybrid", Skills: &jobpath.Skills{Required: []string{"go", "postgresql", "kafka", "grpc"}}})
	c := candidate("senior", 3, false, "go", "postgresql", "kafka")
	c.Profile.Name = "Marcus Bell"
	c.Profile.Remote = "remote"
	tests := []struct {
		name  string
		res   match.Result
		wants []string
		not   []string
	}{
		{"to the candidate", match.Score(c, j, tax),
			[]string{"You have 3 of 4 required skills; missing gRPC.", "A senior role matches your senior stage.", "Asks 5+ years; you have 3.",
				"Requires a degree, which your profile does not list.", "Hybrid; you work only remotely, so this caps the match at 40."},
			[]string{"Marcus"}},
		{"to the hiring team", match.ScoreForTeam(c, j, tax),
			[]string{"Marcus has 3 of 4 required skills; missing gRPC.", "Senior, as the role asks.", "Asks 5+ years; Marcus has 3.",
				"Requires a degree, which Marcus's profile does not list.", "Hybrid; Marcus works only remotely, so this caps the match at 40.",
				"Marcus has not set a desired salary."},
			[]string{"you", "your", "You", "Your"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var said []string
			for _, comp := range tt.res.Components {
				said = append(said, comp.Sentence)
			}
			all := strings.Join(said, " | ")
			for _, w := range tt.wants {
				if !strings.Contains(all, w) {
					t.Errorf("sentences %q lack %q", all, w)
				}
			}
			for _, n := range tt.not {
				word := regexp.MustCompile(`\b` + n + `\b`)
				for _, s := range said {
					if word.MatchString(s) {
						t.Errorf("sentence %q says %q", s, n)
					}
				}
			}
			if ex := match.Explain(tt.res); !strings.Contains(ex, "caps the match at 40") {
				t.Errorf("explanation %q does not say the cap that decides the rank", ex)
			}
		})
	}
}

// TestSalaryOverlapCompares: the salary part of a match compares pay per
// year in one currency, and says it in the role's own figures.
func TestSalaryOverlapCompares(t *testing.T) {
	tax := taxonomy(t)
	rates, err := money.Parse(data.RatesTSV())
	if err != nil {
		t.Fatal(err)
	}
	c := candidate("mid", 4, true, "go")
	c.Profile.DesiredSalary = &jobpath.Salary{Min: 100_000, Max: 120_000, Currency: "EUR", Period: "year"}
	c.Profile.DesiredSalaryYear = rates.Annual(c.Profile.DesiredSalary)
	tests := []struct {
		name     string
		pay      *jobpath.Salary
		value    float64
		sentence string
	}{
		{"dollars above the wish in euros", &jobpath.Salary{Min: 110_000, Max: 130_000, Currency: "USD", Period: "year"}, 1, "Pays up to $130,000, within your range."},
		{"yen far below it", &jobpath.Salary{Min: 6_000_000, Max: 8_000_000, Currency: "JPY", Period: "year"}, 0.5, "Pays up to ¥8,000,000, below your €100,000."},
		{"an hourly rate above it", &jobpath.Salary{Min: 70, Max: 90, Currency: "USD", Period: "hour"}, 1, "Pays up to $90 an hour, within your range."},
		{"a currency the table lacks", &jobpath.Salary{Min: 1, Max: 2, Currency: "KES", Period: "year"}, 0.5, "Pay is in a currency that cannot be compared with your wish."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := job(t, jobpath.JobInput{Title: "Go engineer", Description: "x", Level: "mid", Salary: tt.pay, Skills: &jobpath.Skills{Required: []string{"go"}}})
			j.SalaryYear = rates.Annual(j.Salary)
			for _, comp := range match.Score(c, j, tax).Components {
				if comp.Name != match.ComponentSalary {
					continue
				}
				if comp.Sentence != tt.sentence || (tt.value == 1) != (comp.Value == 1) || tt.value < 1 && comp.Value > tt.value {
					t.Errorf("salary %.2f %q, want %v %q", comp.Value, comp.Sentence, tt.value, tt.sentence)
				}
			}
		})
	}
}

// TestOtherWorkRanksBelow: a role that names itself as other work than
// software engineering is no match for a back-end developer, whatever
// skills it shares, and the sentence says why.
func TestOtherWorkRanksBelow(t *testing.T) {
	tax := taxonomy(t)
	c := candidate("mid", 4, true, "python", "sql", "postgresql")
	tests := []struct {
		title  string
		capped bool
	}{
		{"Data Analyst | Civic Data | Remote", true},
		{"Senior Product Designer", true},
		{"Founding Account Executive", true},
		{"Backend Engineer (Python)", false},
		{"Data Engineer", false},
		{"Analytics Engineer", false},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			j := job(t, jobpath.JobInput{Title: tt.title, Description: "x", Level: "mid", Remote: "remote",
				Skills: &jobpath.Skills{Required: []string{"python", "sql", "postgresql"}}})
			r := match.Score(c, j, tax)
			ex := match.Explain(r)
			if capped := r.Score <= 20 && strings.Contains(ex, "not software engineering"); capped != tt.capped {
				t.Errorf("score %.1f, explanation %q; want capped %v", r.Score, ex, tt.capped)
			}
		})
	}
}
