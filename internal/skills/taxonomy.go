// Package skills is the board's vocabulary: the skill taxonomy (loaded from
// data/skills.yaml), normalisation of what people type ("golang" -> go),
// extraction of skills from posting and profile text with the evidence for
// each hit, and detection of a posting's degree requirement and seniority.
// It is pure: no I/O beyond parsing the bytes it is given.
package skills

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Skill is one canonical skill.
type Skill struct {
	ID           string   `yaml:"id" json:"id"`
	Name         string   `yaml:"name" json:"name"`
	Category     string   `yaml:"category" json:"category"`
	Aliases      []string `yaml:"aliases" json:"aliases,omitempty"`
	NeedsContext []string `yaml:"needs_context" json:"-"`
	Implies      []string `yaml:"implies" json:"implies,omitempty"`
}

// Category groups skills and places them in a competency area of the career
// trajectory.
type Category struct {
	ID   string `yaml:"id" json:"id"`
	Area string `yaml:"area" json:"area"`
}

type file struct {
	Categories []Category `yaml:"categories"`
	Skills     []Skill    `yaml:"skills"`
}

// Taxonomy is a validated set of skills. It is immutable after Parse and safe
// for concurrent use.
type Taxonomy struct {
	skills     []Skill
	byID       map[string]*Skill
	categories map[string]Category
	// forms maps every normalised surface form (id, name, alias) to its skill id.
	forms map[string]string
	// ambiguous holds surface forms that count in free text only in context.
	ambiguous map[string]bool
	trie      *node
	closure   map[string][]string // id -> ids it implies, transitively
}

var validID = regexp.MustCompile(`^[a-z0-9.][a-z0-9.+#/-]*$`)

