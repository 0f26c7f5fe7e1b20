package career_test

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jobpath/jobpath/data"
	"github.com/jobpath/jobpath/internal/career"
	"github.com/jobpath/jobpath/internal/clocktest"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/skills"
)

// now is the fixed moment every placement is made at.
var now = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

func taxonomy(t *testing.T) *skills.Taxonomy {
	t.Helper()
	tax, err := skills.Parse(data.SkillsYAML())
	if err != nil {
		t.Fatalf("skills.Parse: %v", err)
	}
	return tax
}

func model(t *testing.T) (*career.Model, *skills.Taxonomy) {
	t.Helper()
	tax := taxonomy(t)
	m, err := career.Parse(data.TrajectoryYAML(), tax)
	if err != nil {
		t.Fatalf("career.Parse: %v", err)
	}
	return m, tax
}

func claims(names ...string) []jobpath.SkillClaim {
	out := make([]jobpath.SkillClaim, len(names))
	for i, n := range names {
		out[i] = jobpath.SkillClaim{Name: n}
	}
	return out
}

func educated(level string) []jobpath.Education {
	return []jobpath.Education{{Level: level, Field: "Computer Science"}}
}

func position(title, start, end string) jobpath.Experience {
	return jobpath.Experience{Title: title, Start: start, End: end}
}

// Skill sets that cover each stage's expectations in data/trajectory.yaml.
var (
	juniorSkills = []string{"python", "django", "html", "css", "postgresql", "git", "debugging", "communication"}
	midSkills    = []string{"python", "django", "html", "css", "javascript", "postgresql", "redis", "docker", "aws",
		"git", "unit-testing", "rest", "communication", "problem-solving"}
	seniorSkills = []string{"go", "python", "postgresql", "redis", "kafka", "docker", "kubernetes", "aws", "terraform",
		"ci/cd", "html", "css", "javascript", "django", "git", "unit-testing", "code-review", "debugging", "rest",
		"communication", "teamwork", "critical-thinking", "problem-solving", "mentoring"}
	leadSkills = append(slices.Clone(seniorSkills), "collaboration", "ownership", "continuous-learning")
)

// Positions, with the years they add up to at now (days / 365.25, to 0.1).
var (
	// 2025-05-01 to now: 571 days.
	juniorJob = []jobpath.Experience{position("Junior Backend Developer", "2025-05", "")}
	// 2023-01-01 to now: 1422 days.
	midJob = []jobpath.Experience{position("Backend Developer", "2023-01", "")}
	// 2019-11-01 to now: 2579 days.
	seniorJobs = []jobpath.Experience{
		position("Software Engineer", "2019-11", "2022-10"),
		position("Senior Backend Engineer", "2022-11", ""),
	}
	// 2014-01-01 to now: 4709 days.
	leadJobs = []jobpath.Experience{
		position("Software Engineer", "2014-01", "2019-12"),
		position("Tech Lead", "2020-01", ""),
	}
	// Ten years teaching, then 2025-11-01 to now: 387 days of back-end work.
	changerJobs = []jobpath.Experience{
		position("Chemistry Teacher", "2014-09", "2025-06"),
		position("Backend Developer", "2025-11", ""),
	}
)

var nextStage = map[jobpath.Stage]jobpath.Stage{"aspiring": "junior", "junior": "mid", "mid": "senior", "senior": "lead"}

