package match_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jobpath/jobpath/data"
	"github.com/jobpath/jobpath/internal/career"
	"github.com/jobpath/jobpath/internal/clocktest"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/match"
)

var matchNow = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// profileStore holds profiles by user id.
type profileStore map[string]*jobpath.Profile

func (s profileStore) FindProfile(_ context.Context, id string) (*jobpath.Profile, error) {
	if p, ok := s[id]; ok {
		return p, nil
	}
	return nil, jobpath.Errorf(jobpath.ENotFound, "no profile")
}

func (s profileStore) PutProfile(context.Context, *jobpath.Profile) error {
	return jobpath.Errorf(jobpath.EInternal, "matching never writes profiles")
}

// ownJobs finds jobs as their company may change them.
type ownJobs map[string]*jobpath.Job

func (o ownJobs) FindOwn(_ context.Context, caller *jobpath.Principal, id string) (*jobpath.Job, error) {
	j, ok := o[id]
	switch {
	case !ok:
		return nil, jobpath.Errorf(jobpath.ENotFound, "job not found")
	case caller == nil || caller.CompanyID != j.Company:
		return nil, jobpath.Errorf(jobpath.EForbidden, "only the job's company may change it")
	}
	return j, nil
}

func (o ownJobs) Find(_ context.Context, _ *jobpath.Principal, id string) (*jobpath.Job, error) {
	j, ok := o[id]
	if !ok {
		return nil, jobpath.Errorf(jobpath.ENotFound, "job not found")
	}
	return j, nil
}

// retriever hands back what it holds, in order, and keeps what it was asked.
type retriever struct {
	jobs  []*jobpath.Job
	cands []jobpath.RetrievedCandidate
	asked []jobpath.Retrieval
}

func (r *retriever) RetrieveJobs(_ context.Context, q jobpath.Retrieval) ([]*jobpath.Job, error) {
	r.asked = append(r.asked, q)
	return r.jobs, nil
}

func (r *retriever) RetrieveCandidates(_ context.Context, q jobpath.Retrieval) ([]jobpath.RetrievedCandidate, error) {
	r.asked = append(r.asked, q)
	return r.cands, nil
}

type matchFixture struct {
	m     *match.Matcher
	model *career.Model
	ret   *retriever
}

var (
	sam   = &jobpath.Principal{UserID: "u-sam", Role: jobpath.RoleCandidate}
	newby = &jobpath.Principal{UserID: "u-new", Role: jobpath.RoleCandidate}
	acmeE = &jobpath.Principal{UserID: "u-acme", Role: jobpath.RoleEmployer, CompanyID: "acme"}
	hooli = &jobpath.Principal{UserID: "u-hooli", Role: jobpath.RoleEmployer, CompanyID: "hooli"}
)

// samProfile is a mid-level Go developer without a degree, open to remote
// work anywhere.
func samProfile() *jobpath.Profile {
	p := &jobpath.Profile{UserID: sam.UserID, ProfileInput: jobpath.ProfileInput{Name: "Sam", YearsExperience: 4, Remote: jobpath.RemoteAny,
		Locations:    []jobpath.Location{{City: "Lisbon", Country: "Portugal"}},
		DesiredLevel: jobpath.LevelMid, Discoverable: true, Contact: jobpath.Contact{Email: "sam@example.org"},
		Experience: []jobpath.Experience{{Title: "Backend Developer", Start: "2022-09"}}}}
	for _, s := range []string{"go", "postgresql", "docker", "git", "rest", "unit-testing", "redis", "aws", "linux"} {
		p.Skills = append(p.Skills, jobpath.SkillClaim{Name: s})
	}
	return p
}

func newMatchFixture(t *testing.T, jobs ...*jobpath.Job) *matchFixture {
	t.Helper()
	tax := taxonomy(t)
	model, err := career.Parse(data.TrajectoryYAML(), tax)
	if err != nil {
		t.Fatal(err)
	}
	ret := &retriever{jobs: jobs}
	own := ownJobs{}
	for _, j := range jobs {
		own[j.ID] = j
	}
	demand := career.NewDemand(jobs, tax)
	m := match.NewMatcher(profileStore{sam.UserID: samProfile()}, own, ret, tax, model,
		func(context.Context) (*career.Demand, error) { return demand, nil }, countryCode, clocktest.New(matchNow))
	return &matchFixture{m: m, model: model, ret: ret}
}

