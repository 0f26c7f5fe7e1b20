package skills_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"github.com/jobpath/jobpath/internal/jobpath"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/jobpath/jobpath/internal/shareddata"
	"github.com/jobpath/jobpath/internal/skills"
)

func sharedData(t *testing.T) string { return shareddata.Raw(t) }

func hnPostings(t *testing.T) map[int64]string { return shareddata.HNPostings(t) }

type label struct {
	ID       int64          `json:"id"`
	Skills   *[]string      `json:"skills"`
	Degree   jobpath.Degree `json:"degree"`
	Level    jobpath.Level  `json:"level"`
	MinYears *int           `json:"min_years"`
	Note     string         `json:"note"`
}

func loadLabels(t *testing.T) []label {
	t.Helper()
	files, err := filepath.Glob("testdata/hn-labels-*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no label files: %v", err)
	}
	sort.Strings(files)
	seen := map[int64]bool{}
	var out []label
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for n := 1; sc.Scan(); n++ {
			if strings.TrimSpace(sc.Text()) == "" {
				continue
			}
			var l label
			dec := json.NewDecoder(strings.NewReader(sc.Text()))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&l); err != nil {
				t.Fatalf("%s:%d: %v", f, n, err)
			}
			if seen[l.ID] {
				continue // the same posting in two sets: the first file's label stands
			}
			seen[l.ID] = true
			out = append(out, l)
		}
		fh.Close()
	}
	return out
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// TestEvaluateOnHandLabelledPostings measures skill extraction, degree and
// seniority detection against postings labelled by hand (testdata, rules in
// LABELLING.md). Run with -v for the figures.
func TestEvaluateOnHandLabelledPostings(t *testing.T) {
	posts := hnPostings(t)
	labels := loadLabels(t)
	tax := taxonomy(t)

	var tp, fp, fn, skillPosts int
	var degOK, degN, levelOK, levelN, yearsOK, yearsN int
	falseNotRequired := 0
	missed, spurious, unmapped := map[string]int{}, map[string]int{}, map[string]int{}
	confusion := map[string]int{}
	for _, l := range labels {
		text, ok := posts[l.ID]
		if !ok {
			t.Fatalf("label for unknown posting %d", l.ID)
		}
		// A job seeker's post or an ad for services is no posting: its
		// labellers listed no skills, by the rules, whatever it names.
		if l.Skills != nil && !strings.HasPrefix(l.Note, "not a posting") {
			skillPosts++
			gold := map[string]bool{}
			for _, s := range *l.Skills {
				if id, known := tax.Normalise(s); known {
					gold[id] = true
				} else {
					unmapped[s]++
				}
			}
			ids := tax.ExtractIDs(text)
			got := map[string]bool{}
			for _, id := range ids {
				got[id] = true
			}
			for id := range got {
				if gold[id] {
					tp++
				} else {
					fp++
					spurious[id]++
				}
			}
			// What a found skill implies is found too: "Ruby on Rails" names
			// Ruby, and a Django posting asks for Python.
			known := map[string]bool{}
			for _, id := range tax.Expand(ids) {
				known[id] = true
			}
			for id := range gold {
				if !known[id] {
					fn++
					missed[id]++
				}
			}
		}
		d := skills.DetectDegree(text)
		degN++
		if d.Value == l.Degree {
			degOK++
		} else {
			confusion[string(l.Degree+" -> "+d.Value)]++
			if testing.Verbose() {
				t.Logf("degree %d: want %s, got %s (%q)", l.ID, l.Degree, d.Value, d.Sentence)
			}
		}
		if d.Value == jobpath.DegreeNotRequired && l.Degree == jobpath.DegreeRequired {
			falseNotRequired++
		}
		s := skills.DetectSeniority(firstLine(text), text)
		want := l.Level
		if want == "unspecified" {
			want = ""
		}
		levelN++
		if s.Level == want {
			levelOK++
		} else if testing.Verbose() {
			t.Logf("level %d: want %q, got %q (%s)", l.ID, want, s.Level, s.Word)
		}
		yearsN++
		if (s.MinYears == nil && l.MinYears == nil) || (s.MinYears != nil && l.MinYears != nil && *s.MinYears == *l.MinYears) {
			yearsOK++
		}
	}
	precision := float64(tp) / float64(tp+fp)
	recall := float64(tp) / float64(tp+fn)
	degAcc := float64(degOK) / float64(degN)
	levelAcc := float64(levelOK) / float64(levelN)
	t.Logf("skills: %d postings, precision %.3f, recall %.3f (found %d, spurious %d, missed %d)", skillPosts, precision, recall, tp, fp, fn)
	t.Logf("degree: %d postings, accuracy %.3f, not_required given to a required posting: %d; errors %v", degN, degAcc, falseNotRequired, confusion)
	t.Logf("level: %d postings, accuracy %.3f; min_years exact: %.3f", levelN, levelAcc, float64(yearsOK)/float64(yearsN))
	if testing.Verbose() {
		t.Logf("most missed: %s", top(missed, 25))
		t.Logf("most spurious: %s", top(spurious, 25))
		t.Logf("labels outside the taxonomy: %s", top(unmapped, 40))
	}
	if skillPosts < 100 {
		t.Errorf("only %d postings labelled for skills, want >= 100", skillPosts)
	}
	if degN < 60 {
		t.Errorf("only %d postings labelled for degree, want >= 60", degN)
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"skill precision", precision, 0.90},
		{"skill recall", recall, 0.85},
		{"degree accuracy", degAcc, 0.90},
		{"seniority accuracy", levelAcc, 0.85},
	} {
		if c.got < c.want {
			t.Errorf("%s %.3f, below the target %.2f", c.name, c.got, c.want)
		}
	}
	if falseNotRequired > 0 {
		t.Errorf("%d postings that require a degree were called not_required", falseNotRequired)
	}
}

