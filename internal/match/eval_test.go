package match_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jobpath/jobpath/data"
	"github.com/jobpath/jobpath/internal/career"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/match"
)

// The evaluation of match quality: every candidate of testdata/judged.json
// against every job, graded by the rules of testdata/RUBRIC.md (implemented
// below, independently of the scorer), then jobpath's rankings in both
// directions compared with the grades by nDCG@10.

// evalTarget is the nDCG@10 each direction must reach.
const evalTarget = 0.85

// evalK is the depth of the ranking that is judged.
const evalK = 10

// judgedProfile is a hand-written candidate with the stage a person assigned.
type judgedProfile struct {
	ID      string               `json:"id"`
	Stage   string               `json:"stage"`
	Note    string               `json:"note"`
	Profile jobpath.ProfileInput `json:"profile"`
}

type judgedJob struct {
	ID  string           `json:"id"`
	Job jobpath.JobInput `json:"job"`
}

// judgedExample is a pair graded by hand, which grade must reproduce.
type judgedExample struct {
	Profile string `json:"profile"`
	Job     string `json:"job"`
	Grade   int    `json:"grade"`
	Why     string `json:"why"`
}

type judgedSet struct {
	Now      string          `json:"now"`
	Profiles []judgedProfile `json:"profiles"`
	Jobs     []judgedJob     `json:"jobs"`
	Examples []judgedExample `json:"examples"`
}

// loadJudged reads testdata/judged.json, validating every profile and job as
// the board would.
func loadJudged(t *testing.T) (judgedSet, []*jobpath.Job, time.Time) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "judged.json"))
	if err != nil {
		t.Fatal(err)
	}
	var set judgedSet
	if err := json.Unmarshal(raw, &set); err != nil {
		t.Fatalf("judged.json: %v", err)
	}
	now, err := time.Parse(time.DateOnly, set.Now)
	if err != nil {
		t.Fatalf("judged.json now: %v", err)
	}
	seen := map[string]bool{}
	for i := range set.Profiles {
		p := &set.Profiles[i]
		if seen[p.ID] {
			t.Fatalf("duplicate id %s", p.ID)
		}
		seen[p.ID] = true
		if _, ok := rubricStages[p.Stage]; !ok {
			t.Fatalf("%s: unknown stage %q", p.ID, p.Stage)
		}
		if err := p.Profile.Validate(); err != nil {
			t.Fatalf("%s: %v", p.ID, err)
		}
		p.Profile.Normalise()
	}
	jobs := make([]*jobpath.Job, len(set.Jobs))
	for i, j := range set.Jobs {
		if seen[j.ID] {
			t.Fatalf("duplicate id %s", j.ID)
		}
		seen[j.ID] = true
		jobs[i], err = jobpath.NewJob(j.Job, &jobpath.Company{ID: "c" + j.ID, Name: "Company " + j.ID}, now)
		if err != nil {
			t.Fatalf("%s: %v", j.ID, err)
		}
	}
	return set, jobs, now
}

// --- RUBRIC.md, literally ---

// rubricAliases is the spelling table of RUBRIC.md 1.1, in folded form.
var rubricAliases = map[string]string{
	"golang": "go", "postgres": "postgresql", "node": "node.js", "nodejs": "node.js",
	"rails": "ruby-on-rails", "ror": "ruby-on-rails", "springboot": "spring-boot",
	"express.js": "express", "expressjs": "express", "nest.js": "nestjs", "nest": "nestjs",
	"asp.net core": "asp.net", "aspnet": "asp.net", "dotnet": ".net", "dot net": ".net",
	"ts": "typescript", "js": "javascript", "mongo": "mongodb", "mssql": "sql-server",
	"microsoft sql server": "sql-server", "k8s": "kubernetes", "amazon web services": "aws",
	"google cloud": "gcp", "google cloud platform": "gcp", "microsoft azure": "azure",
	"drf": "django-rest-framework", "restful": "rest", "rest api": "rest",
	"unit tests": "unit-testing", "cicd": "ci/cd", "ci cd": "ci/cd",
}

