// Package reading reads a posting as a recruiter does: besides the skills,
// level, years and degree the skills package finds, where the role is
// worked (remote, hybrid or onsite, and from where), where it is, what it
// pays and on what terms, each with the passage that says so.
//
// Most postings open with a header line of fields, "Company | Role |
// Location | Remote | Salary"; a header segment is read first, the text
// after it second.
package reading

import (
	"regexp"
	"strings"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/places"
	"github.com/jobpath/jobpath/internal/skills"
)

// allLevels in a title says the role is open at every level.
var allLevels = regexp.MustCompile(`(?i)\b(?:all|any|various|multiple) (?:levels|seniorit(?:y|ies))\b`)

// Reader reads postings.
type Reader struct {
	tax    *skills.Taxonomy
	places *places.Gazetteer
}

var _ jobpath.JobAnalyzer = (*Reader)(nil)

// New returns a reader that knows skills by tax and places by gaz.
func New(tax *skills.Taxonomy, gaz *places.Gazetteer) *Reader {
	return &Reader{tax: tax, places: gaz}
}

// CanonicalSkills implements jobpath.JobAnalyzer.
func (r *Reader) CanonicalSkills(names []string) []string { return r.tax.CanonicalSkills(names) }

// AnalyzeJob implements jobpath.JobAnalyzer.
func (r *Reader) AnalyzeJob(title, description string) jobpath.JobAnalysis {
	text := skills.PlainText(description)
	chosen, text := chooseRole(title, text)
	roleTitle := title
	if chosen != nil {
		roleTitle = chosen.title
	}
	a := r.tax.AnalyzeJob(roleTitle, text)
	// "Software Engineers (All levels)": no one level.
	if allLevels.MatchString(roleTitle) {
		a.Level = ""
	}
	p := newPosting(title, text, chosen)
	if a.Evidence == nil {
		a.Evidence = map[string]jobpath.Evidence{}
	}
	// The title read for level and years may be a role the text lists:
	// evidence found in it points into the text.
	for f, e := range a.Evidence {
		if e.In == "title" && roleTitle != title {
			if i := strings.Index(text, e.Text); i >= 0 {
				a.Evidence[f] = jobpath.Evidence{In: "description", Start: i, End: i + len(e.Text), Text: e.Text}
			} else {
				delete(a.Evidence, f)
			}
		}
	}
	if rm, ok := readRemote(p, r.places); ok {
		a.Remote, a.RemoteRegion = rm.mode, rm.region
		a.Evidence[jobpath.FieldRemote] = rm.at
	}
	if loc, ok := readLocation(p, r.places); ok {
		a.Location = &loc.loc
		a.Evidence[jobpath.FieldLocation] = loc.at
	}
	if s, ok := readSalary(p); ok {
		a.Salary = &s.salary
		a.Evidence[jobpath.FieldSalary] = s.at
	}
	if e, ok := readEmployment(p); ok {
		a.EmploymentType = e.kind
		a.Evidence[jobpath.FieldEmploymentType] = e.at
	}
	return a
}

// posting is a posting's text, cut into the places fields are read from.
type posting struct {
	title, text string
	// header is the segments of the header line, in the text or the
	// title, company first.
	header []span
	// body is the text after the header.
	body span
	// focus is what the chosen role's own lines say, when the posting
	// offers several.
	focus []span
}

// span is a passage of the title or the text.
type span struct {
	inTitle    bool
	start, end int
	s          string
}

func (p *posting) evidence(sp span, start, end int) jobpath.Evidence {
	in, src := "description", p.text
	if sp.inTitle {
		in, src = "title", p.title
	}
	// Widen to the sentence or header segment the words stand in, which is
	// what a person reads to check them.
	from, to := sentenceAround(src, sp.start+start, sp.start+end, sp)
	return jobpath.Evidence{In: in, Start: from, End: to, Text: src[from:to]}
}

func sentenceAround(src string, start, end int, sp span) (int, int) {
	from, to := start, end
	for from > sp.start && !strings.ContainsRune(".!?\n|", rune(src[from-1])) {
		from--
	}
	for to < sp.end && !strings.ContainsRune(".!?\n|", rune(src[to])) {
		to++
	}
	for from < to && strings.ContainsRune(" \t", rune(src[from])) {
		from++
	}
	for to > from && strings.ContainsRune(" \t\r", rune(src[to-1])) {
		to--
	}
	return from, to
}

// headerSeparators split a header line into fields.
const headerSeparators = "|•"

func newPosting(title, text string, chosen *role) *posting {
	p := &posting{title: title, text: text}
	first, _, _ := strings.Cut(text, "\n")
	if chosen != nil {
		// The chosen role's own line, and the heading of its group, say
		// more of it than anything else.
		p.focus = append(p.focus, chosen.line)
		if chosen.group != nil {
			p.focus = append(p.focus, *chosen.group)
		}
		if strings.Count(chosen.line.s, "|") >= 2 {
			first = text[:chosen.line.end]
		}
	}
	src, inTitle := text, false
	if !strings.ContainsAny(first, headerSeparators) && strings.ContainsAny(title, headerSeparators) {
		src, inTitle, first = title, true, title
	}
	if strings.ContainsAny(first, headerSeparators) {
		start := 0
		for i := 0; i <= len(first); i++ {
			if i == len(first) || strings.ContainsRune(headerSeparators, rune(first[i])) {
				seg := span{inTitle: inTitle, start: start, end: i, s: src[start:i]}
				if strings.TrimSpace(seg.s) != "" {
					p.header = append(p.header, seg)
				}
				start = i + 1
			}
		}
	}
	p.body = span{start: 0, end: len(text), s: text}
	if len(p.header) > 0 && !inTitle {
		p.body = span{start: len(first), end: len(text), s: text[len(first):]}
	}
	return p
}

// fields returns the passages fields are read from, most telling first:
// the title, the header segments, the body.
func (p *posting) fields() []span {
	out := append([]span(nil), p.focus...)
	if p.title != "" && (len(p.header) == 0 || !p.header[0].inTitle) && p.title != firstLine(p.text) {
		out = append(out, span{inTitle: true, start: 0, end: len(p.title), s: p.title})
	}
	if len(p.header) > 1 {
		out = append(out, p.header[1:]...)
	}
	// The company's segment comes after the others: it names places
	// ("Acme (Stockholm)") less often than the company itself.
	if len(p.header) > 0 {
		out = append(out, p.header[0])
	}
	return append(out, p.body)
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}
