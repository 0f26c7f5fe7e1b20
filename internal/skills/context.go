package skills

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Context rules for ambiguous words. A mention of a form marked
// needs_context counts only with evidence that it means the skill:
//
//   - list context: a neighbouring item of a list ("Python, Go and Rust",
//     "Go/Postgres", a bullet line of its own between skills) is a skill;
//   - a cue word nearby in the same sentence ("experience with Go", "Swift
//     developers", "written in Rust"), for words other than single letters;
//   - for human skills, a cue that it is asked for as a skill ("excellent
//     communication", "leadership skills").
//
// Fixed phrases in which the word is ordinary English ("go to market", "the
// rest of", "spring 2026", "R&D") are refused first.

// techCues are words that, near an ambiguous technology name, say it is one.
var techCues = setOf(
	"language", "languages", "lang", "programming", "program", "developer", "developers", "engineer", "engineers",
	"dev", "devs", "framework", "frameworks", "stack", "backend", "backends", "codebase", "code", "coding",
	"experience", "experienced", "proficiency", "proficient", "expertise", "expert", "knowledge", "familiarity", "familiar",
	"written", "write", "writing", "services", "service", "microservices", "sdk", "library", "libraries", "api", "apis",
	"app", "apps", "applications", "ios", "server", "servers", "server-side", "tooling", "runtime", "compiler",
	"skills", "fluency", "fluent", "build", "building", "built", "modern", "idiomatic", "concurrency", "goroutines",
	"using", "use", "uses", "with", "in", "on", "boot", "cloud", "junit", "gradle", "maven", "cargo", "crate", "crates",
	"typed", "static", "functional", "systems", "web", "mvc", "orm", "queries", "query", "statistical", "statistics",
	"shiny", "tidyverse", "ggplot2", "cran", "xcode", "swiftui", "uikit",
	"required", "plus", "preferred", "bonus", "frontend",
)

// weakCues are cues that count only for a name written with a capital
// ("in Rust", "with Go"), since they also surround ordinary words.
var weakCues = setOf("using", "use", "uses", "with", "in", "on", "build", "building", "built", "modern", "write", "writing", "written",
	"required", "plus", "preferred", "bonus", "frontend", "backend")

// humanCues say a human skill is asked for.
var humanCues = setOf(
	"skills", "skill", "excellent", "strong", "great", "good", "clear", "effective", "exceptional", "outstanding",
	"solid", "written", "verbal", "interpersonal", "proven", "demonstrated",
	"abilities", "ability", "oral", "superb", "stellar", "sense", "own", "owning",
)

// listSeparators join items of a list.
var listSeparators = setOf(",", "/", "(", ")", "and", "or", "+", "\n", "•", ";", "|", ":", "&")