// rubricImplies is the implication table of RUBRIC.md 1.2.
var rubricImplies = map[string][]string{
	"django": {"python"}, "flask": {"python"}, "fastapi": {"python"}, "celery": {"python"},
	"sqlalchemy": {"python"}, "pytest": {"python"},
	"django-rest-framework": {"django", "rest"},
	"spring-boot":           {"spring", "java"},
	"spring":                {"java"}, "hibernate": {"java"}, "jpa": {"java"}, "junit": {"java"},
	"ktor":    {"kotlin"},
	"express": {"node.js"}, "fastify": {"node.js"},
	"nestjs":  {"node.js", "typescript"},
	"node.js": {"javascript"}, "typescript": {"javascript"},
	"ruby-on-rails": {"ruby"}, "sidekiq": {"ruby"}, "rspec": {"ruby"},
	"laravel": {"php"}, "symfony": {"php"}, "phpunit": {"php"}, "doctrine": {"php"},
	"asp.net":          {".net", "c#"},
	"entity-framework": {".net"},
	"phoenix":          {"elixir"}, "ecto": {"elixir"},
	"gin": {"go"}, "echo": {"go"},
	"actix": {"rust"}, "tokio": {"rust"},
	"axum":       {"rust", "tokio"},
	"postgresql": {"sql"}, "mysql": {"sql"}, "mariadb": {"sql"}, "sql-server": {"sql"}, "sqlite": {"sql"},
	"eks":            {"aws", "kubernetes"},
	"gke":            {"gcp", "kubernetes"},
	"aks":            {"azure", "kubernetes"},
	"aws-lambda":     {"aws", "serverless"},
	"dynamodb":       {"aws"},
	"helm":           {"kubernetes"},
	"docker-compose": {"docker"},
	"github":         {"git"}, "gitlab": {"git"},
	"tdd": {"unit-testing"},
}

// rubricLanguages are the back-end languages of RUBRIC.md 1.3.
var rubricLanguages = map[string]bool{
	"python": true, "java": true, "kotlin": true, "scala": true, "go": true, "ruby": true,
	"php": true, "c#": true, "rust": true, "elixir": true, "node.js": true,
}

// rubricStages numbers the stages (RUBRIC.md 1.4) and role levels (1.6).
var rubricStages = map[string]int{"aspiring": 0, "junior": 1, "mid": 2, "senior": 3, "lead": 4}

// rubricDegrees are the education levels that are a degree (RUBRIC.md 1.5).
var rubricDegrees = map[string]bool{"associate": true, "bachelor": true, "master": true, "doctorate": true}

// rubricName is a skill's name as RUBRIC.md 1.1 compares it.
func rubricName(s string) string {
	s = strings.Join(strings.Fields(strings.ReplaceAll(strings.ToLower(s), "-", " ")), " ")
	if a, ok := rubricAliases[s]; ok {
		return a
	}
	return strings.ReplaceAll(s, " ", "-")
}

// rubricSkills is what the candidate has: listed skills and their implications.
func rubricSkills(p *jobpath.ProfileInput) map[string]bool {
	have := map[string]bool{}
	var todo []string
	for _, s := range p.Skills {
		todo = append(todo, rubricName(s.Name))
	}
	for len(todo) > 0 {
		id := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if have[id] {
			continue
		}
		have[id] = true
		todo = append(todo, rubricImplies[id]...)
	}
	return have
}

// rubricRoleLevel is the role's level (RUBRIC.md 1.6); ok is false when it has none.
func rubricRoleLevel(j *jobpath.Job) (level int, ok bool) {
	if l, known := rubricStages[string(j.Level)]; known && j.Level != "aspiring" {
		return l, true
	}
	if j.MinYears == nil {
		return 0, false
	}
	switch y := *j.MinYears; {
	case y <= 1:
		return 1, true
	case y <= 4:
		return 2, true
	case y <= 7:
		return 3, true
	default:
		return 4, true
	}
}

// rubricNear reports whether an onsite or hybrid role is near the candidate
// (RUBRIC.md 1.7).
func rubricNear(p *jobpath.ProfileInput, l *jobpath.Location) bool {
	if len(p.Locations) == 0 {
		return true
	}
	for _, c := range p.Locations {
		if c.City != "" && strings.EqualFold(c.City, l.City) {
			return true
		}
		if c.City == "" && c.Country != "" && strings.EqualFold(c.Country, l.Country) {
			return true
		}
	}
	return false
}

