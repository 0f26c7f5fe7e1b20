package skills

import (
	"github.com/jobpath/jobpath/internal/jobpath"
	"regexp"
	"strconv"
	"strings"
)

// Seniority is what a posting says about the level of its role: the level,
// the word that decided it (junior, new grad, mid, senior, staff, principal,
// lead, ... or a number of years), and the fewest years of experience asked.
type Seniority struct {
	Level    jobpath.Level `json:"level,omitempty"`
	Word     string        `json:"word,omitempty"`
	MinYears *int          `json:"min_years,omitempty"`
	Evidence string        `json:"evidence,omitempty"`
	// YearsEvidence is the phrase that asks for MinYears.
	YearsEvidence string `json:"years_evidence,omitempty"`
}

// levelWords, in the order they are tried at each position; the first level
// word in the title (or text) decides.
var levelWords = []struct {
	re    *regexp.Regexp
	level jobpath.Level
}{
	{regexp.MustCompile(`(?i)\b(intern|internship|junior|jr\.?|entry[- ]level|new[- ]grads?|graduate (engineer|developer|programme|program)|early[- ]career|apprentice|associate (software )?(engineer|developer))\b`), jobpath.LevelJunior},
	{regexp.MustCompile(`(?i)\b(mid[- ]level|mid[- ]senior|intermediate|(engineer|developer|sde|swe)\s+ii)\b`), jobpath.LevelMid},
	{regexp.MustCompile(`(?i)\b(senior|sr\.?|(engineer|developer|sde|swe)\s+iii)\b`), jobpath.LevelSenior},
	{regexp.MustCompile(`(?i)\b(staff|principal|lead|leads|tech lead|team lead|head of|architect|engineering manager|manager|director|vp|vice president|cto|chief technology officer)\b`), jobpath.LevelLead},
}

var (
	// roleTitle is a role with a level in running text: "Senior Backend
	// Engineer", "Staff Software Engineer", "Head of Platform".
	roleTitle = regexp.MustCompile(`(?i)\b(?:senior|sr\.?|staff|principal|lead|junior|jr\.?|entry[- ]level|mid[- ]level|intermediate)(?:\s*/\s*(?:senior|staff|principal|lead))?\s+(?:[a-z/&+.-]+\s+){0,3}?(?:engineers?|developers?|scientists?|architects?|sres?|researchers?|programmers?|designers?|analysts?|managers?|devops)\b|\b(?:engineers?|developers?)\s*\((?:senior|staff|principal|lead|junior)\b|\b(?:tech|team|engineering)\s+lead\b`)
	// notARole precedes a level word that describes people, not the role
	// ("a team of senior developers", "more senior engineers").
	notARole = regexp.MustCompile(`(?i)\b(of|more|other|our|with|both|and|from|by|alongside|among)\s+$`)
	// staffMember is "Member of Technical Staff", a title without a level.
	staffMember = regexp.MustCompile(`(?i)\bmember of (the )?technical staff\b|\bmts\b`)
	numberWords = map[string]int{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15}
	// "5+ years", "3-5 years", "at least five years", "5+ yrs", "3 years
	// of back-end work"; the experience words after it keep "10 years of
	// history" out.
	yearsRe      = regexp.MustCompile(`(?i)\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen)\s*\+?\s*(?:(?:-|–|to)\s*(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s*\+?\s*)?(?:years?|yrs?)\b\+?(?:\s+of)?(?:\s+(?:professional|relevant|industry|hands[- ]on|commercial|production|working|work|software|engineering|backend|back-end|full[- ]time|post[- ]graduate|practical|technical|programming|development|proven|real[- ]world|related|recent))*\s+(?:experience|exp\b|building|working|writing|developing|shipping|as\s+an?|in\s|with\s|of\s+experience|engineering|programming|leading|work\b|development\b)`)
	leadingYears = regexp.MustCompile(`(?i)\b(?:experience|exp)\s*(?:of|:)?\s*(\d{1,2})\s*\+?\s*(?:years?|yrs?)\b`)
)

// DetectSeniority reads the level from the title first and the text second,
// and the fewest years of experience the text asks for. A level word in the
// title beats years in the text; without level words, years decide
// (0-1 junior, 2-4 mid, 5+ senior).
func DetectSeniority(title, text string) Seniority {
	title, text = withoutURLs(title), withoutURLs(text)
	var s Seniority
	s.MinYears, s.Evidence = minYears(text)
	s.YearsEvidence = s.Evidence
	if lvl, w := firstLevelWord(staffMember.ReplaceAllString(title, "")); lvl != "" {
		s.Level, s.Word = lvl, w
		if s.Evidence == "" {
			s.Evidence = title
		}
		return s
	}
	// A title without a level ("Multiple roles") names its roles in the
	// text: the first role title there that carries a level decides.
	if phrase := firstRoleTitle(text); phrase != "" {
		if lvl, w := firstLevelWord(phrase); lvl != "" {
			s.Level, s.Word, s.Evidence = lvl, w, phrase
			return s
		}
	}
	if s.MinYears != nil {
		y := *s.MinYears
		s.Word = strconv.Itoa(y) + "+ years"
		switch {
		case y <= 1:
			s.Level = jobpath.LevelJunior
		case y <= 4:
			s.Level = jobpath.LevelMid
		default:
			s.Level = jobpath.LevelSenior
		}
	}
	return s
}

var urls = regexp.MustCompile(`(?i)\b(https?://|www\.)\S+`)

// withoutURLs blanks out links, whose paths hold words like "sr" or "lead".
func withoutURLs(s string) string { return urls.ReplaceAllString(s, " ") }

// firstRoleTitle returns the first role title with a level in text, skipping
// levels that describe the team and people's own titles ("Lead Developer at
// Acme" in a signature).
func firstRoleTitle(text string) string {
	text = staffMember.ReplaceAllString(text, "")
	for _, m := range roleTitle.FindAllStringIndex(text, -1) {
		before := text[max(0, m[0]-20):m[0]]
		after := text[m[1]:min(len(text), m[1]+4)]
		if notARole.MatchString(before) || strings.HasPrefix(after, " at ") {
			continue
		}
		return text[m[0]:m[1]]
	}
	return ""
}

// firstLevelWord returns the level of the earliest level word in s.
func firstLevelWord(s string) (level jobpath.Level, word string) {
	best := -1
	for _, lw := range levelWords {
		loc := lw.re.FindStringIndex(s)
		if loc != nil && (best < 0 || loc[0] < best) {
			best, level, word = loc[0], lw.level, strings.ToLower(s[loc[0]:loc[1]])
		}
	}
	return level, word
}

// minYears returns the fewest years of experience text asks for, and the
// phrase that says so.
func minYears(text string) (*int, string) {
	var best *int
	var evidence string
	consider := func(numWord, phrase string) {
		n, err := strconv.Atoi(numWord)
		if err != nil {
			n = numberWords[strings.ToLower(numWord)]
		}
		if n <= 0 || n > 30 {
			return
		}
		if best == nil || n < *best {
			v := n
			best, evidence = &v, strings.TrimSpace(phrase)
		}
	}
	for _, m := range yearsRe.FindAllStringSubmatch(text, -1) {
		consider(m[1], m[0])
	}
	for _, m := range leadingYears.FindAllStringSubmatch(text, -1) {
		consider(m[1], m[0])
	}
	return best, evidence
}
