// Package shareddata finds the project's shared public data (../shared/data
// beside the checkout) for tests and evaluations, and reads the Hacker News
// postings in it. The data is read in place, never copied into the
// repository. In CI a missing data set fails the test; elsewhere it skips,
// saying why.
package shareddata

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/jobpath/jobpath/internal/skills"
)

// Raw returns the path of shared/data/raw, looked up from the working
// directory upwards.
func Raw(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 6; i++ {
		p := filepath.Join(dir, "shared", "data", "raw")
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			return p
		}
		dir = filepath.Dir(dir)
	}
	if os.Getenv("CI") != "" {
		t.Fatal("../shared/data/raw is missing: this test needs the shared data set")
	}
	t.Skip("../shared/data/raw not found beside the checkout; skipping the test on real data")
	return ""
}

// HNPostings reads every "Who is hiring" posting, each id's latest run
// winning, as plain text (tags stripped, entities unescaped).
func HNPostings(t testing.TB) map[int64]string {
	t.Helper()
	runs, err := filepath.Glob(filepath.Join(Raw(t), "hn-who-is-hiring-2026", "runs", "*", "raw.json"))
	if err != nil || len(runs) == 0 {
		t.Fatalf("no HN runs: %v", err)
	}
	sort.Strings(runs) // dated directories: later runs overwrite earlier ones
	out := map[int64]string{}
	for _, r := range runs {
		raw, err := os.ReadFile(r)
		if err != nil {
			t.Fatal(err)
		}
		var f struct {
			Jobs []struct {
				ID   int64  `json:"id"`
				Text string `json:"text"`
			} `json:"jobs"`
		}
		if err := json.Unmarshal(raw, &f); err != nil {
			t.Fatalf("%s: %v", r, err)
		}
		for _, j := range f.Jobs {
			out[j.ID] = skills.PlainText(j.Text)
		}
	}
	return out
}
