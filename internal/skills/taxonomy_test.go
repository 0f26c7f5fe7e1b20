package skills_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/jobpath/jobpath/internal/skills"
)

func TestTaxonomyLoads(t *testing.T) {
	tax := taxonomy(t)
	if tax.Len() < 300 {
		t.Fatalf("%d skills, want >= 300", tax.Len())
	}
	// Every language the trajectory names is there.
	for _, id := range []string{"java", "ruby", "php", "python", "go", "javascript", "typescript", "c#", "kotlin", "rust", "scala", "elixir", "c++", "html", "css",
		"wordpress", "drupal", "django", "ruby-on-rails", "laravel", "spring", "express", "debugging", "code-review", "ci/cd",
		"communication", "teamwork", "critical-thinking", "customer-empathy", "mentoring"} {
		if _, ok := tax.Skill(id); !ok {
			t.Errorf("taxonomy lacks %q", id)
		}
	}
}

func TestNormalise(t *testing.T) {
	tax := taxonomy(t)
	tests := []struct {
		in, want string
		known    bool
	}{
		{"golang", "go", true},
		{"Go", "go", true},
		{"Golang 1.22", "go", true},
		{"Python 3.12", "python", true},
		{"Postgres", "postgresql", true},
		{"k8s", "kubernetes", true},
		{"NodeJS", "node.js", true},
		{"node.js", "node.js", true},
		{"C#", "c#", true},
		{"c++", "c++", true},
		{"ReactJS", "react", true},
		{"Ruby on Rails", "ruby-on-rails", true},
		{"  spring   boot ", "spring-boot", true},
		{"CI/CD", "ci/cd", true},
		{"Amazon Web Services", "aws", true},
		{"Quantum Basket Weaving", "quantum basket weaving", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, known := tax.Normalise(tt.in)
			if got != tt.want || known != tt.known {
				t.Fatalf("Normalise(%q) = %q, %v; want %q, %v", tt.in, got, known, tt.want, tt.known)
			}
		})
	}
	if got := tax.NormaliseAll([]string{"golang", "Go", "", "Erlang/OTP wizardry", "k8s"}); !reflect.DeepEqual(got, []string{"go", "erlang/otp wizardry", "kubernetes"}) {
		t.Fatalf("NormaliseAll = %q", got)
	}
}

func TestImplies(t *testing.T) {
	tax := taxonomy(t)
	for skill, want := range map[string]string{"django": "python", "postgresql": "sql", "ruby-on-rails": "ruby", "typescript": "javascript", "spring-boot": "java"} {
		if !contains(tax.Implied(skill), want) {
			t.Errorf("%s does not imply %s: %v", skill, want, tax.Implied(skill))
		}
	}
	if got := tax.Expand([]string{"django", "python"}); got[0] != "django" || !contains(got, "python") || len(got) != len(dedupe(got)) {
		t.Errorf("Expand = %v", got)
	}
}

func TestParseRejectsInvalidTaxonomies(t *testing.T) {
	head := "categories: [{id: language, area: languages}]\nskills:\n"
	tests := []struct{ name, yaml, want string }{
		{"alias on two skills", head + "  - {id: go, name: Go, category: language, aliases: [golang]}\n  - {id: python, name: Python, category: language, aliases: [golang]}\n", "on both"},
		{"alias equal to another name", head + "  - {id: go, name: Go, category: language}\n  - {id: python, name: Python, category: language, aliases: [go]}\n", "on both"},
		{"unknown implies", head + "  - {id: django, name: Django, category: language, implies: [python]}\n", "unknown skill"},
		{"cycle", head + "  - {id: a, name: A, category: language, implies: [b]}\n  - {id: b, name: B, category: language, implies: [a]}\n", "cycle"},
		{"undeclared category", head + "  - {id: go, name: Go, category: nope}\n", "undeclared category"},
		{"duplicate id", head + "  - {id: go, name: Go, category: language}\n  - {id: go, name: Golang, category: language}\n", "duplicate id"},
		{"bad id", head + "  - {id: Go Lang, name: Go, category: language}\n", "invalid id"},
		{"needs_context not a form", head + "  - {id: go, name: Go, category: language, needs_context: [golang]}\n", "needs_context"},
		{"not YAML", "skills: [", "parse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := skills.Parse([]byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Parse: %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	tax := taxonomy(t)
	demand := map[string]float64{"postgresql": 0.5, "python": 0.9}
	got := tax.Suggest("p", 50, func(id string) float64 { return demand[id] })
	if len(got) < 3 || got[0].ID != "python" || got[1].ID != "postgresql" {
		t.Fatalf("Suggest(p) starts %v", ids(got))
	}
	if got := tax.Suggest("golan", 5, nil); len(got) != 1 || got[0].ID != "go" {
		t.Fatalf("Suggest(golan) = %v", ids(got))
	}
	if got := tax.Suggest("", 5, nil); got != nil {
		t.Fatalf("Suggest(\"\") = %v", ids(got))
	}
	if got := tax.Suggest("s", 3, nil); len(got) != 3 {
		t.Fatalf("Suggest limit: %d", len(got))
	}
}

func ids(ss []skills.Skill) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.ID
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range list {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func TestClosest(t *testing.T) {
	tax := taxonomy(t)
	popular := func(id string) float64 {
		if id == "postgis" {
			return 5
		}
		return 1
	}
	tests := []struct {
		name, word string
		rank       func(string) float64
		want       string
	}{
		{"an edit weighs less in a longer name", "postgrs", nil, "postgresql"},
		{"demand breaks a tie", "postgrs", popular, "postgis"},
		{"a misspelt framework", "djnago", nil, "django"},
		{"short words are left alone", "rst", nil, ""},
		{"too far", "quantumbasket", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, id := tax.Closest(tt.word, 2, tt.rank); id != tt.want {
				t.Errorf("Closest(%q) = %q, want %q", tt.word, id, tt.want)
			}
		})
	}
}
