package reading

import (
	"regexp"
	"strings"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/places"
)

var (
	// remoteWord offers remote work; the words after "remote" that make it
	// something else ("remote sensing", "remote devices") are refused.
	remoteWord = regexp.MustCompile(`(?i)\b(?:fully[- ]remote|remote[- ](?:first|friendly|ok|okay|possible|optional|eligible)|(?:100%|full[- ]time|fully) remote|remote|remotely|wfh|work from (?:home|anywhere)|distributed team)\b`)
	notRemote  = regexp.MustCompile(`(?i)^(?:[- ]?(?:sensing|monitoring|patient|patients|control|controls|access|device|devices|server|servers|sites?|areas?|communities|regions|villages|operations?|procedures|surgery|diagnostics|desktops?|execution|attestation|telemetry|ssh|shell|state|learning|classes|vehicles?|machines?|clusters?|hosts?|code|repos?|repositories|agents?|browsers?|api|apis|workers?|locations?|sessions?|debugging))\b`)
	// negated is a remote word said not to apply ("no remote", "not
	// remote", "remote is not an option").
	negatedBefore = regexp.MustCompile(`(?i)\b(?:no|not|non|never|nor|isn't|is not|without)[- ]?(?:a |fully |100% )?$`)
	negatedAfter  = regexp.MustCompile(`(?i)^\W{0,3}(?:is |work is |roles? (?:is|are) )?(?:not (?:possible|available|an option|offered|considered)|unavailable)`)
	partRemote    = regexp.MustCompile(`(?i)\b(?:part(?:ly|ially|ial)?|semi|some|occasional(?:ly)?)[- ]$`)
	hybridWord    = regexp.MustCompile(`(?i)\b(?:hybrid(?:[- ](?:remote|role|work|working|schedule|model|setup|position|policy|arrangement|environment|office))?|` + days + `[- ]days?(?:\s?(?:a|per|each|/)\s?week)? (?:in|at|on)[- ](?:the |our )?(?:\w+ ){0,2}?(?:office|hq|studio|person|site|onsite)|(?:in[- ]office|on[- ]?site|in[- ]person) ` + days + `[- ]days|` + days + `x (?:a|per) week in (?:the )?office)\b`)
	notHybrid     = regexp.MustCompile(`(?i)^[- ](?:cloud|search|apps?|mobile|vehicles?|cars?|retrieval|ai|systems?|architectures?|approach|engines?|infrastructure|deployments?|quantum|storage|data|environments? (?:of|across)|multi-cloud|on-prem)\b`)
	onsiteWord    = regexp.MustCompile(`(?i)\b(?:on[- ]?site|in[- ]office|in[- ]person|office[- ]based|in the office|at (?:our|the) office)\b`)
	// regionWord names where a remote role may be worked from.
	regionWord = regexp.MustCompile(`\b(?:worldwide|anywhere|global(?:ly)?|international(?:ly)?|EU|EMEA|Europe(?:an)?|Americas|North America|LATAM|Latin America|South America|APAC|Asia|CET|EST|PST|US time ?zones?|UTC[+-]?\d*)\b`)
)

// days is how many days a week: "3", "3-4", "three".
const days = `(?:\d(?:\s?[-–]\s?\d)?|one|two|three|four|five)`

type remoteReading struct {
	mode   jobpath.RemoteMode
	region string
	at     jobpath.Evidence
}

// readRemote decides how the role is worked: the most flexible arrangement
// the posting offers. A remote mention anywhere wins, then hybrid, then
// onsite.
func readRemote(p *posting, gaz *places.Gazetteer) (remoteReading, bool) {
	// What the chosen role's own lines say comes before what the posting
	// offers the rest.
	if r, ok := readRemoteIn(p, p.focus, gaz); ok {
		return r, true
	}
	return readRemoteIn(p, p.fields(), gaz)
}

func readRemoteIn(p *posting, spans []span, gaz *places.Gazetteer) (remoteReading, bool) {
	var found [3]*remoteReading // remote, hybrid, onsite
	for _, sp := range spans {
		for _, m := range remoteWord.FindAllStringIndex(sp.s, -1) {
			before, after := sp.s[max(0, m[0]-12):m[0]], sp.s[m[1]:]
			if notRemote.MatchString(after) || negatedBefore.MatchString(before) || negatedAfter.MatchString(after) {
				continue
			}
			// "onsite (part remote)", "partially remote": some days at home.
			if partRemote.MatchString(before) {
				if found[1] == nil {
					found[1] = &remoteReading{mode: jobpath.RemoteHybrid, at: p.evidence(sp, m[0], m[1])}
				}
				continue
			}
			if found[0] == nil {
				region := remoteRegion(sp.s[m[1]:min(len(sp.s), m[1]+40)], gaz)
				if region == "" {
					region = regionBefore(sp.s[:m[0]], gaz)
				}
				found[0] = &remoteReading{mode: jobpath.RemoteRemote, region: region, at: p.evidence(sp, m[0], m[1])}
			}
		}
		if found[1] == nil {
			for _, m := range hybridWord.FindAllStringIndex(sp.s, -1) {
				if !notHybrid.MatchString(sp.s[m[1]:]) || strings.Contains(strings.ToLower(sp.s[m[0]:m[1]]), "day") {
					found[1] = &remoteReading{mode: jobpath.RemoteHybrid, at: p.evidence(sp, m[0], m[1])}
					break
				}
			}
		}
		if found[2] == nil {
			if m := onsiteWord.FindStringIndex(sp.s); m != nil {
				found[2] = &remoteReading{mode: jobpath.RemoteOnsite, at: p.evidence(sp, m[0], m[1])}
			}
		}
	}
	for _, f := range found {
		if f != nil {
			return *f, true
		}
	}
	return remoteReading{}, false
}

// remoteRegion reads where a remote role may be worked from in the words
// after "remote": "(US only)", "- EU", "within Canada", "worldwide".
func remoteRegion(after string, gaz *places.Gazetteer) string {
	if i := strings.IndexAny(after, ".\n;|"); i >= 0 {
		after = after[:i]
	}
	r := regionWord.FindStringIndex(after)
	ms := gaz.Mentions(after)
	switch {
	case len(ms) > 0 && (r == nil || ms[0].Start < r[0]) && ms[0].Place.Kind != places.City:
		return ms[0].Place.Country
	case r != nil:
		w := after[r[0]:r[1]]
		switch strings.ToLower(w) {
		case "worldwide", "anywhere", "global", "globally", "international", "internationally":
			return "worldwide"
		case "european":
			return "Europe"
		}
		return w
	}
	return ""
}

// regionBefore reads a country written just before "remote": "US Remote",
// "UK-remote".
func regionBefore(before string, gaz *places.Gazetteer) string {
	before = before[max(0, len(before)-24):]
	ms := gaz.Mentions(before)
	if len(ms) == 0 {
		return ""
	}
	last := ms[len(ms)-1]
	if last.Place.Kind != places.Country || strings.TrimLeft(before[last.End:], " -(") != "" {
		return ""
	}
	return last.Place.Country
}
