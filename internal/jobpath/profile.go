package jobpath

import (
	"regexp"
	"strconv"
	"time"
)

// Enumerations of profile fields.
var (
	EducationLevels = []string{"none", "self_taught", "bootcamp", "associate", "bachelor", "master", "doctorate"}
	SkillLevels     = []string{"beginner", "intermediate", "advanced", "expert"}
)

const (
	maxListItems = 50
	maxSummary   = 10_000
)

// SkillClaim is a skill a candidate says they have.
type SkillClaim struct {
	Name  string  `json:"name" bson:"name"`
	Years float64 `json:"years,omitempty" bson:"years,omitempty"`
	Level string  `json:"level,omitempty" bson:"level,omitempty"`
}

// Education is one degree, course or self-directed route.
type Education struct {
	Level       string `json:"level" bson:"level"`
	Field       string `json:"field,omitempty" bson:"field,omitempty"`
	Institution string `json:"institution,omitempty" bson:"institution,omitempty"`
	Year        int    `json:"year,omitempty" bson:"year,omitempty"`
}

// Experience is one position held. Start and End are "YYYY-MM"; an empty End
// means current.
type Experience struct {
	Title   string `json:"title" bson:"title"`
	Company string `json:"company,omitempty" bson:"company,omitempty"`
	Start   string `json:"start,omitempty" bson:"start,omitempty"`
	End     string `json:"end,omitempty" bson:"end,omitempty"`
	Summary string `json:"summary,omitempty" bson:"summary,omitempty"`
}

// Contact holds what only the candidate, and those they allow, may see.
type Contact struct {
	Email string   `json:"email,omitempty" bson:"email,omitempty"`
	Links []string `json:"links,omitempty" bson:"links,omitempty"`
}

// ProfileInput is what a candidate may set on their profile.
type ProfileInput struct {
	Name            string       `json:"name"`
	Headline        string       `json:"headline"`
	Summary         string       `json:"summary"`
	Skills          []SkillClaim `json:"skills"`
	YearsExperience float64      `json:"years_experience"`
	Education       []Education  `json:"education"`
	Certifications  []string     `json:"certifications"`
	Experience      []Experience `json:"experience"`
	Locations       []Location   `json:"locations"`
	Remote          RemoteMode   `json:"remote"`
	DesiredLevel    Level        `json:"desired_level"`
	DesiredSalary   *Salary      `json:"desired_salary"`
	Discoverable    bool         `json:"discoverable"`
	Contact         Contact      `json:"contact"`
}

// degreeLevels are the education levels that are a degree.
var degreeLevels = map[string]bool{"associate": true, "bachelor": true, "master": true, "doctorate": true}

// HasDegree reports whether the profile lists a degree-level education.
func (in *ProfileInput) HasDegree() bool {
	for _, e := range in.Education {
		if degreeLevels[e.Level] {
			return true
		}
	}
	return false
}

// Profile is a candidate's profile; its key is the candidate's user id.
type Profile struct {
	UserID       string `json:"id" bson:"_id"`
	ProfileInput `bson:",inline"`
	// Stage and BackendYears are where the board placed the profile when
	// it was last saved: the one placement the candidate and hiring teams
	// both see.
	Stage        Stage   `json:"stage,omitempty" bson:"stage,omitempty"`
	BackendYears float64 `json:"backend_years,omitempty" bson:"backend_years,omitempty"`
	// DesiredSalaryYear is DesiredSalary made comparable with jobs'.
	DesiredSalaryYear *AnnualSalary `json:"desired_salary_per_year,omitempty" bson:"desired_salary_per_year,omitempty"`
	Version           int64         `json:"version" bson:"version"`
	CreatedAt         time.Time     `json:"created_at" bson:"created_at"`
	UpdatedAt         time.Time     `json:"updated_at" bson:"updated_at"`
}

var yearMonth = regexp.MustCompile(`^(19|20)\d\d-(0[1-9]|1[0-2])$`)

