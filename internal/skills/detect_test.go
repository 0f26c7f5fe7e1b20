package skills_test

import (
	"testing"

	"github.com/jobpath/jobpath/internal/skills"
)

func TestDetectDegree(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Requirements:\n- BS in Computer Science or equivalent experience\n- 3+ years of Go", skills.DegreeEquivalent},
		{"Bachelor's degree in Computer Science or a related field.", skills.DegreeRequired},
		{"A degree in CS is a plus.", skills.DegreePreferred},
		{"Master's degree preferred.", skills.DegreePreferred},
		{"No degree required. Show us what you have built.", skills.DegreeNotRequired},
		{"We don't care about degrees, we care about what you can do.", skills.DegreeNotRequired},
		{"Degree not required if you have 5 years of experience.", skills.DegreeNotRequired},
		{"Self-taught engineers welcome.", skills.DegreeNotRequired},
		{"BS/MS in Computer Science. Equivalent practical experience will also be considered.", skills.DegreeEquivalent},
		{"Our founders have PhDs from MIT.", skills.DegreeUnspecified},
		{"We build computer science education tools.", skills.DegreeUnspecified},
		{"Senior Go engineer, remote.", skills.DegreeUnspecified},
		{"Our platform gives a 360-degree view of customers.", skills.DegreeUnspecified},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := skills.DetectDegree(tt.text)
			if got.Value != tt.want {
				t.Fatalf("DetectDegree = %+v, want %s", got, tt.want)
			}
			if got.Value != skills.DegreeUnspecified && got.Sentence == "" {
				t.Fatalf("no deciding sentence: %+v", got)
			}
		})
	}
}

func TestDetectSeniority(t *testing.T) {
	tests := []struct {
		name, title, text string
		level             string
		years             int // 0: none
	}{
		{"senior in title", "Acme | Senior Backend Engineer | Remote", "3+ years of experience with Go.", skills.LevelSenior, 3},
		{"staff is lead", "Acme | Staff Engineer", "", skills.LevelLead, 0},
		{"principal", "Principal Software Engineer", "", skills.LevelLead, 0},
		{"junior", "Junior Developer", "", skills.LevelJunior, 0},
		{"new grad", "Software Engineer, New Grad", "", skills.LevelJunior, 0},
		{"mid", "Mid-level Backend Developer", "", skills.LevelMid, 0},
		{"years decide without a level word", "Acme | Backend Engineer", "You have 5+ years of professional experience.", skills.LevelSenior, 5},
		{"few years", "Backend Engineer", "2-4 years of experience building APIs.", skills.LevelMid, 2},
		{"years in words", "Backend Engineer", "At least five years of experience with Python.", skills.LevelSenior, 5},
		{"role in the text", "Acme | Multiple roles | Remote", "We are hiring:\n- Senior Backend Engineer (Go)\n- Staff Engineer", skills.LevelSenior, 0},
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
