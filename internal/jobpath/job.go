package jobpath

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// EmploymentFullTime is the employment type of a role that states none.
const EmploymentFullTime = "full_time"

// Validity is how long a published role stays open unless its poster says
// otherwise; renewing a role opens it for as long again.
const Validity = 30 * 24 * time.Hour

// Enumerations of job fields that are free of rules, as the outside
// contract names them (the others are in values.go).
var (
	EmploymentTypes = []string{EmploymentFullTime, "part_time", "contract", "internship", "temporary"}
	SalaryPeriods   = []string{"year", "month", "day", "hour"}
)

// OpenWithoutDegree reports whether the role is open to candidates without a
// degree: it needs none, or takes experience instead. This is what the
// no_degree filter means.
func (j *Job) OpenWithoutDegree() bool { return j.Degree.OpenWithoutDegree() }

// Limits on job input; generous for real postings, small enough that one
// request cannot bloat the store or the index.
const (
	maxTitle       = 200
	maxDescription = 50_000
	maxSkills      = 60
	maxSkillName   = 80
	maxShortText   = 200
	maxURL         = 2048
	maxYears       = 60
	maxSalary      = 100_000_000
)

// Skills splits a job's skills by how firmly the poster asks for them.
type Skills struct {
	Required  []string `json:"required" bson:"required"`
	Preferred []string `json:"preferred" bson:"preferred"`
}

// Location is a place; coordinates are optional.
type Location struct {
	City    string   `json:"city,omitempty" bson:"city,omitempty"`
	Region  string   `json:"region,omitempty" bson:"region,omitempty"`
	Country string   `json:"country,omitempty" bson:"country,omitempty"`
	Lat     *float64 `json:"lat,omitempty" bson:"lat,omitempty"`
	Lon     *float64 `json:"lon,omitempty" bson:"lon,omitempty"`
}

// Salary is a pay range in one currency per period.
type Salary struct {
	Min      int64  `json:"min" bson:"min"`
	Max      int64  `json:"max" bson:"max"`
	Currency string `json:"currency" bson:"currency"`
	Period   string `json:"period" bson:"period"`
}

// AnnualSalary is a salary made comparable with any other: per year, in
// one reference currency, by the exchange rates of a given date.
type AnnualSalary struct {
	Min      int64  `json:"min" bson:"min"`
	Max      int64  `json:"max" bson:"max"`
	Currency string `json:"currency" bson:"currency"`
	Rates    string `json:"rates" bson:"rates"` // the date of the rates used
}

// SalaryNormaliser makes salaries comparable; nil when it cannot.
type SalaryNormaliser interface {
	Annual(s *Salary) *AnnualSalary
}

// Job is a posting of one role by one company.
type Job struct {
	ID          string     `json:"id" bson:"_id"`
	Title       string     `json:"title" bson:"title"`
	Company     string     `json:"company" bson:"company"`
	CompanyName string     `json:"company_name" bson:"company_name"`
	Description string     `json:"description" bson:"description"`
	Skills      Skills     `json:"skills" bson:"skills"`
	Level       Level      `json:"level,omitempty" bson:"level,omitempty"`
	MinYears    *int       `json:"min_years,omitempty" bson:"min_years,omitempty"`
	Degree      Degree     `json:"degree" bson:"degree"`
	Remote      RemoteMode `json:"remote" bson:"remote"`
	Location    *Location  `json:"location,omitempty" bson:"location,omitempty"`
	Salary      *Salary    `json:"salary,omitempty" bson:"salary,omitempty"`
	// SalaryYear is Salary made comparable: filters, sorting and matching
	// use it, people see Salary.
	SalaryYear     *AnnualSalary `json:"salary_per_year,omitempty" bson:"salary_per_year,omitempty"`
	EmploymentType string        `json:"employment_type" bson:"employment_type"`
	Status         Status        `json:"status" bson:"status"`
	PostedAt       *time.Time    `json:"posted_at,omitempty" bson:"posted_at,omitempty"`
	ExpiresAt      *time.Time    `json:"expires_at,omitempty" bson:"expires_at,omitempty"`
	ApplyURL       string        `json:"apply_url,omitempty" bson:"apply_url,omitempty"`
	RemoteRegion   string        `json:"remote_region,omitempty" bson:"remote_region,omitempty"`
	// Detected lists the fields read from the text, Evidence where each was
	// read; Defaulted the fields that neither the poster nor the text gave,
	// which are read again when the text changes.
	Detected  []string            `json:"detected" bson:"detected"`
	Evidence  map[string]Evidence `json:"evidence,omitempty" bson:"evidence,omitempty"`
	Defaulted []string            `json:"-" bson:"defaulted,omitempty"`
	Version   int64               `json:"version" bson:"version"`
	CreatedAt time.Time           `json:"created_at" bson:"created_at"`
	UpdatedAt time.Time           `json:"updated_at" bson:"updated_at"`
}

