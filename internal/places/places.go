// Package places is a small gazetteer: the world's larger cities, the
// countries, the regions a city is qualified with ("Austin, TX") and the
// short names postings use ("SF", "NYC"), read from data/, and a reader
// that finds them in text.
package places

import (
	"bufio"
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Kind says what a name names.
type Kind int

// Kinds of place.
const (
	City Kind = iota
	Region
	Country
)

// Place is a named place. A region has no City, a country neither City nor
// Region.
type Place struct {
	Kind       Kind
	City       string
	Region     string // the region's code: "TX", "ON", "ENG"
	Country    string // ISO 3166-1 alpha-2
	Population int
	Lat, Lon   float64
}

// Gazetteer finds places by name.
type Gazetteer struct {
	byKey   map[string][]Place // folded name -> places, the most populous first
	regions map[string]string  // country/folded region code or name -> code
	longest int                // words in the longest name
}

// Sources are the gazetteer's data files, in data/'s formats: tab-separated
// lines, "#" starting a comment line.
type Sources struct {
	Cities, Countries, Regions, Aliases []byte
}

// Parse builds a gazetteer.
func Parse(src Sources) (*Gazetteer, error) {
	g := &Gazetteer{byKey: map[string][]Place{}, regions: map[string]string{}}
	err := eachRow(src.Countries, 2, func(f []string) error {
		for _, name := range strings.Split(f[1], "|") {
			g.add(name, Place{Kind: Country, Country: f[0]})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("places: countries: %w", err)
	}
	err = eachRow(src.Regions, 3, func(f []string) error {
		g.regions[f[0]+"/"+key(f[1])] = f[1]
		g.regions[f[0]+"/"+key(f[2])] = f[1]
		g.add(f[2], Place{Kind: Region, Region: f[1], Country: f[0]})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("places: regions: %w", err)
	}
	err = eachRow(src.Cities, 6, func(f []string) error {
		pop, err := strconv.Atoi(f[3])
		if err != nil {
			return fmt.Errorf("population %q: %w", f[3], err)
		}
		lat, err1 := strconv.ParseFloat(f[4], 64)
		lon, err2 := strconv.ParseFloat(f[5], 64)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("coordinates %q %q", f[4], f[5])
		}
		g.add(f[0], Place{Kind: City, City: f[0], Region: f[2], Country: f[1], Population: pop, Lat: lat, Lon: lon})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("places: cities: %w", err)
	}
	// An alias stands first for its name: "SF" is San Francisco whatever
	// else shares the letters.
	err = eachRow(src.Aliases, 4, func(f []string) error {
		p := Place{Kind: City, City: f[1], Region: f[2], Country: f[3]}
		for _, c := range g.byKey[key(f[1])] {
			if c.Kind == City && c.Country == p.Country && (p.Region == "" || c.Region == p.Region) {
				p = c
				break
			}
		}
		k := key(f[0])
		g.byKey[k] = append([]Place{p}, g.byKey[k]...)
		g.longest = max(g.longest, len(strings.Fields(k)))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("places: aliases: %w", err)
	}
	return g, nil
}

func (g *Gazetteer) add(name string, p Place) {
	k := key(name)
	if k == "" {
		return
	}
	g.byKey[k] = append(g.byKey[k], p)
	g.longest = max(g.longest, len(strings.Fields(k)))
}

func eachRow(src []byte, fields int, fn func([]string) error) error {
	sc := bufio.NewScanner(bytes.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != fields {
			return fmt.Errorf("line %d: %d fields, want %d", n, len(f), fields)
		}
		if err := fn(f); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
	}
	return sc.Err()
}

// Lookup returns the places a name may mean, the likeliest first: an alias,
// then a country or region, then cities by population.
func (g *Gazetteer) Lookup(name string) []Place { return g.byKey[key(name)] }

// CountryCode returns the ISO code of the country a name (or code) means,
// or "".
func (g *Gazetteer) CountryCode(name string) string {
	for _, p := range g.Lookup(name) {
		if p.Kind == Country {
			return p.Country
		}
	}
	if len(name) == 2 && strings.ToUpper(name) == name {
		return name
	}
	return ""
}

// RegionCode returns the code of a region of country named code or name.
func (g *Gazetteer) RegionCode(country, name string) (string, bool) {
	c, ok := g.regions[country+"/"+key(name)]
	return c, ok
}

// Mention is a place named in text, at text[Start:End].
type Mention struct {
	Place      Place
	Start, End int
	// Qualified: the name came with its region or country ("Austin, TX",
	// "Dublin, Ireland"), so it is a place beyond doubt.
	Qualified bool
}

// Mentions finds the places named in text, longest names first, left to
// right. A name counts only as it is written for a place: capitalised, and
// in capitals when it is three letters or fewer ("SF", "UK", never "us").
func (g *Gazetteer) Mentions(text string) []Mention {
	words := Words(text)
	var out []Mention
	for i := 0; i < len(words); {
		m, n := g.mentionAt(text, words, i)
		if n == 0 {
			i++
			continue
		}
		out = append(out, m)
		i += n
	}
	return out
}

func (g *Gazetteer) mentionAt(text string, words []Word, i int) (Mention, int) {
	if !placeLike(words[i].Text) {
		return Mention{}, 0
	}
	for n := min(g.longest, len(words)-i); n >= 1; n-- {
		// A name does not run across punctuation other than a space,
		// except the comma of "Washington, DC".
		if n > 1 && !joined(text, words[i:i+n]) {
			continue
		}
		var parts []string
		for _, w := range words[i : i+n] {
			parts = append(parts, w.Text)
		}
		name := strings.Join(parts, " ")
		cands := g.Lookup(name)
		if len(cands) == 0 || len(name) <= 3 && name != strings.ToUpper(name) {
			continue
		}
		m := Mention{Place: cands[0], Start: words[i].Start, End: words[i+n-1].End}
		// "Austin, TX", "London, ON", "Dublin, Ireland": the qualifier
		// picks among places of one name.
		if j := i + n; j < len(words) && cands[0].Kind == City && strings.TrimSpace(text[words[j-1].End:words[j].Start]) == "," {
			if p, q, ok := g.qualify(cands, words, j); ok {
				m.Place, m.End, m.Qualified = p, words[j+q-1].End, true
				return m, n + q
			}
		}
		return m, n
	}
	return Mention{}, 0
}

// qualify reads the qualifier at words[j:] of a city named by cands; q is
// how many words it spans.
func (g *Gazetteer) qualify(cands []Place, words []Word, j int) (Place, int, bool) {
	for q := min(3, len(words)-j); q >= 1; q-- {
		var parts []string
		for _, w := range words[j : j+q] {
			parts = append(parts, w.Text)
		}
		name := strings.Join(parts, " ")
		for _, c := range cands {
			if code, ok := g.RegionCode(c.Country, name); ok && c.Region == code {
				return c, q, true
			}
		}
		for _, p := range g.Lookup(name) {
			if p.Kind != Country {
				continue
			}
			for _, c := range cands {
				if c.Country == p.Country {
					return c, q, true
				}
			}
		}
	}
	return Place{}, 0, false
}

func placeLike(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func joined(text string, ws []Word) bool {
	for k := 1; k < len(ws); k++ {
		gap := text[ws[k-1].End:ws[k].Start]
		if strings.TrimSpace(gap) != "" && strings.TrimSpace(gap) != "," || strings.Contains(gap, "\n") {
			return false
		}
	}
	return true
}

// Word is a word of text at text[Start:End]: letters and digits, with the
// dots, hyphens and apostrophes inside it ("St.", "Winston-Salem", "D.C.").
type Word struct {
	Text       string
	Start, End int
}

// Words splits text into words.
func Words(text string) []Word {
	var out []Word
	start := -1
	for i, r := range text {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if !inWord && start >= 0 && (r == '.' || r == '-' || r == '\'' || r == '’') {
			// Inside a word only when a letter follows, and for a hyphen a
			// capital ("Winston-Salem", but "NY" of "NY-based").
			next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
			inWord = unicode.IsLetter(next) && (r != '-' || unicode.IsUpper(next)) || r == '.' && i > 0 && isUpperBefore(text, i)
		}
		switch {
		case inWord && start < 0:
			start = i
		case !inWord && start >= 0:
			out = append(out, Word{Text: text[start:i], Start: start, End: i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, Word{Text: text[start:], Start: start, End: len(text)})
	}
	return out
}

// isUpperBefore: the dot after a capital letter is part of an abbreviation
// ("D.C.", "U.S.").
func isUpperBefore(text string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsUpper(r)
}

var fold = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// key is the form names are compared in: lower case, without accents, dots
// or commas, words joined by one space ("Washington, D.C." and "washington
// dc" are the same).
func key(name string) string {
	s, _, err := transform.String(fold, name)
	if err != nil {
		s = name
	}
	s = strings.ToLower(s)
	s = strings.NewReplacer(".", "", ",", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}
