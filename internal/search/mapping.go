// Package search keeps the full-text and skill search indexes: bleve
// indexes derived from the store, one per process under its data directory,
// kept in step by a follower of the store's change feed. It is the only
// package that imports bleve. This file holds every mapping.
package search

import (
	"fmt"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/money"
)

// MappingVersion changes whenever the mapping or the documents change shape;
// an index built with another version is rebuilt at start-up.
const MappingVersion = "jobs-candidates-10"

// neverExpires is the expiry stored for jobs without one.
const neverExpires = 1 << 40

// Document types of the one index: jobs and candidates share a checkpoint, so
// they live in one index and one batch covers both.
const (
	typeJob       = "job"
	typeCandidate = "candidate"
)

// candidateID is the document id of a candidate: prefixed, so that it never
// meets a job id.
func candidateID(userID string) string { return "candidate/" + userID }

// jobDoc is what the index holds of a published job. Fields a hit shows are
// stored so that a result page needs no store reads.
type jobDoc struct {
	Type           string    `json:"type"`
	Title          string    `json:"title"`
	Description    string    `json:"description"`
	Company        string    `json:"company"`
	CompanyName    string    `json:"company_name"`
	Skills         []string  `json:"skills"`   // required and preferred, canonical ids
	Required       []string  `json:"required"` // required only
	Level          string    `json:"level"`
	Degree         string    `json:"degree"`
	RemoteRegion   string    `json:"remote_region,omitempty"`
	NoDegree       bool      `json:"no_degree"` // not required, or experience instead: one term to filter on
	Remote         string    `json:"remote"`
	EmploymentType string    `json:"employment_type"`
	Location       string    `json:"location"`
	Country        string    `json:"country"`
	Geo            []float64 `json:"geo,omitempty"` // [lon, lat]
	SalaryMin      *float64  `json:"salary_min,omitempty"`
	SalaryMax      *float64  `json:"salary_max,omitempty"`
	// SalaryYear is the top of the range per year in the reference
	// currency: what filters, sorting and bands compare.
	SalaryYear *float64  `json:"salary_year,omitempty"`
	Currency   string    `json:"currency"`
	Period     string    `json:"period"`
	MinYears   float64   `json:"min_years"`
	PostedAt   time.Time `json:"posted_at"`
	// Facets and sorts read these keywords: one term per document, where a
	// number or date has sixteen (its prefix-coded precisions) to visit.
	SalaryBand *string `json:"salary_band,omitempty"` // nil: bleve would index ""
	PostedHour string  `json:"posted_hour"`           // hours since the epoch, fixed width
	PostedKey  string  `json:"posted_key"`            // seconds since the epoch, fixed width
	Expires    float64 `json:"expires"`               // unix seconds
	Version    float64 `json:"version"`
}

// BleveType tells bleve which mapping a document uses.
func (jobDoc) BleveType() string { return typeJob }

// BleveType tells bleve which mapping a document uses.
func (candidateDoc) BleveType() string { return typeCandidate }

// openDegrees are the degree rules the no_degree filter keeps.
var openDegrees = slices.DeleteFunc(slices.Clone(jobpath.Degrees), func(d jobpath.Degree) bool { return !d.OpenWithoutDegree() })