// role is a published, remote role of Acme's.
func role(t *testing.T, id string, level jobpath.Level, degree jobpath.Degree, required ...string) *jobpath.Job {
	t.Helper()
	j := job(t, jobpath.JobInput{Title: "Back-end engineer " + id, Description: "Build services.", Level: level, Degree: degree,
		Remote: jobpath.RemoteRemote, Skills: &jobpath.Skills{Required: required}})
	j.ID = id
	return j
}

func ids(hits []match.JobMatch) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Job.ID)
	}
	return out
}

func TestJobsForOrderAndFilters(t *testing.T) {
	all := func(t *testing.T) []*jobpath.Job {
		return []*jobpath.Job{
			role(t, "java", jobpath.LevelMid, jobpath.DegreeNotRequired, "java", "spring", "kafka"),
			role(t, "go-degree", jobpath.LevelMid, jobpath.DegreeRequired, "go", "postgresql", "docker"),
			role(t, "go-open", jobpath.LevelMid, jobpath.DegreeNotRequired, "go", "postgresql", "docker"),
			role(t, "go-half", jobpath.LevelMid, jobpath.DegreeNotRequired, "go", "kubernetes", "grpc", "kafka"),
			role(t, "go-open-2", jobpath.LevelMid, jobpath.DegreeNotRequired, "go", "postgresql", "docker"),
		}
	}
	tests := []struct {
		name  string
		f     match.Filter
		want  []string // ids in order
		total int
	}{
		// Full skill fit first; of equal fits the one open without a degree
		// first, then retrieval's order; no shared skill last.
		{"ranked", match.Filter{}, []string{"go-open", "go-open-2", "go-degree", "go-half", "java"}, 5},
		{"paged", match.Filter{Limit: 2}, []string{"go-open", "go-open-2"}, 5},
		{"min score", match.Filter{MinScore: 80}, []string{"go-open", "go-open-2", "go-degree"}, 3},
		{"min score above all", match.Filter{MinScore: 100}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newMatchFixture(t, all(t)...)
			got, err := fx.m.JobsFor(context.Background(), sam, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(got.Hits), tt.want) || got.Total != tt.total {
				for _, h := range got.Hits {
					t.Logf("%s %.1f %s", h.Job.ID, h.Score, h.Explanation)
				}
				t.Fatalf("hits %v of %d, want %v of %d", ids(got.Hits), got.Total, tt.want, tt.total)
			}
			for i := 1; i < len(got.Hits); i++ {
				if match.Less(got.Hits[i].Result, got.Hits[i-1].Result) {
					t.Errorf("hit %d ranks above hit %d", i, i-1)
				}
			}
			for _, h := range got.Hits {
				if h.Explanation == "" || !strings.Contains(h.Explanation, "required skills") {
					t.Errorf("%s: explanation %q names no skills", h.Job.ID, h.Explanation)
				}
			}
		})
	}
}

