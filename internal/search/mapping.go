// Package search keeps the full-text and skill search indexes: bleve
// indexes derived from the store, one per process under its data directory,
// kept in step by a follower of the store's change feed. It is the only
// package that imports bleve. This file holds every mapping.
package search

import (
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// MappingVersion changes whenever the mapping or the documents change shape;
// an index built with another version is rebuilt at start-up.
const MappingVersion = "jobs-1"

// neverExpires is the expiry stored for jobs without one.
const neverExpires = 1 << 40

// jobDoc is what the index holds of a published job. Fields a hit shows are
// stored so that a result page needs no store reads.
type jobDoc struct {
	Title          string    `json:"title"`
	Description    string    `json:"description"`
	Company        string    `json:"company"`
	CompanyName    string    `json:"company_name"`
	Skills         []string  `json:"skills"`   // required and preferred, canonical ids
	Required       []string  `json:"required"` // required only
	Level          string    `json:"level"`
	Degree         string    `json:"degree"`
	Remote         string    `json:"remote"`
	EmploymentType string    `json:"employment_type"`
	Location       string    `json:"location"`
	Country        string    `json:"country"`
	Geo            []float64 `json:"geo,omitempty"` // [lon, lat]
	SalaryMin      *float64  `json:"salary_min,omitempty"`
	SalaryMax      *float64  `json:"salary_max,omitempty"`
	Currency       string    `json:"currency"`
	Period         string    `json:"period"`
	MinYears       float64   `json:"min_years"`
	PostedAt       time.Time `json:"posted_at"`
	Expires        float64   `json:"expires"` // unix seconds
	Version        float64   `json:"version"`
}

func newJobDoc(j *jobpath.Job) jobDoc {
	d := jobDoc{
		Title: j.Title, Description: j.Description, Company: j.Company, CompanyName: j.CompanyName,
		Skills:   append(append([]string{}, j.Skills.Required...), j.Skills.Preferred...),
		Required: j.Skills.Required, Level: j.Level, Degree: j.Degree, Remote: j.Remote,
		EmploymentType: j.EmploymentType, Version: float64(j.Version), Expires: neverExpires,
	}
	if d.Level == "" {
		d.Level = "unspecified"
	}
	if j.Location != nil {
		d.Location = joinNonEmpty(j.Location.City, j.Location.Region, j.Location.Country)
		d.Country = j.Location.Country
		if j.Location.Lat != nil && j.Location.Lon != nil {
			d.Geo = []float64{*j.Location.Lon, *j.Location.Lat}
		}
	}
	if j.Salary != nil {
		lo, hi := float64(j.Salary.Min), float64(j.Salary.Max)
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
	if j.ExpiresAt != nil {
		d.Expires = float64(j.ExpiresAt.Unix())
	}
	return d
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

// jobMapping is the mapping of the jobs index: English analysis with BM25
// for text, keywords for what is filtered and faceted, numbers and dates for
// ranges, a geo point when a location has coordinates.
func jobMapping() mapping.IndexMapping {
	text := func(store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = "en"
		f.Store = store
		f.IncludeTermVectors = true // for highlighting
		return f
	}
	keyword := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = true
		f.IncludeTermVectors = false
		return f
	}
	number := func() *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Store = true
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("title", text(true))
	doc.AddFieldMappingsAt("description", text(true))
	doc.AddFieldMappingsAt("company_name", text(true))
	doc.AddFieldMappingsAt("location", text(true))
	for _, f := range []string{"company", "skills", "required", "level", "degree", "remote", "employment_type", "country", "currency", "period"} {
		doc.AddFieldMappingsAt(f, keyword())
	}
	for _, f := range []string{"salary_min", "salary_max", "min_years", "expires", "version"} {
		doc.AddFieldMappingsAt(f, number())
	}
	posted := bleve.NewDateTimeFieldMapping()
	posted.Store = true
	doc.AddFieldMappingsAt("posted_at", posted)
	doc.AddFieldMappingsAt("geo", bleve.NewGeoPointFieldMapping())

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = "en"
	m.ScoringModel = "bm25"
	m.StoreDynamic = false
	m.IndexDynamic = false
	return m
}
