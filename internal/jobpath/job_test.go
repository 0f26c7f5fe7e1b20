package jobpath_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jobpath/jobpath/internal/jobpath"
)

var (
	now  = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	acme = &jobpath.Company{ID: "acme", Name: "Acme"}
)

func ptr[T any](v T) *T { return &v }

// invalidFields returns the distinct field names of err, sorted, failing the
// test unless err is an EInvalid *jobpath.Error whose field errors all have a
// field and a message.
func invalidFields(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		t.Fatal("got no error, want an invalid input error")
	}
	var e *jobpath.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *jobpath.Error", err, err)
	}
	if e.Code != jobpath.EInvalid {
		t.Fatalf("code %q, want %q: %v", e.Code, jobpath.EInvalid, err)
	}
	var out []string
	for _, f := range e.Fields {
		if f.Field == "" || f.Message == "" {
			t.Errorf("field error without field or message: %+v", f)
		}
		out = append(out, f.Field)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// assertFields fails the test unless err is an EInvalid error naming exactly
// the fields want.
func assertFields(t *testing.T, err error, want ...string) {
	t.Helper()
	got := invalidFields(t, err)
	want = slices.Clone(want)
	slices.Sort(want)
	want = slices.Compact(want)
	if !slices.Equal(got, want) {
		var e *jobpath.Error
		errors.As(err, &e)
		t.Errorf("fields %q, want %q (%+v)", got, want, e.Fields)
	}
}

func validInput() jobpath.JobInput {
	return jobpath.JobInput{
		Title:          "Senior Go Engineer",
		Description:    "Build the payments ledger in Go on PostgreSQL.\n\n<b>Remote</b> friendly.",
		Skills:         &jobpath.Skills{Required: []string{"Go", "PostgreSQL"}, Preferred: []string{"Kafka"}},
		Level:          "senior",
		MinYears:       ptr(5),
		Degree:         "equivalent_experience",
		Remote:         "hybrid",
		Location:       &jobpath.Location{City: "Lisbon", Region: "Lisboa", Country: "PT", Lat: ptr(38.72), Lon: ptr(-9.14)},
		Salary:         &jobpath.Salary{Min: 90_000, Max: 120_000, Currency: "EUR", Period: "year"},
		EmploymentType: "contract",
		Status:         "published",
		ExpiresAt:      ptr(now.Add(30 * 24 * time.Hour)),
		ApplyURL:       "https://acme.example/jobs/42",
	}
}

func newJob(t *testing.T, in jobpath.JobInput) *jobpath.Job {
	t.Helper()
	j, err := jobpath.NewJob(in, acme, now)
	if err != nil {
		t.Fatalf("NewJob: %v", err)
	}
	return j
}

// distinctSkills returns n different skill names.
func distinctSkills(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "skill" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('a'+i/26))
	}
	return out
}

