package server

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// schema.org's employment types for ours.
var schemaEmployment = map[string]string{"full_time": "FULL_TIME", "part_time": "PART_TIME", "contract": "CONTRACTOR", "internship": "INTERN", "temporary": "TEMPORARY"}

// jobPosting is a job as schema.org JobPosting JSON-LD, which search
// engines read from the job's page. Its description passes the same
// allow-list as the page's.
func (s *Server) jobPosting(c *fiber.Ctx, j *jobpath.Job) map[string]any {
	d := map[string]any{
		"@context":           "https://schema.org/",
		"@type":              "JobPosting",
		"title":              j.Title,
		"description":        string(s.text.Description(j.Description)),
		"identifier":         map[string]any{"@type": "PropertyValue", "name": j.CompanyName, "value": j.ID},
		"hiringOrganization": map[string]any{"@type": "Organization", "name": j.CompanyName},
		"url":                c.BaseURL() + "/jobs/" + j.ID,
		"directApply":        false,
	}
	if j.PostedAt != nil {
		d["datePosted"] = j.PostedAt.UTC().Format(time.RFC3339)
	}
	if j.ExpiresAt != nil {
		d["validThrough"] = j.ExpiresAt.UTC().Format(time.RFC3339)
	}
	if t, ok := schemaEmployment[j.EmploymentType]; ok {
		d["employmentType"] = t
	}
	if l := j.Location; l != nil {
		d["jobLocation"] = map[string]any{"@type": "Place", "address": map[string]any{
			"@type": "PostalAddress", "addressLocality": l.City, "addressRegion": l.Region, "addressCountry": l.Country}}
	}
	if j.Remote == jobpath.RemoteRemote {
		d["jobLocationType"] = "TELECOMMUTE"
		if j.RemoteRegion != "" {
			d["applicantLocationRequirements"] = map[string]any{"@type": "AdministrativeArea", "name": j.RemoteRegion}
		}
	}
	if sal := j.Salary; sal != nil {
		value := map[string]any{"@type": "QuantitativeValue", "unitText": schemaPeriod[sal.Period]}
		if sal.Min > 0 {
			value["minValue"] = sal.Min
		}
		if sal.Max > 0 {
			value["maxValue"] = sal.Max
		}
		d["baseSalary"] = map[string]any{"@type": "MonetaryAmount", "currency": sal.Currency, "value": value}
	}
	if names := append(append([]string{}, j.Skills.Required...), j.Skills.Preferred...); len(names) > 0 {
		for i, id := range names {
			names[i] = skillName(s.deps.Skills, id)
		}
		d["skills"] = names
	}
	if j.MinYears != nil {
		d["experienceRequirements"] = map[string]any{"@type": "OccupationalExperienceRequirements", "monthsOfExperience": *j.MinYears * 12}
	}
	switch j.Degree {
	case jobpath.DegreeRequired, jobpath.DegreePreferred, jobpath.DegreeEquivalent:
		d["educationRequirements"] = map[string]any{"@type": "EducationalOccupationalCredential", "credentialCategory": "bachelor degree"}
	}
	if j.Degree.OpenWithoutDegree() {
		d["experienceInPlaceOfEducation"] = true
	}
	return d
}

var schemaPeriod = map[string]string{"year": "YEAR", "month": "MONTH", "day": "DAY", "hour": "HOUR"}