// JobInput is what a poster may set when creating a job. Everything else
// (id, company, version, timestamps) is the board's to decide.
type JobInput struct {
	Title          string     `json:"title"`
	Description    string     `json:"description"`
	Skills         *Skills    `json:"skills"`
	Level          Level      `json:"level"`
	MinYears       *int       `json:"min_years"`
	Degree         Degree     `json:"degree"`
	Remote         RemoteMode `json:"remote"`
	Location       *Location  `json:"location"`
	Salary         *Salary    `json:"salary"`
	EmploymentType string     `json:"employment_type"`
	Status         Status     `json:"status"`
	ExpiresAt      *time.Time `json:"expires_at"`
	ApplyURL       string     `json:"apply_url"`
}

// JobPatch is a partial update: nil fields stay as they are, present ones
// replace the stored value whole (a patched salary replaces the salary).
type JobPatch struct {
	Title          *string     `json:"title"`
	Description    *string     `json:"description"`
	Skills         *Skills     `json:"skills"`
	Level          *Level      `json:"level"`
	MinYears       *int        `json:"min_years"`
	Degree         *Degree     `json:"degree"`
	Remote         *RemoteMode `json:"remote"`
	Location       *Location   `json:"location"`
	Salary         *Salary     `json:"salary"`
	EmploymentType *string     `json:"employment_type"`
	Status         *Status     `json:"status"`
	ExpiresAt      *time.Time  `json:"expires_at"`
	ApplyURL       *string     `json:"apply_url"`
}

// NewJob builds a job of company c from input, filling defaults, at time now.
// It returns an EInvalid error naming every bad field.
func NewJob(in JobInput, c *Company, now time.Time) (*Job, error) {
	j := &Job{
		Title:          in.Title,
		Company:        c.ID,
		CompanyName:    c.Name,
		Description:    in.Description,
		Level:          in.Level,
		MinYears:       in.MinYears,
		Degree:         in.Degree,
		Remote:         in.Remote,
		Location:       in.Location,
		Salary:         in.Salary,
		EmploymentType: in.EmploymentType,
		Status:         in.Status,
		ExpiresAt:      in.ExpiresAt,
		ApplyURL:       in.ApplyURL,
		CreatedAt:      now,
		UpdatedAt:      now,
	}
	if in.Skills != nil {
		j.Skills = *in.Skills
	}
	var p Problems
	if Valid(j.Status, Statuses) && !Valid(j.Status, InputStatuses) {
		p.Add("status", "a new job is one of %s", Join(InputStatuses))
	}
	j.applyDefaults(now)
	if j.ExpiresAt != nil && !j.ExpiresAt.After(now) {
		p.Add("expires_at", "must be in the future")
	}
	p = append(p, j.problems()...)
	if err := p.Err(); err != nil {
		return nil, err
	}
	j.normalise()
	return j, nil
}

// Apply changes j by patch at time now, or not at all when it returns an
// error. Closed and expired jobs are history: they cannot be edited or reopened.
func (j *Job) Apply(patch JobPatch, now time.Time) error {
	next := *j
	if err := next.apply(patch, now); err != nil {
		return err
	}
	*j = next
	return nil
}

// apply does the work of Apply on a copy, so that a refused patch leaves the
// job as it was.
func (j *Job) apply(patch JobPatch, now time.Time) error {
	if s := j.EffectiveStatus(now); s == StatusClosed || s == StatusExpired {
		return Errorf(EConflict, "the job is %s and can no longer be changed", s)
	}
	var p Problems
	set(&j.Title, patch.Title)
	set(&j.Description, patch.Description)
	set(&j.Level, patch.Level)
	set(&j.Degree, patch.Degree)
	set(&j.Remote, patch.Remote)
	set(&j.EmploymentType, patch.EmploymentType)
	set(&j.ApplyURL, patch.ApplyURL)
	if patch.Skills != nil {
		j.Skills = *patch.Skills
	}
	if patch.MinYears != nil {
		j.MinYears = patch.MinYears
	}
	if patch.Location != nil {
		j.Location = patch.Location
	}
	if patch.Salary != nil {
		j.Salary = patch.Salary
	}
	if patch.ExpiresAt != nil {
		if !patch.ExpiresAt.After(now) {
			p.Add("expires_at", "must be in the future")
		}
		j.ExpiresAt = patch.ExpiresAt
	}
	if patch.Status != nil {
		if Valid(*patch.Status, InputStatuses) {
			j.Status = *patch.Status
		} else {
			p.Add("status", "may be set to one of %s; close a job with DELETE", Join(InputStatuses))
		}
	}
	if patch.ExpiresAt == nil && j.Status == StatusPublished && j.ExpiresAt != nil && !j.ExpiresAt.After(now) {
		// Publishing a draft whose expiry has passed would expire it at once
		// and lock it against every later change.
		p.Add("expires_at", "has passed; move it into the future to publish the job")
	}
	j.applyDefaults(now)
	j.UpdatedAt = now
	p = append(p, j.problems()...)
	if err := p.Err(); err != nil {
		return err
	}
	j.normalise()
	return nil
}