// judge grades a pair by RUBRIC.md section 2 and names every rule that held
// the grade below 3, with the grade it allowed.
func judge(stage string, p *jobpath.ProfileInput, j *jobpath.Job) (int, map[string]int) {
	limits := map[string]int{}
	have := rubricSkills(p)

	// 2.1 skills band.
	req := map[string]bool{}
	var missing []string
	for _, s := range j.Skills.Required {
		id := rubricName(s)
		if req[id] {
			continue
		}
		req[id] = true
		if !have[id] {
			missing = append(missing, id)
		}
	}
	n, m := len(req), len(missing)
	var band int
	switch {
	case m == 0:
		band = 3
	case m == 1 && n >= 2 && !rubricLanguages[missing[0]]:
		band = 2
		limits["skills: one missing"] = 2
	case 2*(n-m) >= n:
		band = 1
		if m == 1 {
			limits["skills: missing the language"] = 1
		} else {
			limits["skills: half or more"] = 1
		}
	default:
		band = 0
		limits["skills: under half"] = 0
	}

	// 2.2 level band.
	gap := 0
	if l, ok := rubricRoleLevel(j); ok {
		gap = l - rubricStages[stage]
	}
	var lband int
	switch {
	case gap == 0 || gap == 1:
		lband = 3
	case gap == -1:
		lband = 2
		limits["level: one below"] = 2
	case gap == 2 || gap == -2:
		lband = 1
		limits[fmt.Sprintf("level: %+d", gap)] = 1
	default:
		lband = 0
		limits["level: three or more off"] = 0
	}

	// 2.3 together.
	var g int
	switch {
	case band == 3 && lband == 3:
		g = 3
	case band == 2 && lband == 3 || band == 3 && lband == 2:
		g = 2
	case band == 0 || lband == 0:
		g = 0
	default:
		g = 1
		if band == 2 && lband == 2 {
			limits["skills and level: two gaps"] = 1
		}
	}

	// 2.4 limits.
	capAt := func(rule string, c int) {
		limits[rule] = c
		g = min(g, c)
	}
	degree := false
	for _, e := range p.Education {
		if rubricDegrees[e.Level] {
			degree = true
		}
	}
	if j.Degree == "required" && !degree {
		if m == 0 {
			capAt("degree required, has every skill", 2)
		} else {
			capAt("degree required and skills missing", 0)
		}
	}
	pref := p.Remote
	if pref == "" {
		pref = "any"
	}
	switch {
	case j.Remote == "remote":
	case pref == "remote" && j.Remote == "onsite":
		capAt("remote only vs onsite", 0)
	case pref == "remote":
		capAt("remote only vs hybrid", 1)
	case j.Location == nil || j.Location.City == "" && j.Location.Country == "":
		capAt("no place stated", 2)
	case !rubricNear(p, j.Location):
		capAt("would have to move", 1)
	}
	if want, offer := p.DesiredSalary, j.Salary; want != nil && offer != nil && want.Currency == offer.Currency && want.Period == offer.Period {
		top := offer.Max
		if top == 0 {
			top = offer.Min
		}
		switch {
		case float64(top) < 0.8*float64(want.Min):
			capAt("pay far below the wish", 1)
		case top < want.Min:
			capAt("pay below the wish", 2)
		}
	}
	return g, limits
}

// grade is the RUBRIC.md grade of candidate p, at the given stage, for job j.
func grade(stage string, p *jobpath.ProfileInput, j *jobpath.Job) int {
	g, _ := judge(stage, p, j)
	return g
}

// binding are the rules that set a pair's final grade.
func binding(g int, limits map[string]int) []string {
	var out []string
	for rule, c := range limits {
		if c == g {
			out = append(out, rule)
		}
	}
	sort.Strings(out)
	return out
}

// --- nDCG ---

func evalGain(g int) float64 { return math.Exp2(float64(g)) - 1 }

// dcgAt is the discounted cumulative gain of grades in ranked order, to depth k.
func dcgAt(grades []int, k int) float64 {
	sum := 0.0
	for i := 0; i < k && i < len(grades); i++ {
		sum += evalGain(grades[i]) / math.Log2(float64(i+2))
	}
	return sum
}

// ndcgAt is dcgAt of the ranking over dcgAt of the grades in ideal order; ok
// is false when no item is relevant.
func ndcgAt(ranked []int, k int) (float64, bool) {
	ideal := slices.Clone(ranked)
	sort.Sort(sort.Reverse(sort.IntSlice(ideal)))
	best := dcgAt(ideal, k)
	if best == 0 {
		return 0, false
	}
	return dcgAt(ranked, k) / best, true
}

