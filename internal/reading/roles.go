package reading

import (
	"regexp"
	"slices"
	"strings"
)

// Many postings offer several roles: header lines one per role, or a list
// of titles ("* Lead Backend Engineer (Go) - https://..."). The fields of
// one role are read for the job: the first back-end role, else the first
// software engineering role, else the first role (the rules people label
// by). The other roles' lines are blanked out of the text, so that they
// lend it neither skills nor level nor pay, and what the chosen role's own
// line (and the heading of its group) says comes before what the posting
// says for all of them.

var (
	// bulletPrefix is what stands before a title in a list: a bullet or a
	// number, a tag ("[Leadership]"), the years asked ("8+ yrs - ").
	bulletPrefix = regexp.MustCompile(`^\s*(?:[-*•·–—>+]+|\d{1,2}[.)])?\s*(?:\[[^\]\n]{1,30}\]\s*)?(?:\d{1,2}\+?\s*(?:yrs?|years?)\s*[-–—:]\s*)?`)
	// leadEnd ends the title part of a role line.
	leadEnd  = regexp.MustCompile(`\s+[-–—→|@]\s|\s*[(\[:|]|\s+https?://|\s+\$`)
	roleNoun = regexp.MustCompile(`(?i)\b(?:engineers?|developers?|swes?|sres?|programmers?|designers?|managers?|scientists?|architects?|leads?|analysts?|researchers?|recruiters?|directors?|head of|vp|cto|interns?|account executives?|advocates?|specialists?|marketers?|consultants?|administrators?|technicians?|writers?|devops|founding engineer)\b`)
	// notATitle are the words of a sentence, never of a job title.
	notATitle = regexp.MustCompile(`(?i)\b(?:we|we're|you|your|our|us|is|are|be|will|looking|hiring|join|apply|help|build|work|want|need|seeking|here|this|that|who|if|can|have|has|about|see|all|open|roles|positions)\b`)
	backEnd   = regexp.MustCompile(`(?i)\b(?:back[- ]?end|backend|platform|infra(?:structure)?|sre|site reliability|devops|data engineer(?:ing)?|full[- ]?stack|distributed systems|systems engineer|api|server|cloud|reliability)\b`)
	software  = regexp.MustCompile(`(?i)\b(?:software|engineers?|developers?|swes?|programmers?)\b`)
	// sharedHeading opens what a posting says of all its roles.
	sharedHeading = regexp.MustCompile(`(?i)^\W*(?:about|why|benefits|perks|what we offer|we offer|how to apply|to apply|apply|interested|contact|who we are|our (?:team|culture|values|mission)|the company|hiring process|interview|tech stack|stack|compensation|we are|we're|at [A-Z])`)
	// leading roles manage or hire rather than build.
	leading = regexp.MustCompile(`(?i)\b(?:manager|director|head of|vp|recruit\w*)\b`)
	// qualified roles are software work other than the back end: the
	// front end, mobile, machine learning; or no software work at all.
	qualified = regexp.MustCompile(`(?i)\b(?:front[- ]?end|frontend|mobile|ios|android|ml|machine learning|ai|web|data scien\w*|design\w*|ux|ui|manager|management|director|head of|vp|recruit\w*|sales|marketing|advocate|support)\b`)
)

// role is one role a posting offers.
type role struct {
	title string
	line  span // its own line
	// section is its line and the lines that describe it, up to the next
	// role or a heading of the whole posting ("Benefits", "How to apply").
	section span
	group   *span // the heading of the group it is listed under, if any
	// header: the line is a header line of fields.
	header bool
}

// findRoles lists the roles a posting offers on lines of their own: header
// lines ("Acme | Senior Engineer | Remote"), one per role, and list items
// or headings whose title part is a job title. Fewer than two is one role.
func findRoles(text string) []role {
	var lines []span
	pos := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		body := strings.TrimRight(line, "\r\n")
		lines = append(lines, span{start: pos, end: pos + len(body), s: body})
		pos += len(line)
	}
	titles := make([]string, len(lines))
	isRole := make([]bool, len(lines))
	for i, ln := range lines {
		titles[i], isRole[i] = roleTitle(ln.s)
	}
	var out []role
	var heading *span
	open := false // the lines that follow describe the last role
	for i, ln := range lines {
		body := strings.TrimSpace(ln.s)
		switch {
		case body == "":
			heading, open = nil, false
		case isRole[i]:
			header := strings.Count(ln.s, "|") >= 2
			out = append(out, role{title: titles[i], line: ln, section: ln, group: heading, header: header})
			// A header line says all it says of its role; a title in a
			// list may be followed by its description.
			open = !header
		case strings.HasSuffix(body, ":") && len(body) < 120 && i+1 < len(lines) && isRole[i+1]:
			// A short line ending in a colon heads the roles listed under
			// it ("Atlanta, US (1 day a week in office):").
			h := ln
			heading, open = &h, false
		case open && !sharedHeading.MatchString(body) && strings.Trim(body, "-–—=_* ") != "":
			last := &out[len(out)-1]
			last.section.end = ln.end
			last.section.s = text[last.section.start:ln.end]
		default:
			open = false
		}
	}
	// One header line beside a list of roles names them all ("Acme | 1x
	// Infrastructure Engineer + 2x ML Engineer | ..."): the list says which.
	headers := 0
	for _, r := range out {
		if r.header {
			headers++
		}
	}
	if headers == 1 && len(out) > 2 {
		out = slices.DeleteFunc(out, func(r role) bool { return r.header })
	}
	return out
}

