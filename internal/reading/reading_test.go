package reading_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/jobpath/jobpath/data"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/places"
	"github.com/jobpath/jobpath/internal/reading"
	"github.com/jobpath/jobpath/internal/skills"
)

func taxonomy(t testing.TB) *skills.Taxonomy {
	t.Helper()
	tax, err := skills.Parse(data.SkillsYAML())
	if err != nil {
		t.Fatal(err)
	}
	return tax
}

func reader(t testing.TB) *reading.Reader {
	t.Helper()
	tax := taxonomy(t)
	gaz, err := places.Parse(data.PlaceSources())
	if err != nil {
		t.Fatal(err)
	}
	return reading.New(tax, gaz)
}

func TestAnalyzeJob(t *testing.T) {
	r := reader(t)
	type want struct {
		remote         jobpath.RemoteMode
		region         string
		city, country  string
		salary         *jobpath.Salary
		employmentType string
	}
	usd := func(lo, hi int64, period string) *jobpath.Salary {
		return &jobpath.Salary{Min: lo, Max: hi, Currency: "USD", Period: period}
	}
	tests := []struct {
		name, title, text string
		want              want
	}{
		{"a header line", "", "Acme | Senior Backend Engineer | Austin, TX | Onsite | $150k-$180k | Full-time\nWe build ledgers in Go.",
			want{remote: "onsite", city: "Austin", country: "US", salary: usd(150_000, 180_000, "year"), employmentType: "full_time"}},
		{"remote with its country", "", "Acme | Platform Engineer | REMOTE (US only) | Contract\nTerraform and AWS.",
			want{remote: "remote", region: "US", country: "US", employmentType: "contract"}},
		{"the most flexible option", "", "Acme | Go Developer | London or remote | £60,000\nWe write Go.",
			want{remote: "remote", city: "London", country: "GB", salary: &jobpath.Salary{Min: 60_000, Max: 60_000, Currency: "GBP", Period: "year"}}},
		{"hybrid days", "", "Acme | Data Engineer | Berlin\nWe meet 3 days a week in the office. Pay: €70-90k.",
			want{remote: "hybrid", city: "Berlin", country: "DE", salary: &jobpath.Salary{Min: 70_000, Max: 90_000, Currency: "EUR", Period: "year"}}},
		{"a negated remote", "Backend engineer", "Based in Toronto. This is not a remote role.",
			want{remote: "", city: "Toronto", country: "CA"}},
		{"remote as an adjective", "Firmware engineer", "You will build remote monitoring for remote devices, on site in Munich.",
			want{remote: "onsite", city: "Munich", country: "DE"}},
		{"an hourly rate", "Contract Go developer", "Remote, worldwide. $80-100/hr on a contract basis.",
			want{remote: "remote", region: "worldwide", salary: usd(80, 100, "hour"), employmentType: "contract"}},
		{"an upper bound", "Staff engineer", "Remote within Europe. Salary up to $220,000.",
			want{remote: "remote", region: "Europe", salary: usd(0, 220_000, "year")}},
		{"funding is not pay", "Founding engineer", "We raised $20M and our customers save $5k a month. Offices in SF.",
			want{city: "San Francisco", country: "US"}},
		{"a retirement plan is not pay", "Engineer", "Benefits: competitive salary, 401k match, health.",
			want{}},
		{"a bare range in thousands", "", "Acme | Backend | NYC | Hybrid | [180 - 210K]\nPython.",
			want{remote: "hybrid", city: "New York City", country: "US", salary: usd(180_000, 210_000, "year")}},
		{"a city that is part of a name", "Engineer", "Backed by Boston Dynamics alumni. We work from Lisbon.",
			want{city: "Lisbon", country: "PT"}},
		{"a country before remote", "", "Acme | Senior Python Developer | US Remote (Ohio preferred) | Full-time\nDjango.",
			want{remote: "remote", region: "US", country: "US", employmentType: "full_time"}},
		{"part remote", "", "Cologne, Germany | Acme | Product Engineer | ONSITE (part remote)\nGo.",
			want{remote: "hybrid", city: "Cologne", country: "DE"}},
		{"days a week in person", "", "Acme | Backend | ONSITE\nLocation: Denver (4 days/week in-person).",
			want{remote: "hybrid", city: "Denver", country: "US"}},
		{"a small city with its state", "", "Acme | ML Engineer | San Carlos, CA | Hybrid\nPyTorch.",
			want{remote: "hybrid", city: "San Carlos", country: "US"}},
		{"hours are not a place", "Engineer", "Remote for people in LATAM who can work US Eastern hours.",
			want{remote: "remote", region: "LATAM"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := r.AnalyzeJob(tt.title, tt.text)
			var city, country string
			if a.Location != nil {
				city, country = a.Location.City, a.Location.Country
			}
			got := want{remote: a.Remote, region: a.RemoteRegion, city: city, country: country, salary: a.Salary, employmentType: a.EmploymentType}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("read %+v (salary %+v),\nwant %+v (salary %+v)\nevidence %+v", got, got.salary, tt.want, tt.want.salary, a.Evidence)
			}
			for f, e := range a.Evidence {
				src := tt.text
				if e.In == "title" {
					src = tt.title
				}
				if e.Start < 0 || e.End > len(src) || e.Start > e.End || src[e.Start:e.End] != e.Text {
					t.Errorf("%s evidence %+v does not point into the %s", f, e, e.In)
				}
			}
		})
	}
}

