package jobpath

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Step is where an application stands in a hiring team's pipeline. (The
// word "stage" is the career trajectory's.)
type Step string

// Steps of the pipeline, in order, and the two ways out of it.
const (
	StepApplied   Step = "applied"
	StepScreening Step = "screening"
	StepInterview Step = "interview"
	StepOffer     Step = "offer"
	StepHired     Step = "hired"
	StepRejected  Step = "rejected"
	// StepWithdrawn is the candidate's own way out; no team moves to it.
	StepWithdrawn Step = "withdrawn"
)

// Steps lists every step; TeamSteps those a hiring team may move an
// application to.
var (
	Steps     = []Step{StepApplied, StepScreening, StepInterview, StepOffer, StepHired, StepRejected, StepWithdrawn}
	TeamSteps = []Step{StepApplied, StepScreening, StepInterview, StepOffer, StepHired, StepRejected}
	// pipeline is the forward order of the open steps.
	pipeline = []Step{StepApplied, StepScreening, StepInterview, StepOffer, StepHired}
)

// Final reports whether no move leaves s.
func (s Step) Final() bool { return s == StepHired || s == StepRejected || s == StepWithdrawn }

// CanMove reports whether a hiring team may move an application from s to
// to: one step forward, back to an earlier step (a mistake undone), or out
// by rejection; never from a final step, never to the same one.
func (s Step) CanMove(to Step) bool {
	if s.Final() || s == to || !Valid(to, TeamSteps) {
		return false
	}
	if to == StepRejected {
		return true
	}
	from, dest := index(pipeline, s), index(pipeline, to)
	return dest >= 0 && from >= 0 && (dest == from+1 || dest < from)
}

func index[T comparable](list []T, v T) int {
	for i, x := range list {
		if x == v {
			return i
		}
	}
	return -1
}

// MaxApplicationNote bounds the note of an application and of a move.
const MaxApplicationNote = 2000

// Move is one change of an application's step: who made it and when.
type Move struct {
	From   Step      `json:"from,omitempty" bson:"from,omitempty"`
	To     Step      `json:"to" bson:"to"`
	By     string    `json:"by" bson:"by"`           // user id
	ByName string    `json:"by_name" bson:"by_name"` // as they were named then
	At     time.Time `json:"at" bson:"at"`
	Note   string    `json:"note,omitempty" bson:"note,omitempty"`
}

// Application is a candidate's application to one job. Its key joins the
// job's and the candidate's ids, so that applying twice collides and one
// read by key finds it. It keeps the profile as it was when they applied:
// the hiring team judges what was sent.
type Application struct {
	ID          string    `json:"id" bson:"_id"`
	JobID       string    `json:"job_id" bson:"job_id"`
	JobTitle    string    `json:"job_title" bson:"job_title"`
	Company     string    `json:"company" bson:"company"`
	CompanyName string    `json:"company_name" bson:"company_name"`
	CandidateID string    `json:"candidate_id" bson:"candidate_id"`
	Note        string    `json:"note,omitempty" bson:"note,omitempty"`
	Profile     Profile   `json:"profile" bson:"profile"`
	Step        Step      `json:"stage" bson:"step"`
	History     []Move    `json:"history" bson:"history"`
	Version     int64     `json:"version" bson:"version"`
	CreatedAt   time.Time `json:"created_at" bson:"created_at"`
	UpdatedAt   time.Time `json:"updated_at" bson:"updated_at"`
}

// ApplicationID is the key of candidate's application to job.
func ApplicationID(job, candidate string) string { return job + "~" + candidate }

// SplitApplicationID is ApplicationID undone; ok is false for a key that no
// application can have.
func SplitApplicationID(id string) (job, candidate string, ok bool) {
	job, candidate, ok = strings.Cut(id, "~")
	return job, candidate, ok && job != "" && candidate != "" && !strings.Contains(candidate, "~")
}

// ApplicationInput is what a candidate sends with an application.
type ApplicationInput struct {
	Note string `json:"note"`
}

// Validate checks the note.
func (in *ApplicationInput) Validate() error {
	var p Problems
	checkNote(&p, "note", in.Note)
	return p.Err()
}

// MoveInput is a hiring team's move of an application.
type MoveInput struct {
	Step Step   `json:"stage"`
	Note string `json:"note"`
}

// Validate checks the move's fields; whether the move is legal from where
// the application stands is the application's to say.
func (in *MoveInput) Validate() error {
	var p Problems
	if !Valid(in.Step, TeamSteps) {
		p.Add("stage", "must be one of %s", Join(TeamSteps))
	}
	checkNote(&p, "note", in.Note)
	return p.Err()
}

func checkNote(p *Problems, field, s string) {
	switch {
	case !utf8.ValidString(s):
		p.Add(field, "must be valid UTF-8")
	case utf8.RuneCountInString(s) > MaxApplicationNote:
		p.Add(field, "must be at most %d characters", MaxApplicationNote)
	}
}

// MoveTo moves a to step by who at now, or says why it may not (EConflict).
func (a *Application) MoveTo(to Step, who *Principal, note string, now time.Time) error {
	if !a.Step.CanMove(to) {
		if a.Step.Final() {
			return Errorf(EConflict, "the application is %s; it cannot move any more", a.Step)
		}
		return Errorf(EConflict, "an application cannot move from %s to %s", a.Step, to)
	}
	a.History = append(a.History, Move{From: a.Step, To: to, By: who.UserID, ByName: who.Name, At: now, Note: strings.TrimSpace(note)})
	a.Step, a.UpdatedAt = to, now
	return nil
}

// Withdraw is the candidate taking their application back.
func (a *Application) Withdraw(who *Principal, now time.Time) error {
	if a.Step.Final() {
		return Errorf(EConflict, "the application is %s; it cannot be withdrawn", a.Step)
	}
	a.History = append(a.History, Move{From: a.Step, To: StepWithdrawn, By: who.UserID, ByName: who.Name, At: now})
	a.Step, a.UpdatedAt = StepWithdrawn, now
	return nil
}

// ApplicationService keeps applications. Listings read small per-job and
// per-candidate lists of keys, then each application by its key: no read
// scans the collection.
type ApplicationService interface {
	// CreateApplication stores a as version 1; EConflict when the
	// candidate already applied to the job.
	CreateApplication(ctx context.Context, a *Application) error
	// FindApplication returns one application; ENotFound.
	FindApplication(ctx context.Context, id string) (*Application, error)
	// UpdateApplication stores a as the version after a.Version and sets
	// a.Version to it; EPrecondition when the stored one moved on.
	UpdateApplication(ctx context.Context, a *Application) error
	// JobApplications lists a job's applications, oldest first.
	JobApplications(ctx context.Context, jobID string) ([]*Application, error)
	// CandidateApplications lists a candidate's applications, newest first.
	CandidateApplications(ctx context.Context, candidateID string) ([]*Application, error)
}
