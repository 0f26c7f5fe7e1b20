package report

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jobpath/jobpath/internal/career"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/match"
)

var update = flag.Bool("update", false, "rewrite the golden files")

var week = Week{2026, 47} // Monday 16 to Sunday 22 November 2026

func at(day, hour int) *time.Time {
	t := time.Date(2026, 11, day, hour, 0, 0, 0, time.UTC)
	return &t
}

// fakes answer as the use cases would for one candidate, Casey.
type fakeMatcher struct{ hits []match.JobMatch }

func (f fakeMatcher) JobsFor(context.Context, *jobpath.Principal, match.Filter) (*match.JobMatches, error) {
	return &match.JobMatches{Hits: f.hits, Total: len(f.hits)}, nil
}

func (fakeMatcher) Career(context.Context, *jobpath.Principal) (*career.Placement, error) {
	return &career.Placement{Stage: jobpath.StageMid, Name: "Back-end developer", Years: 4, Coverage: map[string]float64{"languages": 1},
		Next: &career.Gap{Name: "Senior back-end developer", Coverage: map[string]float64{"languages": 0.5, "cloud": 0.25},
			MissingSkills: []career.Missing{{Name: "Kubernetes", Demand: 0.42, Unlocks: 3}, {Name: "Terraform", Demand: 0.18}}}}, nil
}

type fakeApps []*jobpath.Application

func (f fakeApps) Mine(context.Context, *jobpath.Principal) ([]*jobpath.Application, error) {
	return f, nil
}

type fakeSearches []jobpath.SavedSearch

func (f fakeSearches) List(context.Context, *jobpath.Principal) ([]jobpath.SavedSearch, error) {
	return f, nil
}

type fakeJobs []jobpath.JobHit

func (f fakeJobs) SearchJobs(context.Context, jobpath.JobQuery) (*jobpath.JobResults, error) {
	return &jobpath.JobResults{Hits: f, Total: uint64(len(f))}, nil
}

var casey = &jobpath.Principal{UserID: "c1", Name: "Casey", Role: jobpath.RoleCandidate}

var areas = []career.Area{{ID: "languages", Name: "Back-end languages"}, {ID: "cloud", Name: "Cloud infrastructure"}}

func job(id, title string, posted *time.Time) *jobpath.Job {
	return &jobpath.Job{ID: id, Title: title, CompanyName: "Acme Payments", PostedAt: posted}
}

func fullBuilder() *Builder {
	m := fakeMatcher{hits: []match.JobMatch{
		{Job: job("j1", "Senior Go Engineer", at(17, 9)), Result: match.Result{Score: 88, NoDegree: true}, Explanation: "You have 3 of 3 required skills."},
		{Job: job("j0", "Old Go role", at(10, 9)), Result: match.Result{Score: 90}, Explanation: "posted the week before"},
		{Job: job("j2", "Go Platform Engineer", at(22, 23)), Result: match.Result{Score: 71}, Explanation: "You have 2 of 3 required skills; missing gRPC."},
		{Job: job("j3", "Next week's role", at(23, 0)), Result: match.Result{Score: 99}, Explanation: "posted the week after"},
	}}
	apps := fakeApps{{JobTitle: "Ledger Engineer", CompanyName: "Northwind Ledger", History: []jobpath.Move{
		{To: jobpath.StepApplied, By: "c1", At: *at(16, 10)},
		{From: jobpath.StepApplied, To: jobpath.StepScreening, By: "e1", At: *at(18, 15)},
		{From: jobpath.StepScreening, To: jobpath.StepInterview, By: "e1", At: *at(24, 9)},
	}}}
	searches := fakeSearches{{Name: "Remote Go", Alerts: jobpath.AlertsWeekly}, {Name: "Muted", Alerts: jobpath.AlertsOff}}
	jobs := fakeJobs{{ID: "j2", Title: "Go Platform Engineer", CompanyName: "Acme Payments", PostedAt: at(22, 23)},
		{ID: "j0", Title: "Old Go role", CompanyName: "Acme Payments", PostedAt: at(10, 9)}}
	return NewBuilder(m, apps, searches, jobs, jobpath.ClockFunc(func() time.Time { return *at(23, 8) }))
}

// TestCandidateWindow: only what happened in [start, end) of the week is
// new: roles published in it, search hits in it, moves in it made by the
// hiring team (not the candidate's own application).
func TestCandidateWindow(t *testing.T) {
	r, err := fullBuilder().Candidate(context.Background(), casey, week, areas)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.NewRoles) != 2 || r.NewRoles[0].ID != "j1" || r.NewRoles[1].ID != "j2" {
		t.Errorf("new roles %+v, want j1 and j2", r.NewRoles)
	}
	if len(r.Searches) != 1 || r.Searches[0].Count != 1 || r.Searches[0].Roles[0].ID != "j2" {
		t.Errorf("searches %+v, want Remote Go with j2 (the muted one left out)", r.Searches)
	}
	if len(r.Applications) != 1 || r.Applications[0].To != jobpath.StepScreening {
		t.Errorf("applications %+v, want the move to screening", r.Applications)
	}
	if r.Short || len(r.NextSkills) != 2 || r.Stage != jobpath.StageMid {
		t.Errorf("report %+v", r)
	}
}

func TestShortReport(t *testing.T) {
	b := NewBuilder(fakeMatcher{}, fakeApps{}, fakeSearches{}, fakeJobs{}, jobpath.ClockFunc(func() time.Time { return *at(23, 8) }))
	r, err := b.Candidate(context.Background(), casey, week, areas)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Short || len(r.NextSkills) == 0 || len(r.Coverage) == 0 {
		t.Errorf("a week with nothing new: %+v; want a short report with position and next skills", r)
	}
	golden(t, r, "short")
}

func TestCandidateGolden(t *testing.T) {
	r, err := fullBuilder().Candidate(context.Background(), casey, week, areas)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, r, "candidate")
}

// golden renders r in every format and compares with testdata/name.*.
func golden(t *testing.T, r *Candidate, name string) {
	t.Helper()
	rn, err := NewRenderer("https://jobpath.example")
	if err != nil {
		t.Fatal(err)
	}
	text, err := rn.Text(r)
	if err != nil {
		t.Fatal(err)
	}
	html, err := rn.HTML(r)
	if err != nil {
		t.Fatal(err)
	}
	js, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	for ext, got := range map[string][]byte{"txt": text, "html": html, "json": js} {
		path := filepath.Join("testdata", name+"."+ext+".golden")
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update once)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from its golden file; got:\n%s", path, got)
		}
	}
	if bytes.Contains(html, []byte("<script")) {
		t.Error("the HTML report has a script")
	}
}