// Validate reports every invalid field of the input.
func (in *ProfileInput) Validate() error {
	var p Problems
	checkText(&p, "name", in.Name, 1, maxShortText, true)
	checkOptionalText(&p, "headline", in.Headline, maxShortText)
	if in.Summary != "" {
		checkText(&p, "summary", in.Summary, 1, maxSummary, false)
	}
	if len(in.Skills) > maxSkills {
		p.Add("skills", "at most %d skills", maxSkills)
	} else {
		for i, s := range in.Skills {
			f := "skills[" + strconv.Itoa(i) + "]"
			checkText(&p, f+".name", s.Name, 1, maxSkillName, true)
			if s.Years < 0 || s.Years > maxYears {
				p.Add(f+".years", "must be between 0 and %d", maxYears)
			}
			checkEnum(&p, f+".level", s.Level, SkillLevels, true)
		}
	}
	if in.YearsExperience < 0 || in.YearsExperience > maxYears {
		p.Add("years_experience", "must be between 0 and %d", maxYears)
	}
	if len(in.Education) > maxListItems {
		p.Add("education", "at most %d entries", maxListItems)
	} else {
		for i, e := range in.Education {
			f := "education[" + strconv.Itoa(i) + "]"
			checkEnum(&p, f+".level", e.Level, EducationLevels, false)
			checkOptionalText(&p, f+".field", e.Field, maxShortText)
			checkOptionalText(&p, f+".institution", e.Institution, maxShortText)
			if e.Year != 0 && (e.Year < 1900 || e.Year > 2100) {
				p.Add(f+".year", "must be between 1900 and 2100")
			}
		}
	}
	if len(in.Certifications) > maxListItems {
		p.Add("certifications", "at most %d entries", maxListItems)
	} else {
		for i, c := range in.Certifications {
			checkText(&p, "certifications["+strconv.Itoa(i)+"]", c, 1, maxShortText, true)
		}
	}
	if len(in.Experience) > maxListItems {
		p.Add("experience", "at most %d entries", maxListItems)
	} else {
		for i, e := range in.Experience {
			f := "experience[" + strconv.Itoa(i) + "]"
			checkText(&p, f+".title", e.Title, 1, maxShortText, true)
			checkOptionalText(&p, f+".company", e.Company, maxShortText)
			if e.Start != "" && !yearMonth.MatchString(e.Start) {
				p.Add(f+".start", "must be a month as YYYY-MM")
			}
			if e.End != "" && !yearMonth.MatchString(e.End) {
				p.Add(f+".end", "must be a month as YYYY-MM")
			}
			if yearMonth.MatchString(e.Start) && yearMonth.MatchString(e.End) && e.End < e.Start {
				p.Add(f+".end", "must not be before start")
			}
			if e.Summary != "" {
				checkText(&p, f+".summary", e.Summary, 1, maxSummary, false)
			}
		}
	}
	if len(in.Locations) > maxListItems {
		p.Add("locations", "at most %d entries", maxListItems)
	} else {
		for i := range in.Locations {
			checkLocation(&p, "locations["+strconv.Itoa(i)+"]", &in.Locations[i])
		}
	}
	checkEnum(&p, "remote", in.Remote, RemotePreferences, true)
	checkEnum(&p, "desired_level", in.DesiredLevel, Levels, true)
	checkSalary(&p, "desired_salary", in.DesiredSalary)
	if in.Contact.Email != "" {
		checkEmail(&p, "contact.email", in.Contact.Email)
	}
	if len(in.Contact.Links) > 20 {
		p.Add("contact.links", "at most 20 links")
	} else {
		for i, l := range in.Contact.Links {
			checkURL(&p, "contact.links["+strconv.Itoa(i)+"]", l)
		}
	}
	return p.Err()
}

// Normalise tidies input that is valid: normal skill names, a remote
// preference, and empty lists rather than null ones so that clients can
// iterate without checks.
func (in *ProfileInput) Normalise() {
	for i := range in.Skills {
		if n := normaliseSkills([]string{in.Skills[i].Name}); len(n) == 1 {
			in.Skills[i].Name = n[0]
		}
	}
	if in.Remote == "" {
		in.Remote = RemoteAny
	}
	for _, l := range []*[]string{&in.Certifications, &in.Contact.Links} {
		if *l == nil {
			*l = []string{}
		}
	}
	if in.Skills == nil {
		in.Skills = []SkillClaim{}
	}
	if in.Education == nil {
		in.Education = []Education{}
	}
	if in.Experience == nil {
		in.Experience = []Experience{}
	}
	if in.Locations == nil {
		in.Locations = []Location{}
	}
}