func TestPlace(t *testing.T) {
	m, _ := model(t)
	tests := []struct {
		name   string
		in     jobpath.ProfileInput
		stage  jobpath.Stage
		route  string
		degree bool
		years  float64
	}{
		{
			name:  "aspiring: self-taught with only HTML, CSS and JavaScript",
			in:    jobpath.ProfileInput{Skills: claims("html", "css", "javascript"), Education: educated("self_taught")},
			stage: "aspiring", route: "experience",
		},
		{
			name:  "aspiring: bachelor without a back-end language stays aspiring",
			in:    jobpath.ProfileInput{Skills: claims("html", "css"), Education: educated("bachelor")},
			stage: "aspiring", route: "degree", degree: true,
		},
		{
			// Junior coverage is 2 of 6 areas (0.33), under the 0.7 that
			// stands in for experience, and there are no years and no degree.
			name:  "aspiring: python, html and css with no years and no degree stays aspiring on thin coverage",
			in:    jobpath.ProfileInput{Skills: claims("python", "html", "css"), Education: educated("none")},
			stage: "aspiring", route: "experience",
		},
		{
			// 2026-05-01 to now is 206 days: past the half year that opens
			// the junior stage without a degree.
			name: "junior: the same thin skills with six months as a developer",
			in: jobpath.ProfileInput{Skills: claims("python", "html", "css"), Education: educated("none"),
				Experience: []jobpath.Experience{position("Junior Developer", "2026-05", "")}},
			stage: "junior", route: "experience", years: 0.6,
		},
		{
			name:  "junior: degree holder with a back-end language and no experience enters by degree",
			in:    jobpath.ProfileInput{Skills: claims("python"), Education: educated("bachelor")},
			stage: "junior", route: "degree", degree: true,
		},
		{
			name:  "junior: bootcamp graduate with no work yet but full junior coverage enters by experience",
			in:    jobpath.ProfileInput{Skills: claims(juniorSkills...), Education: educated("bootcamp")},
			stage: "junior", route: "experience",
		},
		{
			name:  "junior: self-taught with a year and a half of back-end work",
			in:    jobpath.ProfileInput{Skills: claims(juniorSkills...), Education: educated("self_taught"), Experience: juniorJob},
			stage: "junior", route: "experience", years: 1.6,
		},
		{
			name:  "junior: associate degree with a year and a half of back-end work",
			in:    jobpath.ProfileInput{Skills: claims(juniorSkills...), Education: educated("associate"), Experience: juniorJob},
			stage: "junior", route: "degree", degree: true, years: 1.6,
		},
		{
			name: "junior: career changer, ten years teaching and one as a developer",
			in: jobpath.ProfileInput{Skills: claims(juniorSkills...), Education: educated("self_taught"),
				YearsExperience: 11, Experience: changerJobs},
			stage: "junior", route: "experience", years: 1.1,
		},
		{
			name: "junior: career changer with a senior skill set is held at junior by one year of back-end work",
			in: jobpath.ProfileInput{Skills: claims(seniorSkills...), Education: educated("self_taught"),
				YearsExperience: 11, Experience: changerJobs},
			stage: "junior", route: "experience", years: 1.1,
		},
		{
			name: "mid: overlapping software positions count once",
			in: jobpath.ProfileInput{Skills: claims(midSkills...), Education: educated("self_taught"),
				Experience: []jobpath.Experience{
					position("Software Developer", "2020-01", "2022-12"),
					position("Backend Engineer", "2022-01", "2023-12"),
				}},
			stage: "mid", route: "experience", years: 4.0,
		},
		{
			name:  "mid: bootcamp with nearly four years of back-end work",
			in:    jobpath.ProfileInput{Skills: claims(midSkills...), Education: educated("bootcamp"), Experience: midJob},
			stage: "mid", route: "experience", years: 3.9,
		},
		{
			name:  "mid: master's with stated years and no positions listed",
			in:    jobpath.ProfileInput{Skills: claims(midSkills...), Education: educated("master"), YearsExperience: 3.5},
			stage: "mid", route: "degree", degree: true, years: 3.5,
		},
		{
			name:  "mid: senior skills but under five years stay mid",
			in:    jobpath.ProfileInput{Skills: claims(seniorSkills...), Education: educated("self_taught"), Experience: midJob},
			stage: "mid", route: "experience", years: 3.9,
		},
		{
			name:  "senior: self-taught with seven years",
			in:    jobpath.ProfileInput{Skills: claims(seniorSkills...), Education: educated("self_taught"), Experience: seniorJobs},
			stage: "senior", route: "experience", years: 7.1,
		},
		{
			name:  "senior: the same profile with a bachelor's is still senior",
			in:    jobpath.ProfileInput{Skills: claims(seniorSkills...), Education: educated("bachelor"), Experience: seniorJobs},
			stage: "senior", route: "degree", degree: true, years: 7.1,
		},
		{
			name:  "lead: no formal education, nearly thirteen years and broad skills",
			in:    jobpath.ProfileInput{Skills: claims(leadSkills...), Education: educated("none"), Experience: leadJobs},
			stage: "lead", route: "experience", years: 12.9,
		},
		{
			name:  "lead: bachelor, nearly thirteen years and broad skills",
			in:    jobpath.ProfileInput{Skills: claims(leadSkills...), Education: educated("bachelor"), Experience: leadJobs},
			stage: "lead", route: "degree", degree: true, years: 12.9,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pl := m.Place(&jobpath.Profile{ProfileInput: tt.in}, nil, now)
			if pl.Stage != tt.stage || pl.Route != tt.route || pl.Degree != tt.degree || pl.Years != tt.years {
				t.Errorf("Place = stage %q route %q degree %v years %v, want stage %q route %q degree %v years %v",
					pl.Stage, pl.Route, pl.Degree, pl.Years, tt.stage, tt.route, tt.degree, tt.years)
			}
			want := nextStage[tt.stage]
			switch {
			case want == "" && pl.Next != nil:
				t.Errorf("Next = %+v, want nil at the last stage", pl.Next)
			case want != "" && pl.Next == nil:
				t.Errorf("Next = nil, want stage %q", want)
			case want != "" && pl.Next.Stage != want:
				t.Errorf("Next.Stage = %q, want %q", pl.Next.Stage, want)
			}
		})
	}
}

