package server

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/applications"
	"github.com/jobpath/jobpath/internal/jobpath"
)

var stepLabels = map[jobpath.Step]string{
	jobpath.StepApplied: "Applied", jobpath.StepScreening: "Screening", jobpath.StepInterview: "Interview", jobpath.StepOffer: "Offer",
	jobpath.StepHired: "Hired", jobpath.StepRejected: "Rejected", jobpath.StepWithdrawn: "Withdrawn",
}

// applied is what a job's page says of the reader's application.
type applied struct {
	App  *jobpath.Application
	Step string
}

// applicationOf finds the caller's application to a job, if any.
func (s *Server) applicationOf(c *fiber.Ctx, jobID string) (*applied, error) {
	p := caller(c)
	a, err := s.deps.Applications.Find(c.UserContext(), p, jobpath.ApplicationID(jobID, p.UserID))
	switch {
	case jobpath.CodeOf(err) == jobpath.ENotFound:
		return nil, nil
	case err != nil:
		return nil, err
	}
	return &applied{App: a, Step: stepLabels[a.Step]}, nil
}

func (s *Server) pageApplyPost(c *fiber.Ctx) error {
	id := c.Params("id")
	// What is sent is the profile: without one, the candidate makes it first.
	if _, err := s.deps.Profiles.Find(c.UserContext(), caller(c)); jobpath.CodeOf(err) == jobpath.ENotFound {
		return redirect(c, "/me/profile?welcome=1")
	}
	_, err := s.deps.Applications.Apply(c.UserContext(), caller(c), id, jobpath.ApplicationInput{Note: c.FormValue("note")})
	switch {
	case jobpath.CodeOf(err) == jobpath.EConflict:
		return redirect(c, "/me/applications?already=1")
	case jobpath.CodeOf(err) == jobpath.EInvalid:
		return redirect(c, "/jobs/"+url.PathEscape(id)+"?note=long")
	case err != nil:
		return err
	}
	return redirect(c, "/me/applications?applied="+url.QueryEscape(id))
}

type myApplication struct {
	App      *jobpath.Application
	Step     string
	Open     bool
	LastMove jobpath.Move
}

func (s *Server) pageMyApplications(c *fiber.Ctx) error {
	list, err := s.deps.Applications.Mine(c.UserContext(), caller(c))
	if err != nil {
		return err
	}
	var rows []myApplication
	for _, a := range list {
		r := myApplication{App: a, Step: stepLabels[a.Step], Open: !a.Step.Final()}
		if n := len(a.History); n > 0 {
			r.LastMove = a.History[n-1]
		}
		rows = append(rows, r)
	}
	pg := &page{Title: "My applications", Section: "applications", Data: rows}
	switch {
	case c.Query("applied") != "":
		pg.Notice = "Application sent. The hiring team now sees your profile and contact details."
	case c.Query("already") != "":
		pg.Notice = "You have already applied to that role."
	case c.Query("withdrawn") != "":
		pg.Notice = "Application withdrawn."
	}
	return s.views.render(c, http.StatusOK, "applications", pg)
}

func (s *Server) pageWithdrawPost(c *fiber.Ctx) error {
	if _, err := s.deps.Applications.Withdraw(c.UserContext(), caller(c), c.Params("id")); err != nil {
		return err
	}
	return redirect(c, "/me/applications?withdrawn=1")
}

// boardColumn is one step of a role's pipeline board.
type boardColumn struct {
	Step  jobpath.Step
	Label string
	Cards []boardCard
}

type boardCard struct {
	applications.Applicant
	Moves []option
}

type boardView struct {
	Job     *jobpath.Job
	Columns []boardColumn
	Total   int
}

func (s *Server) pageApplicants(c *fiber.Ctx) error {
	j, list, err := s.deps.Applications.ForJob(c.UserContext(), caller(c), c.Params("id"))
	if err != nil {
		return err
	}
	v := &boardView{Job: j, Total: len(list)}
	for _, step := range jobpath.Steps {
		col := boardColumn{Step: step, Label: stepLabels[step]}
		for _, a := range list {
			if a.Step != step {
				continue
			}
			card := boardCard{Applicant: a}
			// The usual move first: on, then out, then back.
			for _, to := range moveOrder(a.Step) {
				if a.Step.CanMove(to) {
					card.Moves = append(card.Moves, option{Value: string(to), Label: stepLabels[to]})
				}
			}
			col.Cards = append(col.Cards, card)
		}
		v.Columns = append(v.Columns, col)
	}
	// Best fit first within a step.
	for i := range v.Columns {
		slices.SortStableFunc(v.Columns[i].Cards, func(a, b boardCard) int {
			switch {
			case a.Fit.Score > b.Fit.Score:
				return -1
			case a.Fit.Score < b.Fit.Score:
				return 1
			}
			return 0
		})
	}
	pg := &page{Title: "Applicants for " + j.Title, Section: "employer", Data: v}
	switch c.Query("moved") {
	case "1":
		pg.Notice = "Moved."
	case "stale":
		pg.Errors = map[string]string{"": "That move was not made: a teammate moved the applicant first. The board shows where they are now."}
	}
	return s.views.render(c, http.StatusOK, "applicants", pg)
}

func (s *Server) pageMovePost(c *fiber.Ctx) error {
	id := c.Params("id")
	job, _, _ := jobpath.SplitApplicationID(id)
	version, _ := strconv.ParseInt(c.FormValue("version"), 10, 64)
	_, err := s.deps.Applications.Move(c.UserContext(), caller(c), id, jobpath.IfMatch{Set: true, Versions: []int64{version}},
		jobpath.MoveInput{Step: jobpath.Step(c.FormValue("stage")), Note: c.FormValue("note")})
	back := "/employer/jobs/" + url.PathEscape(job) + "/applicants"
	switch {
	case jobpath.CodeOf(err) == jobpath.EPrecondition, jobpath.CodeOf(err) == jobpath.EConflict:
		return redirect(c, back+"?moved=stale")
	case err != nil:
		return err
	}
	return redirect(c, back+"?moved=1")
}

// moveOrder lists the steps a form offers from step: the next one, then
// rejection, then the earlier ones, latest first.
func moveOrder(step jobpath.Step) []jobpath.Step {
	i := slices.Index(jobpath.TeamSteps, step)
	if i < 0 {
		return nil
	}
	var out []jobpath.Step
	if i+1 < len(jobpath.TeamSteps) {
		out = append(out, jobpath.TeamSteps[i+1])
	}
	out = append(out, jobpath.StepRejected)
	for k := i - 1; k >= 0; k-- {
		out = append(out, jobpath.TeamSteps[k])
	}
	return out
}
