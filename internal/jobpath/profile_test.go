package jobpath_test

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/jobpath/jobpath/internal/jobpath"
)

func validProfile() jobpath.ProfileInput {
	return jobpath.ProfileInput{
		Name:            "Ada Lovelace",
		Headline:        "Back-end developer",
		Summary:         "Ten years of Go and PostgreSQL.\nLikes <queues>.",
		Skills:          []jobpath.SkillClaim{{Name: "Go", Years: 6, Level: "expert"}, {Name: "PostgreSQL", Years: 4.5, Level: "advanced"}},
		YearsExperience: 10,
		Education: []jobpath.Education{
			{Level: "self_taught"},
			{Level: "bachelor", Field: "Mathematics", Institution: "University of London", Year: 2012},
		},
		Certifications: []string{"CKA"},
		Experience: []jobpath.Experience{
			{Title: "Senior engineer", Company: "Acme", Start: "2019-03", End: "2024-11", Summary: "Payments.\nLedgers."},
			{Title: "Staff engineer", Company: "Initech", Start: "2024-12"},
		},
		Locations:     []jobpath.Location{{City: "Lisbon", Country: "PT", Lat: ptr(38.72), Lon: ptr(-9.14)}},
		Remote:        "hybrid",
		DesiredLevel:  "lead",
		DesiredSalary: &jobpath.Salary{Min: 90_000, Max: 120_000, Currency: "EUR", Period: "year"},
		Discoverable:  true,
		Contact:       jobpath.Contact{Email: "ada@example.com", Links: []string{"https://github.com/ada", "http://ada.example"}},
	}
}