// TestPlaceSameStageWithDegree checks that a degree never raises a profile
// above the stage its skills and years reach without one.
func TestPlaceSameStageWithDegree(t *testing.T) {
	m, _ := model(t)
	profiles := []struct {
		name string
		in   jobpath.ProfileInput
	}{
		{"junior", jobpath.ProfileInput{Skills: claims(juniorSkills...), Experience: juniorJob}},
		{"mid", jobpath.ProfileInput{Skills: claims(midSkills...), Experience: midJob}},
		{"senior", jobpath.ProfileInput{Skills: claims(seniorSkills...), Experience: seniorJobs}},
		{"lead", jobpath.ProfileInput{Skills: claims(leadSkills...), Experience: leadJobs}},
	}
	for _, p := range profiles {
		t.Run(p.name, func(t *testing.T) {
			without, with := p.in, p.in
			without.Education = educated("self_taught")
			with.Education = educated("bachelor")
			a := m.Place(&jobpath.Profile{ProfileInput: without}, nil, now)
			b := m.Place(&jobpath.Profile{ProfileInput: with}, nil, now)
			if string(a.Stage) != p.name || string(b.Stage) != p.name {
				t.Errorf("stage without degree %q, with degree %q; want %q for both", a.Stage, b.Stage, p.name)
			}
		})
	}
}