func top(m map[string]int, n int) string {
	type kv struct {
		k string
		v int
	}
	var kvs []kv
	for k, v := range m {
		kvs = append(kvs, kv{k, v})
	}
	sort.Slice(kvs, func(i, j int) bool { return kvs[i].v > kvs[j].v || kvs[i].v == kvs[j].v && kvs[i].k < kvs[j].k })
	if len(kvs) > n {
		kvs = kvs[:n]
	}
	parts := make([]string, len(kvs))
	for i, e := range kvs {
		parts[i] = fmt.Sprintf("%s:%d", e.k, e.v)
	}
	return strings.Join(parts, " ")
}

// TestEvaluateOnSkillSpan measures extraction against the SkillSpan test
// split: recall of gold knowledge spans that name a taxonomy skill, and
// precision as the share of hits that fall inside a gold knowledge or skill span.
func TestEvaluateOnSkillSpan(t *testing.T) {
	tax := taxonomy(t)
	f, err := os.Open(filepath.Join(sharedData(t), "skillspan", "data", "json", "test.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type sentence struct {
		Idx       int      `json:"idx"`
		Tokens    []string `json:"tokens"`
		Skill     []string `json:"tags_skill"`
		Knowledge []string `json:"tags_knowledge"`
		Source    string   `json:"source"`
	}
	type span struct{ start, end int }
	type posting struct {
		text  strings.Builder
		gold  map[string]bool // taxonomy ids of knowledge spans
		spans []span          // byte ranges of all gold spans
	}
	postings := map[string]*posting{}
	var order []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var s sentence
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			t.Fatal(err)
		}
		key := fmt.Sprintf("%s/%d", s.Source, s.Idx)
		p, ok := postings[key]
		if !ok {
			p = &posting{gold: map[string]bool{}}
			postings[key] = p
			order = append(order, key)
		}
		offsets := make([]int, len(s.Tokens)+1)
		for i, tok := range s.Tokens {
			offsets[i] = p.text.Len()
			p.text.WriteString(tok)
			p.text.WriteByte(' ')
		}
		offsets[len(s.Tokens)] = p.text.Len()
		p.text.WriteString("\n")
		for k, tags := range [][]string{s.Knowledge, s.Skill} {
			for i := 0; i < len(tags); i++ {
				if !strings.HasPrefix(tags[i], "B") {
					continue
				}
				j := i + 1
				for j < len(tags) && strings.HasPrefix(tags[j], "I") {
					j++
				}
				p.spans = append(p.spans, span{offsets[i], offsets[j]})
				if k == 0 { // knowledge spans name technologies
					if id, known := tax.Normalise(strings.Join(s.Tokens[i:j], " ")); known {
						p.gold[id] = true
					}
				}
				i = j - 1
			}
		}
	}
	var found, goldN, inside, hits int
	for _, key := range order {
		p := postings[key]
		got := map[string]bool{}
		for _, h := range tax.Extract(p.text.String()) {
			got[h.ID] = true
			hits++
			for _, sp := range p.spans {
				if h.Start < sp.end && h.End > sp.start {
					inside++
					break
				}
			}
		}
		for id := range p.gold {
			goldN++
			if got[id] {
				found++
			}
		}
	}
	t.Logf("SkillSpan test: %d postings, recall of taxonomy knowledge spans %.3f (%d/%d), hits inside a gold span %.3f (%d/%d)",
		len(order), float64(found)/float64(goldN), found, goldN, float64(inside)/float64(hits), inside, hits)
	if goldN == 0 || hits == 0 {
		t.Fatal("nothing to evaluate")
	}
}
