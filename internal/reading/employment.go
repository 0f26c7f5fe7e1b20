package reading

import (
	"github.com/jobpath/jobpath/internal/jobpath"
	"regexp"
	"strings"
)

// employmentWord names the terms of a role. In a header segment the bare
// words count; in the text only phrases that cannot mean anything else
// ("contract role", not "smart contract").
var (
	employmentHeader = regexp.MustCompile(`(?i)\b(full[- ]?time|ft|part[- ]?time|fractional|contract(?:or)?|freelance|contract[- ]to[- ]hire|c2h|intern(?:ship)?s?|temporary|temp)\b`)
	employmentText   = regexp.MustCompile(`(?i)\b(full[- ]time|part[- ]time|fractional (?:role|position|cto|engineer)|(?:on a |a )?contract(?:or)? (?:role|position|basis|engagement|opportunity)|b2b contract|freelance (?:role|position|basis)|internships?|temporary (?:role|position|contract))\b`)
)

type employmentReading struct {
	kind string
	at   jobpath.Evidence
}

// readEmployment reads the first employment terms named.
func readEmployment(p *posting) (employmentReading, bool) {
	for _, sp := range p.fields() {
		re := employmentText
		if sp != p.body {
			re = employmentHeader
		}
		if m := re.FindStringIndex(sp.s); m != nil {
			return employmentReading{kind: employmentKind(sp.s[m[0]:m[1]]), at: p.evidence(sp, m[0], m[1])}, true
		}
	}
	return employmentReading{}, false
}

func employmentKind(w string) string {
	w = strings.ToLower(w)
	switch {
	case strings.HasPrefix(w, "full") || w == "ft":
		return "full_time"
	case strings.HasPrefix(w, "part") || strings.HasPrefix(w, "fractional"):
		return "part_time"
	case strings.HasPrefix(w, "intern"):
		return "internship"
	case strings.HasPrefix(w, "temp"):
		return "temporary"
	}
	return "contract"
}