// roleTitle returns the title of a role line, or false.
func roleTitle(line string) (string, bool) {
	if strings.Count(line, "|") >= 2 {
		// A header line: the role is the second field.
		f := strings.Split(line, "|")
		t := strings.TrimSpace(f[1])
		return t, roleNoun.MatchString(t) && !notATitle.MatchString(t)
	}
	rest := line[len(bulletPrefix.FindString(line)):]
	lead := rest
	m := leadEnd.FindStringIndex(rest)
	if m != nil {
		lead = rest[:m[0]]
	}
	// A long line is a paragraph, unless a short title opens it.
	if len(line) > 240 && (m == nil || m[0] > 80) {
		return "", false
	}
	lead = strings.TrimSpace(lead)
	words := strings.Fields(lead)
	if len(words) == 0 || len(words) > 8 || lead[0] < 'A' || lead[0] > 'Z' {
		return "", false
	}
	// A title stands alone on its line, or before its details; a line that
	// goes on as a sentence is prose.
	if lead == strings.TrimSpace(rest) && strings.HasSuffix(lead, ".") {
		return "", false
	}
	return lead, roleNoun.MatchString(lead) && !notATitle.MatchString(lead)
}

// pickRole chooses the role whose fields are read.
func pickRole(roles []role) int {
	for i, r := range roles {
		if backEnd.MatchString(r.title) && !leading.MatchString(r.title) ||
			software.MatchString(r.title) && !qualified.MatchString(r.title) {
			return i
		}
	}
	for i, r := range roles {
		if software.MatchString(r.title) && !leading.MatchString(r.title) && !strings.Contains(strings.ToLower(r.title), "design") {
			return i
		}
	}
	return 0
}

// blankOut returns text with the spans replaced by spaces, keeping every
// offset and line break.
func blankOut(text string, spans []span) string {
	b := []byte(text)
	for _, sp := range spans {
		for i := sp.start; i < sp.end && i < len(b); i++ {
			if b[i] != '\n' {
				b[i] = ' '
			}
		}
	}
	return string(b)
}

// chooseRole picks the role of a posting that offers several, and returns
// the text with the other roles blanked out. A title that names a role of
// its own decides; a title that is the posting's first line (as imports
// give it) leaves the choice to the text.
func chooseRole(title, text string) (*role, string) {
	roles, inHeader := findRoles(text), headerRoles(text)
	if len(roles) < 2 {
		roles = inHeader
	}
	if len(roles) < 2 {
		return nil, text
	}
	k := -1
	if title != firstLine(text) {
		t, ok := roleTitle(title)
		if !ok {
			t, ok = strings.TrimSpace(title), roleNoun.MatchString(title)
		}
		if ok {
			for i, r := range roles {
				if strings.EqualFold(r.title, t) {
					k = i
				}
			}
			if k < 0 {
				return nil, text // the title's role is not among those listed
			}
		}
	}
	if k < 0 {
		k = pickRole(roles)
	}
	chosen := roles[k]
	var others []span
	for i, r := range roles {
		if i == k {
			continue
		}
		others = append(others, r.section)
		if r.group != nil && (chosen.group == nil || *r.group != *chosen.group) {
			others = append(others, *r.group)
		}
	}
	// A header's role field that lists the roles keeps only the chosen
	// one's kind: "1x Infrastructure Engineer + 2x AI/ML Engineer" read for
	// the infrastructure role loses the ML engineer.
	if chosen.line.start > 0 || !chosen.header {
		for _, r := range inHeader {
			if !sameKind(r.title, chosen.title) {
				others = append(others, r.line)
			}
		}
	}
	return &chosen, blankOut(text, others)
}

// sameKind reports whether two role titles are of one kind for choosing:
// both back-end (or unqualified software) roles, or both not.
func sameKind(a, b string) bool {
	kind := func(t string) bool {
		return backEnd.MatchString(t) && !leading.MatchString(t) || software.MatchString(t) && !qualified.MatchString(t)
	}
	return kind(a) == kind(b)
}

// roleSeparator joins the roles a header field lists: "AI Engineer, Senior
// Designer", "Backend Engineer & Data Scientist", "1x Infra Engineer + 2x
// ML Engineer".
var roleSeparator = regexp.MustCompile(`\s*(?:,|&|\+|;|\band\b)\s*|\s+/\s+`)

// headerRoles lists the roles the role field of a header line names, when
// it names several, each a role of its own: choosing one blanks the others'
// names out of the header.
func headerRoles(text string) []role {
	first := firstLine(text)
	if strings.Count(first, "|") < 2 {
		return nil
	}
	f := strings.Split(first, "|")
	start := len(f[0]) + 1
	field := f[1]
	var out []role
	pos := 0
	for _, m := range append(roleSeparator.FindAllStringIndex(field, -1), []int{len(field), len(field)}) {
		part := field[pos:m[0]]
		t := strings.TrimSpace(part)
		from := start + pos + strings.Index(part, t)
		pos = m[1]
		if t == "" {
			continue
		}
		if !roleNoun.MatchString(t) || notATitle.MatchString(t) {
			return nil // "Staff, Fullstack & Frontend Engineers": one title, many levels
		}
		sp := span{start: from, end: from + len(t), s: t}
		out = append(out, role{title: t, line: sp, section: sp})
	}
	return out
}