func TestPlaceEvidence(t *testing.T) {
	m, _ := model(t)
	tests := []struct {
		name    string
		in      jobpath.ProfileInput
		want    []career.Evidence
		wantNot []career.Evidence
	}{
		{
			name: "django implies python",
			in:   jobpath.ProfileInput{Skills: claims("django")},
			want: []career.Evidence{
				{Area: "languages", Skill: "python", Via: "implied by django"},
				{Area: "frameworks", Skill: "django", Via: "profile"},
			},
		},
		{
			name: "a listed skill is not reported as implied",
			in:   jobpath.ProfileInput{Skills: claims("django", "Python")},
			want: []career.Evidence{{Area: "languages", Skill: "python", Via: "profile"}},
			wantNot: []career.Evidence{
				{Area: "languages", Skill: "python", Via: "implied by django"},
			},
		},
		{
			name: "certification",
			in: jobpath.ProfileInput{Skills: claims("python"),
				Certifications: []string{"AWS Certified Solutions Architect"}},
			want: []career.Evidence{
				{Area: "growth", Skill: "aws-certified", Via: "certification"},
				{Area: "languages", Skill: "python", Via: "profile"},
			},
		},
		{
			name:    "an unknown certification is no evidence",
			in:      jobpath.ProfileInput{Skills: claims("python"), Certifications: []string{"First Aid at Work"}},
			want:    []career.Evidence{{Area: "languages", Skill: "python", Via: "profile"}},
			wantNot: []career.Evidence{{Area: "growth", Skill: "aws-certified", Via: "certification"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pl := m.Place(&jobpath.Profile{ProfileInput: tt.in}, nil, now)
			for _, e := range tt.want {
				if !slices.Contains(pl.Evidence, e) {
					t.Errorf("Evidence lacks %+v; got %+v", e, pl.Evidence)
				}
			}
			for _, e := range tt.wantNot {
				if slices.Contains(pl.Evidence, e) {
					t.Errorf("Evidence has %+v; got %+v", e, pl.Evidence)
				}
			}
		})
	}
}

func publishedJob(level jobpath.Level, required ...string) *jobpath.Job {
	return &jobpath.Job{Status: jobpath.StatusPublished, Level: level, Skills: jobpath.Skills{Required: required}}
}

func TestGapOrderedByDemand(t *testing.T) {
	m, tax := model(t)
	demand := career.NewDemand([]*jobpath.Job{
		publishedJob("mid", "go", "docker", "postgresql"),
		publishedJob("mid", "python", "docker", "aws"),
		publishedJob("mid", "django", "docker", "kubernetes"),
		publishedJob("mid", "java", "redis"),
		// Other levels do not count towards the mid stage.
		publishedJob("senior", "kubernetes", "terraform"),
		publishedJob("junior", "kubernetes"),
	}, tax)
	p := &jobpath.Profile{ProfileInput: jobpath.ProfileInput{
		Skills: claims(juniorSkills...), Education: educated("self_taught"), Experience: juniorJob,
	}}
	pl := m.Place(p, demand, now)
	if pl.Stage != "junior" {
		t.Fatalf("Stage = %q, want junior", pl.Stage)
	}
	g := pl.Next
	if g == nil || g.Stage != "mid" {
		t.Fatalf("Next = %+v, want the mid stage", g)
	}
	if !slices.IsSortedFunc(g.MissingSkills, func(a, b career.Missing) int {
		switch {
		case a.Demand > b.Demand:
			return -1
		case a.Demand < b.Demand:
			return 1
		}
		return 0
	}) {
		t.Errorf("MissingSkills not ordered by demand, highest first: %+v", g.MissingSkills)
	}
	at := func(id string) int {
		return slices.IndexFunc(g.MissingSkills, func(ms career.Missing) bool { return ms.Skill == id })
	}
	docker, k8s := at("docker"), at("kubernetes")
	if docker < 0 || k8s < 0 {
		t.Fatalf("MissingSkills lack docker (%d) or kubernetes (%d): %+v", docker, k8s, g.MissingSkills)
	}
	if docker > k8s {
		t.Errorf("docker at %d after kubernetes at %d", docker, k8s)
	}
	if d := g.MissingSkills[docker]; d.Demand != 0.75 || d.Jobs != 3 || d.Area != "cloud" || d.Name != "Docker" {
		t.Errorf("docker = %+v, want Docker in cloud, demand 0.75 from 3 jobs", d)
	}
	if k := g.MissingSkills[k8s]; k.Demand != 0.25 || k.Jobs != 1 {
		t.Errorf("kubernetes = %+v, want demand 0.25 from 1 job", k)
	}
	for _, had := range []string{"python", "postgresql", "sql", "git", "debugging"} {
		if i := at(had); i >= 0 {
			t.Errorf("MissingSkills lists %q, which the profile covers", had)
		}
	}
	// 2 years for mid less 571 days of work.
	if g.YearsToGo != 0.4 {
		t.Errorf("YearsToGo = %v, want 0.4", g.YearsToGo)
	}
	// Mid expects 2 cloud skills (none held), 3 practice (git, debugging
	// held) and 1 judgement (none held); data is covered by postgresql and
	// the sql it implies.
	want := map[string]int{"cloud": 2, "practice": 1, "judgement": 1}
	if !maps.Equal(g.AreasShort, want) {
		t.Errorf("AreasShort = %v, want %v", g.AreasShort, want)
	}
}

func TestGapWithoutDemand(t *testing.T) {
	m, _ := model(t)
	p := &jobpath.Profile{ProfileInput: jobpath.ProfileInput{Skills: claims(juniorSkills...), Experience: juniorJob}}
	g := m.Place(p, nil, now).Next
	if g == nil || len(g.MissingSkills) == 0 {
		t.Fatalf("Next = %+v, want missing skills", g)
	}
	for _, ms := range g.MissingSkills {
		if ms.Demand != 0 || ms.Jobs != 0 {
			t.Errorf("%+v: want no demand without a market", ms)
		}
	}
	if !slices.IsSortedFunc(g.MissingSkills, func(a, b career.Missing) int {
		if c := strings.Compare(a.Area, b.Area); c != 0 {
			return c
		}
		return strings.Compare(a.Skill, b.Skill)
	}) {
		t.Errorf("MissingSkills with equal demand not ordered by area then skill: %+v", g.MissingSkills)
	}
}

func TestDemandShare(t *testing.T) {
	tax := taxonomy(t)
	d := career.NewDemand([]*jobpath.Job{
		publishedJob("mid", "django", "postgresql"),
		publishedJob("mid", "go"),
		publishedJob("senior", "python", "django"),
		publishedJob("", "docker"),
	}, tax)
	var none *career.Demand
	tests := []struct {
		name  string
		d     *career.Demand
		level jobpath.Level
		skill string
		want  float64
	}{
		{"django counts for python", d, "mid", "python", 0.5},
		{"postgresql counts for sql", d, "mid", "sql", 0.5},
		{"a skill asked directly", d, "mid", "go", 0.5},
		{"python and django in one job count once", d, "senior", "python", 1},
		{"a skill not asked at the level", d, "mid", "docker", 0},
		{"a level with no jobs", d, "lead", "python", 0},
		{"no level is unspecified", d, "unspecified", "docker", 1},
		{"all levels: python", d, "", "python", 0.5},
		{"all levels: docker", d, "", "docker", 0.25},
		{"nil demand", none, "mid", "python", 0},
		{"nil demand, all levels", none, "", "python", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.Share(tt.level, tt.skill); got != tt.want {
				t.Errorf("Share(%q, %q) = %v, want %v", tt.level, tt.skill, got, tt.want)
			}
		})
	}
	if d.Jobs[""] != 4 || d.Jobs["mid"] != 2 {
		t.Errorf("Jobs = %v, want 4 in all and 2 at mid", d.Jobs)
	}
}