// strs is a list of enumerated values as the index's keyword terms.
func newJobDoc(j *jobpath.Job) jobDoc {
	d := jobDoc{
		Type: typeJob, Title: j.Title, Description: j.Description, Company: j.Company, CompanyName: j.CompanyName,
		Skills:   append(append([]string{}, j.Skills.Required...), j.Skills.Preferred...),
		Required: j.Skills.Required, Level: string(j.Level), Degree: string(j.Degree), Remote: string(j.Remote), RemoteRegion: j.RemoteRegion,
		EmploymentType: j.EmploymentType, Version: float64(j.Version), Expires: neverExpires,
	}
	if d.Level == "" {
		d.Level = string(jobpath.LevelUnspecified)
	}
	d.NoDegree = j.OpenWithoutDegree()
	if j.Location != nil {
		d.Location = joinNonEmpty(j.Location.City, j.Location.Region, j.Location.Country)
		d.Country = j.Location.Country
		if j.Location.Lat != nil && j.Location.Lon != nil {
			d.Geo = []float64{*j.Location.Lon, *j.Location.Lat}
		}
	}
	if j.Salary != nil {
		lo, hi := float64(j.Salary.Min), float64(j.Salary.Max)
		if hi == 0 {
			hi = lo // only a minimum given: it is the best figure of the top
		}
		d.SalaryMin, d.SalaryMax = &lo, &hi
		d.Currency, d.Period = j.Salary.Currency, j.Salary.Period
	}
	if j.MinYears != nil {
		d.MinYears = float64(*j.MinYears)
	}
	if j.PostedAt != nil {
		d.PostedAt = *j.PostedAt
	} else {
		d.PostedAt = j.CreatedAt
	}
	d.PostedHour, d.PostedKey = hourKey(d.PostedAt), fmt.Sprintf("%012d", d.PostedAt.Unix())
	y := j.SalaryYear
	if y == nil && j.Salary != nil && j.Salary.Currency == money.Reference && j.Salary.Period == "year" {
		// Saved before salaries were made comparable: a yearly dollar
		// figure already is.
		y = &jobpath.AnnualSalary{Min: j.Salary.Min, Max: j.Salary.Max, Currency: money.Reference}
	}
	if y != nil {
		top := float64(y.Max)
		if top == 0 {
			top = float64(y.Min)
		}
		d.SalaryYear = &top
		if band := salaryBand(top); band != "" {
			d.SalaryBand = &band
		}
	}
	if j.ExpiresAt != nil {
		d.Expires = float64(j.ExpiresAt.Unix())
	}
	return d
}

// hourKey is the posted_hour term of t: its hour, as a fixed-width number
// so that terms sort as times do.
func hourKey(t time.Time) string { return fmt.Sprintf("%09d", t.Unix()/3600) }

// salaryBand names the band of salaryBands a top of range falls in.
func salaryBand(max float64) string {
	for _, b := range salaryBands {
		if max >= b.min && max < b.max {
			return b.name
		}
	}
	return ""
}

func joinNonEmpty(parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += ", "
		}
		out += p
	}
	return out
}

// candidateDoc is what the index holds of a discoverable candidate: never
// contact details.
type candidateDoc struct {
	Type         string   `json:"type"`
	Name         string   `json:"name"`
	Headline     string   `json:"headline"`
	Summary      string   `json:"summary"`
	Experience   string   `json:"experience"` // titles and summaries of positions
	Skills       []string `json:"skills"`     // canonical ids with what they imply
	Listed       []string `json:"listed"`     // the skills as the candidate listed them
	DesiredLevel string   `json:"desired_level"`
	Remote       string   `json:"remote"`
	Locations    string   `json:"locations"`
	Years        float64  `json:"years"`
	// HasDegree is "yes" when the candidate lists a degree-level education.
	// It is not called "degree": a field name means one thing in every
	// document type, or segments holding both lose its doc values.
	HasDegree string `json:"has_degree"`
	// Stage and BackendYears are the profile's placement, kept with it so
	// that hiring teams see the stage the candidate sees.
	Stage        string  `json:"stage"`
	BackendYears float64 `json:"backend_years"`
	// The pay the candidate wants, as they said it and per year in the
	// reference currency, for the salary part of a match.
	DesiredMin      *float64 `json:"desired_min,omitempty"`
	DesiredCurrency string   `json:"desired_currency,omitempty"`
	DesiredPeriod   string   `json:"desired_period,omitempty"`
	DesiredYearMin  *float64 `json:"desired_year_min,omitempty"`
	Version         float64  `json:"version"`
}

