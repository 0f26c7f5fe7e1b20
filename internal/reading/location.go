package reading

import (
	"regexp"
	"slices"
	"strings"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/places"
)

// placeCue, just before a name, says the name is where the role is.
var placeCue = regexp.MustCompile(`(?i)(?:\b(?:based|located|offices?|hq|headquartered|headquarters|onsite|on-site|in-office|hybrid|remote|relocate|relocation|hiring|work|working|team|position|role|roles|job|near|around|from|within)\s+(?:in|at|to|from|near)?\s*(?:the\s+)?|\b(?:locations?|where|office|city)\s*:\s*|\b(?:in|at)\s+(?:our\s+)?(?:(?:office|offices|hq)\s+in\s+)?|\(\s*)$`)

// roleWordAfter follows a city name that is part of a role or product
// ("Mobile Engineer", "Phoenix LiveView").
var roleWordAfter = regexp.MustCompile(`^[ -]+(?i:engineers?|developers?|designers?|devs?|apps?|teams?|lead|platform|sdk|framework|liveview|channels)\b`)

var (
	// basedAfter follows a place the role is in: "NY-based", "Berlin based".
	basedAfter = regexp.MustCompile(`^[- ]based\b`)
	// nameGoesOn follows a city that begins a longer proper name ("SF
	// Compute", "Boston Dynamics"): a capitalised word on the same line.
	nameGoesOn = regexp.MustCompile(`^ [A-Z][a-z]`)
	// timeWordAfter follows a country that names hours, not a place ("US
	// Eastern hours", "UK time").
	timeWordAfter = regexp.MustCompile(`^[ -](?i:eastern|pacific|central|mountain|time|hours|business hours|timezones?|time zones?|tz)\b`)
	// unlistedCity is "San Carlos, CA": a city too small for the gazetteer
	// with the region that places it.
	unlistedCity = regexp.MustCompile(`\b([A-Z][a-z]+(?: [A-Z][a-z]+){0,2}), ([A-Z]{2,3})\b`)
)

// withUnlisted adds to ms the "City, ST" places the gazetteer does not list,
// in text order.
func withUnlisted(gaz *places.Gazetteer, s string, ms []places.Mention) []places.Mention {
	for _, m := range unlistedCity.FindAllStringSubmatchIndex(s, -1) {
		covered := false
		for _, k := range ms {
			covered = covered || k.Start <= m[2] && m[2] < k.End
		}
		if covered {
			continue
		}
		for _, country := range []string{"US", "CA", "AU"} {
			if code, ok := gaz.RegionCode(country, s[m[4]:m[5]]); ok && code == s[m[4]:m[5]] {
				ms = append(ms, places.Mention{Place: places.Place{Kind: places.City, City: s[m[2]:m[3]], Region: code, Country: country}, Start: m[2], End: m[5], Qualified: true})
				break
			}
		}
	}
	slices.SortFunc(ms, func(a, b places.Mention) int { return a.Start - b.Start })
	return ms
}

type locationReading struct {
	loc jobpath.Location
	at  jobpath.Evidence
}

// readLocation finds where the role is: the first place named in a header
// segment, or after a cue in the text ("based in Berlin", "Location:
// Austin, TX", "Remote (Dublin, Ireland)"). A region alone ("Remote (EU)")
// is no location.
func readLocation(p *posting, gaz *places.Gazetteer) (locationReading, bool) {
	for _, sp := range p.fields() {
		header := sp != p.body
		for _, m := range withUnlisted(gaz, sp.s, gaz.Mentions(sp.s)) {
			after := sp.s[m.End:]
			cued := placeCue.MatchString(sp.s[max(0, m.Start-40):m.Start]) || basedAfter.MatchString(after)
			if !header && !m.Qualified && !cued {
				continue
			}
			if m.Place.Kind == places.City && !m.Qualified && (!header && looksLikeWord(sp.s, m) || roleWordAfter.MatchString(after) || nameGoesOn.MatchString(after)) {
				continue
			}
			if m.Place.Kind == places.Country && (timeWordAfter.MatchString(after) || strings.HasPrefix(after, "$")) {
				continue
			}
			pl := m.Place
			loc := jobpath.Location{City: pl.City, Region: pl.Region, Country: pl.Country}
			if pl.Kind == places.City && (pl.Lat != 0 || pl.Lon != 0) {
				lat, lon := pl.Lat, pl.Lon
				loc.Lat, loc.Lon = &lat, &lon
			}
			return locationReading{loc: loc, at: p.evidence(sp, m.Start, m.End)}, true
		}
	}
	return locationReading{}, false
}

// looksLikeWord reports a city whose name is also a word written at the
// start of a sentence or line ("Reading the code", "Mobile first").
func looksLikeWord(s string, m places.Mention) bool {
	before := strings.TrimRight(s[:m.Start], " \t")
	return before == "" || strings.HasSuffix(before, ".") || strings.HasSuffix(before, "\n")
}