// rankBy orders the indices 0..n-1 by match.Less of their results, keeping
// the data's order among equals.
func rankBy(n int, result func(i int) match.Result) []int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return match.Less(result(idx[a]), result(idx[b])) })
	return idx
}

// TestEvalRubricExamples checks that grade reproduces the pairs graded by hand,
// and that the data names skills the way both the rubric and the taxonomy read them.
func TestEvalRubricExamples(t *testing.T) {
	set, jobs, _ := loadJudged(t)
	tax := taxonomy(t)
	for _, p := range set.Profiles {
		for _, s := range p.Profile.Skills {
			id, known := tax.Normalise(s.Name)
			if !known || id != rubricName(s.Name) {
				t.Errorf("%s: skill %q is %q to the rubric but %q (known %v) to the taxonomy", p.ID, s.Name, rubricName(s.Name), id, known)
			}
		}
	}
	for i, j := range jobs {
		for _, s := range append(slices.Clone(j.Skills.Required), j.Skills.Preferred...) {
			if _, ok := tax.Skill(s); !ok || rubricName(s) != s {
				t.Errorf("%s: skill %q is not a taxonomy id as the rubric writes it", set.Jobs[i].ID, s)
			}
		}
	}
	// The rubric's implications are true in the taxonomy too.
	for from, tos := range rubricImplies {
		for _, to := range tos {
			if !slices.Contains(tax.Implied(from), to) {
				t.Errorf("the rubric says %s implies %s; the taxonomy does not", from, to)
			}
		}
	}
	byID := map[string]int{}
	for i, p := range set.Profiles {
		byID[p.ID] = i
	}
	for i, j := range set.Jobs {
		byID[j.ID] = i
	}
	if len(set.Examples) < 20 {
		t.Fatalf("%d hand-graded examples; want at least 20", len(set.Examples))
	}
	for _, ex := range set.Examples {
		pi, ok1 := byID[ex.Profile]
		ji, ok2 := byID[ex.Job]
		if !ok1 || !ok2 {
			t.Fatalf("example %s/%s: unknown id", ex.Profile, ex.Job)
		}
		p := set.Profiles[pi]
		if g := grade(p.Stage, &p.Profile, jobs[ji]); g != ex.Grade {
			_, limits := judge(p.Stage, &p.Profile, jobs[ji])
			t.Errorf("%s × %s: rubric grade %d, graded by hand %d (%s); limits %v", ex.Profile, ex.Job, g, ex.Grade, ex.Why, limits)
		}
	}
}