// stopPhrases are ordinary-English uses of ambiguous forms, as the folded
// form followed by the words after it, or preceded by the word before it.
var (
	stopAfter = map[string][]string{
		"go":         {"to", "beyond", "live", "out", "through", "back", "ahead", "above", "far", "for", "get", "into", "over", "deep", "deeper", "fast", "further", "along", "the", "from", "after", "up", "down", "where", "all", "big", "hand", "together", "wrong", "away", "a", "an", "at", "with", "and", "getter", "getters", "faster", "slow", "market", "by", "it", "is", "on", "this", "that", "we", "our", "your", "you", "make", "pro", "after", "above", "places", "anywhere", "home", "remote", "public", "bold", "extra", "beyond"},
		"rest":       {"of", "assured", "easy"},
		"spring":     {"semester", "term", "break", "internship", "internships", "intern", "cohort", "quarter", "season", "2024", "2025", "2026", "2027", "2028"},
		"express":    {"interest", "your", "yourself", "our", "their", "gratitude", "concerns", "ideas", "themselves", "himself", "herself", "my", "opinions", "thoughts", "views", "intent", "complex", "lane", "delivery", "shipping", "entry", "checkout", "written", "consent"},
		"swift":      {"response", "action", "decisions", "decision", "growth", "feedback", "payments", "payment", "code", "network", "transfer", "transfers", "messages", "message", "and"},
		"r":          {"&", "d"},
		"c":          {"suite", "level", "corp", "corporation", "series"},
		"react":      {"to", "quickly", "fast", "when", "appropriately"},
		"lambda":     {"school", "labs"},
		"ruby":       {"red"},
		"elixir":     {"of"},
		"crystal":    {"clear", "ball"},
		"vault":      {"door", "doors"},
		"bun":        {"fight"},
		"ghost":      {"kitchen", "kitchens", "writer", "writers", "town"},
		"phoenix":    {"az", "arizona", "metro", "area", "office"},
		"leadership": {"team", "teams", "role", "roles", "position", "positions", "at", "of"},
	}
	stopBefore = map[string][]string{
		"go":         {"to", "will", "can", "let", "lets", "let's", "we", "you", "they", "i", "and", "must", "should", "could", "would", "might", "the", "on", "a", "and", "or", "gonna", "ready", "got", "there", "of", "it's", "ll", "may", "please", "don't", "dont", "not", "never", "always", "then", "just", "also", "often", "could", "first", "now", "future", "stop", "no", "that", "who", "which", "where", "one"},
		"rest":       {"the", "a", "at", "no", "some", "for", "and"},
		"spring":     {"this", "next", "last", "in", "of", "early", "late", "the"},
		"swift":      {"a", "be", "is", "are", "and", "taylor"},
		"c":          {"series", "serie", "grade", "vitamin", "plan", "round", "class", "type", "team", "level", "section", "part", "and", "&", "b", "ab"},
		"r":          {"series", "d", "&", "p", "q"},
		"express":    {"to", "can", "and", "we", "you", "american", "or", "is", "an", "they", "freely", "clearly", "better", "please", "i", "let", "must"},
		"react":      {"to", "how", "and", "can", "we", "you", "quickly", "will", "must"},
		"rails":      {"guard", "guardrails", "on", "the", "safety"},
		"crystal":    {"a"},
		"leadership": {"technical", "engineering", "thought", "senior", "our", "the", "company", "executive", "product", "team", "with", "and", "from", "by", "of", "to"},
	}
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// disambiguate drops mentions of ambiguous forms that lack evidence.
// self reads a person's words about themselves, whose human skills need no
// cue.
func (t *Taxonomy) disambiguate(toks []token, hits []Hit, self bool) []Hit {
	if len(hits) == 0 {
		return hits
	}
	// Which token starts or ends an accepted hit: for list context.
	accepted := make([]bool, len(hits))
	pending := false
	byFirst := make(map[int]int, len(hits))
	byLast := make(map[int]int, len(hits))
	for i, h := range hits {
		byFirst[h.first] = i
		byLast[h.last] = i
		if !t.ambiguous[h.form] || self && t.soft(h.ID) {
			accepted[i] = true
			continue
		}
		if t.stopped(toks, h) {
			continue
		}
		if t.cued(toks, h) {
			accepted[i] = true
			continue
		}
		pending = true
	}
	// List context spreads from accepted items to their neighbours, so
	// "Python, Go, Rust" accepts Rust through Go. Neighbours form chains
	// along the text: one pass forward and one backward reach every item
	// connected to an accepted one, in linear time.
	if pending {
		spread := func(i int) {
			h := hits[i]
			if accepted[i] || !t.ambiguous[h.form] || t.stopped(toks, h) || t.soft(h.ID) {
				return
			}
			if j, ok := listNeighbour(toks, h.first, -1, byLast); ok && accepted[j] {
				accepted[i] = true
				return
			}
			if j, ok := listNeighbour(toks, h.last, +1, byFirst); ok && accepted[j] {
				accepted[i] = true
			}
		}
		for i := range hits {
			spread(i)
		}
		for i := len(hits) - 1; i >= 0; i-- {
			spread(i)
		}
	}
	out := hits[:0]
	for i, h := range hits {
		if accepted[i] {
			out = append(out, h)
		}
	}
	return out
}

// soft reports whether a skill is a human one: its area is collaboration,
// judgement or growth, where context cues differ from technology's.
func (t *Taxonomy) soft(id string) bool {
	switch t.Area(id) {
	case "collaboration", "judgement", "growth":
		return true
	}
	return false
}

// listNeighbour returns the hit whose edge token is reached from token i by
// stepping dir over at most two list separators and no words.
func listNeighbour(toks []token, i, dir int, edges map[int]int) (int, bool) {
	seps := 0
	for k := i + dir; k >= 0 && k < len(toks); k += dir {
		if listSeparators[toks[k].low] {
			seps++
			if seps > 2 {
				return 0, false
			}
			continue
		}
		if seps == 0 {
			return 0, false
		}
		j, ok := edges[k]
		return j, ok
	}
	return 0, false
}

// stopped reports whether the mention is part of an ordinary-English phrase.
func (t *Taxonomy) stopped(toks []token, h Hit) bool {
	capital := h.Text != strings.ToLower(h.Text)
	if h.last+1 < len(toks) {
		next := toks[h.last+1]
		if next.low == "&" || next.low == "'" {
			return true
		}
		// "Go and PostgreSQL": a capitalised name before a list joiner may
		// be an item of the list; the list, not a stop phrase, decides.
		if capital && (next.low == "and" || next.low == "or") {
			goto before
		}
		// "Go on AWS": a capitalised name on a capitalised platform is the
		// stack, not "go on to".
		if capital && next.low == "on" && h.last+2 < len(toks) && isCapitalised(toks[h.last+2].text) {
			goto before
		}
		// "the Rust Belt": a capitalised name that runs on into another
		// capitalised word, neither a skill nor a cue, is part of a proper
		// name.
		if capital && !next.punct && isCapitalised(next.text) && !techCues[next.low] && !t.knownForm(next.low) {
			return true
		}
		for _, w := range stopAfter[h.form] {
			if next.low == w {
				return true
			}
		}
	}
before:
	if h.first > 0 {
		prev := toks[h.first-1].low
		// "TypeScript and React": a capitalised name after a list joiner is
		// an item of the list, not the verb of "and react to".
		if (prev == "and" || prev == "or") && capital {
			return false
		}
		for _, w := range stopBefore[h.form] {
			if prev == w {
				return true
			}
		}
	}
	return false
}

// cued reports whether a cue word near the mention, in the same sentence,
// says it is the skill.
func (t *Taxonomy) cued(toks []token, h Hit) bool {
	human := t.soft(h.ID)
	if !human && len([]rune(h.form)) == 1 {
		return false // single letters (C, R) only ever count in lists
	}
	capital := h.Text != strings.ToLower(h.Text)
	if !human && !capital {
		return false // "rust", "swift", "express" in lower case are words unless listed among skills
	}
	const window = 3
	check := func(k int) (bool, bool) { // (cue found, stop scanning)
		tk := toks[k]
		if tk.punct && (tk.low == "." || tk.low == "\n") {
			return false, true
		}
		if human {
			return humanCues[tk.low], false
		}
		if techCues[tk.low] && (capital || !weakCues[tk.low]) {
			return true, false
		}
		return false, false
	}
	for k, n := h.first-1, 0; k >= 0 && n < window; k, n = k-1, n+1 {
		if found, stop := check(k); found {
			return true
		} else if stop {
			break
		}
	}
	for k, n := h.last+1, 0; k < len(toks) && n < window; k, n = k+1, n+1 {
		if found, stop := check(k); found {
			return true
		} else if stop {
			break
		}
	}
	return false
}

func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// knownForm reports whether a folded word names a skill by itself.
func (t *Taxonomy) knownForm(w string) bool {
	_, ok := t.forms[Fold(w)]
	return ok
}
