package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/searches"
)

func handleSearchesList(ss *searches.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		list, err := ss.List(c.UserContext(), caller(c))
		if err != nil {
			return err
		}
		c.Set(fiber.HeaderCacheControl, "no-store")
		return c.JSON(fiber.Map{"searches": list})
	}
}

func handleSearchSave(ss *searches.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var in jobpath.SavedSearchInput
		if err := decodeJSON(c, &in); err != nil {
			return err
		}
		s, err := ss.Save(c.UserContext(), caller(c), in)
		if err != nil {
			return err
		}
		return c.Status(http.StatusCreated).JSON(s)
	}
}

func handleSearchPatch(ss *searches.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		var p jobpath.SavedSearchPatch
		if err := decodeJSON(c, &p); err != nil {
			return err
		}
		s, err := ss.Patch(c.UserContext(), caller(c), c.Params("id"), p)
		if err != nil {
			return err
		}
		return c.JSON(s)
	}
}

func handleSearchDelete(ss *searches.Service) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if err := ss.Delete(c.UserContext(), caller(c), c.Params("id")); err != nil {
			return err
		}
		return c.SendStatus(http.StatusNoContent)
	}
}

// savedQueryOf reads a search page's query string as a saved query.
func savedQueryOf(raw string) jobpath.SavedQuery {
	v, _ := url.ParseQuery(strings.TrimPrefix(raw, "?"))
	q := jobpath.SavedQuery{Text: v.Get("q"), Level: jobpath.Level(v.Get("level")), Remote: jobpath.RemoteMode(v.Get("remote")),
		Degree: jobpath.Degree(v.Get("degree")), NoDegree: v.Get("no_degree") == "true", Location: v.Get("location"), Sort: v.Get("sort")}
	for _, s := range v["skills"] {
		for _, one := range strings.Split(s, ",") {
			if one = strings.TrimSpace(one); one != "" {
				q.Skills = append(q.Skills, one)
			}
		}
	}
	q.SalaryMin, _ = strconv.ParseInt(v.Get("salary_min"), 10, 64)
	if d, err := parseDays(v.Get("posted_within")); err == nil {
		q.PostedWithin = int(d.Hours() / 24)
	}
	return q
}

// searchURL is the search page of a saved query.
func searchURL(q jobpath.SavedQuery) string {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("q", q.Text)
	set("skills", strings.Join(q.Skills, ","))
	set("level", string(q.Level))
	set("remote", string(q.Remote))
	set("degree", string(q.Degree))
	set("location", q.Location)
	set("sort", q.Sort)
	if q.NoDegree {
		v.Set("no_degree", "true")
	}
	if q.SalaryMin > 0 {
		v.Set("salary_min", strconv.FormatInt(q.SalaryMin, 10))
	}
	if q.PostedWithin > 0 {
		v.Set("posted_within", strconv.Itoa(q.PostedWithin)+"d")
	}
	return "/?" + v.Encode()
}

// The saved searches page.

type savedRow struct {
	jobpath.SavedSearch
	URL     string
	Summary string
}

func (s *Server) pageSearches(c *fiber.Ctx) error {
	list, err := s.deps.Searches.List(c.UserContext(), caller(c))
	if err != nil {
		return err
	}
	rows := make([]savedRow, 0, len(list))
	for _, ss := range list {
		rows = append(rows, savedRow{SavedSearch: ss, URL: "/me/searches/" + ss.ID + "/open", Summary: s.querySummary(ss.Query)})
	}
	pg := &page{Title: "Saved searches", Section: "searches", Data: rows}
	switch {
	case c.Query("saved") != "":
		pg.Notice = "Search saved. With weekly alerts on, new roles it finds come in your weekly report."
	case c.Query("deleted") != "":
		pg.Notice = "Saved search deleted."
	case c.Query("changed") != "":
		pg.Notice = "Saved."
	}
	return s.views.render(c, http.StatusOK, "searches", pg)
}

// querySummary says what a saved query looks for, in a line.
func (s *Server) querySummary(q jobpath.SavedQuery) string {
	var parts []string
	if q.Text != "" {
		parts = append(parts, "“"+q.Text+"”")
	}
	if len(q.Skills) > 0 {
		ids := s.deps.Skills.NormaliseAll(q.Skills)
		parts = append(parts, "skills "+skillList(s.deps.Skills, ids))
	}
	if q.Level != "" {
		parts = append(parts, levelName(q.Level))
	}
	if q.Remote != "" {
		parts = append(parts, remoteLabels[q.Remote])
	}
	if q.NoDegree {
		parts = append(parts, "no degree required")
	}
	if q.SalaryMin > 0 {
		parts = append(parts, "from "+strconv.FormatInt(q.SalaryMin/1000, 10)+"k a year")
	}
	if q.PostedWithin > 0 {
		parts = append(parts, "posted within "+plural(q.PostedWithin, "day"))
	}
	if len(parts) == 0 {
		return "every role"
	}
	return strings.Join(parts, " · ")
}

func (s *Server) pageSearchSavePost(c *fiber.Ctx) error {
	in := jobpath.SavedSearchInput{Name: c.FormValue("name"), Query: savedQueryOf(c.FormValue("query")), Alerts: jobpath.AlertsOff}
	if c.FormValue("alerts") != "" {
		in.Alerts = jobpath.AlertsWeekly
	}
	if strings.TrimSpace(in.Name) == "" {
		in.Name = s.querySummary(in.Query)
		if len(in.Name) > 100 {
			in.Name = truncate(in.Name, 99)
		}
	}
	if _, err := s.deps.Searches.Save(c.UserContext(), caller(c), in); err != nil {
		return err
	}
	return redirect(c, "/me/searches?saved=1")
}

func (s *Server) pageSearchOpen(c *fiber.Ctx) error {
	ss, err := s.deps.Searches.Open(c.UserContext(), caller(c), c.Params("id"))
	if err != nil {
		return err
	}
	return redirect(c, searchURL(ss.Query))
}

func (s *Server) pageSearchChangePost(c *fiber.Ctx) error {
	name := c.FormValue("name")
	alerts := jobpath.AlertsOff
	if c.FormValue("alerts") != "" {
		alerts = jobpath.AlertsWeekly
	}
	if _, err := s.deps.Searches.Patch(c.UserContext(), caller(c), c.Params("id"), jobpath.SavedSearchPatch{Name: &name, Alerts: &alerts}); err != nil {
		return err
	}
	return redirect(c, "/me/searches?changed=1")
}

func (s *Server) pageSearchDeletePost(c *fiber.Ctx) error {
	if err := s.deps.Searches.Delete(c.UserContext(), caller(c), c.Params("id")); err != nil {
		return err
	}
	return redirect(c, "/me/searches?deleted=1")
}
