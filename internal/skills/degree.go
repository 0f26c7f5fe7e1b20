package skills

import (
	"github.com/jobpath/jobpath/internal/jobpath"
	"regexp"
	"strings"
)

// DegreeFinding is what a posting says about degrees, with the sentence that
// decided it ("" when unspecified).
type DegreeFinding struct {
	Value    jobpath.Degree `json:"value"`
	Sentence string         `json:"sentence,omitempty"`
}

var (
	// A degree as a qualification of the candidate. "Computer science" on its
	// own is a field of work, not a degree, and is not matched.
	degreeWord = regexp.MustCompile(`(?i)\b(degree|degrees|bachelor'?s?|bachelors|master'?s degree|masters degree|b\.?\s?s\.?c?\.?|b\.?\s?a\.?|b\.?\s?eng|m\.?\s?s\.?c?|m\.?\s?eng|ph\.?\s?d\.?s?|doctorate|diploma|undergraduate|graduate degree)(\s|$|[,.;:)/])`)
	// What makes "BS"/"MS"/"BA"/"PhD" a degree rather than an abbreviation:
	// a field or a degree context nearby.
	degreeContext = regexp.MustCompile(`(?i)\b(in|of)\s+(computer|cs\b|software|engineering|math|mathematics|physics|statistics|information|electrical|a\s+(related|relevant|technical|quantitative|stem)|related|relevant|technical|quantitative|stem|science|economics|data)|degree|or\s+(equivalent|higher|above)|/\s*(ms|m\.s|phd|bs|b\.s)\b|\b(bs|ms|ba|phd|bsc|msc)\s*(/|or|and)\s*(ms|phd|bs|msc|ma)\b|required|preferred|plus\b|bonus|nice to have|ideally`)
	notRequired   = regexp.MustCompile(`(?i)\b(no|without( a)?|not?\s+(a\s+)?(formal\s+)?|don'?t\s+(need|require|care about)(\s+a)?|doesn'?t\s+(need|require)(\s+a)?|regardless of( your)?|never mind( the)?)\s*(formal\s+|cs\s+|college\s+|university\s+|computer science\s+)?(degrees?|diplomas?|ph\.?d\.?s?)\b|\b(degrees?|diplomas?|ph\.?d\.?s?)\s+(is|are)?\s*(not\s+(required|necessary|needed|a requirement|mandatory)|optional|unnecessary)|\bself[- ]taught\s+(welcome|encouraged|engineers welcome|developers welcome|candidates welcome)|\b(we|i)\s+(don'?t|do not)\s+care\s+(about|where)\s+(degrees?|credentials|pedigree|where you went to school)`)
	equivalent    = regexp.MustCompile(`(?i)\bor\s+(an?\s+)?(equivalent|comparable|relevant|related|similar|commensurate)\s+(practical\s+|work\s+|professional\s+|industry\s+|hands[- ]on\s+|real[- ]world\s+)?(experience|background|output|track record|skills)|\bequivalent\s+(practical\s+|work\s+|professional\s+|industry\s+|hands[- ]on\s+|real[- ]world\s+)?(experience|output|track record)|\bin lieu of\b|\bor\s+\d+\+?\s+years|\bor\s+(proven|demonstrated)\s+(experience|ability|track)|\bexperience\s+(in lieu|instead)\b|\bor\s+equivalent\b`)
	preferred     = regexp.MustCompile(`(?i)\b(preferred|prefer|a plus|plus\b|nice[- ]to[- ]have|bonus|ideally|desired|desirable|is an advantage|an asset|helpful|welcome|beneficial|appreciated|not required but)\b`)
	// Degrees that belong to someone else: the team, the founders, users.
	othersDegrees = regexp.MustCompile(`(?i)\b(our|the)\s+(team|founders?|engineers|staff|researchers)\b.{0,60}\b(ph\.?d|degrees?|master)|\b(team|founders?)\s+(of|with|includes?|from)\b.{0,40}\bph\.?d|\bph\.?d\.?s?\s+(from|at|who)\b|\b(students?|graduates?)\s+(at|from|of)\s+|\bdegree\s+of\b|\b(360|180|90)[- ]degree|\bto\s+a\s+(large|great|high|certain)\s+degree`)
)

// sentences splits text into sentences and list items.
func sentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		start := 0
		for i := 0; i < len(line); i++ {
			if (line[i] == '.' || line[i] == ';' || line[i] == '!' || line[i] == '?') && (i+1 == len(line) || line[i+1] == ' ') {
				// Keep "B.S." and "Ph.D." together: a dot after a short token is not an end.
				if line[i] == '.' && i >= 1 && i-lastSpace(line[:i]) <= 3 {
					continue
				}
				if s := strings.TrimSpace(line[start : i+1]); s != "" {
					out = append(out, s)
				}
				start = i + 1
			}
		}
		if s := strings.TrimSpace(line[start:]); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func lastSpace(s string) int {
	i := strings.LastIndexAny(s, " (/")
	return i
}

// DetectDegree decides what a posting's plain text says about a degree. An
// explicit "no degree needed" wins; a degree sentence is then read for an
// alternative of experience, for softness, and otherwise is a requirement.
// Only the first sentence that speaks about the candidate's degree counts,
// so that a posting listing several roles is read for its first.
func DetectDegree(text string) DegreeFinding {
	ss := sentences(text)
	for _, s := range ss {
		if notRequired.MatchString(s) {
			return DegreeFinding{Value: jobpath.DegreeNotRequired, Sentence: s}
		}
	}
	for i, s := range ss {
		if !isDegreeSentence(s) {
			continue
		}
		// The alternative is often in the next sentence or item ("BS in CS.
		// Equivalent experience also considered.").
		next := ""
		if i+1 < len(ss) {
			next = ss[i+1]
		}
		switch {
		case equivalent.MatchString(s) || (equivalent.MatchString(next) && !isDegreeSentence(next)):
			return DegreeFinding{Value: jobpath.DegreeEquivalent, Sentence: s}
		case preferred.MatchString(s):
			return DegreeFinding{Value: jobpath.DegreePreferred, Sentence: s}
		default:
			return DegreeFinding{Value: jobpath.DegreeRequired, Sentence: s}
		}
	}
	return DegreeFinding{Value: jobpath.DegreeUnspecified}
}

func isDegreeSentence(s string) bool {
	loc := degreeWord.FindStringIndex(s)
	if loc == nil || othersDegrees.MatchString(s) {
		return false
	}
	w := strings.ToLower(strings.TrimSpace(s[loc[0]:loc[1]]))
	w = strings.TrimRight(w, ",.;:)/ ")
	if strings.HasPrefix(w, "degree") || strings.HasPrefix(w, "bachelor") || strings.HasPrefix(w, "master") || strings.HasPrefix(w, "doctorate") || strings.HasPrefix(w, "diploma") || strings.HasPrefix(w, "undergraduate") || strings.HasPrefix(w, "graduate") {
		return true
	}
	// Abbreviations need a field or degree context after them.
	return degreeContext.MatchString(s[loc[0]:])
}
