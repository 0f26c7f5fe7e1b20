package career_test

import (
	"testing"

	"github.com/jobpath/jobpath/internal/career"
	"github.com/jobpath/jobpath/internal/jobpath"
)

// TestPlacementAPersonWouldAgreeWith places ordinary profiles, written the
// way people write them (one main language, the tools they use, their
// positions), where a hiring manager reading them would.
func TestPlacementAPersonWouldAgreeWith(t *testing.T) {
	m, _ := model(t)
	tests := []struct {
		name string
		in   jobpath.ProfileInput
		want jobpath.Stage
	}{
		{"a senior Go engineer of nine years", jobpath.ProfileInput{
			Skills:     claims("go", "postgresql", "kafka", "kubernetes", "docker", "aws", "grpc", "redis", "terraform", "git", "ci/cd", "code-review"),
			Experience: []jobpath.Experience{position("Software Engineer", "2017-01", "2019-12"), position("Senior Software Engineer", "2020-01", "")},
			Summary:    "Nine years building payment services in Go. I mentor the juniors on my team."}, jobpath.StageSenior},
		{"a senior Rails engineer of eight years", jobpath.ProfileInput{
			Skills:     claims("ruby", "ruby-on-rails", "postgresql", "redis", "sidekiq", "aws", "docker", "rspec", "git", "javascript", "html", "css"),
			Experience: []jobpath.Experience{position("Rails Developer", "2018-06", "2021-12"), position("Senior Backend Engineer", "2022-01", "")},
		}, jobpath.StageSenior},
		{"a full-stack TypeScript developer of six years", jobpath.ProfileInput{
			Skills:     claims("typescript", "node.js", "react", "postgresql", "graphql", "aws", "docker", "jest", "git", "html", "css"),
			Experience: []jobpath.Experience{position("Full-stack Developer", "2020-10", "")},
		}, jobpath.StageSenior},
		{"a bootcamp graduate", jobpath.ProfileInput{
			Skills:    claims("javascript", "node.js", "express", "react", "html", "css", "postgresql", "git"),
			Education: educated("bootcamp"),
		}, jobpath.StageJunior},
		{"a career changer with a year in back end", jobpath.ProfileInput{
			Skills:     claims("python", "django", "postgresql", "git", "html", "css", "javascript", "docker"),
			Experience: changerJobs,
		}, jobpath.StageJunior},
		{"a mid developer of three years", jobpath.ProfileInput{
			Skills:     claims("python", "django", "postgresql", "redis", "docker", "aws", "git", "unit-testing", "rest", "html", "css", "javascript"),
			Experience: []jobpath.Experience{position("Backend Developer", "2023-09", "")},
		}, jobpath.StageMid},
		{"a lead of twelve years", jobpath.ProfileInput{
			Skills:     claims(leadSkills...),
			Experience: leadJobs,
		}, jobpath.StageLead},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pl := m.Place(&jobpath.Profile{ProfileInput: tt.in}, nil, now)
			if pl.Stage != tt.want {
				t.Errorf("placed at %s (%.1f years, coverage %v), want %s", pl.Stage, pl.Years, pl.Coverage, tt.want)
			}
		})
	}
}

// TestGapIsWhatTheMarketAsks: the skills to learn next are those the next
// stage expects that current postings ask for, by demand, at most ten,
// never one the profile's own words show.
func TestGapIsWhatTheMarketAsks(t *testing.T) {
	m, tax := model(t)
	var jobs []*jobpath.Job
	for i := range 10 {
		req := []string{"kubernetes", "terraform"}
		if i < 3 {
			req = append(req, "mentoring", "system-design")
		}
		jobs = append(jobs, publishedJob(jobpath.LevelSenior, req...))
	}
	demand := career.NewDemand(jobs, tax)
	p := &jobpath.Profile{ProfileInput: jobpath.ProfileInput{
		Skills:     claims("go", "postgresql", "redis", "docker", "aws", "git", "unit-testing", "rest"),
		Experience: []jobpath.Experience{position("Backend Developer", "2022-01", "")},
		Summary:    "I mentor juniors and review their code.",
	}}
	pl := m.Place(p, demand, now)
	if pl.Stage != jobpath.StageMid || pl.Next == nil {
		t.Fatalf("placed at %s with next %v, want mid with a gap", pl.Stage, pl.Next)
	}
	got := pl.Next.MissingSkills
	if len(got) == 0 || len(got) > career.GapSkills {
		t.Fatalf("%d skills to learn next, want 1 to %d", len(got), career.GapSkills)
	}
	for i, ms := range got {
		if ms.Jobs == 0 {
			t.Errorf("%s is listed, though no posting asks for it", ms.Skill)
		}
		if i > 0 && ms.Demand > got[i-1].Demand {
			t.Errorf("%s (%.2f) after %s (%.2f): not by demand", ms.Skill, ms.Demand, got[i-1].Skill, got[i-1].Demand)
		}
		if ms.Skill == "mentoring" {
			t.Error("mentoring is listed, though the summary says the candidate mentors")
		}
	}
	if got[0].Skill != "kubernetes" && got[0].Skill != "terraform" {
		t.Errorf("first to learn is %s, want what every posting asks", got[0].Skill)
	}
}
