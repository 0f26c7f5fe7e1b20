package jobpath

import "slices"

// JobAnalysis is what the text of a posting says about the fields a poster
// may leave out.
type JobAnalysis struct {
	Skills   Skills
	Level    Level
	MinYears *int
	Degree   Degree
	// Remote is "" when the text says nothing of where the work is done;
	// RemoteRegion is where a remote role may be done from: a country
	// code, or a region such as "EU", "Europe" or "worldwide".
	Remote         RemoteMode
	RemoteRegion   string
	Location       *Location
	Salary         *Salary
	EmploymentType string
	// Evidence says, for each field read, where in the text it was read.
	Evidence map[string]Evidence
}

// Evidence is the passage of a posting a field was read from: the title or
// the description (as plain text), the byte offsets of the passage in it,
// and the passage itself.
type Evidence struct {
	In    string `json:"in" bson:"in"` // "title" or "description"
	Start int    `json:"start" bson:"start"`
	End   int    `json:"end" bson:"end"`
	Text  string `json:"text" bson:"text"`
}

// JobAnalyzer reads postings: it maps skill names to canonical ids and
// infers skills, level, years and degree requirement from text.
type JobAnalyzer interface {
	// CanonicalSkills maps names to canonical ids; unknown names stay as tags.
	CanonicalSkills(names []string) []string
	// AnalyzeJob reads a posting's title and description.
	AnalyzeJob(title, description string) JobAnalysis
}

// Fields that can be inferred from a posting's text.
const (
	FieldSkills         = "skills"
	FieldLevel          = "level"
	FieldMinYears       = "min_years"
	FieldDegree         = "degree"
	FieldRemote         = "remote"
	FieldLocation       = "location"
	FieldSalary         = "salary"
	FieldEmploymentType = "employment_type"
)

// InferableFields lists the fields that can be read from a posting's text,
// in the order Detected lists them.
var InferableFields = []string{FieldSkills, FieldLevel, FieldMinYears, FieldDegree, FieldRemote, FieldLocation, FieldSalary, FieldEmploymentType}

// Explicit lists the inferable fields the poster set.
func (in *JobInput) Explicit() map[string]bool {
	return map[string]bool{
		FieldSkills:         in.Skills != nil && len(in.Skills.Required)+len(in.Skills.Preferred) > 0,
		FieldLevel:          in.Level != "",
		FieldMinYears:       in.MinYears != nil,
		FieldDegree:         in.Degree != "" && in.Degree != DegreeUnspecified,
		FieldRemote:         in.Remote != "",
		FieldLocation:       in.Location != nil,
		FieldSalary:         in.Salary != nil,
		FieldEmploymentType: in.EmploymentType != "",
	}
}

// Explicit lists the inferable fields the patch sets.
func (p *JobPatch) Explicit() map[string]bool {
	return map[string]bool{
		FieldSkills:         p.Skills != nil,
		FieldLevel:          p.Level != nil,
		FieldMinYears:       p.MinYears != nil,
		FieldDegree:         p.Degree != nil,
		FieldRemote:         p.Remote != nil,
		FieldLocation:       p.Location != nil,
		FieldSalary:         p.Salary != nil,
		FieldEmploymentType: p.EmploymentType != nil,
	}
}

// Enrich canonicalises j's skills and fills the inferable fields the poster
// did not set from its text, listing them in Detected. A poster's explicit
// value always wins; a field that was inferred before is inferred again, so
// that it follows edits of the text. An explicit "unspecified" degree counts
// as not set.
func (j *Job) Enrich(a JobAnalyzer, explicit map[string]bool) {
	j.Skills.Required = a.CanonicalSkills(j.Skills.Required)
	j.Skills.Preferred = slices.DeleteFunc(a.CanonicalSkills(j.Skills.Preferred), func(s string) bool {
		return slices.Contains(j.Skills.Required, s)
	})
	was := func(f string) bool { return slices.Contains(j.Detected, f) || slices.Contains(j.Defaulted, f) }
	infer := func(f string, empty bool) bool { return !explicit[f] && (empty || was(f)) }
	an := a.AnalyzeJob(j.Title, j.Description)
	detected := []string{}
	if infer(FieldSkills, len(j.Skills.Required)+len(j.Skills.Preferred) == 0) {
		// Detected skills obey the same limit as typed ones, or the job could
		// never be edited again.
		req := nonNil(an.Skills.Required)[:min(len(an.Skills.Required), maxSkills)]
		pref := nonNil(an.Skills.Preferred)[:min(len(an.Skills.Preferred), maxSkills)]
		j.Skills = Skills{Required: req, Preferred: pref}
		if len(j.Skills.Required)+len(j.Skills.Preferred) > 0 {
			detected = append(detected, FieldSkills)
		}
	}
	if infer(FieldLevel, j.Level == "") {
		j.Level = an.Level
		if j.Level != "" {
			detected = append(detected, FieldLevel)
		}
	}
	if infer(FieldMinYears, j.MinYears == nil) {
		j.MinYears = an.MinYears
		if j.MinYears != nil {
			detected = append(detected, FieldMinYears)
		}
	}
	if infer(FieldDegree, j.Degree == "" || j.Degree == DegreeUnspecified) {
		j.Degree = an.Degree
		if j.Degree == "" {
			j.Degree = DegreeUnspecified
		}
		if j.Degree != DegreeUnspecified {
			detected = append(detected, FieldDegree)
		}
	}
	// Where the work is done, and on what terms: a field the poster left
	// to its default is read from the text, and falls back to the default
	// when the text says nothing.
	defaulted := []string{}
	if infer(FieldRemote, false) {
		j.Remote, j.RemoteRegion = an.Remote, an.RemoteRegion
		if j.Remote != "" {
			detected = append(detected, FieldRemote)
		} else {
			j.Remote = RemoteOnsite
			defaulted = append(defaulted, FieldRemote)
		}
	}
	if infer(FieldLocation, j.Location == nil) {
		j.Location = an.Location
		if j.Location != nil {
			detected = append(detected, FieldLocation)
		}
	}
	if infer(FieldSalary, j.Salary == nil) {
		j.Salary = an.Salary
		if j.Salary != nil {
			detected = append(detected, FieldSalary)
		}
	}
	if infer(FieldEmploymentType, false) {
		j.EmploymentType = an.EmploymentType
		if j.EmploymentType != "" {
			detected = append(detected, FieldEmploymentType)
		} else {
			j.EmploymentType = EmploymentFullTime
			defaulted = append(defaulted, FieldEmploymentType)
		}
	}
	j.Detected, j.Defaulted = detected, defaulted
	j.Evidence = nil
	for _, f := range detected {
		if e, ok := an.Evidence[f]; ok {
			if j.Evidence == nil {
				j.Evidence = map[string]Evidence{}
			}
			j.Evidence[f] = e
		}
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// CanonicaliseSkills maps the profile's skill names to canonical ids, merging
// claims that turn out to name the same skill (the first one stands).
func (in *ProfileInput) CanonicaliseSkills(a JobAnalyzer) {
	out := in.Skills[:0]
	seen := make(map[string]bool, len(in.Skills))
	for _, s := range in.Skills {
		if ids := a.CanonicalSkills([]string{s.Name}); len(ids) == 1 {
			s.Name = ids[0]
		}
		if seen[s.Name] {
			continue
		}
		seen[s.Name] = true
		out = append(out, s)
	}
	in.Skills = out
}
