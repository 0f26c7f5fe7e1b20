package data

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// seedTime stands in for the moment the board is seeded; no demo job has an
// expiry, so any fixed time will do.
var seedTime = time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)

func loadDemo(t *testing.T) *Demo {
	t.Helper()
	d, err := LoadDemo()
	if err != nil {
		t.Fatalf("LoadDemo: %v", err)
	}
	return d
}

// TestDemoSize guards the variety the demo is meant to show off: enough
// companies, jobs and candidates, and enough junior and degree-optional
// postings for the matching to have something to say to newcomers.
func TestDemoSize(t *testing.T) {
	d := loadDemo(t)
	countJobs := func(keep func(jobpath.JobInput) bool) int {
		n := 0
		for _, j := range d.Jobs {
			if keep(j.Job) {
				n++
			}
		}
		return n
	}
	tests := []struct {
		name string
		got  int
		min  int
	}{
		{"companies", len(d.Companies), 8},
		{"jobs", len(d.Jobs), 56},
		{"candidates", len(d.Candidates), 6},
		{"junior jobs", countJobs(func(j jobpath.JobInput) bool { return j.Level == "junior" }), 8},
		{"jobs open to candidates without a degree", countJobs(func(j jobpath.JobInput) bool {
			return j.Degree == "equivalent_experience" || j.Degree == "not_required"
		}), 12},
		{"draft jobs", countJobs(func(j jobpath.JobInput) bool { return j.Status == jobpath.StatusDraft }), 1},
		{"discoverable candidates", func() int {
			n := 0
			for _, c := range d.Candidates {
				if c.Profile.Discoverable {
					n++
				}
			}
			return n
		}(), 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got < tt.min {
				t.Errorf("got %d, want at least %d", tt.got, tt.min)
			}
		})
	}
}

// TestDemoJobsValidate builds every job the way seeding does, so that a demo
// the board would refuse fails here instead of at start-up.
func TestDemoJobsValidate(t *testing.T) {
	d := loadDemo(t)
	for i, j := range d.Jobs {
		t.Run(fmt.Sprintf("%02d %s", i, j.Job.Title), func(t *testing.T) {
			c := &jobpath.Company{ID: jobpath.CompanyID(j.Company), Name: j.Company}
			job, err := jobpath.NewJob(j.Job, c, seedTime)
			if err != nil {
				t.Fatalf("NewJob: %v", err)
			}
			if len(job.Skills.Required) == 0 {
				t.Error("no required skills; matching has nothing to go on")
			}
			if job.Level == "" {
				t.Error("no level")
			}
		})
	}
}

func TestDemoProfilesValidate(t *testing.T) {
	d := loadDemo(t)
	for i, c := range d.Candidates {
		t.Run(fmt.Sprintf("%d %s", i, c.Profile.Name), func(t *testing.T) {
			if err := (&c.Profile).Validate(); err != nil {
				t.Fatalf("Validate: %v", err)
			}
			if len(c.Profile.Skills) == 0 {
				t.Error("no skills; matching has nothing to go on")
			}
		})
	}
}

// TestDemoEmailsAreReserved keeps the demo from ever naming a deliverable
// address: every address and link must sit under the reserved .example TLD.
func TestDemoEmailsAreReserved(t *testing.T) {
	d := loadDemo(t)
	type address struct{ where, email string }
	var all []address
	for i, c := range d.Companies {
		all = append(all, address{fmt.Sprintf("companies[%d].employer", i), c.Employer.Email})
	}
	for i, c := range d.Candidates {
		all = append(all,
			address{fmt.Sprintf("candidates[%d].account", i), c.Account.Email},
			address{fmt.Sprintf("candidates[%d].profile.contact", i), c.Profile.Contact.Email})
	}
	for _, a := range all {
		t.Run(a.where, func(t *testing.T) {
			at := strings.LastIndexByte(a.email, '@')
			if at < 0 || !strings.HasSuffix(a.email[at+1:], ".example") {
				t.Errorf("e-mail %q is not under .example", a.email)
			}
		})
	}
	for i, j := range d.Jobs {
		if u := j.Job.ApplyURL; u != "" && !strings.Contains(u, ".example/") {
			t.Errorf("jobs[%d]: apply_url %q is not under .example", i, u)
		}
	}
	for i, c := range d.Candidates {
		for _, l := range c.Profile.Contact.Links {
			if !strings.Contains(l, ".example/") && !strings.HasSuffix(l, ".example") {
				t.Errorf("candidates[%d]: link %q is not under .example", i, l)
			}
		}
	}
}