func TestProfileInputValidate(t *testing.T) {
	long := func(n int) string { return strings.Repeat("ü", n) }
	n := func(k int, f func(i int) string) []string {
		out := make([]string, k)
		for i := range out {
			out[i] = f(i)
		}
		return out
	}
	tests := []struct {
		name   string
		mod    func(*jobpath.ProfileInput)
		fields []string // nil: valid
	}{
		{"valid", func(*jobpath.ProfileInput) {}, nil},
		{"only a name", func(in *jobpath.ProfileInput) { *in = jobpath.ProfileInput{Name: "Ada"} }, nil},

		{"name empty", func(in *jobpath.ProfileInput) { in.Name = "" }, []string{"name"}},
		{"name blank", func(in *jobpath.ProfileInput) { in.Name = "  \t" }, []string{"name"}},
		{"name of 200", func(in *jobpath.ProfileInput) { in.Name = long(200) }, nil},
		{"name of 201", func(in *jobpath.ProfileInput) { in.Name = long(201) }, []string{"name"}},
		{"name multi-line", func(in *jobpath.ProfileInput) { in.Name = "Ada\nLovelace" }, []string{"name"}},
		{"name with markup", func(in *jobpath.ProfileInput) { in.Name = "<Ada>" }, []string{"name"}},
		{"headline empty", func(in *jobpath.ProfileInput) { in.Headline = "" }, nil},
		{"headline with markup", func(in *jobpath.ProfileInput) { in.Headline = "<i>Go</i>" }, []string{"headline"}},
		{"headline too long", func(in *jobpath.ProfileInput) { in.Headline = long(201) }, []string{"headline"}},
		{"summary at max", func(in *jobpath.ProfileInput) { in.Summary = strings.Repeat("s", 10_000) }, nil},
		{"summary too long", func(in *jobpath.ProfileInput) { in.Summary = strings.Repeat("s", 10_001) }, []string{"summary"}},
		{"summary with NUL", func(in *jobpath.ProfileInput) { in.Summary = "a\x00b" }, []string{"summary"}},
		{"summary blank", func(in *jobpath.ProfileInput) { in.Summary = "   " }, []string{"summary"}},

		{"60 skills", func(in *jobpath.ProfileInput) { in.Skills = make([]jobpath.SkillClaim, 60); fillSkills(in.Skills) }, nil},
		{"61 skills", func(in *jobpath.ProfileInput) { in.Skills = make([]jobpath.SkillClaim, 61); fillSkills(in.Skills) }, []string{"skills"}},
		{"skill name empty", func(in *jobpath.ProfileInput) { in.Skills[0].Name = "" }, []string{"skills[0].name"}},
		{"skill name too long", func(in *jobpath.ProfileInput) { in.Skills[1].Name = strings.Repeat("x", 81) }, []string{"skills[1].name"}},
		{"skill name with markup", func(in *jobpath.ProfileInput) { in.Skills[1].Name = "<go>" }, []string{"skills[1].name"}},
		{"skill years negative", func(in *jobpath.ProfileInput) { in.Skills[0].Years = -1 }, []string{"skills[0].years"}},
		{"skill years above 60", func(in *jobpath.ProfileInput) { in.Skills[0].Years = 60.5 }, []string{"skills[0].years"}},
		{"skill years 60", func(in *jobpath.ProfileInput) { in.Skills[0].Years = 60 }, nil},
		{"skill level unknown", func(in *jobpath.ProfileInput) { in.Skills[1].Level = "guru" }, []string{"skills[1].level"}},
		{"skill level empty", func(in *jobpath.ProfileInput) { in.Skills[1].Level = "" }, nil},
		{"years_experience negative", func(in *jobpath.ProfileInput) { in.YearsExperience = -0.5 }, []string{"years_experience"}},
		{"years_experience above 60", func(in *jobpath.ProfileInput) { in.YearsExperience = 61 }, []string{"years_experience"}},

		{"51 education entries", func(in *jobpath.ProfileInput) {
			in.Education = make([]jobpath.Education, 51)
			for i := range in.Education {
				in.Education[i].Level = "bootcamp"
			}
		}, []string{"education"}},
		{"education level unknown", func(in *jobpath.ProfileInput) { in.Education[1].Level = "phd" }, []string{"education[1].level"}},
		{"education level missing", func(in *jobpath.ProfileInput) { in.Education[0].Level = "" }, []string{"education[0].level"}},
		{"education field with markup", func(in *jobpath.ProfileInput) { in.Education[1].Field = "<Maths>" }, []string{"education[1].field"}},
		{"education institution too long", func(in *jobpath.ProfileInput) { in.Education[1].Institution = long(201) }, []string{"education[1].institution"}},
		{"education year 1899", func(in *jobpath.ProfileInput) { in.Education[1].Year = 1899 }, []string{"education[1].year"}},
		{"education year 2101", func(in *jobpath.ProfileInput) { in.Education[1].Year = 2101 }, []string{"education[1].year"}},
		{"education year 1900", func(in *jobpath.ProfileInput) { in.Education[1].Year = 1900 }, nil},

		{"50 certifications", func(in *jobpath.ProfileInput) { in.Certifications = n(50, strconv.Itoa) }, nil},
		{"51 certifications", func(in *jobpath.ProfileInput) { in.Certifications = n(51, strconv.Itoa) }, []string{"certifications"}},
		{"certification empty", func(in *jobpath.ProfileInput) { in.Certifications = []string{"CKA", ""} }, []string{"certifications[1]"}},
		{"certification multi-line", func(in *jobpath.ProfileInput) { in.Certifications = []string{"CK\nA"} }, []string{"certifications[0]"}},

		{"51 experience entries", func(in *jobpath.ProfileInput) {
			in.Experience = make([]jobpath.Experience, 51)
			for i := range in.Experience {
				in.Experience[i].Title = "Engineer"
			}
		}, []string{"experience"}},
		{"experience title missing", func(in *jobpath.ProfileInput) { in.Experience[0].Title = "" }, []string{"experience[0].title"}},
		{"experience company with markup", func(in *jobpath.ProfileInput) { in.Experience[1].Company = "<Initech>" }, []string{"experience[1].company"}},
		{"experience start without zero", func(in *jobpath.ProfileInput) { in.Experience[0].Start = "2019-3" }, []string{"experience[0].start"}},
		{"experience start month 13", func(in *jobpath.ProfileInput) { in.Experience[0].Start = "2019-13" }, []string{"experience[0].start"}},
		{"experience start 1899", func(in *jobpath.ProfileInput) { in.Experience[0].Start = "1899-12" }, []string{"experience[0].start"}},
		{"experience start with a day", func(in *jobpath.ProfileInput) { in.Experience[0].Start = "2019-03-01" }, []string{"experience[0].start"}},
		{"experience start non-ASCII digits", func(in *jobpath.ProfileInput) {
			in.Experience[0].Start, in.Experience[0].End = "２０１９-03", ""
		}, []string{"experience[0].start"}},
		{"experience end month 00", func(in *jobpath.ProfileInput) { in.Experience[0].End = "2024-00" }, []string{"experience[0].end"}},
		{"experience end with trailing newline", func(in *jobpath.ProfileInput) { in.Experience[0].End = "2024-11\n" }, []string{"experience[0].end"}},
		{"experience end before start", func(in *jobpath.ProfileInput) {
			in.Experience[0].Start, in.Experience[0].End = "2020-05", "2020-04"
		}, []string{"experience[0].end"}},
		{"experience end in an earlier year", func(in *jobpath.ProfileInput) {
			in.Experience[0].Start, in.Experience[0].End = "2020-01", "2019-12"
		}, []string{"experience[0].end"}},
		{"experience end equal to start", func(in *jobpath.ProfileInput) {
			in.Experience[0].Start, in.Experience[0].End = "2020-05", "2020-05"
		}, nil},
		{"experience end without start", func(in *jobpath.ProfileInput) { in.Experience[0].Start = "" }, nil},
		{"experience summary too long", func(in *jobpath.ProfileInput) { in.Experience[1].Summary = strings.Repeat("s", 10_001) }, []string{"experience[1].summary"}},

		{"51 locations", func(in *jobpath.ProfileInput) { in.Locations = make([]jobpath.Location, 51) }, []string{"locations"}},
		{"location lat out of range", func(in *jobpath.ProfileInput) { in.Locations[0].Lat = ptr(100.0) }, []string{"locations[0].lat"}},
		{"location lon out of range", func(in *jobpath.ProfileInput) { in.Locations[0].Lon = ptr(-180.5) }, []string{"locations[0].lon"}},
		{"location lat without lon", func(in *jobpath.ProfileInput) { in.Locations[0].Lon = nil }, []string{"locations[0]"}},
		{"second location city with markup", func(in *jobpath.ProfileInput) {
			in.Locations = append(in.Locations, jobpath.Location{City: "<Porto>"})
		}, []string{"locations[1].city"}},

		{"remote any", func(in *jobpath.ProfileInput) { in.Remote = "any" }, nil},
		{"remote empty", func(in *jobpath.ProfileInput) { in.Remote = "" }, nil},
		{"remote unknown", func(in *jobpath.ProfileInput) { in.Remote = "anywhere" }, []string{"remote"}},
		{"desired_level unknown", func(in *jobpath.ProfileInput) { in.DesiredLevel = "cto" }, []string{"desired_level"}},
		{"desired_salary currency", func(in *jobpath.ProfileInput) { in.DesiredSalary.Currency = "eur" }, []string{"desired_salary.currency"}},
		{"desired_salary min above max", func(in *jobpath.ProfileInput) { in.DesiredSalary.Min = 200_000 }, []string{"desired_salary.max"}},
		{"desired_salary period", func(in *jobpath.ProfileInput) { in.DesiredSalary.Period = "decade" }, []string{"desired_salary.period"}},
		{"desired_salary min negative", func(in *jobpath.ProfileInput) { in.DesiredSalary.Min = -5 }, []string{"desired_salary.min"}},

		{"contact email malformed", func(in *jobpath.ProfileInput) { in.Contact.Email = "ada-at-example.com" }, []string{"contact.email"}},
		{"contact email with a display name", func(in *jobpath.ProfileInput) { in.Contact.Email = "Ada <ada@example.com>" }, []string{"contact.email"}},
		{"contact email empty", func(in *jobpath.ProfileInput) { in.Contact.Email = "" }, nil},
		{"20 links", func(in *jobpath.ProfileInput) {
			in.Contact.Links = n(20, func(i int) string { return "https://ada.example/" + strconv.Itoa(i) })
		}, nil},
		{"21 links", func(in *jobpath.ProfileInput) {
			in.Contact.Links = n(21, func(i int) string { return "https://ada.example/" + strconv.Itoa(i) })
		}, []string{"contact.links"}},
		{"link with another scheme", func(in *jobpath.ProfileInput) { in.Contact.Links[0] = "ftp://ada.example" }, []string{"contact.links[0]"}},
		{"link without scheme", func(in *jobpath.ProfileInput) { in.Contact.Links[1] = "github.com/ada" }, []string{"contact.links[1]"}},
		{"link javascript", func(in *jobpath.ProfileInput) { in.Contact.Links[1] = "javascript:alert(1)" }, []string{"contact.links[1]"}},
		{"link empty", func(in *jobpath.ProfileInput) { in.Contact.Links[0] = "" }, []string{"contact.links[0]"}},

		{"every bad field is named", func(in *jobpath.ProfileInput) {
			in.Name = ""
			in.Skills[1].Years = 99
			in.Education[1].Level = "phd"
			in.Experience[0].End = "2018-01"
			in.Contact.Links[0] = "ftp://x"
			in.DesiredSalary.Currency = "€€€"
		}, []string{"name", "skills[1].years", "education[1].level", "experience[0].end", "contact.links[0]", "desired_salary.currency"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validProfile()
			tt.mod(&in)
			err := in.Validate()
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			assertFields(t, err, tt.fields...)
		})
	}
}