// Parse reads and validates a taxonomy: unique ids, declared categories, no
// surface form on two skills, no unknown or cyclic implies.
func Parse(src []byte) (*Taxonomy, error) {
	var f file
	if err := yaml.Unmarshal(src, &f); err != nil {
		return nil, fmt.Errorf("skills: parse taxonomy: %w", err)
	}
	t := &Taxonomy{
		skills:     f.Skills,
		byID:       make(map[string]*Skill, len(f.Skills)),
		categories: make(map[string]Category, len(f.Categories)),
		forms:      make(map[string]string),
		ambiguous:  make(map[string]bool),
		trie:       &node{},
		closure:    make(map[string][]string, len(f.Skills)),
	}
	var errs []error
	for _, c := range f.Categories {
		t.categories[c.ID] = c
	}
	for i := range t.skills {
		s := &t.skills[i]
		switch {
		case !validID.MatchString(s.ID):
			errs = append(errs, fmt.Errorf("skill %q: invalid id", s.ID))
		case t.byID[s.ID] != nil:
			errs = append(errs, fmt.Errorf("skill %q: duplicate id", s.ID))
		}
		if s.Name == "" {
			errs = append(errs, fmt.Errorf("skill %q: no name", s.ID))
		}
		if _, ok := t.categories[s.Category]; !ok {
			errs = append(errs, fmt.Errorf("skill %q: undeclared category %q", s.ID, s.Category))
		}
		t.byID[s.ID] = s
	}
	// Ids and names first, so that an alias clashing with another skill's
	// name is reported as the alias's fault.
	for pass := 0; pass < 2; pass++ {
		for i := range t.skills {
			s := &t.skills[i]
			forms := []string{s.ID, s.Name}
			if pass == 1 {
				forms = s.Aliases
			}
			for _, f := range forms {
				k := Fold(f)
				if k == "" {
					errs = append(errs, fmt.Errorf("skill %q: empty form %q", s.ID, f))
					continue
				}
				if other, ok := t.forms[k]; ok && other != s.ID {
					errs = append(errs, fmt.Errorf("form %q is on both %q and %q", f, other, s.ID))
					continue
				}
				t.forms[k] = s.ID
			}
		}
	}
	for i := range t.skills {
		s := &t.skills[i]
		for _, f := range s.NeedsContext {
			k := Fold(f)
			if t.forms[k] != s.ID {
				errs = append(errs, fmt.Errorf("skill %q: needs_context form %q is not one of its forms", s.ID, f))
			}
			t.ambiguous[k] = true
		}
		for _, im := range s.Implies {
			if t.byID[im] == nil {
				errs = append(errs, fmt.Errorf("skill %q: implies unknown skill %q", s.ID, im))
			}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("skills: invalid taxonomy: %w", errors.Join(errs...))
	}
	for i := range t.skills {
		cl, err := t.implied(t.skills[i].ID, map[string]int{})
		if err != nil {
			return nil, fmt.Errorf("skills: invalid taxonomy: %w", err)
		}
		t.closure[t.skills[i].ID] = cl
	}
	for form, id := range t.forms {
		t.trie.insert(tokenize(form), id, form)
	}
	return t, nil
}

// implied returns the ids s implies, transitively, sorted; an error on a cycle.
// state: 1 = on the current path, 2 = done.
func (t *Taxonomy) implied(id string, state map[string]int) ([]string, error) {
	if cl, ok := t.closure[id]; ok {
		return cl, nil
	}
	state[id] = 1
	set := map[string]bool{}
	for _, im := range t.byID[id].Implies {
		if state[im] == 1 {
			return nil, fmt.Errorf("implies cycle through %q and %q", id, im)
		}
		set[im] = true
		sub, err := t.implied(im, state)
		if err != nil {
			return nil, err
		}
		for _, s := range sub {
			set[s] = true
		}
	}
	state[id] = 2
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	t.closure[id] = out
	return out, nil
}

// Len is the number of skills.
func (t *Taxonomy) Len() int { return len(t.skills) }

// Skills returns every skill, in file order.
func (t *Taxonomy) Skills() []Skill { return append([]Skill(nil), t.skills...) }

// Skill returns the skill with id.
func (t *Taxonomy) Skill(id string) (Skill, bool) {
	s, ok := t.byID[id]
	if !ok {
		return Skill{}, false
	}
	return *s, true
}

// Area returns the competency area of a skill, or "" for free tags.
func (t *Taxonomy) Area(id string) string {
	s, ok := t.byID[id]
	if !ok {
		return ""
	}
	return t.categories[s.Category].Area
}

// Implied returns the skills id implies, transitively (django -> python).
func (t *Taxonomy) Implied(id string) []string { return t.closure[id] }

// Expand returns ids together with everything they imply, de-duplicated,
// in first-seen order.
func (t *Taxonomy) Expand(ids []string) []string {
	seen := make(map[string]bool, len(ids))
	out := make([]string, 0, len(ids))
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, id := range ids {
		add(id)
		for _, im := range t.closure[id] {
			add(im)
		}
	}
	return out
}

// versionSuffix matches a trailing version ("python 3.12", "java17", "go 1.22.x").
var versionSuffix = regexp.MustCompile(`\s*v?\d+(\.\d+|\.x)*\+?$`)

// Normalise maps what someone typed to a canonical skill id. Unknown skills
// are kept as free tags in folded form, never dropped; known reports which.
func (t *Taxonomy) Normalise(name string) (id string, known bool) {
	k := Fold(name)
	if id, ok := t.forms[k]; ok {
		return id, true
	}
	if v := strings.TrimSpace(versionSuffix.ReplaceAllString(k, "")); v != "" && v != k {
		if id, ok := t.forms[v]; ok {
			return id, true
		}
	}
	return k, false
}

// NormaliseAll normalises names, dropping empty ones and duplicates.
func (t *Taxonomy) NormaliseAll(names []string) []string {
	out := make([]string, 0, len(names))
	seen := make(map[string]bool, len(names))
	for _, n := range names {
		id, _ := t.Normalise(n)
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, id)
	}
	return out
}