func TestDemandCache(t *testing.T) {
	tax := taxonomy(t)
	ctx := context.Background()
	const ttl = 5 * time.Minute
	errDown := errors.New("store down")

	t.Run("refreshes after the TTL and serves a stale copy on failure", func(t *testing.T) {
		clock := clocktest.New(now)
		calls := 0
		var fail error
		jobs := []*jobpath.Job{publishedJob("mid", "go")}
		c := career.NewDemandCache(func(context.Context) ([]*jobpath.Job, error) {
			calls++
			if fail != nil {
				return nil, fail
			}
			return jobs, nil
		}, tax, clock, ttl)
		get := func(step string, wantCalls, wantJobs int) *career.Demand {
			t.Helper()
			d, err := c.Demand(ctx)
			if err != nil {
				t.Fatalf("%s: Demand: %v", step, err)
			}
			if calls != wantCalls {
				t.Errorf("%s: %d loads, want %d", step, calls, wantCalls)
			}
			if d == nil || d.Jobs[""] != wantJobs {
				t.Fatalf("%s: Demand = %+v, want %d jobs", step, d, wantJobs)
			}
			return d
		}

		first := get("first call", 1, 1)
		jobs = append(jobs, publishedJob("mid", "python"))
		clock.Advance(ttl - time.Second)
		if again := get("within the TTL", 1, 1); again != first {
			t.Error("within the TTL: a different copy was served")
		}
		clock.Advance(2 * time.Second)
		get("past the TTL", 2, 2)
		fail = errDown
		clock.Advance(ttl + time.Second)
		get("failed refresh", 3, 2)
	})

	t.Run("no copy and a failing loader", func(t *testing.T) {
		calls := 0
		c := career.NewDemandCache(func(context.Context) ([]*jobpath.Job, error) {
			calls++
			return nil, errDown
		}, tax, clocktest.New(now), ttl)
		d, err := c.Demand(ctx)
		if !errors.Is(err, errDown) || d != nil {
			t.Errorf("Demand = %+v, %v; want nil, %v", d, err, errDown)
		}
		if calls != 1 {
			t.Errorf("%d loads, want 1", calls)
		}
	})
}

const validTrajectory = `
areas:
  - id: languages
    name: Back-end languages
  - id: data
    name: Data
stages:
  - id: aspiring
    years: {min: 0, max: 1}
    expect:
      languages: {min: 1, skills: [go]}
  - id: junior
    years: {min: 0, max: 2}
    expect:
      languages: {min: 1, skills: [python, go]}
      data: {min: 1, skills: [postgresql]}
  - id: mid
    years: {min: 2, max: 5}
    expect:
      languages: {min: 1, skills: [go]}
  - id: senior
    years: {min: 5, max: 8}
    expect:
      languages: {min: 1, skills: [go]}
  - id: lead
    years: {min: 8, max: 40}
    expect:
      languages: {min: 1, skills: [go]}
`

