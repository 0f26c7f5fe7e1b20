package server

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/match"
	"github.com/jobpath/jobpath/internal/money"
	"github.com/jobpath/jobpath/internal/skills"
)

// page is what every template is rendered with: the frame's needs (who is
// signed in, the form token, which section of the site this is) and the
// page's own view in Data.
type page struct {
	Title       string
	Description string
	Section     string
	Caller      *jobpath.Principal
	CSRF        string
	Notice      string
	// Errors are the per-field messages of a refused form, keyed by the
	// field names the API uses, which are also the inputs' names.
	Errors map[string]string
	JSONLD any
	Data   any
}

// IsCandidate and IsEmployer tell the frame which navigation to show.
func (p *page) IsCandidate() bool { return p.Caller != nil && p.Caller.Role == jobpath.RoleCandidate }
func (p *page) IsEmployer() bool  { return p.Caller != nil && p.Caller.Role == jobpath.RoleEmployer }

// views are the parsed pages: each page template is parsed together with
// the frame (layout.html), so that every page defines "title" and "content"
// of its own.
type views struct {
	pages map[string]*template.Template
}

func newViews(files fs.FS, tax *skills.Taxonomy) (*views, error) {
	base, err := template.New("").Funcs(viewFuncs(tax)).ParseFS(files, "layout.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	names, err := fs.Glob(files, "*.html")
	if err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	v := &views{pages: map[string]*template.Template{}}
	for _, n := range names {
		if n == "layout.html" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(files, n)
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		v.pages[strings.TrimSuffix(path.Base(n), ".html")] = t
	}
	return v, nil
}

// render writes page name with status. The page is rendered into a buffer
// first, so that a template error becomes an error page, not half a page.
func (v *views) render(c *fiber.Ctx, status int, name string, p *page) error {
	t, ok := v.pages[name]
	if !ok {
		return fmt.Errorf("no page %q", name)
	}
	p.Caller = caller(c)
	p.CSRF = csrfToken(c)
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	if p.Caller != nil {
		c.Set(fiber.HeaderCacheControl, "private, no-store")
	}
	return c.Status(status).Send(buf.Bytes())
}

// fieldErrors returns the per-field messages of an invalid-input error, so
// that a form can show each beside its field; ok is false for other errors.
func fieldErrors(err error) (map[string]string, string, bool) {
	var e *jobpath.Error
	if !errors.As(err, &e) || (e.Code != jobpath.EInvalid && e.Code != jobpath.EConflict) {
		return nil, "", false
	}
	m := map[string]string{}
	for _, f := range e.Fields {
		if _, seen := m[f.Field]; !seen {
			m[f.Field] = f.Message
		}
	}
	return m, e.Message, true
}

// fieldMessage is one field's error as a template shows it.
type fieldMessage struct{ ID, Label, Message string }

// errorList lists a form's field errors in field order, for the summary
// above the form.
func errorList(errs map[string]string) []fieldMessage {
	var out []fieldMessage
	for f, m := range errs {
		if f != "" {
			out = append(out, fieldMessage{ID: inputID(f), Label: fieldLabel(f), Message: m})
		}
	}
	slices.SortFunc(out, func(a, b fieldMessage) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// fieldLabel names a field for people: "skills[0].years" is "Skill 1, years".
func fieldLabel(field string) string {
	var parts []string
	for _, p := range strings.Split(field, ".") {
		name, index, indexed := strings.Cut(strings.TrimSuffix(p, "]"), "[")
		name = strings.ReplaceAll(name, "_", " ")
		if indexed {
			n, _ := strconv.Atoi(index)
			name = strings.TrimSuffix(name, "s") + " " + strconv.Itoa(n+1)
		}
		parts = append(parts, name)
	}
	return capitalise(strings.Join(parts, ", "))
}

// inputID turns a field name ("skills[0].name") into an element id.
func inputID(field string) string {
	r := strings.NewReplacer("[", "-", "]", "", ".", "-")
	return r.Replace(field)
}

func viewFuncs(tax *skills.Taxonomy) template.FuncMap {
	return template.FuncMap{
		"fieldError": func(errs map[string]string, field string) *fieldMessage {
			if m, ok := errs[field]; ok {
				return &fieldMessage{ID: inputID(field), Message: m}
			}
			return nil
		},
		// attrs marks an input invalid and ties it to its message.
		"attrs": func(errs map[string]string, field string) template.HTMLAttr {
			if _, ok := errs[field]; !ok {
				return ""
			}
			return template.HTMLAttr(fmt.Sprintf(`aria-invalid="true" aria-describedby="%s-error"`, template.HTMLEscapeString(inputID(field))))
		},
		"id":        inputID,
		"errorList": errorList,
		"levelName": levelName,
		"stageName": func(s jobpath.Stage) string { return capitalise(string(s)) },
		"skillName": func(id string) string { return skillName(tax, id) },
		"skillList": func(ids []string) string { return skillList(tax, ids) },
		"salary":    salaryText,
		"ago":       func(t *time.Time, now time.Time) string { return ago(t, now) },
		"pct":       func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
		"date": func(t any) string {
			switch v := t.(type) {
			case time.Time:
				return v.Format("2 Jan 2006")
			case *time.Time:
				if v != nil {
					return v.Format("2 Jan 2006")
				}
			}
			return ""
		},
		"componentName": func(n string) string { return componentNames[n] },
		"years":         yearsText,
		"add":           func(a, b int) int { return a + b },
		"mul":           func(a, b float64) float64 { return a * b },
	}
}

var componentNames = map[string]string{
	match.ComponentRequired: "Required skills", match.ComponentPreferred: "Nice-to-have skills", match.ComponentLevel: "Level",
	match.ComponentYears: "Experience", match.ComponentDegree: "Degree", match.ComponentLocation: "Where", match.ComponentSalary: "Salary",
}

func capitalise(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}

func levelName(l jobpath.Level) string {
	if l == "" {
		return ""
	}
	return capitalise(string(l))
}

func skillName(tax *skills.Taxonomy, id string) string {
	if s, ok := tax.Skill(id); ok {
		return s.Name
	}
	return id
}

// skillList names skills as a sentence: "Go, PostgreSQL and Kafka".
func skillList(tax *skills.Taxonomy, ids []string) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = skillName(tax, id)
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// perPeriod is how a pay period reads after an amount.
var perPeriod = map[string]string{"year": " a year", "month": " a month", "day": " a day", "hour": " an hour"}

// salaryText is a pay range as people write it: "$150,000–$180,000 a year".
func salaryText(s *jobpath.Salary) string {
	if s == nil || (s.Min == 0 && s.Max == 0) {
		return ""
	}
	per := perPeriod[s.Period]
	switch {
	case s.Max == 0 || s.Max == s.Min:
		return money.Format(s.Min, s.Currency) + per
	case s.Min == 0:
		return "up to " + money.Format(s.Max, s.Currency) + per
	}
	return money.Format(s.Min, s.Currency) + "–" + money.Format(s.Max, s.Currency) + per
}

// ago says how long ago t was, in the largest whole unit.
func ago(t *time.Time, now time.Time) string {
	if t == nil {
		return ""
	}
	d := now.Sub(*t)
	switch {
	case d < time.Hour:
		return "just now"
	case d < 24*time.Hour:
		return plural(int(d/time.Hour), "hour") + " ago"
	case d < 60*24*time.Hour:
		return plural(int(d/(24*time.Hour)), "day") + " ago"
	}
	return t.Format("2 Jan 2006")
}

// yearsText is a number of years as people say it: "4 years", "1.5 years".
func yearsText(y float64) string {
	if y == 1 {
		return "1 year"
	}
	return strconv.FormatFloat(math.Round(y*10)/10, 'f', -1, 64) + " years"
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// redirect answers a form post with 303 See Other, so that reloading the
// next page does not post again.
func redirect(c *fiber.Ctx, to string) error {
	return c.Redirect(to, http.StatusSeeOther)
}
