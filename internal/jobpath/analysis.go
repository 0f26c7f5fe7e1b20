package jobpath

import "slices"

// JobAnalysis is what the text of a posting says about the fields a poster
// may leave out.
type JobAnalysis struct {
	Skills   Skills
	Level    Level
	MinYears *int
	Degree   Degree
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
	FieldSkills   = "skills"
	FieldLevel    = "level"
	FieldMinYears = "min_years"
	FieldDegree   = "degree"
)

// Explicit lists the inferable fields the poster set.
func (in *JobInput) Explicit() map[string]bool {
	return map[string]bool{
		FieldSkills:   in.Skills != nil && len(in.Skills.Required)+len(in.Skills.Preferred) > 0,
		FieldLevel:    in.Level != "",
		FieldMinYears: in.MinYears != nil,
		FieldDegree:   in.Degree != "" && in.Degree != DegreeUnspecified,
	}
}

// Explicit lists the inferable fields the patch sets.
func (p *JobPatch) Explicit() map[string]bool {
	return map[string]bool{
		FieldSkills:   p.Skills != nil,
		FieldLevel:    p.Level != nil,
		FieldMinYears: p.MinYears != nil,
		FieldDegree:   p.Degree != nil,
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
	was := func(f string) bool { return slices.Contains(j.Detected, f) }
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
	j.Detected = detected
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
