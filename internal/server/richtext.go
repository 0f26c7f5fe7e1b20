package server

import (
	"html"
	"html/template"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
)

// Descriptions are kept as their poster wrote them; wherever one is shown
// as HTML (the job page, its JSON-LD), it passes through one allow-list:
// paragraphs, lists, emphasis, line breaks and links, which open as
// rel="nofollow noopener" in a new tab. Everything else is dropped, its
// text kept. A description without markup is plain text: its blank lines
// become paragraphs and its lines breaks.

// richText renders descriptions and search snippets safely.
type richText struct {
	description *bluemonday.Policy
	snippet     *bluemonday.Policy
	plain       *bluemonday.Policy
}

func newRichText() *richText {
	d := bluemonday.NewPolicy()
	d.AllowElements("p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "h3", "h4")
	d.AllowAttrs("href").OnElements("a")
	d.AllowStandardURLs()
	d.RequireNoFollowOnLinks(true)
	d.AddTargetBlankToFullyQualifiedLinks(true)
	// Highlighted fragments are escaped text with <mark> around the terms
	// found; nothing else may pass.
	s := bluemonday.NewPolicy()
	s.AllowElements("mark")
	return &richText{description: d, snippet: s, plain: bluemonday.StrictPolicy()}
}

var markup = regexp.MustCompile(`(?i)<\s*/?\s*(p|br|ul|ol|li|strong|em|b|i|a|div|span|h[1-6])\b`)

// Description is a description as safe HTML.
func (r *richText) Description(text string) template.HTML {
	if markup.MatchString(text) {
		return template.HTML(r.description.Sanitize(text))
	}
	var b strings.Builder
	for _, para := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" {
			continue
		}
		b.WriteString("<p>")
		for i, line := range strings.Split(para, "\n") {
			if i > 0 {
				b.WriteString("<br>")
			}
			b.WriteString(template.HTMLEscapeString(line))
		}
		b.WriteString("</p>\n")
	}
	return template.HTML(b.String())
}

// Snippet is a highlighted fragment as safe HTML.
func (r *richText) Snippet(fragment string) template.HTML {
	return template.HTML(r.snippet.Sanitize(fragment))
}

// Plain is a description as plain text, for meta tags.
func (r *richText) Plain(text string) string {
	return strings.Join(strings.Fields(html.UnescapeString(r.plain.Sanitize(text))), " ")
}