func fillSkills(s []jobpath.SkillClaim) {
	for i := range s {
		s[i] = jobpath.SkillClaim{Name: "skill " + strconv.Itoa(i), Years: 1}
	}
}

func TestProfileInputNormalise(t *testing.T) {
	in := validProfile()
	in.Skills = []jobpath.SkillClaim{{Name: "  Amazon   Web Services ", Years: 2, Level: "advanced"}, {Name: "GO"}}
	in.Remote = ""
	if err := in.Validate(); err != nil {
		t.Fatal(err)
	}
	want := validProfile()
	want.Skills = []jobpath.SkillClaim{{Name: "amazon web services", Years: 2, Level: "advanced"}, {Name: "go"}}
	want.Remote = "any"

	in.Normalise()
	if !reflect.DeepEqual(in, want) {
		t.Errorf("Normalise:\n got %+v\nwant %+v", in, want)
	}
	in.Normalise()
	if !reflect.DeepEqual(in, want) {
		t.Errorf("Normalise is not idempotent:\n got %+v\nwant %+v", in, want)
	}
	if err := in.Validate(); err != nil {
		t.Errorf("normalised input no longer validates: %v", err)
	}

	bare := jobpath.ProfileInput{Name: "Ada"}
	bare.Normalise()
	if bare.Skills == nil || bare.Education == nil || bare.Experience == nil || bare.Locations == nil || bare.Certifications == nil || bare.Contact.Links == nil {
		t.Errorf("Normalise left nil lists: %+v", bare)
	}

	for _, remote := range []jobpath.RemoteMode{"onsite", "hybrid", "remote", "any"} {
		p := jobpath.ProfileInput{Name: "Ada", Remote: remote}
		p.Normalise()
		if p.Remote != remote {
			t.Errorf("Normalise changed remote %q to %q", remote, p.Remote)
		}
	}
}

