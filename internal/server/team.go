package server

import (
	"cmp"
	"net/http"
	"slices"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// teamView is a company's team as the API and the team page show it.
type teamView struct {
	Company string           `json:"company"`
	Name    string           `json:"name"`
	Owner   string           `json:"owner"`
	Members []jobpath.Member `json:"members"`
}

func teamOf(co *jobpath.Company) teamView {
	v := teamView{Company: co.ID, Name: co.Name, Owner: co.Owner, Members: make([]jobpath.Member, 0, len(co.Members))}
	for _, m := range co.Members {
		v.Members = append(v.Members, m)
	}
	slices.SortFunc(v.Members, func(a, b jobpath.Member) int {
		return cmp.Or(a.JoinedAt.Compare(b.JoinedAt), cmp.Compare(a.Email, b.Email))
	})
	return v
}

// inviteURL is the sign-up link an invite is sent as.
func inviteURL(c *fiber.Ctx, token string) string { return c.BaseURL() + "/signup?invite=" + token }

func (s *Server) invite(c *fiber.Ctx, email string) (string, time.Time, error) {
	token, exp, err := s.deps.Auth.Invite(c.UserContext(), caller(c), email)
	if err != nil {
		return "", time.Time{}, err
	}
	link := inviteURL(c, token)
	// Until mail is configured, the link is logged for the operator to pass on.
	s.deps.Logger.InfoContext(c.UserContext(), "team invite", "company", caller(c).CompanyID, "email", jobpath.NormaliseEmail(email), "url", link)
	return link, exp, nil
}

func (s *Server) handleInvite(c *fiber.Ctx) error {
	var in struct {
		Email string `json:"email"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	link, exp, err := s.invite(c, in.Email)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	token := link[len(inviteURL(c, "")):]
	return c.Status(http.StatusCreated).JSON(fiber.Map{"token": token, "url": link, "expires_at": exp})
}

func handleMembers(a jobpath.AuthService) fiber.Handler {
	return func(c *fiber.Ctx) error {
		co, err := a.Team(c.UserContext(), caller(c))
		if err != nil {
			return err
		}
		return c.JSON(teamOf(co))
	}
}

func handleRemoveMember(a jobpath.AuthService) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if err := a.RemoveMember(c.UserContext(), caller(c), c.Params("id")); err != nil {
			return err
		}
		return c.SendStatus(http.StatusNoContent)
	}
}

func handleHandOver(a jobpath.AuthService) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var in struct {
			UserID string `json:"user_id"`
		}
		if err := decodeJSON(c, &in); err != nil {
			return err
		}
		if err := a.HandOver(c.UserContext(), caller(c), in.UserID); err != nil {
			return err
		}
		return c.SendStatus(http.StatusNoContent)
	}
}

// The team page.

type teamPage struct {
	teamView
	Me      string
	IsOwner bool
	Link    string // an invite just made, shown once
	Email   string
}

func (s *Server) pageTeam(c *fiber.Ctx) error {
	co, err := s.deps.Auth.Team(c.UserContext(), caller(c))
	if err != nil {
		return err
	}
	v := &teamPage{teamView: teamOf(co), Me: caller(c).UserID, IsOwner: co.Owner == caller(c).UserID}
	pg := &page{Title: "Team", Section: "team", Data: v}
	switch {
	case c.Query("removed") != "":
		pg.Notice = "Removed from the team. They no longer see its roles or applicants."
	case c.Query("owner") != "":
		pg.Notice = "Ownership handed over."
	}
	return s.views.render(c, http.StatusOK, "team", pg)
}

func (s *Server) pageInvitePost(c *fiber.Ctx) error {
	co, err := s.deps.Auth.Team(c.UserContext(), caller(c))
	if err != nil {
		return err
	}
	v := &teamPage{teamView: teamOf(co), Me: caller(c).UserID, IsOwner: co.Owner == caller(c).UserID, Email: c.FormValue("email")}
	pg := &page{Title: "Team", Section: "team", Data: v}
	link, _, err := s.invite(c, v.Email)
	if err != nil {
		return s.formFailed(c, "team", pg, err)
	}
	v.Link, v.Email = link, ""
	pg.Notice = "Invite made. Send this link to your teammate: it works once, for 7 days."
	return s.views.render(c, http.StatusOK, "team", pg)
}

func (s *Server) pageRemoveMemberPost(c *fiber.Ctx) error {
	if err := s.deps.Auth.RemoveMember(c.UserContext(), caller(c), c.Params("id")); err != nil {
		return err
	}
	return redirect(c, "/employer/team?removed=1")
}

func (s *Server) pageHandOverPost(c *fiber.Ctx) error {
	if err := s.deps.Auth.HandOver(c.UserContext(), caller(c), c.Params("id")); err != nil {
		return err
	}
	return redirect(c, "/employer/team?owner=1")
}
