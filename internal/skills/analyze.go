package skills

import (
	"regexp"
	"slices"
	"strings"

	"github.com/jobpath/jobpath/internal/jobpath"
)

var _ jobpath.JobAnalyzer = (*Taxonomy)(nil)

// maxRequired bounds the skills read as required from one posting's text.
const maxRequired = 15

// CanonicalSkills implements jobpath.JobAnalyzer.
func (t *Taxonomy) CanonicalSkills(names []string) []string { return t.NormaliseAll(names) }

var (
	// preferredCue marks a sentence, or a section heading, of nice-to-haves.
	preferredCue = regexp.MustCompile(`(?i)\b(nice[- ]to[- ]haves?|bonus( points)?|a plus|plus\b|preferred|pluses|good to have|ideally|extra credit|not required|familiarity with .* helpful|helpful)\b`)
	heading      = regexp.MustCompile(`(?i)^\W*(requirements|what you|you have|you bring|must[- ]haves?|responsibilities|about|qualifications|who you are|the role|what we)`)
)

// AnalyzeJob implements jobpath.JobAnalyzer: skills in the title and in
// sentences without a nice-to-have cue are required, the others preferred.
func (t *Taxonomy) AnalyzeJob(title, description string) jobpath.JobAnalysis {
	text := PlainText(description)
	var a jobpath.JobAnalysis
	seen := map[string]bool{}
	add := func(id string, preferred bool) {
		if seen[id] {
			return
		}
		seen[id] = true
		if preferred {
			a.Skills.Preferred = append(a.Skills.Preferred, id)
		} else {
			a.Skills.Required = append(a.Skills.Required, id)
		}
	}
	for _, id := range t.ExtractIDs(title) {
		add(id, false)
	}
	prefSpans := preferredSpans(text)
	for _, h := range t.Extract(text) {
		if t.aside(text, h) {
			continue
		}
		add(h.ID, inSpans(prefSpans, h.Start))
	}
	// A role rarely needs more than a recruiter can check: past
	// maxRequired, what a posting lists is what it would like.
	if len(a.Skills.Required) > maxRequired {
		a.Skills.Preferred = append(slices.Clone(a.Skills.Required[maxRequired:]), a.Skills.Preferred...)
		a.Skills.Required = a.Skills.Required[:maxRequired]
	}
	s := DetectSeniority(title, text)
	a.Level, a.MinYears = s.Level, s.MinYears
	d := DetectDegree(title + "\n" + text)
	a.Degree = d.Value
	// Where each was read, for a person to check.
	a.Evidence = map[string]jobpath.Evidence{}
	if a.Level != "" {
		phrase := s.Evidence
		if strings.Contains(strings.ToLower(title), s.Word) {
			phrase = title
		}
		if e, ok := evidenceOf(title, text, phrase); ok {
			a.Evidence[jobpath.FieldLevel] = e
		}
	}
	if a.MinYears != nil {
		if e, ok := evidenceOf(title, text, s.YearsEvidence); ok {
			a.Evidence[jobpath.FieldMinYears] = e
		}
	}
	if d.Sentence != "" {
		if e, ok := evidenceOf(title, text, d.Sentence); ok {
			a.Evidence[jobpath.FieldDegree] = e
		}
	}
	return a
}

// evidenceOf locates phrase in the title, else in the text.
func evidenceOf(title, text, phrase string) (jobpath.Evidence, bool) {
	phrase = strings.TrimSpace(phrase)
	if phrase == "" {
		return jobpath.Evidence{}, false
	}
	if i := strings.Index(title, phrase); i >= 0 {
		return jobpath.Evidence{In: "title", Start: i, End: i + len(phrase), Text: phrase}, true
	}
	if i := strings.Index(text, phrase); i >= 0 {
		return jobpath.Evidence{In: "description", Start: i, End: i + len(phrase), Text: phrase}, true
	}
	return jobpath.Evidence{}, false
}

// preferredSpans returns byte ranges of text that list nice-to-haves: a
// sentence with a cue, or a section after a cue heading up to a blank line
// or the next heading.
func preferredSpans(text string) [][2]int {
	var spans [][2]int
	inSection := false
	pos := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		start, end := pos, pos+len(line)
		pos = end
		trim := strings.TrimSpace(line)
		switch {
		case trim == "":
			inSection = false
			continue
		case len(trim) < 60 && preferredCue.MatchString(trim) && (strings.HasSuffix(trim, ":") || len(strings.Fields(trim)) <= 4):
			inSection = true
			spans = append(spans, [2]int{start, end})
			continue
		case heading.MatchString(trim) && strings.HasSuffix(trim, ":"):
			inSection = false
		}
		if inSection {
			spans = append(spans, [2]int{start, end})
			continue
		}
		// Sentence by sentence within the line.
		s := start
		for _, sent := range splitSentences(line) {
			if preferredCue.MatchString(sent) {
				spans = append(spans, [2]int{s, s + len(sent)})
			}
			s += len(sent)
		}
	}
	return spans
}

// splitSentences splits a line after ". ", "; " and "! ", keeping every byte.
func splitSentences(line string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(line); i++ {
		if (line[i] == '.' || line[i] == ';' || line[i] == '!' || line[i] == '?') && line[i+1] == ' ' {
			out = append(out, line[start:i+1])
			start = i + 1
		}
	}
	return append(out, line[start:])
}

func inSpans(spans [][2]int, pos int) bool {
	for _, s := range spans {
		if pos >= s[0] && pos < s[1] {
			return true
		}
	}
	return false
}