func TestParseRejects(t *testing.T) {
	tax := taxonomy(t)
	if _, err := career.Parse([]byte(validTrajectory), tax); err != nil {
		t.Fatalf("Parse(valid) = %v", err)
	}
	if _, err := career.Parse(data.TrajectoryYAML(), tax); err != nil {
		t.Fatalf("Parse(data/trajectory.yaml) = %v", err)
	}
	tests := []struct {
		name, old, new, want string
	}{
		{"unknown skill", "[python, go]", "[python, cobolscript]", `unknown skill "cobolscript"`},
		{"unknown area", "      data: {min", "      astrology: {min", `unknown area "astrology"`},
		{"min larger than the list", "{min: 1, skills: [python, go]}", "{min: 3, skills: [python, go]}", "min 3 of 2"},
		{"min below one", "{min: 1, skills: [postgresql]}", "{min: 0, skills: [postgresql]}", "min 0 of 1"},
		{"no stages", "stages:", "other:", "no stages"},
		{"a stage missing", "id: mid", "id: senior", "want aspiring, junior, mid, senior, lead"},
		{"years out of order", "{min: 2, max: 5}", "{min: 9, max: 5}", `"senior" starts before the one above it`},
		{"malformed YAML", "    years: {min: 0, max: 2}", "    years: {min: 0, max: 2", "parse trajectory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(validTrajectory, tt.old, tt.new, 1)
			if src == validTrajectory {
				t.Fatalf("%q is not in the trajectory", tt.old)
			}
			m, err := career.Parse([]byte(src), tax)
			if err == nil {
				t.Fatalf("Parse = %+v, want an error mentioning %q", m, tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse error %q does not mention %q", err, tt.want)
			}
		})
	}
}

// TestPlaceEdgeCases covers the titles, certificates, dates and front-end
// skills that placement must not misread.
func TestPlaceEdgeCases(t *testing.T) {
	m, _ := model(t)
	tests := []struct {
		name  string
		p     jobpath.Profile
		stage jobpath.Stage
		years float64
	}{
		{"civil engineer turned developer", jobpath.Profile{ProfileInput: jobpath.ProfileInput{Skills: claims(seniorSkills...), YearsExperience: 12,
			Experience: []jobpath.Experience{position("Civil Engineer", "2014-01", "2025-06"), position("Backend Developer", "2025-11", "")}}}, "junior", 1.1},
		{"sales engineer turned developer", jobpath.Profile{ProfileInput: jobpath.ProfileInput{Skills: claims(seniorSkills...), YearsExperience: 12,
			Experience: []jobpath.Experience{position("Sales Engineer", "2014-01", "2025-06"), position("Backend Developer", "2025-11", "")}}}, "junior", 1.1},
		{"undated software position keeps the stated years", jobpath.Profile{ProfileInput: jobpath.ProfileInput{Skills: claims(seniorSkills...), YearsExperience: 8,
			Experience: []jobpath.Experience{{Title: "Senior Software Engineer"}}}}, "lead", 8},
		{"front-end only is not yet back-end", jobpath.Profile{ProfileInput: jobpath.ProfileInput{Skills: claims("html", "css", "javascript", "typescript", "react"), YearsExperience: 1,
			Education: educated("bachelor")}}, "aspiring", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := m.Place(&tt.p, nil, now)
			if got.Stage != tt.stage || got.Years != tt.years {
				t.Fatalf("placed at %s with %.1f years, want %s with %.1f", got.Stage, got.Years, tt.stage, tt.years)
			}
		})
	}

	cert := jobpath.Profile{ProfileInput: jobpath.ProfileInput{Skills: claims("python"), Certifications: []string{"AWS Certified Solutions Architect"}}}
	pl := m.Place(&cert, nil, now)
	found := false
	for _, e := range pl.Evidence {
		if e.Skill == "aws" && e.Area == "cloud" {
			found = true
		}
	}
	if !found {
		t.Errorf("a certificate does not bring the skill it implies: %+v", pl.Evidence)
	}
}
