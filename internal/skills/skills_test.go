package skills_test

import (
	"testing"

	"github.com/jobpath/jobpath/data"
	"github.com/jobpath/jobpath/internal/skills"
)

func taxonomy(t testing.TB) *skills.Taxonomy {
	t.Helper()
	tax, err := skills.Parse(data.SkillsYAML())
	if err != nil {
		t.Fatalf("taxonomy: %v", err)
	}
	return tax
}

func mustSkills() []byte { return data.SkillsYAML() }