func newCandidateDoc(p *jobpath.Profile, expand func([]string) []string) candidateDoc {
	d := candidateDoc{Type: typeCandidate, Name: p.Name, Headline: p.Headline, Summary: p.Summary,
		DesiredLevel: string(p.DesiredLevel), Remote: string(p.Remote), Years: p.YearsExperience, Version: float64(p.Version),
		Stage: string(p.Stage), BackendYears: p.BackendYears}
	for _, s := range p.Skills {
		d.Listed = append(d.Listed, s.Name)
	}
	d.Skills = expand(d.Listed)
	var exp, locs []string
	for _, e := range p.Experience {
		exp = append(exp, e.Title, e.Summary)
	}
	for _, l := range p.Locations {
		locs = append(locs, joinNonEmpty(l.City, l.Region, l.Country))
	}
	if s := p.DesiredSalary; s != nil {
		lo := float64(s.Min)
		d.DesiredMin, d.DesiredCurrency, d.DesiredPeriod = &lo, s.Currency, s.Period
		if y := p.DesiredSalaryYear; y != nil {
			ylo := float64(y.Min)
			d.DesiredYearMin = &ylo
		}
	}
	d.HasDegree = "no"
	if p.HasDegree() {
		d.HasDegree = "yes"
	}
	d.Experience = joinNonEmpty(exp...)
	d.Locations = joinNonEmpty(locs...)
	if d.Remote == "" {
		d.Remote = string(jobpath.RemoteAny)
	}
	return d
}

// indexMapping maps both document types: English analysis with BM25 for
// text, keywords for what is filtered and faceted, numbers and dates for
// ranges, a geo point when a location has coordinates.
func indexMapping() mapping.IndexMapping {
	// Doc values only where a facet or a sort reads them: they cost
	// indexing time and space for every document.
	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = "en"
		f.Store = true
		f.IncludeTermVectors = true // for highlighting
		f.DocValues = false
		return f
	}
	keyword := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = true
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}
	facet := func() *mapping.FieldMapping {
		f := keyword()
		f.DocValues = true
		return f
	}
	number := func() *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Store = true
		f.DocValues = false
		return f
	}
	job := bleve.NewDocumentStaticMapping()
	for _, f := range []string{"title", "description", "company_name", "location"} {
		job.AddFieldMappingsAt(f, text())
	}
	for _, f := range []string{"company", "country", "currency", "period", "remote_region"} {
		job.AddFieldMappingsAt(f, keyword())
	}
	for _, f := range []string{"type", "skills", "required", "level", "degree", "remote", "employment_type", "salary_band", "posted_hour", "posted_key"} {
		job.AddFieldMappingsAt(f, facet())
	}
	for _, f := range []string{"salary_min", "min_years", "version"} {
		job.AddFieldMappingsAt(f, number())
	}
	expires := number()
	expires.DocValues = true // retrieval skips expired jobs
	job.AddFieldMappingsAt("expires", expires)
	noDegree := bleve.NewBooleanFieldMapping()
	noDegree.DocValues = false
	job.AddFieldMappingsAt("no_degree", noDegree)
	job.AddFieldMappingsAt("salary_max", number())
	salaryYear := number()
	salaryYear.DocValues = true // sort by salary
	job.AddFieldMappingsAt("salary_year", salaryYear)
	posted := bleve.NewDateTimeFieldMapping()
	posted.Store = true
	posted.DocValues = false
	job.AddFieldMappingsAt("posted_at", posted)
	job.AddFieldMappingsAt("geo", bleve.NewGeoPointFieldMapping())

	cand := bleve.NewDocumentStaticMapping()
	for _, f := range []string{"name", "headline", "summary", "experience", "locations"} {
		cand.AddFieldMappingsAt(f, text())
	}
	for _, f := range []string{"listed", "has_degree", "stage"} {
		cand.AddFieldMappingsAt(f, keyword())
	}
	for _, f := range []string{"type", "skills", "desired_level", "remote"} {
		cand.AddFieldMappingsAt(f, facet())
	}
	for _, f := range []string{"years", "backend_years", "version"} {
		cand.AddFieldMappingsAt(f, number())
	}

	m := bleve.NewIndexMapping()
	m.TypeField = "type"
	m.AddDocumentMapping(typeJob, job)
	m.AddDocumentMapping(typeCandidate, cand)
	m.DefaultMapping = bleve.NewDocumentDisabledMapping()
	m.DefaultAnalyzer = "en"
	m.ScoringModel = "bm25"
	m.StoreDynamic = false
	m.IndexDynamic = false
	return m
}
