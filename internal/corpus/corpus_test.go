package corpus_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/jobpath/jobpath/data"
	"github.com/jobpath/jobpath/internal/corpus"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/skills"
)

// TestCorpusIsValidAndDeterministic: every generated posting and profile is
// valid input, names only taxonomy skills, and the same seed gives the same corpus.
func TestCorpusIsValidAndDeterministic(t *testing.T) {
	tax, err := skills.Parse(data.SkillsYAML())
	if err != nil {
		t.Fatal(err)
	}
	jobs := corpus.Jobs(500, 1)
	if !reflect.DeepEqual(jobs, corpus.Jobs(500, 1)) {
		t.Fatal("the same seed gave another corpus")
	}
	if reflect.DeepEqual(jobs[:10], corpus.Jobs(10, 2)) {
		t.Fatal("another seed gave the same corpus")
	}
	var bytes int
	for i, j := range jobs {
		if _, err := jobpath.NewJob(j.Input, &jobpath.Company{ID: jobpath.CompanyID(j.Company), Name: j.Company}, time.Now()); err != nil {
			t.Fatalf("job %d: %v", i, err)
		}
		for _, s := range append(j.Input.Skills.Required, j.Input.Skills.Preferred...) {
			if _, known := tax.Normalise(s); !known {
				t.Fatalf("job %d names %q, not in the taxonomy", i, s)
			}
		}
		bytes += len(j.Input.Description)
	}
	if avg := bytes / len(jobs); avg < 1000 || avg > 4000 {
		t.Fatalf("average description %d bytes; postings are 1-4 KB", avg)
	}
	for i, p := range corpus.Profiles(200, 1) {
		if err := p.Validate(); err != nil {
			t.Fatalf("profile %d: %v", i, err)
		}
	}
}