func TestParseDemoDecodesByJSONNames(t *testing.T) {
	d, err := parseDemo([]byte(`
companies:
  - name: Acme
    employer: {name: A, email: a@acme.example}
jobs:
  - company: Acme
    title: Backend Developer
    description: Builds things.
    employment_type: contract
    min_years: 2
    apply_url: https://acme.example/careers/1
    skills: {required: [go], preferred: [sql]}
candidates:
  - account: {name: C, email: c@mail.example}
    profile:
      name: C
      years_experience: 1.5
      desired_level: mid
      desired_salary: {min: 1, max: 2, currency: EUR, period: year}
`))
	if err != nil {
		t.Fatalf("parseDemo: %v", err)
	}
	j := d.Jobs[0]
	if j.Company != "Acme" || j.Job.EmploymentType != "contract" || j.Job.MinYears == nil || *j.Job.MinYears != 2 ||
		j.Job.ApplyURL != "https://acme.example/careers/1" || j.Job.Skills == nil || j.Job.Skills.Preferred[0] != "sql" {
		t.Errorf("job decoded as %+v", j)
	}
	p := d.Candidates[0].Profile
	if p.YearsExperience != 1.5 || p.DesiredLevel != "mid" || p.DesiredSalary == nil || p.DesiredSalary.Currency != "EUR" {
		t.Errorf("profile decoded as %+v", p)
	}
}

func TestParseDemoRejects(t *testing.T) {
	const company = `
companies:
  - name: Acme
    employer: {name: A, email: a@acme.example}
`
	tests := []struct {
		name string
		src  string
		want string // a fragment of the error
	}{
		{"unknown top-level field", company + "vacancies: []\n", `unknown field "vacancies"`},
		{"unknown job field", company + "jobs:\n  - {company: Acme, title: Dev, descripton: x}\n", `unknown field "descripton"`},
		{"unknown nested job field", company + "jobs:\n  - {company: Acme, title: Dev, skills: {requird: [go]}}\n", `unknown field "requird"`},
		{"unknown profile field", company + "candidates:\n  - account: {name: C, email: c@x.example}\n    profile: {name: C, skils: []}\n", `unknown field "skils"`},
		{"unknown company field", "companies:\n  - {name: Acme, website: https://acme.example}\n", `unknown field "website"`},
		{"wrong type", company + "jobs:\n  - {company: Acme, title: Dev, min_years: some}\n", "min_years"},
		{"job of unknown company", company + "jobs:\n  - {company: Acme Ltd, title: Dev}\n", `company "Acme Ltd" is not one of the companies`},
		{"duplicate e-mail", company + "candidates:\n  - account: {name: C, email: A@Acme.example}\n", "already used"},
		{"missing e-mail", company + "candidates:\n  - account: {name: C}\n", "email is required"},
		{"colliding company names", company + "  - name: ACME\n    employer: {name: B, email: b@acme.example}\n", "collides"},
		{"non-string key", company + "jobs:\n  - {company: Acme, 1: x}\n", "not a string"},
		{"not a mapping", "- a\n- b\n", "cannot unmarshal"},
		{"empty", "", "empty"},
		{"bad YAML", "companies: [\n", "parse YAML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := parseDemo([]byte(tt.src))
			if err == nil {
				t.Fatalf("parseDemo accepted it: %+v", d)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
		})
	}
}

func FuzzParseDemo(f *testing.F) {
	f.Add([]byte(demoYAML))
	f.Add([]byte("companies: [{name: A, employer: {name: B, email: b@a.example}}]\njobs: [{company: A}]\n"))
	f.Add([]byte("a: &x [*x]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		_, _ = parseDemo(src) // only a panic fails
	})
}
