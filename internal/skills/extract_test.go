package skills_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/jobpath/jobpath/internal/skills"
)

func TestExtract(t *testing.T) {
	tax := taxonomy(t)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"punctuated names", "We use C++, C#/.NET, Node.js and CI/CD daily.", []string{"c++", "c#", ".net", "node.js", "ci/cd"}},
		{"multi-word phrases", "Ruby on Rails, Spring Boot and Amazon Web Services.", []string{"ruby-on-rails", "spring-boot", "aws"}},
		{"Go in a list", "Our stack: Python, Go, PostgreSQL.", []string{"python", "go", "postgresql"}},
		{"Go with a cue", "You have written production services in Go.", []string{"go"}},
		{"go to market", "You will own our go to market and go-to-market motions.", nil},
		{"let go and go beyond", "We go beyond the basics; let go of legacy.", nil},
		{"Java is not JavaScript", "Strong JavaScript and TypeScript.", []string{"javascript", "typescript"}},
		{"Java and JavaScript", "Java, JavaScript", []string{"java", "javascript"}},
		{"spring the season", "Internships start in spring 2026.", nil},
		{"Spring the framework", "Java developers with Spring and Hibernate.", []string{"java", "spring", "hibernate"}},
		{"express interest", "Please express interest by e-mail.", nil},
		{"Express in a stack", "Node.js with Express and MongoDB.", []string{"node.js", "express", "mongodb"}},
		{"R and D", "A growing R&D team.", nil},
		{"R in a list", "Python, R, SQL", []string{"python", "r", "sql"}},
		{"the rest of", "The rest of the team is remote.", nil},
		{"REST APIs", "Design RESTful APIs and gRPC services.", []string{"rest", "grpc"}},
		{"Rust as a language", "Experience with Rust is a plus.", []string{"rust"}},
		{"Go required, Rust a plus", "Go required, Rust a plus.", []string{"go", "rust"}},
		{"a capitalised name after and", "TypeScript and React on the front end.", []string{"typescript", "react"}},
		{"react the verb after and", "Listen and react quickly to incidents.", nil},
		{"a capitalised name before and", "Our stack is Go and PostgreSQL.", []string{"go", "postgresql"}},
		{"go and get", "We go and get feedback from users.", nil},
		{"rust as a word", "Do not let your skills gather rust.", nil},
		{"Swift on iOS", "Swift developers for our iOS app.", []string{"swift", "ios"}},
		{"swift response", "We promise a swift response.", nil},
		{"links name nothing", "Apply at https://example.com/jobs/golang-python-kafka or jobs@kafka.example", nil},
		{"aliases", "golang, k8s and postgres", []string{"go", "kubernetes", "postgresql"}},
		{"human skill asked for", "Excellent communication skills.", []string{"communication"}},
		{"human word described", "We value open communication.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tax.ExtractIDs(tt.text)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("ExtractIDs(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestExtractEvidence(t *testing.T) {
	tax := taxonomy(t)
	text := "Senior engineer: Golang and PostgreSQL 16."
	hits := tax.Extract(text)
	if len(hits) != 2 {
		t.Fatalf("hits %+v", hits)
	}
	for _, h := range hits {
		if text[h.Start:h.End] != h.Text {
			t.Errorf("hit %+v: offsets point at %q", h, text[h.Start:h.End])
		}
	}
	if hits[0].ID != "go" || hits[0].Text != "Golang" || hits[1].ID != "postgresql" {
		t.Fatalf("hits %+v", hits)
	}
}

func TestPlainText(t *testing.T) {
	got := skills.PlainText("<p>Python &amp; Go</p><p>Postgres&#x2F;Redis<br>K8s</p>")
	if strings.Contains(got, "<") || !strings.Contains(got, "Python & Go") || !strings.Contains(got, "Postgres/Redis") {
		t.Fatalf("PlainText = %q", got)
	}
	if got := tax(t).ExtractIDs(skills.PlainText("<p>Python &amp; Go</p><p>Postgres&#x2F;Redis<br>K8s</p>")); !reflect.DeepEqual(got, []string{"python", "go", "postgresql", "redis", "kubernetes"}) {
		t.Fatalf("from HTML: %q", got)
	}
}

func tax(t *testing.T) *skills.Taxonomy { return taxonomy(t) }

func FuzzExtract(f *testing.F) {
	tx, err := skills.Parse(mustSkills())
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"We use C++, C#/.NET, Node.js and CI/CD.", "go to market", "Python, R, SQL", "<p>Go &amp; Rust</p>", ".net.", "c++++##", "\xff\xfe", "https://x.example/go"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, h := range tx.Extract(s) {
			if h.Start < 0 || h.End > len(s) || h.Start >= h.End || s[h.Start:h.End] != h.Text {
				t.Fatalf("bad evidence %+v in %q", h, s)
			}
			if _, ok := tx.Skill(h.ID); !ok {
				t.Fatalf("unknown id %q", h.ID)
			}
		}
		_ = skills.DetectDegree(s)
		_ = skills.DetectSeniority(s, s)
		_ = tx.AnalyzeJob(s, s)
	})
}

// BenchmarkExtractHostile measures extraction on the inputs that once took
// quadratic time: long lists of ambiguous words, and long runs without spaces.
func BenchmarkExtractHostile(b *testing.B) {
	tx := taxonomy(b)
	inputs := map[string]string{
		"go-list":   strings.Repeat("go, ", 12400) + "Python",
		"emoji-run": strings.Repeat("😀", 12500),
		"dash-run":  strings.Repeat("-", 50000),
	}
	for name, in := range inputs {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				tx.Extract(in)
			}
		})
	}
}