func TestNewJobDefaults(t *testing.T) {
	j := newJob(t, jobpath.JobInput{Title: "  Go developer \n", Description: "Build services."})
	checks := []struct {
		name      string
		got, want any
	}{
		{"title", j.Title, "Go developer"},
		{"company", j.Company, "acme"},
		{"company_name", j.CompanyName, "Acme"},
		{"status", j.Status, jobpath.StatusPublished},
		{"degree", j.Degree, jobpath.DegreeUnspecified},
		{"remote", j.Remote, jobpath.RemoteOnsite},
		{"employment_type", j.EmploymentType, "full_time"},
		{"level", j.Level, jobpath.Level("")},
		{"id", j.ID, ""},
		{"version", j.Version, int64(0)},
		{"created_at", j.CreatedAt, now},
		{"updated_at", j.UpdatedAt, now},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
	if j.PostedAt == nil || !j.PostedAt.Equal(now) {
		t.Errorf("posted_at = %v, want %v", j.PostedAt, now)
	}
	if j.Detected == nil || len(j.Detected) != 0 {
		t.Errorf("detected = %#v, want an empty, non-nil list", j.Detected)
	}
	if j.Skills.Required == nil || j.Skills.Preferred == nil || len(j.Skills.Required)+len(j.Skills.Preferred) != 0 {
		t.Errorf("skills = %#v, want empty, non-nil lists", j.Skills)
	}
	if j.MinYears != nil || j.Location != nil || j.Salary != nil {
		t.Errorf("optional fields set: %+v", j)
	}
	if j.ExpiresAt == nil || !j.ExpiresAt.Equal(now.Add(jobpath.Validity)) {
		t.Errorf("expires_at = %v, want %v: published roles stay open for the default validity", j.ExpiresAt, now.Add(jobpath.Validity))
	}
	raw, err := json.Marshal(j)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"detected":[]`, `"required":[]`, `"preferred":[]`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("JSON lacks %s: %s", want, raw)
		}
	}
}

func TestNewJobDraftHasNoPostedAt(t *testing.T) {
	j := newJob(t, jobpath.JobInput{Title: "Go developer", Description: "Build services.", Status: "draft"})
	if j.Status != jobpath.StatusDraft {
		t.Errorf("status = %q, want draft", j.Status)
	}
	if j.PostedAt != nil {
		t.Errorf("posted_at = %v, want nil for a draft", j.PostedAt)
	}
}

func TestNewJobKeepsGivenValues(t *testing.T) {
	in := validInput()
	j := newJob(t, in)
	if j.Degree != in.Degree || j.Remote != in.Remote || j.EmploymentType != in.EmploymentType || j.Level != in.Level {
		t.Errorf("enums changed: %+v", j)
	}
	if *j.MinYears != 5 || !reflect.DeepEqual(j.Salary, in.Salary) || !reflect.DeepEqual(j.Location, in.Location) {
		t.Errorf("values changed: %+v", j)
	}
	if !j.ExpiresAt.Equal(*in.ExpiresAt) || j.ApplyURL != in.ApplyURL {
		t.Errorf("expires_at/apply_url changed: %v %q", j.ExpiresAt, j.ApplyURL)
	}
}

func TestNewJobNormalisesSkills(t *testing.T) {
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"nil", nil, []string{}},
		{"lower-cased", []string{"Go", "PostgreSQL"}, []string{"go", "postgresql"}},
		{"trimmed and inner space collapsed", []string{"  Amazon \t Web   Services  "}, []string{"amazon web services"}},
		{"duplicates dropped, first kept", []string{"go", "Kafka", "GO", " go ", "kafka"}, []string{"go", "kafka"}},
		{"order kept", []string{"Zig", "Ada", "C"}, []string{"zig", "ada", "c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validInput()
			in.Skills = &jobpath.Skills{Required: tt.in, Preferred: tt.in}
			j := newJob(t, in)
			if !reflect.DeepEqual(j.Skills.Required, tt.want) {
				t.Errorf("required = %#v, want %#v", j.Skills.Required, tt.want)
			}
			if !reflect.DeepEqual(j.Skills.Preferred, tt.want) {
				t.Errorf("preferred = %#v, want %#v", j.Skills.Preferred, tt.want)
			}
		})
	}
}

func TestNewJobValidation(t *testing.T) {
	long := func(n int) string { return strings.Repeat("é", n) }
	tests := []struct {
		name   string
		mod    func(*jobpath.JobInput)
		fields []string // nil: valid
	}{
		{"valid", func(*jobpath.JobInput) {}, nil},

		{"title empty", func(in *jobpath.JobInput) { in.Title = "" }, []string{"title"}},
		{"title too short", func(in *jobpath.JobInput) { in.Title = "Go" }, []string{"title"}},
		{"title short once trimmed", func(in *jobpath.JobInput) { in.Title = "   Go   " }, []string{"title"}},
		{"title of 3", func(in *jobpath.JobInput) { in.Title = "SRE" }, nil},
		{"title of 200 characters", func(in *jobpath.JobInput) { in.Title = long(200) }, nil},
		{"title of 201 characters", func(in *jobpath.JobInput) { in.Title = long(201) }, []string{"title"}},
		{"title with a tag", func(in *jobpath.JobInput) { in.Title = "<b>Go</b> developer" }, []string{"title"}},
		{"title with >", func(in *jobpath.JobInput) { in.Title = "Go > Java developer" }, []string{"title"}},
		{"title with a newline", func(in *jobpath.JobInput) { in.Title = "Go\ndeveloper" }, []string{"title"}},
		{"title with a carriage return", func(in *jobpath.JobInput) { in.Title = "Go\rdeveloper" }, []string{"title"}},
		{"title with NUL", func(in *jobpath.JobInput) { in.Title = "Go\x00developer" }, []string{"title"}},
		{"title not UTF-8", func(in *jobpath.JobInput) { in.Title = "Go developer \xff" }, []string{"title"}},
		{"title with outer newlines is trimmed", func(in *jobpath.JobInput) { in.Title = "\nGo developer\n" }, nil},

		{"description empty", func(in *jobpath.JobInput) { in.Description = "" }, []string{"description"}},
		{"description blank", func(in *jobpath.JobInput) { in.Description = " \n\t " }, []string{"description"}},
		{"description at max", func(in *jobpath.JobInput) { in.Description = strings.Repeat("a", 50_000) }, nil},
		{"description over max", func(in *jobpath.JobInput) { in.Description = strings.Repeat("a", 50_001) }, []string{"description"}},
		{"description with NUL", func(in *jobpath.JobInput) { in.Description = "Build\x00things" }, []string{"description"}},
		{"description not UTF-8", func(in *jobpath.JobInput) { in.Description = "Build \xc3\x28 things" }, []string{"description"}},
		{"description multi-line with markup", func(in *jobpath.JobInput) { in.Description = "<p>Build</p>\r\nthings" }, nil},

		{"60 required skills", func(in *jobpath.JobInput) { in.Skills.Required = distinctSkills(60) }, nil},
		{"61 required skills", func(in *jobpath.JobInput) { in.Skills.Required = distinctSkills(61) }, []string{"skills.required"}},
		{"61 preferred skills", func(in *jobpath.JobInput) { in.Skills.Preferred = distinctSkills(61) }, []string{"skills.preferred"}},
		{"61 skills that would de-duplicate to 60", func(in *jobpath.JobInput) {
			in.Skills.Required = append(distinctSkills(60), "SKILLAA")
		}, []string{"skills.required"}},
		{"blank skill named at the position sent", func(in *jobpath.JobInput) {
			in.Skills.Required = []string{"go", "", "GO", "<b>"}
		}, []string{"skills.required[1]", "skills.required[3]"}},
		{"whitespace-only skill", func(in *jobpath.JobInput) { in.Skills.Preferred = []string{"   "} }, []string{"skills.preferred[0]"}},
		{"required skill of 81 characters", func(in *jobpath.JobInput) {
			in.Skills.Required = []string{"go", "sql", "k8s", strings.Repeat("x", 81)}
		}, []string{"skills.required[3]"}},
		{"required skill of 80 characters", func(in *jobpath.JobInput) {
			in.Skills.Required = []string{"go", "sql", "k8s", strings.Repeat("x", 80)}
		}, nil},
		{"required skill with markup", func(in *jobpath.JobInput) {
			in.Skills.Required = []string{"go", "<script>"}
		}, []string{"skills.required[1]"}},
		{"preferred skill with NUL", func(in *jobpath.JobInput) {
			in.Skills.Preferred = []string{"go\x00"}
		}, []string{"skills.preferred[0]"}},
		{"two bad skills", func(in *jobpath.JobInput) {
			in.Skills.Required = []string{"<a>", "go", "<b>"}
		}, []string{"skills.required[0]", "skills.required[2]"}},

		{"level unknown", func(in *jobpath.JobInput) { in.Level = "principal" }, []string{"level"}},
		{"level in capitals", func(in *jobpath.JobInput) { in.Level = "Senior" }, []string{"level"}},
		{"level empty", func(in *jobpath.JobInput) { in.Level = "" }, nil},
		{"degree unknown", func(in *jobpath.JobInput) { in.Degree = "phd" }, []string{"degree"}},
		{"remote unknown", func(in *jobpath.JobInput) { in.Remote = "anywhere" }, []string{"remote"}},
		{"employment_type unknown", func(in *jobpath.JobInput) { in.EmploymentType = "freelance" }, []string{"employment_type"}},
		{"status unknown", func(in *jobpath.JobInput) { in.Status = "live" }, []string{"status"}},
		{"status closed", func(in *jobpath.JobInput) { in.Status = "closed" }, []string{"status"}},
		{"status expired", func(in *jobpath.JobInput) { in.Status = "expired" }, []string{"status"}},

		{"min_years 0", func(in *jobpath.JobInput) { in.MinYears = ptr(0) }, nil},
		{"min_years 60", func(in *jobpath.JobInput) { in.MinYears = ptr(60) }, nil},
		{"min_years -1", func(in *jobpath.JobInput) { in.MinYears = ptr(-1) }, []string{"min_years"}},
		{"min_years 61", func(in *jobpath.JobInput) { in.MinYears = ptr(61) }, []string{"min_years"}},

		{"lat 90 and lon -180", func(in *jobpath.JobInput) { in.Location.Lat, in.Location.Lon = ptr(90.0), ptr(-180.0) }, nil},
		{"lat above 90", func(in *jobpath.JobInput) { in.Location.Lat = ptr(90.5) }, []string{"location.lat"}},
		{"lat below -90", func(in *jobpath.JobInput) { in.Location.Lat = ptr(-91.0) }, []string{"location.lat"}},
		{"lon above 180", func(in *jobpath.JobInput) { in.Location.Lon = ptr(180.1) }, []string{"location.lon"}},
		{"lon below -180", func(in *jobpath.JobInput) { in.Location.Lon = ptr(-200.0) }, []string{"location.lon"}},
		{"lat without lon", func(in *jobpath.JobInput) { in.Location.Lon = nil }, []string{"location"}},
		{"lon without lat", func(in *jobpath.JobInput) { in.Location.Lat = nil }, []string{"location"}},
		{"location without coordinates", func(in *jobpath.JobInput) { in.Location = &jobpath.Location{City: "Porto"} }, nil},
		{"city with markup", func(in *jobpath.JobInput) { in.Location.City = "<Lisbon>" }, []string{"location.city"}},
		{"region too long", func(in *jobpath.JobInput) { in.Location.Region = long(201) }, []string{"location.region"}},
		{"country with a newline", func(in *jobpath.JobInput) { in.Location.Country = "P\nT" }, []string{"location.country"}},

		{"salary min negative", func(in *jobpath.JobInput) { in.Salary.Min = -1 }, []string{"salary.min"}},
		{"salary max negative", func(in *jobpath.JobInput) { in.Salary.Min, in.Salary.Max = 0, -1 }, []string{"salary.max"}},
		{"salary min above max", func(in *jobpath.JobInput) { in.Salary.Min, in.Salary.Max = 130_000, 120_000 }, []string{"salary.max"}},
		{"salary min equal to max", func(in *jobpath.JobInput) { in.Salary.Min, in.Salary.Max = 120_000, 120_000 }, nil},
		{"salary min only", func(in *jobpath.JobInput) { in.Salary.Min, in.Salary.Max = 50_000, 0 }, nil},
		{"salary max only", func(in *jobpath.JobInput) { in.Salary.Min, in.Salary.Max = 0, 50_000 }, nil},
		{"salary without amounts", func(in *jobpath.JobInput) { in.Salary.Min, in.Salary.Max = 0, 0 }, []string{"salary.max"}},
		{"salary min implausible", func(in *jobpath.JobInput) { in.Salary.Min, in.Salary.Max = 100_000_001, 0 }, []string{"salary.min"}},
		{"salary max implausible", func(in *jobpath.JobInput) { in.Salary.Max = 100_000_001 }, []string{"salary.max"}},
		{"salary currency lower-case", func(in *jobpath.JobInput) { in.Salary.Currency = "eur" }, []string{"salary.currency"}},
		{"salary currency too short", func(in *jobpath.JobInput) { in.Salary.Currency = "EU" }, []string{"salary.currency"}},
		{"salary currency too long", func(in *jobpath.JobInput) { in.Salary.Currency = "EURO" }, []string{"salary.currency"}},
		{"salary currency with a digit", func(in *jobpath.JobInput) { in.Salary.Currency = "U5D" }, []string{"salary.currency"}},
		{"salary currency empty", func(in *jobpath.JobInput) { in.Salary.Currency = "" }, []string{"salary.currency"}},
		{"salary currency symbol", func(in *jobpath.JobInput) { in.Salary.Currency = "€" }, []string{"salary.currency"}},
		{"salary period unknown", func(in *jobpath.JobInput) { in.Salary.Period = "week" }, []string{"salary.period"}},
		{"salary period empty", func(in *jobpath.JobInput) { in.Salary.Period = "" }, []string{"salary.period"}},

		{"apply_url http", func(in *jobpath.JobInput) { in.ApplyURL = "http://acme.example/apply" }, nil},
		{"apply_url padded", func(in *jobpath.JobInput) { in.ApplyURL = "  https://acme.example/apply  " }, nil},
		{"apply_url ftp", func(in *jobpath.JobInput) { in.ApplyURL = "ftp://acme.example/apply" }, []string{"apply_url"}},
		{"apply_url javascript", func(in *jobpath.JobInput) { in.ApplyURL = "javascript:alert(1)" }, []string{"apply_url"}},
		{"apply_url without host", func(in *jobpath.JobInput) { in.ApplyURL = "https://" }, []string{"apply_url"}},
		{"apply_url without scheme", func(in *jobpath.JobInput) { in.ApplyURL = "acme.example/apply" }, []string{"apply_url"}},
		{"apply_url unparseable", func(in *jobpath.JobInput) { in.ApplyURL = "https://acme.example/%zz" }, []string{"apply_url"}},
		{"apply_url too long", func(in *jobpath.JobInput) {
			in.ApplyURL = "https://acme.example/" + strings.Repeat("a", 2048)
		}, []string{"apply_url"}},

		{"expires_at in the past", func(in *jobpath.JobInput) { in.ExpiresAt = ptr(now.Add(-time.Second)) }, []string{"expires_at"}},
		{"expires_at now", func(in *jobpath.JobInput) { in.ExpiresAt = ptr(now) }, []string{"expires_at"}},
		{"expires_at just after now", func(in *jobpath.JobInput) { in.ExpiresAt = ptr(now.Add(time.Nanosecond)) }, nil},

		{"every bad field is named", func(in *jobpath.JobInput) {
			in.Title = "Go"
			in.Description = ""
			in.Level = "guru"
			in.Salary.Currency = "eur"
			in.Location.Lat = ptr(100.0)
			in.ApplyURL = "mailto:jobs@acme.example"
		}, []string{"title", "description", "level", "salary.currency", "location.lat", "apply_url"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validInput()
			tt.mod(&in)
			j, err := jobpath.NewJob(in, acme, now)
			if tt.fields == nil {
				if err != nil {
					t.Fatalf("NewJob: %v", err)
				}
				if err := j.Validate(); err != nil {
					t.Errorf("Validate of a new job: %v", err)
				}
				return
			}
			if j != nil {
				t.Errorf("NewJob returned a job with an error")
			}
			assertFields(t, err, tt.fields...)
			if msg := jobpath.ErrorMessage(err); msg != "the input is not valid" {
				t.Errorf("message %q", msg)
			}
		})
	}
}

func TestJobApply(t *testing.T) {
	later := now.Add(time.Hour)
	tests := []struct {
		name  string
		patch jobpath.JobPatch
		want  func(j *jobpath.Job) // changes expected on top of the original, besides UpdatedAt
	}{
		{"empty patch", jobpath.JobPatch{}, func(*jobpath.Job) {}},
		{"title only", jobpath.JobPatch{Title: ptr("  Staff Go Engineer ")}, func(j *jobpath.Job) { j.Title = "Staff Go Engineer" }},
		{"description only", jobpath.JobPatch{Description: ptr("New text.")}, func(j *jobpath.Job) { j.Description = "New text." }},
		{"skills replaced and normalised", jobpath.JobPatch{Skills: &jobpath.Skills{Required: []string{"Rust", "rust"}}}, func(j *jobpath.Job) {
			j.Skills = jobpath.Skills{Required: []string{"rust"}, Preferred: []string{}}
		}},
		{"salary replaced whole", jobpath.JobPatch{Salary: &jobpath.Salary{Min: 50, Max: 80, Currency: "USD", Period: "hour"}}, func(j *jobpath.Job) {
			j.Salary = &jobpath.Salary{Min: 50, Max: 80, Currency: "USD", Period: "hour"}
		}},
		{"location replaced whole", jobpath.JobPatch{Location: &jobpath.Location{City: "Porto"}}, func(j *jobpath.Job) {
			j.Location = &jobpath.Location{City: "Porto"}
		}},
		{"enums", jobpath.JobPatch{Level: ptr[jobpath.Level]("lead"), Degree: ptr[jobpath.Degree]("required"), Remote: ptr[jobpath.RemoteMode]("remote"), EmploymentType: ptr("part_time")}, func(j *jobpath.Job) {
			j.Level, j.Degree, j.Remote, j.EmploymentType = "lead", "required", "remote", "part_time"
		}},
		{"min_years", jobpath.JobPatch{MinYears: ptr(2)}, func(j *jobpath.Job) { j.MinYears = ptr(2) }},
		{"expires_at", jobpath.JobPatch{ExpiresAt: ptr(later.Add(time.Hour))}, func(j *jobpath.Job) { j.ExpiresAt = ptr(later.Add(time.Hour)) }},
		{"apply_url", jobpath.JobPatch{ApplyURL: ptr("https://acme.example/new")}, func(j *jobpath.Job) { j.ApplyURL = "https://acme.example/new" }},
		{"unpublish", jobpath.JobPatch{Status: ptr[jobpath.Status]("draft")}, func(j *jobpath.Job) { j.Status = "draft" }},
		{"republish keeps the first posted_at", jobpath.JobPatch{Status: ptr[jobpath.Status]("published")}, func(*jobpath.Job) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := newJob(t, validInput())
			want := newJob(t, validInput())
			tt.want(want)
			want.UpdatedAt = later
			if err := j.Apply(tt.patch, later); err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if !reflect.DeepEqual(j, want) {
				t.Errorf("after Apply:\n got %+v\nwant %+v", j, want)
			}
		})
	}
}

func TestJobApplyPublishesDraft(t *testing.T) {
	in := validInput()
	in.Status = "draft"
	j := newJob(t, in)
	later := now.Add(time.Hour)
	if err := j.Apply(jobpath.JobPatch{Status: ptr[jobpath.Status]("published")}, later); err != nil {
		t.Fatal(err)
	}
	if j.Status != jobpath.StatusPublished || j.PostedAt == nil || !j.PostedAt.Equal(later) {
		t.Errorf("status %q posted_at %v, want published at %v", j.Status, j.PostedAt, later)
	}
	if !j.UpdatedAt.Equal(later) || !j.CreatedAt.Equal(now) {
		t.Errorf("created_at %v updated_at %v", j.CreatedAt, j.UpdatedAt)
	}
	if err := j.Apply(jobpath.JobPatch{Status: ptr[jobpath.Status]("draft")}, later.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if j.Status != jobpath.StatusDraft || !j.UpdatedAt.Equal(later.Add(time.Minute)) {
		t.Errorf("status %q updated_at %v", j.Status, j.UpdatedAt)
	}
}

// TestJobApplyRefusesPublishingPastExpiry: publishing a draft whose expiry
// has passed would expire it at once and lock it against every change.
func TestJobApplyRefusesPublishingPastExpiry(t *testing.T) {
	in := validInput()
	in.Status = "draft"
	in.ExpiresAt = ptr(now.Add(time.Hour))
	j := newJob(t, in)
	later := now.Add(2 * time.Hour)
	assertFields(t, j.Apply(jobpath.JobPatch{Status: ptr[jobpath.Status]("published")}, later), "expires_at")
	if err := j.Apply(jobpath.JobPatch{Status: ptr[jobpath.Status]("published"), ExpiresAt: ptr(later.Add(time.Hour))}, later); err != nil {
		t.Fatalf("publishing with a new expiry: %v", err)
	}
	if j.EffectiveStatus(later) != jobpath.StatusPublished {
		t.Fatalf("status %q", j.EffectiveStatus(later))
	}
}

func TestJobApplyInvalid(t *testing.T) {
	later := now.Add(time.Hour)
	tests := []struct {
		name   string
		patch  jobpath.JobPatch
		fields []string
	}{
		{"status closed", jobpath.JobPatch{Status: ptr[jobpath.Status]("closed")}, []string{"status"}},
		{"status expired", jobpath.JobPatch{Status: ptr[jobpath.Status]("expired")}, []string{"status"}},
		{"status unknown", jobpath.JobPatch{Status: ptr[jobpath.Status]("archived")}, []string{"status"}},
		{"status empty", jobpath.JobPatch{Status: ptr[jobpath.Status]("")}, []string{"status"}},
		{"expires_at in the past", jobpath.JobPatch{ExpiresAt: ptr(later.Add(-time.Minute))}, []string{"expires_at"}},
		{"expires_at now", jobpath.JobPatch{ExpiresAt: ptr(later)}, []string{"expires_at"}},
		{"title blank", jobpath.JobPatch{Title: ptr("  ")}, []string{"title"}},
		{"level unknown", jobpath.JobPatch{Level: ptr[jobpath.Level]("guru")}, []string{"level"}},
		{"salary invalid", jobpath.JobPatch{Salary: &jobpath.Salary{Min: 2, Max: 1, Currency: "usd", Period: "year"}}, []string{"salary.max", "salary.currency"}},
		{"skill too long", jobpath.JobPatch{Skills: &jobpath.Skills{Preferred: []string{"go", strings.Repeat("y", 81)}}}, []string{"skills.preferred[1]"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := newJob(t, validInput())
			assertFields(t, j.Apply(tt.patch, later), tt.fields...)
		})
	}
}

func TestJobApplyRefusesHistory(t *testing.T) {
	expires := now.Add(24 * time.Hour)
	tests := []struct {
		name  string
		setup func(j *jobpath.Job)
		at    time.Time
	}{
		{"closed", func(j *jobpath.Job) { j.Close(now) }, now.Add(time.Hour)},
		{"stored as expired", func(j *jobpath.Job) { j.Status = jobpath.StatusExpired }, now.Add(time.Hour)},
		{"published past its expiry", func(j *jobpath.Job) { j.ExpiresAt = &expires }, expires.Add(time.Second)},
		{"published at its expiry", func(j *jobpath.Job) { j.ExpiresAt = &expires }, expires},
	}
	patches := map[string]jobpath.JobPatch{
		"empty":     {},
		"title":     {Title: ptr("Reopened role")},
		"publish":   {Status: ptr[jobpath.Status]("published")},
		"draft":     {Status: ptr[jobpath.Status]("draft")},
		"expires":   {ExpiresAt: ptr(expires.Add(30 * 24 * time.Hour))},
		"bad level": {Level: ptr[jobpath.Level]("guru")},
	}
	for _, tt := range tests {
		for pname, patch := range patches {
			t.Run(tt.name+"/"+pname, func(t *testing.T) {
				j := newJob(t, validInput())
				tt.setup(j)
				before := *j
				err := j.Apply(patch, tt.at)
				if code := jobpath.CodeOf(err); code != jobpath.EConflict {
					t.Fatalf("code %q (%v), want %q", code, err, jobpath.EConflict)
				}
				if !reflect.DeepEqual(*j, before) {
					t.Errorf("a refused patch changed the job:\n got %+v\nwant %+v", *j, before)
				}
			})
		}
	}
}

func TestJobClose(t *testing.T) {
	j := newJob(t, validInput())
	t1, t2 := now.Add(time.Hour), now.Add(2*time.Hour)
	if !j.Close(t1) {
		t.Fatal("first Close reported no change")
	}
	if j.Status != jobpath.StatusClosed || !j.UpdatedAt.Equal(t1) {
		t.Fatalf("status %q updated_at %v, want closed at %v", j.Status, j.UpdatedAt, t1)
	}
	before := *j
	if j.Close(t2) {
		t.Error("closing a closed job reported a change")
	}
	if !reflect.DeepEqual(*j, before) {
		t.Errorf("closing a closed job changed it:\n got %+v\nwant %+v", *j, before)
	}

	draft := validInput()
	draft.Status = "draft"
	d := newJob(t, draft)
	if !d.Close(t1) || d.Status != jobpath.StatusClosed {
		t.Errorf("closing a draft: status %q", d.Status)
	}
}

func TestJobEffectiveStatus(t *testing.T) {
	expires := now.Add(time.Hour)
	tests := []struct {
		status    jobpath.Status
		expiresAt *time.Time
		at        time.Time
		want      jobpath.Status
	}{
		{"published", nil, now.Add(100 * 365 * 24 * time.Hour), "published"},
		{"published", &expires, now, "published"},
		{"published", &expires, expires.Add(-time.Nanosecond), "published"},
		{"published", &expires, expires, "expired"},
		{"published", &expires, expires.Add(time.Hour), "expired"},
		{"draft", &expires, expires.Add(time.Hour), "draft"},
		{"closed", &expires, expires.Add(time.Hour), "closed"},
		{"closed", nil, now, "closed"},
		{"expired", nil, now, "expired"},
		{"expired", &expires, now, "expired"},
	}
	for _, tt := range tests {
		j := &jobpath.Job{Status: tt.status, ExpiresAt: tt.expiresAt}
		if got := j.EffectiveStatus(tt.at); got != tt.want {
			t.Errorf("status %q expires %v at %v: got %q, want %q", tt.status, tt.expiresAt, tt.at, got, tt.want)
		}
	}
}

func TestJobVisibleToAndOwnedBy(t *testing.T) {
	expires := now.Add(time.Hour)
	at := now.Add(2 * time.Hour)
	principals := []struct {
		name  string
		p     *jobpath.Principal
		owner bool
	}{
		{"anonymous", nil, false},
		{"candidate", &jobpath.Principal{UserID: "c", Role: jobpath.RoleCandidate}, false},
		{"candidate claiming the company", &jobpath.Principal{UserID: "c", Role: jobpath.RoleCandidate, CompanyID: "acme"}, false},
		{"employer of the company", &jobpath.Principal{UserID: "e", Role: jobpath.RoleEmployer, CompanyID: "acme"}, true},
		{"employer of another company", &jobpath.Principal{UserID: "o", Role: jobpath.RoleEmployer, CompanyID: "initech"}, false},
		{"employer without a company", &jobpath.Principal{UserID: "n", Role: jobpath.RoleEmployer}, false},
		{"admin", &jobpath.Principal{UserID: "a", Role: jobpath.RoleAdmin}, true},
	}
	jobs := []struct {
		name      string
		status    jobpath.Status
		expiresAt *time.Time
		public    bool
	}{
		{"published", "published", nil, true},
		{"draft", "draft", nil, false},
		{"closed", "closed", nil, false},
		{"stored expired", "expired", nil, false},
		{"published past expiry", "published", &expires, false},
	}
	for _, jt := range jobs {
		for _, pt := range principals {
			t.Run(jt.name+"/"+pt.name, func(t *testing.T) {
				j := &jobpath.Job{Company: "acme", Status: jt.status, ExpiresAt: jt.expiresAt}
				if got := j.OwnedBy(pt.p); got != pt.owner {
					t.Errorf("OwnedBy = %v, want %v", got, pt.owner)
				}
				want := jt.public || pt.owner
				if got := j.VisibleTo(pt.p, at); got != want {
					t.Errorf("VisibleTo = %v, want %v", got, want)
				}
			})
		}
	}
	// A job without a company is owned by no employer without one.
	orphan := &jobpath.Job{Status: "draft"}
	if orphan.OwnedBy(&jobpath.Principal{Role: jobpath.RoleEmployer}) {
		t.Error("an employer without a company owns a job without a company")
	}
}

func FuzzNewJob(f *testing.F) {
	valid, err := json.Marshal(validInput())
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		string(valid),
		`{"title":"Go developer","description":"Build services."}`,
		`{"title":"Go developer","description":"x","status":"draft","skills":{"required":["Go"," go ","GO",""],"preferred":null}}`,
		`{"title":"Backend","description":"d","location":{"city":"Berlin","lat":52.5,"lon":13.4},"salary":{"min":1,"max":2,"currency":"EUR","period":"month"}}`,
		`{"title":"<script>alert(1)</script>","description":"\u0000","skills":{"required":["\u0000","<b>"]}}`,
		`{"title":"Go\ndev","description":"d","apply_url":"javascript:alert(1)"}`,
		`{"title":"Go dev","description":"d","location":{"lat":91},"salary":{"min":-1,"max":-2,"currency":"eu","period":"week"}}`,
		`{"title":"Go dev","description":"d","min_years":-2147483648,"salary":{"min":9223372036854775807,"max":0,"currency":"USD","period":"year"}}`,
		`{"title":"Go dev","description":"d","status":"closed","expires_at":"0001-01-01T00:00:00Z"}`,
		`{"title":"Go dev","description":"d","expires_at":"9999-12-31T23:59:59Z","apply_url":"https://a.example/` + strings.Repeat("a", 2100) + `"}`,
		`{"title":"\ud800\udc00\ufffd","description":"\u200b","level":"Senior","degree":"","remote":null}`,
		`{"skills":{"required":["` + strings.Join(distinctSkills(61), `","`) + `"]}}`,
		`{"$where":"1","title":{"$gt":""}}`,
		`null`,
		`[]`,
		"{\"title\":\"Go dev\xff\",\"description\":\"d\"}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var in jobpath.JobInput
		if err := json.Unmarshal(data, &in); err != nil {
			t.Skip()
		}
		j, err := jobpath.NewJob(in, acme, now)
		if err != nil {
			if j != nil {
				t.Fatal("NewJob returned both a job and an error")
			}
			invalidFields(t, err)
			return
		}
		if j == nil {
			t.Fatal("NewJob returned neither a job nor an error")
		}
		if err := j.Validate(); err != nil {
			t.Fatalf("a new job does not validate: %v", err)
		}
		if j.Status != jobpath.StatusDraft && j.Status != jobpath.StatusPublished {
			t.Fatalf("new job has status %q", j.Status)
		}
		if (j.PostedAt != nil) != (j.Status == jobpath.StatusPublished) {
			t.Fatalf("status %q with posted_at %v", j.Status, j.PostedAt)
		}
		if j.Detected == nil {
			t.Fatal("detected is nil")
		}
		for _, list := range [][]string{j.Skills.Required, j.Skills.Preferred} {
			seen := map[string]bool{}
			for _, s := range list {
				if s == "" || seen[s] || s != strings.ToLower(strings.Join(strings.Fields(s), " ")) {
					t.Fatalf("skills not normalised: %q", list)
				}
				seen[s] = true
			}
		}
	})
}