// Fold is the comparison form of a surface string: lower case, single
// spaces, hyphens and underscores as spaces.
func Fold(s string) string {
	s = strings.ToLower(s)
	s = strings.NewReplacer("-", " ", "_", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// Suggest returns up to limit skills whose id, name or an alias starts with
// prefix, best first by rank (higher is better), then by name.
func (t *Taxonomy) Suggest(prefix string, limit int, rank func(id string) float64) []Skill {
	p := Fold(prefix)
	if p == "" || limit <= 0 {
		return nil
	}
	type hit struct {
		s     *Skill
		exact bool
		score float64
	}
	seen := map[string]bool{}
	var hits []hit
	for form, id := range t.forms {
		if !strings.HasPrefix(form, p) || seen[id] {
			continue
		}
		seen[id] = true
		h := hit{s: t.byID[id], exact: form == p}
		if rank != nil {
			h.score = rank(id)
		}
		hits = append(hits, h)
	}
	sort.Slice(hits, func(i, j int) bool {
		a, b := hits[i], hits[j]
		if a.exact != b.exact {
			return a.exact
		}
		if a.score != b.score {
			return a.score > b.score
		}
		return a.s.Name < b.s.Name
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	out := make([]Skill, len(hits))
	for i, h := range hits {
		out[i] = *h.s
	}
	return out
}

// Forms returns the surface forms of a skill that mean it in any text: its
// name and aliases, without the ambiguous ones.
func (t *Taxonomy) Forms(id string) []string {
	s, ok := t.byID[id]
	if !ok {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	// The id too: Kafka is named "Apache Kafka" but written "Kafka".
	for _, f := range append([]string{s.Name, strings.ReplaceAll(s.ID, "-", " ")}, s.Aliases...) {
		k := Fold(f)
		if t.ambiguous[k] || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, f)
	}
	return out
}

// QuerySkills reads a search query: every run of up to three words that
// names a skill (ambiguous words included: someone searching "go" means Go)
// becomes that skill; the other words are returned as they are.
func (t *Taxonomy) QuerySkills(q string) (ids []string, rest []string) {
	words := strings.Fields(q)
	seen := map[string]bool{}
	for i := 0; i < len(words); {
		matched := false
		for n := min(3, len(words)-i); n >= 1; n-- {
			if id, known := t.Normalise(strings.Join(words[i:i+n], " ")); known {
				if !seen[id] {
					seen[id] = true
					ids = append(ids, id)
				}
				i += n
				matched = true
				break
			}
		}
		if !matched {
			rest = append(rest, words[i])
			i++
		}
	}
	return ids, rest
}

// Closest returns the surface form nearest to word within maxDist edits, and
// its skill: for suggesting "postgres" when someone typed "postgress". Words
// shorter than five letters are never corrected; they are too often right.
// Of forms as near, the one whose skill rank (demand, say) puts higher wins,
// then the longer form, in which an edit weighs less ("postgrs" is
// "postgres", not "postgis"). rank may be nil.
func (t *Taxonomy) Closest(word string, maxDist int, rank func(id string) float64) (form, id string) {
	w := Fold(word)
	if len([]rune(w)) < 5 {
		return "", ""
	}
	best, bestRank := maxDist+1, 0.0
	for f, sid := range t.forms {
		if t.ambiguous[f] {
			continue
		}
		d := EditDistance(w, f, best)
		if d > maxDist || d > best {
			continue
		}
		r := 0.0
		if rank != nil {
			r = rank(sid)
		}
		better := d < best || r > bestRank ||
			r == bestRank && (len(f) > len(form) || len(f) == len(form) && f < form)
		if better {
			best, bestRank, form, id = d, r, f, sid
		}
	}
	if best > maxDist {
		return "", ""
	}
	return form, id
}

// EditDistance is the Levenshtein distance of a and b, or max+1 once it
// exceeds max.
func EditDistance(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
