package report

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	htmltemplate "html/template"
	"regexp"
	"strings"
	texttemplate "text/template"
	"time"
)

var blankLines = regexp.MustCompile(`\n{3,}`)

//go:embed templates
var templates embed.FS

// Renderer writes reports as text, HTML and JSON. The HTML carries its
// style inline and no script, as e-mail clients want it; the web UI shows
// the same HTML.
type Renderer struct {
	text *texttemplate.Template
	html *htmltemplate.Template
	// BaseURL prefixes the links of a report ("https://jobpath.example").
	BaseURL string
}

func funcs() map[string]any {
	return map[string]any{
		"pct":  func(f float64) string { return fmt.Sprintf("%.0f%%", f*100) },
		"day":  func(t time.Time) string { return t.UTC().Format("Mon 2 Jan") },
		"date": func(t time.Time) string { return t.UTC().Format("2 Jan 2006") },
		"last": func(t time.Time) time.Time { return t.Add(-time.Nanosecond) },
		"bar": func(f float64) string {
			return strings.Repeat("#", int(f*10+0.5)) + strings.Repeat(".", 10-int(f*10+0.5))
		},
		"width": func(f float64) int { return int(f*100 + 0.5) },
		"score": func(f float64) string { return fmt.Sprintf("%.0f", f) },
		"years": func(y float64) string {
			if y == 1 {
				return "1 year"
			}
			return fmt.Sprintf("%g years", float64(int(y*10+0.5))/10)
		},
	}
}

// NewRenderer parses the report templates.
func NewRenderer(baseURL string) (*Renderer, error) {
	t, err := texttemplate.New("").Funcs(funcs()).ParseFS(templates, "templates/*.txt")
	if err != nil {
		return nil, fmt.Errorf("report: templates: %w", err)
	}
	h, err := htmltemplate.New("").Funcs(funcs()).ParseFS(templates, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("report: templates: %w", err)
	}
	return &Renderer{text: t, html: h, BaseURL: strings.TrimSuffix(baseURL, "/")}, nil
}

type view struct {
	*Candidate
	Base string
}

// Text renders a candidate's report as plain text.
func (r *Renderer) Text(c *Candidate) ([]byte, error) {
	var b bytes.Buffer
	if err := r.text.ExecuteTemplate(&b, "candidate.txt", view{c, r.BaseURL}); err != nil {
		return nil, fmt.Errorf("report: text: %w", err)
	}
	// Sections end with a line break of their own: one blank line between.
	return blankLines.ReplaceAll(b.Bytes(), []byte("\n\n")), nil
}

// HTML renders a candidate's report as HTML for e-mail and the web UI.
func (r *Renderer) HTML(c *Candidate) ([]byte, error) {
	var b bytes.Buffer
	if err := r.html.ExecuteTemplate(&b, "candidate.html", view{c, r.BaseURL}); err != nil {
		return nil, fmt.Errorf("report: html: %w", err)
	}
	return b.Bytes(), nil
}

// JSON renders a candidate's report as indented JSON.
func JSON(c *Candidate) ([]byte, error) {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("report: json: %w", err)
	}
	return append(b, '\n'), nil
}