func FuzzProfileInput(f *testing.F) {
	valid, err := json.Marshal(validProfile())
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		string(valid),
		`{"name":"Ada"}`,
		`{"name":"Ada","skills":[{"name":"  Go  "},{"name":"GO","years":60,"level":"expert"}],"remote":""}`,
		`{"name":"Ada","experience":[{"title":"Dev","start":"2020-05","end":"2020-04"}],"education":[{"level":"phd","year":1800}]}`,
		`{"name":"<script>","headline":"\u0000","summary":"\u0000","skills":[{"name":"   "},{"name":"x","years":-1}]}`,
		`{"name":"Ada","contact":{"email":"Ada <ada@example.com>","links":["javascript:alert(1)","//evil.example",""]}}`,
		`{"name":"Ada","locations":[{"lat":91},{"lon":1},{"city":"\n"}],"desired_salary":{"min":-1,"max":-1,"currency":"x","period":""}}`,
		`{"name":"Ada","years_experience":1e300,"skills":[{"name":"İSTANBUL ǅ ΣΑΣ","years":0.000001}]}`,
		`{"name":"Ada","experience":[{"title":"Dev","start":"２０１９-03","end":"2019-03\n"}]}`,
		`{"name":"Ada","certifications":["` + strings.Repeat(`a","`, 60) + `"]}`,
		`{"$set":{"role":"admin"},"name":{"$ne":null}}`,
		`null`,
		`{}`,
		"{\"name\":\"Ada \xff\xfe\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var in jobpath.ProfileInput
		if err := json.Unmarshal(data, &in); err != nil {
			t.Skip()
		}
		err1 := in.Validate()
		err2 := in.Validate()
		if !reflect.DeepEqual(err1, err2) {
			t.Fatalf("Validate is not deterministic: %v then %v", err1, err2)
		}
		if err1 != nil {
			invalidFields(t, err1)
			return
		}
		in.Normalise()
		if in.Remote == "" {
			t.Fatal("Normalise left remote empty")
		}
		if err := in.Validate(); err != nil {
			t.Fatalf("valid input no longer validates after Normalise: %v", err)
		}
		once, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		in.Normalise()
		twice, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		if string(once) != string(twice) {
			t.Fatalf("Normalise is not idempotent:\n%s\n%s", once, twice)
		}
	})
}
