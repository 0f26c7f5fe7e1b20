package places_test

import (
	"testing"

	"github.com/jobpath/jobpath/data"
	"github.com/jobpath/jobpath/internal/places"
)

func gazetteer(t testing.TB) *places.Gazetteer {
	t.Helper()
	g, err := places.Parse(data.PlaceSources())
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestMentions(t *testing.T) {
	g := gazetteer(t)
	type want struct {
		text, city, region, country string
	}
	tests := []struct {
		name string
		text string
		want []want
	}{
		{"a city with its state", "Onsite in Austin, TX or remote", []want{{"Austin, TX", "Austin", "TX", "US"}}},
		{"the most populous of a name", "Offices in London and Berlin", []want{{"London", "London", "ENG", "GB"}, {"Berlin", "Berlin", "", "DE"}}},
		{"a qualifier picks another", "London, ON", []want{{"London, ON", "London", "ON", "CA"}}},
		{"a city with its country", "REMOTE (Dublin, Ireland)", []want{{"Dublin, Ireland", "Dublin", "", "IE"}}},
		{"short names", "SF or NYC", []want{{"SF", "San Francisco", "CA", "US"}, {"NYC", "New York City", "NY", "US"}}},
		{"a country in capitals", "Remote (US only)", []want{{"US", "", "", "US"}}},
		{"a pronoun is not a country", "join us in Toronto", []want{{"Toronto", "Toronto", "ON", "CA"}}},
		{"accents folded", "Zurich, Munchen, São Paulo", []want{{"Zurich", "Zürich", "", "CH"}, {"Munchen", "Munich", "", "DE"}, {"São Paulo", "São Paulo", "", "BR"}}},
		{"a two-word name with dots", "Washington, D.C. area", []want{{"Washington, D.C.", "Washington", "DC", "US"}}},
		{"a state alone", "Remote within California", []want{{"California", "", "CA", "US"}}},
		{"lower case words are not places", "we read the nice docs", nil},
		{"no name across a line", "New\nYork", []want{{"York", "York", "ENG", "GB"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := g.Mentions(tt.text)
			if len(got) != len(tt.want) {
				t.Fatalf("mentions %+v, want %d", got, len(tt.want))
			}
			for i, w := range tt.want {
				m := got[i]
				if tt.text[m.Start:m.End] != w.text || m.Place.City != w.city || m.Place.Region != w.region || m.Place.Country != w.country {
					t.Errorf("mention %d: %q %+v, want %q %s/%s/%s", i, tt.text[m.Start:m.End], m.Place, w.text, w.city, w.region, w.country)
				}
			}
		})
	}
}

func TestParseRejectsBrokenRows(t *testing.T) {
	src := data.PlaceSources()
	src.Cities = append(src.Cities, []byte("Atlantis\tXX\n")...)
	if _, err := places.Parse(src); err == nil {
		t.Error("a city row of two fields was accepted")
	}
	src = data.PlaceSources()
	src.Cities = append(src.Cities, []byte("Atlantis\tXX\t\tmany\t0\t0\n")...)
	if _, err := places.Parse(src); err == nil {
		t.Error("a population that is not a number was accepted")
	}
}

func FuzzMentions(f *testing.F) {
	g := gazetteer(f)
	for _, s := range []string{"Austin, TX", "Washington, D.C.", "SF/NYC", "Zürich", "São Paulo, Brazil", "a.b.c.", "—", "St. Louis, MO"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, m := range g.Mentions(s) {
			if m.Start < prev || m.End <= m.Start || m.End > len(s) {
				t.Fatalf("mention %+v out of order or range in %q", m, s)
			}
			prev = m.End
		}
	})
}
