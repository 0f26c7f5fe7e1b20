package reading_test

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/reading"
	"github.com/jobpath/jobpath/internal/shareddata"
)

// fieldLabel is a posting labelled for every field a recruiter reads (rules
// in internal/skills/testdata/LABELLING.md, "The fields set").
type fieldLabel struct {
	ID             int64              `json:"id"`
	Role           string             `json:"role"`
	Remote         jobpath.RemoteMode `json:"remote"`
	Country        *string            `json:"country"`
	Salary         *jobpath.Salary    `json:"salary"`
	EmploymentType string             `json:"employment_type"`
	Level          jobpath.Level      `json:"level"`
	MinYears       *int               `json:"min_years"`
	Required       []string           `json:"required"`
	Preferred      []string           `json:"preferred"`
	Note           string             `json:"note"`
}

func loadFieldLabels(t *testing.T, file string) []fieldLabel {
	t.Helper()
	f, err := os.Open("../skills/testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []fieldLabel
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		var l fieldLabel
		if err := dec.Decode(&l); err != nil {
			t.Fatalf("%s:%d: %v", file, n, err)
		}
		out = append(out, l)
	}
	return out
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return first
}

// ratio is a share with its counts, for the figures printed with -v.
type ratio struct{ hit, of int }

func (r *ratio) add(ok bool) {
	r.of++
	if ok {
		r.hit++
	}
}

func (r ratio) value() float64 {
	if r.of == 0 {
		return 1
	}
	return float64(r.hit) / float64(r.of)
}

// TestEvaluateFields reads the labelled real postings as they arrive from
// an import, a title and a description only, and compares every field with
// what people read in them. The development set is the one the reader was
// improved against, and its misses are printed with -v; the held-out set
// was labelled later and is only ever summed up, so that its figures say
// how the reader does on postings nobody tuned it for.
func TestEvaluateFields(t *testing.T) {
	posts := shareddata.HNPostings(t)
	r := reader(t)
	t.Run("development", func(t *testing.T) {
		evaluateFields(t, r, posts, loadFieldLabels(t, "hn-fields.jsonl"), true)
	})
	t.Run("held-out", func(t *testing.T) {
		evaluateFields(t, r, posts, loadFieldLabels(t, "hn-fields-heldout.jsonl"), false)
	})
}