// set replaces *dst with *src when the patch has it.
func set[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

// Renew opens j for Validity from now: a published role runs longer, an
// expired one is published again. A closed role stays closed (EConflict).
func (j *Job) Renew(now time.Time) error {
	switch j.Status {
	case StatusClosed:
		return Errorf(EConflict, "the job is closed; post it again instead")
	case StatusDraft:
		return Errorf(EConflict, "the job is a draft; publish it instead")
	}
	t := now.Add(Validity)
	j.Status, j.ExpiresAt, j.UpdatedAt = StatusPublished, &t, now
	return nil
}

// Expire stores the expiry a reader already sees: a published job past
// its expires_at becomes expired. It reports whether j changed, so that
// expiring twice is a no-op.
func (j *Job) Expire(now time.Time) bool {
	if j.Status != StatusPublished || j.EffectiveStatus(now) != StatusExpired {
		return false
	}
	j.Status, j.UpdatedAt = StatusExpired, now
	return true
}

// Close marks the job closed at now; closing a closed job is a no-op.
func (j *Job) Close(now time.Time) bool {
	if j.Status == StatusClosed {
		return false
	}
	j.Status = StatusClosed
	j.UpdatedAt = now
	return true
}

func (j *Job) applyDefaults(now time.Time) {
	if j.Status == "" {
		j.Status = StatusPublished
	}
	if j.Degree == "" {
		j.Degree = DegreeUnspecified
	}
	if j.Remote == "" {
		j.Remote = RemoteOnsite
		j.Defaulted = append(j.Defaulted, FieldRemote)
	}
	if j.EmploymentType == "" {
		j.EmploymentType = EmploymentFullTime
		j.Defaulted = append(j.Defaulted, FieldEmploymentType)
	}
	if j.Status == StatusPublished && j.PostedAt == nil {
		t := now
		j.PostedAt = &t
	}
	if j.Status == StatusPublished && j.ExpiresAt == nil {
		t := now.Add(Validity)
		j.ExpiresAt = &t
	}
	if j.Detected == nil {
		j.Detected = []string{}
	}
	j.Title = strings.TrimSpace(j.Title)
	j.ApplyURL = strings.TrimSpace(j.ApplyURL)
}

// normalise tidies a valid job: skills are compared and indexed by their
// normal form. It runs after validation so that field errors name the
// positions the client sent.
func (j *Job) normalise() {
	j.Skills.Required = normaliseSkills(j.Skills.Required)
	j.Skills.Preferred = normaliseSkills(j.Skills.Preferred)
}

// normaliseSkills trims, lower-cases and de-duplicates skill names, keeping
// their order; canonical ids come from the taxonomy.
func normaliseSkills(in []string) []string {
	out := make([]string, 0, len(in))
	seen := make(map[string]bool, len(in))
	for _, s := range in {
		s = strings.ToLower(strings.Join(strings.Fields(s), " "))
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// Validate reports every invalid field of j.
func (j *Job) Validate() error { return j.problems().Err() }

func (j *Job) problems() Problems {
	var p Problems
	checkText(&p, "title", j.Title, 3, maxTitle, true)
	checkText(&p, "description", j.Description, 1, maxDescription, false)
	checkSkills(&p, "skills.required", j.Skills.Required)
	checkSkills(&p, "skills.preferred", j.Skills.Preferred)
	checkEnum(&p, "level", j.Level, Levels, true)
	if j.MinYears != nil && (*j.MinYears < 0 || *j.MinYears > maxYears) {
		p.Add("min_years", "must be between 0 and %d", maxYears)
	}
	checkEnum(&p, "degree", j.Degree, Degrees, false)
	checkEnum(&p, "remote", j.Remote, RemoteModes, false)
	checkEnum(&p, "employment_type", j.EmploymentType, EmploymentTypes, false)
	checkEnum(&p, "status", j.Status, Statuses, false)
	checkLocation(&p, "location", j.Location)
	checkSalary(&p, "salary", j.Salary)
	if j.ApplyURL != "" {
		checkURL(&p, "apply_url", j.ApplyURL)
	}
	return p
}

// EffectiveStatus is the status a reader sees at now: a published job past
// its expiry is expired even before any sweep rewrites it.
func (j *Job) EffectiveStatus(now time.Time) Status {
	if j.Status == StatusPublished && j.ExpiresAt != nil && !now.Before(*j.ExpiresAt) {
		return StatusExpired
	}
	return j.Status
}

// VisibleTo reports whether p may read j: published jobs are public, every
// other status only to the job's company and to admins.
func (j *Job) VisibleTo(p *Principal, now time.Time) bool {
	if j.EffectiveStatus(now) == StatusPublished {
		return true
	}
	return j.OwnedBy(p)
}

// OwnedBy reports whether p may change j: an employer of its company, or an admin.
func (j *Job) OwnedBy(p *Principal) bool {
	if p == nil {
		return false
	}
	if p.Role == RoleAdmin {
		return true
	}
	return p.Role == RoleEmployer && p.CompanyID != "" && p.CompanyID == j.Company
}

func checkText(p *Problems, field, s string, minLen, maxLen int, singleLine bool) {
	n := utf8.RuneCountInString(strings.TrimSpace(s))
	switch {
	case !utf8.ValidString(s):
		p.Add(field, "must be valid UTF-8")
	case n < minLen && minLen == 1:
		p.Add(field, "is required")
	case n < minLen:
		p.Add(field, "must be at least %d characters", minLen)
	case n > maxLen:
		p.Add(field, "must be at most %d characters", maxLen)
	case singleLine && strings.ContainsAny(s, "<>"):
		p.Add(field, "must be plain text without markup (< and > are not allowed)")
	case singleLine && strings.ContainsAny(s, "\r\n\x00"):
		p.Add(field, "must be a single line")
	case strings.ContainsRune(s, 0):
		p.Add(field, "must not contain NUL characters")
	}
}

func checkOptionalText(p *Problems, field, s string, maxLen int) {
	if s != "" {
		checkText(p, field, s, 1, maxLen, true)
	}
}

func checkEnum[T ~string](p *Problems, field string, v T, allowed []T, optional bool) {
	if v == "" && optional || slices.Contains(allowed, v) {
		return
	}
	p.Add(field, "must be one of %s", Join(allowed))
}

func checkSkills(p *Problems, field string, skills []string) {
	if len(skills) > maxSkills {
		p.Add(field, "at most %d skills", maxSkills)
		return
	}
	for i, s := range skills {
		checkText(p, field+"["+strconv.Itoa(i)+"]", s, 1, maxSkillName, true)
	}
}

func checkLocation(p *Problems, field string, l *Location) {
	if l == nil {
		return
	}
	checkOptionalText(p, field+".city", l.City, maxShortText)
	checkOptionalText(p, field+".region", l.Region, maxShortText)
	checkOptionalText(p, field+".country", l.Country, maxShortText)
	if l.Lat != nil && (*l.Lat < -90 || *l.Lat > 90) {
		p.Add(field+".lat", "must be between -90 and 90")
	}
	if l.Lon != nil && (*l.Lon < -180 || *l.Lon > 180) {
		p.Add(field+".lon", "must be between -180 and 180")
	}
	if (l.Lat == nil) != (l.Lon == nil) {
		p.Add(field, "lat and lon come together")
	}
}

func checkSalary(p *Problems, field string, s *Salary) {
	if s == nil {
		return
	}
	switch {
	case s.Min < 0:
		p.Add(field+".min", "must not be negative")
	case s.Min > maxSalary:
		p.Add(field+".min", "is implausibly large")
	}
	switch {
	case s.Max < 0:
		p.Add(field+".max", "must not be negative")
	case s.Max > maxSalary:
		p.Add(field+".max", "is implausibly large")
	case s.Max == 0 && s.Min == 0:
		p.Add(field+".max", "is required with a salary")
	case s.Max != 0 && s.Max < s.Min:
		p.Add(field+".max", "must not be less than min")
	}
	if len(s.Currency) != 3 || strings.ToUpper(s.Currency) != s.Currency || !isLetters(s.Currency) {
		p.Add(field+".currency", "must be an ISO 4217 code such as USD or EUR")
	}
	checkEnum(p, field+".period", s.Period, SalaryPeriods, false)
}

func checkURL(p *Problems, field, s string) {
	if len(s) > maxURL {
		p.Add(field, "must be at most %d characters", maxURL)
		return
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		p.Add(field, "must be an http or https URL")
	}
}

func isLetters(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}
