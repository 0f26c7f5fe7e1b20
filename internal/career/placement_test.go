package career_test

import (
	"testing"

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