// TestEvalMatchQuality ranks jobs for every candidate and candidates for every
// job with match.Score and measures the rankings against the rubric's grades.
func TestEvalMatchQuality(t *testing.T) {
	set, jobs, now := loadJudged(t)
	tax := taxonomy(t)
	model, err := career.Parse(data.TrajectoryYAML(), tax)
	if err != nil {
		t.Fatal(err)
	}
	var stages [5]int
	for _, p := range set.Profiles {
		stages[rubricStages[p.Stage]]++
	}
	if len(set.Profiles) < 25 || len(jobs) < 200 || slices.Contains(stages[:], 0) {
		t.Fatalf("%d profiles (stages %v), %d jobs: want at least 25 covering every stage, and 200", len(set.Profiles), stages, len(jobs))
	}

	// Candidates as the board builds them: placed on the trajectory.
	cands := make([]match.Candidate, len(set.Profiles))
	var placedOff []string
	for i := range set.Profiles {
		p := &set.Profiles[i]
		prof := &jobpath.Profile{UserID: p.ID, ProfileInput: p.Profile}
		pl := model.Place(prof, nil, now)
		cands[i] = match.Candidate{Profile: prof, Stage: pl.Stage, Years: pl.Years, Degree: pl.Degree}
		if string(pl.Stage) != p.Stage {
			placedOff = append(placedOff, fmt.Sprintf("%s %s→%s (%.1fy)", p.ID, p.Stage, pl.Stage, pl.Years))
		}
	}

	res := make([][]match.Result, len(cands))
	grades := make([][]int, len(cands))
	limits := make([][]map[string]int, len(cands))
	var dist [4]int
	for i, c := range cands {
		res[i] = make([]match.Result, len(jobs))
		grades[i] = make([]int, len(jobs))
		limits[i] = make([]map[string]int, len(jobs))
		for k, j := range jobs {
			res[i][k] = match.Score(c, j, tax)
			grades[i][k], limits[i][k] = judge(set.Profiles[i].Stage, &set.Profiles[i].Profile, j)
			dist[grades[i][k]]++
		}
	}

	// Direction 1: jobs for each candidate.
	sum1 := 0.0
	var perCand []string
	topRule := map[string]int{} // rules binding grade-0 pairs in candidates' top 10
	for i := range cands {
		order := rankBy(len(jobs), func(k int) match.Result { return res[i][k] })
		ranked := make([]int, len(order))
		for r, k := range order {
			ranked[r] = grades[i][k]
			if r < evalK && ranked[r] == 0 {
				for _, rule := range binding(0, limits[i][k]) {
					topRule[rule]++
				}
			}
		}
		v, ok := ndcgAt(ranked, evalK)
		if !ok {
			t.Fatalf("%s has no job graded 1 or more: the evaluation needs one", set.Profiles[i].ID)
		}
		sum1 += v
		var n [4]int
		for _, g := range grades[i] {
			n[g]++
		}
		perCand = append(perCand, fmt.Sprintf("%s %.2f (3:%d 2:%d 1:%d)", set.Profiles[i].ID, v, n[3], n[2], n[1]))
	}
	ndcg1 := sum1 / float64(len(cands))

	// Direction 2: candidates for each job that has a relevant one.
	sum2, jobsJudged := 0.0, 0
	for k := range jobs {
		order := rankBy(len(cands), func(i int) match.Result { return res[i][k] })
		ranked := make([]int, len(order))
		for r, i := range order {
			ranked[r] = grades[i][k]
		}
		if v, ok := ndcgAt(ranked, evalK); ok {
			sum2 += v
			jobsJudged++
		}
	}
	ndcg2 := sum2 / float64(jobsJudged)

	t.Logf("%d profiles (aspiring %d, junior %d, mid %d, senior %d, lead %d), %d jobs, %d pairs",
		len(cands), stages[0], stages[1], stages[2], stages[3], stages[4], len(jobs), len(cands)*len(jobs))
	t.Logf("grades: 0: %d, 1: %d, 2: %d, 3: %d", dist[0], dist[1], dist[2], dist[3])
	t.Logf("nDCG@%d jobs for candidates: %.3f (over %d candidates)", evalK, ndcg1, len(cands))
	t.Logf("nDCG@%d candidates for jobs: %.3f (over %d jobs with a pair graded 1 or more)", evalK, ndcg2, jobsJudged)
	t.Logf("per candidate, nDCG and grades:\n\t%s", strings.Join(perCand, "\n\t"))
	if len(placedOff) > 0 {
		t.Logf("career.Place disagrees with the stage assigned by hand for %d profiles: %s", len(placedOff), strings.Join(placedOff, "; "))
	}

	evalSummary(t, set, res, grades, limits)
	if len(topRule) > 0 {
		var parts []string
		for r, n := range topRule {
			parts = append(parts, fmt.Sprintf("%s %d", r, n))
		}
		sort.Strings(parts)
		t.Logf("grade-0 pairs among candidates' top %d, by the rule that set the grade: %s", evalK, strings.Join(parts, ", "))
	}

	if ndcg1 < evalTarget {
		t.Errorf("nDCG@%d of jobs for candidates is %.3f; want at least %.2f", evalK, ndcg1, evalTarget)
	}
	if ndcg2 < evalTarget {
		t.Errorf("nDCG@%d of candidates for jobs is %.3f; want at least %.2f", evalK, ndcg2, evalTarget)
	}
}

// scoreStats accumulates scores.
type scoreStats struct {
	n             int
	sum, min, max float64
}

func (a *scoreStats) add(v float64) {
	if a.n == 0 || v < a.min {
		a.min = v
	}
	if a.n == 0 || v > a.max {
		a.max = v
	}
	a.n++
	a.sum += v
}

func (a *scoreStats) mean() float64 { return a.sum / float64(a.n) }

