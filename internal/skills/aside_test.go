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
		{"clients named", "We work with some amazing companies (Docker, Stripe) to detect threats. Our backend is Rust.", []string{"rust"}, []string{"docker"}},
		{"how to apply", "Email us your GitHub and a note. We use Python.", []string{"python"}, []string{"github"}},
		{"what the company sells", "We're building AI agents for lawyers. Our stack is Go and PostgreSQL.", []string{"go", "postgresql"}, []string{"ai-agents"}},
		{"what the work uses", "We're building search that uses LLMs, in Go.", []string{"llm", "go"}, nil},
		{"outside the role", "Kotlin for Android is not part of this role. Backend in Java.", []string{"java"}, []string{"kotlin", "android"}},
		{"without", "Infrastructure without Docker, on bare-metal Linux.", []string{"linux"}, []string{"docker"}},
		{"culture described", "We value ownership, mentoring and a growth mindset. Strong written communication is a must.",
			[]string{"written-communication"}, []string{"ownership", "mentoring", "continuous-learning"}},
		{"culture asked for", "You have strong ownership and mentoring skills.", []string{"ownership", "mentoring"}, nil},
		{"what a product connects to", "Our BI tool connects to Snowflake, BigQuery and Redshift. It is written in Go.", []string{"go"}, []string{"snowflake", "bigquery", "redshift"}},
		{"a place named like a skill", "We are a startup in the Rust Belt, writing TypeScript.", []string{"typescript"}, []string{"rust"}},
		{"a stack on a platform", "We are 100% Go on AWS.", []string{"go", "aws"}, nil},
		{"practices in their own words", "You will make architecture decisions, plan scaling strategies, review PRs and debug production issues.",
			[]string{"software-architecture", "scalability", "code-review", "debugging"}, nil},
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

func TestRequiredBound(t *testing.T) {
	tax := taxonomy(t)
	a := tax.AnalyzeJob("Engineer", "You know Go, Python, Java, Kotlin, Scala, Ruby, PHP, Elixir, Haskell, OCaml, Erlang, Clojure, Perl, Lua, Dart, Julia and Zig.")
	if len(a.Skills.Required) != 15 || len(a.Skills.Preferred) < 2 || a.Skills.Required[0] != "go" {
		t.Errorf("required %v, preferred %v: want the first 15 required and the rest preferred", a.Skills.Required, a.Skills.Preferred)
	}
}