// TestFitAgreesWithJobsFor: the fit shown beside a search result is the
// score and explanation the candidate's matches give the same job; jobs
// that cannot be read are left out.
func TestFitAgreesWithJobsFor(t *testing.T) {
	fx := newMatchFixture(t,
		role(t, "go-open", jobpath.LevelMid, jobpath.DegreeNotRequired, "go", "postgresql", "docker"),
		role(t, "java", jobpath.LevelMid, jobpath.DegreeNotRequired, "java", "spring", "kafka"),
	)
	ctx := context.Background()
	all, err := fx.m.JobsFor(ctx, sam, match.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	fits, err := fx.m.Fit(ctx, sam, []string{"java", "gone", "go-open"})
	if err != nil {
		t.Fatal(err)
	}
	if len(fits) != 2 {
		t.Fatalf("fits for %d jobs, want 2 (the missing one left out)", len(fits))
	}
	for _, h := range all.Hits {
		f, ok := fits[h.Job.ID]
		if !ok || f.Score != h.Score || f.Explanation != h.Explanation {
			t.Errorf("%s: fit %.1f %q, matches %.1f %q", h.Job.ID, f.Score, f.Explanation, h.Score, h.Explanation)
		}
	}
	if _, err := fx.m.Fit(ctx, nil, []string{"java"}); jobpath.CodeOf(err) != jobpath.EUnauthorized {
		t.Errorf("fit without a caller: %v, want EUnauthorized", err)
	}
}

// TestSimilar: other roles sharing the job's skills, at its level, never
// the job itself, at most n.
func TestSimilar(t *testing.T) {
	jobs := []*jobpath.Job{
		role(t, "self", jobpath.LevelMid, jobpath.DegreeNotRequired, "go", "postgresql"),
		role(t, "a", jobpath.LevelMid, jobpath.DegreeNotRequired, "go"),
		role(t, "b", jobpath.LevelMid, jobpath.DegreeNotRequired, "postgresql"),
		role(t, "c", jobpath.LevelMid, jobpath.DegreeNotRequired, "go", "postgresql"),
	}
	fx := newMatchFixture(t, jobs...)
	got, err := fx.m.Similar(context.Background(), jobs[0], 2)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(jobIDs(got), []string{"a", "b"}) {
		t.Errorf("similar %v, want [a b]", jobIDs(got))
	}
	q := fx.ret.asked[len(fx.ret.asked)-1]
	if !slices.Equal(q.Levels, []jobpath.Level{jobpath.LevelMid}) || !slices.Contains(q.Skills, "go") || q.Limit != 3 {
		t.Errorf("asked retrieval %+v", q)
	}
	none, err := fx.m.Similar(context.Background(), &jobpath.Job{ID: "x"}, 2)
	if err != nil || len(none) != 0 {
		t.Errorf("a job without skills has similar roles %v, %v", none, err)
	}
}

func jobIDs(jobs []*jobpath.Job) []string {
	out := make([]string, len(jobs))
	for i, j := range jobs {
		out[i] = j.ID
	}
	return out
}

// TestJobsForRetrieval: what the matcher asks of retrieval, filter by filter.
func TestJobsForRetrieval(t *testing.T) {
	fx := newMatchFixture(t, role(t, "go", jobpath.LevelMid, jobpath.DegreeNotRequired, "go"))
	tests := []struct {
		name string
		f    match.Filter
		want func(stage jobpath.Stage) jobpath.Retrieval
	}{
		{"levels near the stage, and none stated", match.Filter{}, func(s jobpath.Stage) jobpath.Retrieval {
			return jobpath.Retrieval{Levels: append(fx.model.NearLevels(s), jobpath.LevelUnspecified)}
		}},
		{"one level", match.Filter{Level: jobpath.LevelSenior}, func(jobpath.Stage) jobpath.Retrieval {
			return jobpath.Retrieval{Levels: []jobpath.Level{jobpath.LevelSenior}}
		}},
		{"remote and no degree", match.Filter{Remote: jobpath.RemoteRemote, NoDegree: true}, func(s jobpath.Stage) jobpath.Retrieval {
			return jobpath.Retrieval{Levels: append(fx.model.NearLevels(s), jobpath.LevelUnspecified), Remote: jobpath.RemoteRemote, NoDegree: true}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx.ret.asked = nil
			got, err := fx.m.JobsFor(context.Background(), sam, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if len(fx.ret.asked) != 1 {
				t.Fatalf("%d retrievals, want 1", len(fx.ret.asked))
			}
			q, want := fx.ret.asked[0], tt.want(got.Stage)
			if !slices.Equal(q.Levels, want.Levels) || q.Remote != want.Remote || q.NoDegree != want.NoDegree || q.Limit <= 0 {
				t.Errorf("retrieval %+v, want levels %v remote %q no_degree %v", q, want.Levels, want.Remote, want.NoDegree)
			}
			for _, s := range []string{"go", "postgresql"} {
				if !slices.Contains(q.Skills, s) {
					t.Errorf("retrieval skills %v lack the candidate's %s", q.Skills, s)
				}
			}
		})
	}
}

func TestMatcherRefuses(t *testing.T) {
	draft := role(t, "draft", jobpath.LevelMid, jobpath.DegreeNotRequired, "go")
	tests := []struct {
		name  string
		do    func(context.Context, *match.Matcher) error
		want  jobpath.ErrorCode
		field string
	}{
		{"no one", jobsFor(nil, match.Filter{}), jobpath.EUnauthorized, ""},
		{"an employer's own matches", jobsFor(acmeE, match.Filter{}), jobpath.EForbidden, ""},
		{"no profile yet", jobsFor(newby, match.Filter{}), jobpath.ENotFound, ""},
		{"an unknown level", jobsFor(sam, match.Filter{Level: "principal"}), jobpath.EInvalid, "level"},
		{"a stage is not a level", jobsFor(sam, match.Filter{Level: "aspiring"}), jobpath.EInvalid, "level"},
		{"an unknown remote mode", jobsFor(sam, match.Filter{Remote: "any"}), jobpath.EInvalid, "remote"},
		{"a negative score", jobsFor(sam, match.Filter{MinScore: -1}), jobpath.EInvalid, "min_score"},
		{"a score above 100", jobsFor(sam, match.Filter{MinScore: 101}), jobpath.EInvalid, "min_score"},
		{"NaN", jobsFor(sam, match.Filter{MinScore: math.NaN()}), jobpath.EInvalid, "min_score"},
		{"a page too long", jobsFor(sam, match.Filter{Limit: match.MaxLimit + 1}), jobpath.EInvalid, "per_page"},
		{"another company's job", candidatesFor(hooli, draft.ID, match.Filter{}), jobpath.EForbidden, ""},
		{"a candidate asks for candidates", candidatesFor(sam, draft.ID, match.Filter{}), jobpath.EForbidden, ""},
		{"no such job", candidatesFor(acmeE, "nope", match.Filter{}), jobpath.ENotFound, ""},
		{"candidates with a bad filter", candidatesFor(acmeE, draft.ID, match.Filter{Limit: -1}), jobpath.EInvalid, "per_page"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fx := newMatchFixture(t, draft)
			err := tt.do(context.Background(), fx.m)
			if jobpath.CodeOf(err) != tt.want || err == nil {
				t.Fatalf("error %v, want code %q", err, tt.want)
			}
			var de *jobpath.Error
			if tt.field != "" && (!errorsAs(err, &de) || len(de.Fields) != 1 || de.Fields[0].Field != tt.field) {
				t.Errorf("error %v, want one problem naming %s", err, tt.field)
			}
			if len(fx.ret.asked) != 0 {
				t.Errorf("refused, yet retrieved %+v", fx.ret.asked)
			}
		})
	}
}

func jobsFor(caller *jobpath.Principal, f match.Filter) func(context.Context, *match.Matcher) error {
	return func(ctx context.Context, m *match.Matcher) error {
		_, err := m.JobsFor(ctx, caller, f)
		return err
	}
}

func candidatesFor(caller *jobpath.Principal, id string, f match.Filter) func(context.Context, *match.Matcher) error {
	return func(ctx context.Context, m *match.Matcher) error {
		_, err := m.CandidatesFor(ctx, caller, id, f)
		return err
	}
}

// TestCandidatesFor ranks candidates for a job by fit and shows no contact
// details.
func TestCandidatesFor(t *testing.T) {
	j := role(t, "go", jobpath.LevelMid, jobpath.DegreeNotRequired, "go", "postgresql")
	j.Skills.Preferred = []string{"kafka"}
	fx := newMatchFixture(t, j)
	java := &jobpath.Profile{UserID: "u-java", ProfileInput: jobpath.ProfileInput{Name: "Jo", YearsExperience: 4, Remote: jobpath.RemoteAny,
		Skills: []jobpath.SkillClaim{{Name: "java"}, {Name: "postgresql"}}, Contact: jobpath.Contact{Email: "jo@example.org"}}}
	fx.ret.cands = []jobpath.RetrievedCandidate{{Profile: java}, {Profile: samProfile()}}
	got, err := fx.m.CandidatesFor(context.Background(), acmeE, j.ID, match.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if got.Total != 2 || got.Hits[0].Candidate.ID != sam.UserID || got.Hits[1].Candidate.ID != "u-java" {
		t.Fatalf("hits %+v, want Sam (2 of 2) before Jo (1 of 2)", got.Hits)
	}
	if !strings.HasPrefix(got.Hits[0].Explanation, "Sam has 2 of 2 required skills") {
		t.Errorf("explanation %q", got.Hits[0].Explanation)
	}
	q := fx.ret.asked[0]
	for _, s := range []string{"go", "postgresql", "kafka"} {
		if !slices.Contains(q.Skills, s) {
			t.Errorf("retrieval skills %v lack the job's %s", q.Skills, s)
		}
	}
	if strings.Contains(strings.ToLower(strings.Join([]string{got.Hits[0].Candidate.Name, got.Hits[1].Candidate.Name}, " ")), "@") {
		t.Error("a candidate summary carries an e-mail address")
	}
}

// TestCareerUnlocks: a skill to learn next unlocks the roles that only it
// turns into matches.
func TestCareerUnlocks(t *testing.T) {
	fx := newMatchFixture(t)
	pl, err := fx.m.Career(context.Background(), sam)
	if err != nil {
		t.Fatal(err)
	}
	if pl.Next == nil || len(pl.Next.MissingSkills) == 0 {
		t.Fatalf("placed %s with nothing to learn next", pl.Stage)
	}
	next := pl.Next.MissingSkills[0].Skill
	level := fx.model.NearLevels(pl.Stage)[0]
	fx.ret.jobs = []*jobpath.Job{
		// Only next makes these a match.
		role(t, "needs-next", level, jobpath.DegreeNotRequired, next),
		role(t, "needs-next-too", level, jobpath.DegreeEquivalent, next),
		// Already a match without it.
		role(t, "already", level, jobpath.DegreeNotRequired, "go", "postgresql", "docker"),
		// Out of reach with it: one of six required skills.
		role(t, "far", level, jobpath.DegreeNotRequired, "java", "spring", "kotlin", "scala", "elixir", next),
	}
	fx.ret.asked = nil
	pl, err = fx.m.Career(context.Background(), sam)
	if err != nil {
		t.Fatal(err)
	}
	var unlocks int
	for _, ms := range pl.Next.MissingSkills {
		if ms.Skill == next {
			unlocks = ms.Unlocks
		} else if ms.Unlocks != 0 {
			t.Errorf("%s unlocks %d roles, none of which asks for it", ms.Skill, ms.Unlocks)
		}
	}
	if unlocks != 2 {
		t.Errorf("%s unlocks %d roles, want 2", next, unlocks)
	}
	if q := fx.ret.asked[0]; !slices.Contains(q.Skills, next) || !slices.Equal(q.Levels, append(fx.model.NearLevels(pl.Stage), jobpath.LevelUnspecified)) {
		t.Errorf("retrieval %+v: want the missing skills and the levels near %s", q, pl.Stage)
	}
}

func errorsAs(err error, target **jobpath.Error) bool { return errors.As(err, target) }

// countryCode knows the countries the tests' profiles live in.
func countryCode(name string) string {
	return map[string]string{"Portugal": "PT", "United States": "US", "Germany": "DE"}[name]
}

// TestRemoteOpenToOneCountry: a remote role open to one country is capped
// for a candidate who lives elsewhere, and the sentence says why.
func TestRemoteOpenToOneCountry(t *testing.T) {
	us := role(t, "us-only", jobpath.LevelMid, jobpath.DegreeNotRequired, "go", "postgresql")
	us.RemoteRegion = "US"
	anywhere := role(t, "anywhere", jobpath.LevelMid, jobpath.DegreeNotRequired, "go", "postgresql")
	fx := newMatchFixture(t, us, anywhere)
	got, err := fx.m.JobsFor(context.Background(), sam, match.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Hits) != 2 || got.Hits[0].Job.ID != "anywhere" || got.Hits[1].Score > 40 {
		t.Fatalf("hits %v: want the role open anywhere first and the US-only one capped at 40", ids(got.Hits))
	}
	if !strings.Contains(got.Hits[1].Explanation, "; remote only from US, where you do not live") {
		t.Errorf("explanation %q", got.Hits[1].Explanation)
	}
}