// evalSummary logs where the scorer and the rubric disagree: scores by grade,
// how often the scorer orders a candidate's jobs of two grades the rubric's
// way, scores by the rule that set the grade, the required-skills component on
// pairs where the candidate has every required skill, and the worst pairs.
func evalSummary(t *testing.T, set judgedSet, res [][]match.Result, grades [][]int, limits [][]map[string]int) {
	t.Helper()
	var byGrade [4]scoreStats
	byRule := map[string]*scoreStats{}
	var fullReq scoreStats // required_skills value where the rubric finds every required skill
	fullReqShort := 0
	type pair struct{ i, k int }
	var top0, low3 []pair
	for i := range res {
		for k, r := range res[i] {
			g := grades[i][k]
			byGrade[g].add(r.Score)
			for _, rule := range binding(g, limits[i][k]) {
				key := fmt.Sprintf("%d ← %s", g, rule)
				if byRule[key] == nil {
					byRule[key] = &scoreStats{}
				}
				byRule[key].add(r.Score)
			}
			full := true
			for rule := range limits[i][k] {
				if strings.HasPrefix(rule, "skills") {
					full = false
				}
			}
			if full && len(r.Components) > 0 && r.Components[0].Name == match.ComponentRequired {
				fullReq.add(r.Components[0].Value)
				if r.Components[0].Value < 1 {
					fullReqShort++
				}
			}
			switch g {
			case 0:
				top0 = append(top0, pair{i, k})
			case 3:
				low3 = append(low3, pair{i, k})
			}
		}
	}
	for g := 3; g >= 0; g-- {
		if a := byGrade[g]; a.n > 0 {
			t.Logf("grade %d: %4d pairs, score mean %.1f, min %.1f, max %.1f", g, a.n, a.mean(), a.min, a.max)
		}
	}

	// Pairwise order within each candidate's jobs: a job graded higher
	// should score higher (a tie counts half).
	var right, all [4][4]float64
	for i := range res {
		for a := range res[i] {
			for b := range res[i] {
				ga, gb := grades[i][a], grades[i][b]
				if ga <= gb {
					continue
				}
				all[ga][gb]++
				switch sa, sb := res[i][a].Score, res[i][b].Score; {
				case sa > sb:
					right[ga][gb]++
				case sa == sb:
					right[ga][gb] += 0.5
				}
			}
		}
	}
	var order []string
	for _, gp := range [][2]int{{3, 0}, {3, 1}, {3, 2}, {2, 0}, {2, 1}, {1, 0}} {
		if n := all[gp[0]][gp[1]]; n > 0 {
			order = append(order, fmt.Sprintf("%d over %d: %.0f%%", gp[0], gp[1], 100*right[gp[0]][gp[1]]/n))
		}
	}
	t.Logf("a candidate's job of the higher grade scores higher: %s", strings.Join(order, ", "))

	rules := make([]string, 0, len(byRule))
	for r := range byRule {
		rules = append(rules, r)
	}
	sort.Slice(rules, func(a, b int) bool { return byRule[rules[a]].mean() > byRule[rules[b]].mean() })
	t.Logf("pairs by the rule that set their grade, highest mean score first (grade 3 mean %.1f):", byGrade[3].mean())
	for _, r := range rules {
		a := byRule[r]
		t.Logf("  %-44s %4d pairs, score mean %.1f, max %.1f", r, a.n, a.mean(), a.max)
	}
	if fullReq.n > 0 {
		t.Logf("pairs where the candidate has every required skill: %d; the required-skills component is below 1 on %d of them (mean %.2f)",
			fullReq.n, fullReqShort, fullReq.mean())
	}

	describe := func(p pair) string {
		r := res[p.i][p.k]
		var comps []string
		for _, c := range r.Components {
			comps = append(comps, fmt.Sprintf("%s %.2f", c.Name, c.Value))
		}
		return fmt.Sprintf("%s × %s score %.1f, grade %d %v [%s]", set.Profiles[p.i].ID, set.Jobs[p.k].ID, r.Score,
			grades[p.i][p.k], binding(grades[p.i][p.k], limits[p.i][p.k]), strings.Join(comps, ", "))
	}
	sort.SliceStable(top0, func(a, b int) bool { return res[top0[a].i][top0[a].k].Score > res[top0[b].i][top0[b].k].Score })
	sort.SliceStable(low3, func(a, b int) bool { return res[low3[a].i][low3[a].k].Score < res[low3[b].i][low3[b].k].Score })
	for _, p := range top0[:min(5, len(top0))] {
		t.Logf("highest-scored grade 0: %s", describe(p))
	}
	for _, p := range low3[:min(5, len(low3))] {
		t.Logf("lowest-scored grade 3: %s", describe(p))
	}
}