func FuzzAnalyzeJob(f *testing.F) {
	r := reader(f)
	for _, s := range []string{"Acme | Go | Austin, TX | $150k-$180k", "€70-90k", "45-70 USD or 180-280 PLN per hour", "[180 - 210K]", "up to $1", "Remote (US)", "3-days in office", "a | | |"} {
		f.Add("Engineer", s)
	}
	f.Fuzz(func(t *testing.T, title, text string) {
		a := r.AnalyzeJob(title, text)
		if s := a.Salary; s != nil && (s.Max < s.Min || s.Max <= 0 || len(s.Currency) != 3) {
			t.Fatalf("salary %+v from %q", *s, text)
		}
		if a.Remote != "" && !jobpath.Valid(a.Remote, jobpath.RemoteModes) {
			t.Fatalf("remote %q", a.Remote)
		}
		plain := skills.PlainText(text)
		for f, e := range a.Evidence {
			src := plain
			if e.In == "title" {
				src = title
			}
			if e.Start < 0 || e.End > len(src) || e.Start > e.End {
				t.Fatalf("%s evidence %+v out of range", f, e)
			}
		}
	})
}

// BenchmarkAnalyzeJob reads one posting of our own writing, of the length
// real ones have, against the skills package's reading alone.
func BenchmarkAnalyzeJob(b *testing.B) {
	r := reader(b)
	tax, err := skills.Parse(data.SkillsYAML())
	if err != nil {
		b.Fatal(err)
	}
	text := "Acme | Senior Backend Engineer | Austin, TX or remote (US) | $150k-$180k | Full-time\n" +
		strings.Repeat("You will build payment services in Go on PostgreSQL and Kafka, with a small team based in Austin. "+
			"We meet 2 days a week in the office. Nice to have: Kubernetes and Terraform. ", 12)
	b.Run("reading", func(b *testing.B) {
		for range b.N {
			r.AnalyzeJob("Senior Backend Engineer", text)
		}
	})
	b.Run("skills only", func(b *testing.B) {
		for range b.N {
			tax.AnalyzeJob("Senior Backend Engineer", text)
		}
	})
}

// TestSeveralRoles: of a posting that offers several roles, the back-end
// role's fields are read, and the other roles lend it nothing.
func TestSeveralRoles(t *testing.T) {
	r := reader(t)
	list := "Acme | Multiple roles | Berlin | Full-time\nWe are hiring:\n" +
		"* Product Designer - €60-70k - Figma\n" +
		"* Senior Backend Engineer - €80-95k - Go, PostgreSQL\n" +
		"We ship fast and care for each other."
	headers := "Acme | Engineering Manager | Remote (US) | $190k\n" +
		"Acme | Staff Platform Engineer | Remote (US) | $210k\n" +
		"Acme | Junior Designer | Remote (US) | $90k\n" +
		"We run Kubernetes on AWS."
	tests := []struct {
		name, title, text string
		level             jobpath.Level
		salary            int64
		has, lacks        []string
	}{
		{"a list of titles", firstLine(list), list, jobpath.LevelSenior, 95_000, []string{"go", "postgresql"}, []string{"figma"}},
		{"a header line per role", firstLine(headers), headers, jobpath.LevelLead, 210_000, []string{"kubernetes", "aws"}, nil},
		{"a title that names a listed role", "Product Designer", list, "", 70_000, []string{"figma"}, []string{"go"}},
		{"titles after the years they ask", "Acme | Open roles | NYC", "Acme | Open roles | NYC\n" +
			"8+ yrs - Staff ML Engineer (NYC) $250k - PyTorch\n" +
			"5+ yrs - Senior Platform Engineer (NYC) $200k - Terraform\n", jobpath.LevelSenior, 200_000, []string{"terraform"}, []string{"pytorch"}},
		{"roles in the header's role field", "Acme | Senior UX Designer, Backend Engineer | Remote | $150k-$170k",
			"Acme | Senior UX Designer, Backend Engineer | Remote | $150k-$170k\nWe write Go.", "", 170_000, []string{"go"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := r.AnalyzeJob(tt.title, tt.text)
			if a.Level != tt.level || a.Salary == nil || a.Salary.Max != tt.salary {
				t.Errorf("level %q salary %+v, want %q and a top of %d", a.Level, a.Salary, tt.level, tt.salary)
			}
			all := append(slices.Clone(a.Skills.Required), a.Skills.Preferred...)
			for _, s := range tt.has {
				if !slices.Contains(all, s) {
					t.Errorf("skills %v lack %s", all, s)
				}
			}
			for _, s := range tt.lacks {
				if slices.Contains(all, s) {
					t.Errorf("skills %v hold %s, another role's", all, s)
				}
			}
		})
	}
}
