package skills_test

import (
	"slices"
	"testing"
)

// TestSkillsAside: the skills a posting names without asking for them.
func TestSkillsAside(t *testing.T) {
	tax := taxonomy(t)
	tests := []struct {
		name, text string
		has, lacks []string
	}{
		{"backers", "Backed by the CEO of Hugging Face. You will write Go.", []string{"go"}, []string{"hugging-face"}},
		{"how to apply", "Email us your GitHub and a note. We use Python.", []string{"python"}, []string{"github"}},
		{"what the company sells", "We're building AI agents for lawyers. Our stack is Go and PostgreSQL.", []string{"go", "postgresql"}, []string{"ai-agents"}},
		{"what the work uses", "We're building search that uses LLMs, in Go.", []string{"llm", "go"}, nil},
		{"outside the role", "Kotlin for Android is not part of this role. Backend in Java.", []string{"java"}, []string{"kotlin", "android"}},
		{"without", "Infrastructure without Docker, on bare-metal Linux.", []string{"linux"}, []string{"docker"}},
		{"a person at work is no backer", "You'll work with the CTO at Acme on Kafka pipelines.", []string{"kafka"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tax.AnalyzeJob("Engineer", tt.text)
			all := append(slices.Clone(a.Skills.Required), a.Skills.Preferred...)
			for _, s := range tt.has {
				if !slices.Contains(all, s) {
					t.Errorf("skills %v lack %s", all, s)
				}
			}
			for _, s := range tt.lacks {
				if slices.Contains(all, s) {
					t.Errorf("skills %v hold %s, which the posting does not ask for", all, s)
				}
			}
		})
	}
}