func evaluateFields(t *testing.T, r *reading.Reader, posts map[int64]string, labels []fieldLabel, show bool) {
	logf := func(format string, args ...any) {
		if show {
			t.Logf(format, args...)
		}
	}
	if len(labels) < 50 {
		t.Fatalf("%d labelled postings, want at least 50", len(labels))
	}
	var remote, country, salary, employment, level ratio
	var invented, falseCountry int
	var tp, fp, fn, gold, outside, agree, both int
	tax := taxonomy(t)
	spurious, missed := map[string]int{}, map[string]int{}
	for _, l := range labels {
		text, ok := posts[l.ID]
		if !ok {
			t.Fatalf("posting %d is not in the shared data", l.ID)
		}
		a := r.AnalyzeJob(firstLine(text), text)
		got := a.Remote
		if got == "" {
			got = jobpath.RemoteOnsite
		}
		remote.add(got == l.Remote)
		if got != l.Remote {
			logf("%d remote: got %s, labelled %s (%+v)", l.ID, got, l.Remote, a.Evidence[jobpath.FieldRemote])
		}
		gotCountry := ""
		if a.Location != nil {
			gotCountry = a.Location.Country
		}
		switch {
		case l.Country != nil:
			country.add(gotCountry == *l.Country)
			if gotCountry != *l.Country {
				logf("%d country: got %q, labelled %s (%+v)", l.ID, gotCountry, *l.Country, a.Evidence[jobpath.FieldLocation])
			}
		case gotCountry != "":
			falseCountry++
			logf("%d country: got %q where none is named (%+v)", l.ID, gotCountry, a.Evidence[jobpath.FieldLocation])
		}
		switch {
		case l.Salary != nil:
			ok := a.Salary != nil && *a.Salary == *l.Salary
			salary.add(ok)
			if !ok {
				logf("%d salary: got %+v, labelled %+v (%+v)", l.ID, a.Salary, *l.Salary, a.Evidence[jobpath.FieldSalary])
			}
		case a.Salary != nil:
			invented++
			logf("%d salary: got %+v where none is stated (%+v)", l.ID, *a.Salary, a.Evidence[jobpath.FieldSalary])
		}
		gotType := a.EmploymentType
		if gotType == "" {
			gotType = jobpath.EmploymentFullTime
		}
		employment.add(gotType == l.EmploymentType)
		if gotType != l.EmploymentType {
			logf("%d employment: got %s, labelled %s", l.ID, gotType, l.EmploymentType)
		}
		gotLevel := a.Level
		if gotLevel == "" {
			gotLevel = jobpath.LevelUnspecified
		}
		level.add(gotLevel == l.Level)
		if gotLevel != l.Level {
			logf("%d level: got %s, labelled %s (role %q)", l.ID, gotLevel, l.Level, l.Role)
		}

		// As in the skills evaluation: labels the taxonomy does not know
		// are counted apart, and a skill found implies what it implies
		// ("Django" names Python).
		want, wantPref := map[string]bool{}, map[string]bool{}
		for _, name := range l.Required {
			if id, known := tax.Normalise(name); known {
				want[id] = true
			} else {
				outside++
			}
		}
		for _, name := range l.Preferred {
			if id, known := tax.Normalise(name); !known {
				outside++
			} else if !want[id] {
				wantPref[id] = true
			}
		}
		gotReq, gotPref := a.Skills.Required, a.Skills.Preferred
		found := map[string]bool{}
		for _, s := range tax.Expand(append(slices.Clone(gotReq), gotPref...)) {
			found[s] = true
		}
		for _, s := range append(slices.Clone(gotReq), gotPref...) {
			if want[s] || wantPref[s] {
				tp++
				both++
				if slices.Contains(gotReq, s) == want[s] {
					agree++
				}
			} else {
				fp++
				spurious[s]++
				logf("%d skills: %s not asked for", l.ID, s)
			}
		}
		for _, set := range []map[string]bool{want, wantPref} {
			for s := range set {
				gold++
				if !found[s] {
					fn++
					missed[s]++
					logf("%d skills: %s missed", l.ID, s)
				}
			}
		}
	}
	precision := float64(tp) / float64(max(1, tp+fp))
	recall := float64(gold-fn) / float64(max(1, gold))
	recallAll := float64(gold-fn) / float64(max(1, gold+outside))
	agreement := float64(agree) / float64(max(1, both))
	t.Logf("%d postings: remote %.3f (%d/%d), country %.3f (%d/%d, %d named where none is), salary %.3f (%d/%d, %d invented), employment %.3f, level %.3f",
		len(labels), remote.value(), remote.hit, remote.of, country.value(), country.hit, country.of, falseCountry,
		salary.value(), salary.hit, salary.of, invented, employment.value(), level.value())
	t.Logf("skills precision %.3f recall %.3f (tp %d fp %d fn %d of %d), required vs preferred agreement %.3f; %d labels outside the taxonomy, recall of every label %.3f",
		precision, recall, tp, fp, fn, gold, agreement, outside, recallAll)
	logf("most spurious: %v", top(spurious, 30))
	logf("most missed: %v", top(missed, 40))

	targets := []struct {
		name      string
		got, want float64
	}{
		{"remote mode accuracy", remote.value(), 0.90},
		{"country accuracy where named", country.value(), 0.85},
		{"salary exact where stated", salary.value(), 0.90},
	}
	for _, tt := range targets {
		switch {
		case tt.got >= tt.want:
		case show:
			t.Errorf("%s %.3f, target %.2f", tt.name, tt.got, tt.want)
		default:
			// The held-out set is reported, not yet held to the targets:
			// see the figures above.
			t.Logf("%s %.3f, short of the target %.2f", tt.name, tt.got, tt.want)
		}
	}
	if invented > 0 {
		t.Errorf("a salary read in %d postings that state none", invented)
	}
}

// top lists the most counted keys, as "key:count".
func top(counts map[string]int, n int) []string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return strings.Compare(a, b)
	})
	out := make([]string, 0, n)
	for _, k := range keys[:min(n, len(keys))] {
		out = append(out, k+":"+strconv.Itoa(counts[k]))
	}
	return out
}
