package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// accountView is the sign-in and sign-up forms' state.
type accountView struct {
	Email, Name, Company, Role string
	Invite                     string
	Next                       string
}

// safeNext keeps a return path on this site: a path, never "//host". A
// browser drops tabs and line breaks from a URL and reads "\\" as "/", so
// any of those, or any other control character, refuses the path.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.ContainsAny(next, "\\") || strings.IndexFunc(next, func(r rune) bool {
		return unicode.IsControl(r) || unicode.IsSpace(r)
	}) >= 0 {
		return ""
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "//") {
		return ""
	}
	return next
}

func homeOf(p *jobpath.Principal) string {
	switch p.Role {
	case jobpath.RoleCandidate:
		return "/me/matches"
	case jobpath.RoleEmployer:
		return "/employer"
	}
	return "/"
}

func (s *Server) pageSignin(c *fiber.Ctx) error {
	if p := caller(c); p != nil {
		return redirect(c, homeOf(p))
	}
	return s.views.render(c, http.StatusOK, "signin", &page{Title: "Sign in", Section: "signin",
		Data: &accountView{Next: safeNext(c.Query("next"))}})
}

func (s *Server) pageSigninPost(c *fiber.Ctx) error {
	v := &accountView{Email: c.FormValue("email"), Next: safeNext(c.FormValue("next"))}
	token, err := s.signIn(c, jobpath.Credentials{Email: v.Email, Password: c.FormValue("password")})
	if err != nil {
		return s.formFailed(c, "signin", &page{Title: "Sign in", Section: "signin", Data: v}, err)
	}
	if v.Next != "" {
		return redirect(c, v.Next)
	}
	return redirect(c, homeOf(token))
}

// signIn checks credentials and starts a session in a cookie.
func (s *Server) signIn(c *fiber.Ctx, cr jobpath.Credentials) (*jobpath.Principal, error) {
	token, exp, err := s.deps.Auth.Login(c.UserContext(), cr)
	if err != nil {
		return nil, err
	}
	p, err := s.deps.Auth.Authenticate(c.UserContext(), token)
	if err != nil {
		return nil, err
	}
	setCookie(c, sessionCookie, token, exp)
	return p, nil
}

func (s *Server) pageSignup(c *fiber.Ctx) error {
	if p := caller(c); p != nil {
		return redirect(c, homeOf(p))
	}
	role := c.Query("role")
	invite := c.Query("invite")
	if role != jobpath.RoleEmployer && invite == "" {
		role = jobpath.RoleCandidate
	} else {
		role = jobpath.RoleEmployer
	}
	return s.views.render(c, http.StatusOK, "signup", &page{Title: "Sign up", Section: "signup", Data: &accountView{Role: role, Invite: invite}})
}

func (s *Server) pageSignupPost(c *fiber.Ctx) error {
	v := &accountView{Email: c.FormValue("email"), Name: c.FormValue("name"), Company: c.FormValue("company"), Role: c.FormValue("role"),
		Invite: c.FormValue("invite")}
	r := jobpath.Registration{Email: v.Email, Password: c.FormValue("password"), Name: v.Name, Role: v.Role}
	switch {
	case v.Invite != "":
		r.Role, r.Invite = jobpath.RoleEmployer, v.Invite
	case v.Role == jobpath.RoleEmployer:
		r.Company = v.Company
	}
	pg := &page{Title: "Sign up", Section: "signup", Data: v}
	if _, err := s.deps.Auth.Register(c.UserContext(), r); err != nil {
		return s.formFailed(c, "signup", pg, err)
	}
	p, err := s.signIn(c, jobpath.Credentials{Email: r.Email, Password: r.Password})
	if err != nil {
		return s.formFailed(c, "signup", pg, err)
	}
	switch {
	case r.Invite != "":
		return redirect(c, "/employer?joined=1")
	case p.Role == jobpath.RoleEmployer:
		return redirect(c, "/employer/jobs/new?welcome=1")
	}
	return redirect(c, "/me/profile?welcome=1")
}

func (s *Server) pageSignout(c *fiber.Ctx) error {
	if caller(c) == nil {
		return redirect(c, "/")
	}
	return s.views.render(c, http.StatusOK, "signout", &page{Title: "Sign out"})
}

func (s *Server) pageSignoutPost(c *fiber.Ctx) error {
	if tok := c.Cookies(sessionCookie); tok != "" {
		if err := s.deps.Auth.Logout(c.UserContext(), tok); err != nil {
			return err
		}
	}
	clearCookie(c, sessionCookie)
	return redirect(c, "/?signedout=1")
}

// formFailed shows a form again with what was wrong: each field's message
// beside the field, as the API names them, and a summary above the form
// (under the key ""). Errors that are not about the input go to the error
// handler.
func (s *Server) formFailed(c *fiber.Ctx, name string, pg *page, err error) error {
	fields, msg, ok := fieldErrors(err)
	if !ok {
		var e *jobpath.Error
		if !errors.As(err, &e) || (e.Code != jobpath.EUnauthorized && e.Code != jobpath.EPrecondition) {
			return err
		}
		fields, msg = map[string]string{}, e.Message
	}
	switch n := len(fields); {
	case n == 1:
		msg = "Check the field marked below."
	case n > 1:
		msg = fmt.Sprintf("Check the %d fields marked below.", n)
	}
	fields[""] = msg
	pg.Errors = fields
	return s.views.render(c, problemOf(err).Status, name, pg)
}
