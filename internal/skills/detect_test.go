package skills_test

import (
	"github.com/jobpath/jobpath/internal/jobpath"
	"testing"

	"github.com/jobpath/jobpath/internal/skills"
)

func TestDetectDegree(t *testing.T) {
	tests := []struct {
		text string
		want jobpath.Degree
	}{
		{"Requirements:\n- BS in Computer Science or equivalent experience\n- 3+ years of Go", jobpath.DegreeEquivalent},
		{"Bachelor's degree in Computer Science or a related field.", jobpath.DegreeRequired},
		{"A degree in CS is a plus.", jobpath.DegreePreferred},
		{"Master's degree preferred.", jobpath.DegreePreferred},
		{"No degree required. Show us what you have built.", jobpath.DegreeNotRequired},
		{"We don't care about degrees, we care about what you can do.", jobpath.DegreeNotRequired},
		{"Degree not required if you have 5 years of experience.", jobpath.DegreeNotRequired},
		{"Self-taught engineers welcome.", jobpath.DegreeNotRequired},
		{"BS/MS in Computer Science. Equivalent practical experience will also be considered.", jobpath.DegreeEquivalent},
		{"Our founders have PhDs from MIT.", jobpath.DegreeUnspecified},
		{"We build computer science education tools.", jobpath.DegreeUnspecified},
		{"Senior Go engineer, remote.", jobpath.DegreeUnspecified},
		{"Our platform gives a 360-degree view of customers.", jobpath.DegreeUnspecified},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := skills.DetectDegree(tt.text)
			if got.Value != tt.want {
				t.Fatalf("DetectDegree = %+v, want %s", got, tt.want)
			}
			if got.Value != jobpath.DegreeUnspecified && got.Sentence == "" {
				t.Fatalf("no deciding sentence: %+v", got)
			}
		})
	}
}

func TestDetectSeniority(t *testing.T) {
	tests := []struct {
		name, title, text string
		level             jobpath.Level
		years             int // 0: none
	}{
		{"senior in title", "Acme | Senior Backend Engineer | Remote", "3+ years of experience with Go.", jobpath.LevelSenior, 3},
		{"staff is lead", "Acme | Staff Engineer", "", jobpath.LevelLead, 0},
		{"principal", "Principal Software Engineer", "", jobpath.LevelLead, 0},
		{"junior", "Junior Developer", "", jobpath.LevelJunior, 0},
		{"new grad", "Software Engineer, New Grad", "", jobpath.LevelJunior, 0},
		{"mid", "Mid-level Backend Developer", "", jobpath.LevelMid, 0},
		{"years decide without a level word", "Acme | Backend Engineer", "You have 5+ years of professional experience.", jobpath.LevelSenior, 5},
		{"few years", "Backend Engineer", "2-4 years of experience building APIs.", jobpath.LevelMid, 2},
		{"years in words", "Backend Engineer", "At least five years of experience with Python.", jobpath.LevelSenior, 5},
		{"years of work", "Backend Engineer", "You have 3+ years of back-end work.", jobpath.LevelMid, 3},
		{"role in the text", "Acme | Multiple roles | Remote", "We are hiring:\n- Senior Backend Engineer (Go)\n- Staff Engineer", jobpath.LevelSenior, 0},
		{"team description is no role", "Acme | Product Engineer", "Join a team of senior developers.", "", 0},
		{"member of technical staff", "Acme | Member of Technical Staff", "", "", 0},
		{"company age is no requirement", "Acme | Backend Engineer", "We have been around for 10 years.", "", 0},
		{"links do not count", "Acme | https://acme.example/jobs/sr-lead", "", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := skills.DetectSeniority(tt.title, tt.text)
			if got.Level != tt.level {
				t.Fatalf("level %q (%s), want %q", got.Level, got.Word, tt.level)
			}
			switch {
			case tt.years == 0 && got.MinYears != nil:
				t.Fatalf("min years %d, want none", *got.MinYears)
			case tt.years != 0 && (got.MinYears == nil || *got.MinYears != tt.years):
				t.Fatalf("min years %v, want %d", got.MinYears, tt.years)
			}
		})
	}
}
