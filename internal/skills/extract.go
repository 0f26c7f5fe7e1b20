package skills

import (
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word or a meaningful punctuation mark of a text, with its byte
// offsets in the text.
type token struct {
	text       string // as written
	low        string // lower case
	start, end int
	punct      bool
}

// tokenize splits s into tokens. Words keep the punctuation that skill names
// carry: an inner dot (node.js, asp.net), a leading dot (.net) and trailing
// plus or hash signs (c++, c#). Hyphens and underscores separate words, as in
// Fold; slashes, commas, parentheses, sentence ends and line breaks are
// tokens of their own.
func tokenize(s string) []token {
	var toks []token
	i := 0
	for i < len(s) {
		if (i == 0 || !isWordRune(lastRune(s[:i]))) && isWordStart(s[i:]) {
			if n := urlLen(s[i:]); n > 0 {
				i += n // links and addresses name no skills, whatever their words
				continue
			}
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case isWordRune(r) || r == '.' && i+w < len(s) && isWordStart(s[i+w:]) && (i == 0 || !isWordRune(lastRune(s[:i]))):
			j := i + w
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) {
					j += w2
					continue
				}
				if r2 == '.' && j+1 < len(s) && isWordStart(s[j+1:]) {
					j += w2
					continue
				}
				break
			}
			for j < len(s) && (s[j] == '+' || s[j] == '#') {
				j++
			}
			toks = append(toks, token{text: s[i:j], low: strings.ToLower(s[i:j]), start: i, end: j})
			i = j
		case r == '/' || r == ',' || r == '(' || r == ')' || r == ';' || r == ':' || r == '&' || r == '|' || r == '\n' || r == '•':
			toks = append(toks, token{text: s[i : i+w], low: s[i : i+w], start: i, end: i + w, punct: true})
			i += w
		case r == '.' || r == '!' || r == '?':
			toks = append(toks, token{text: s[i : i+w], low: ".", start: i, end: i + w, punct: true})
			i += w
		default:
			i += w
		}
	}
	return toks
}

// maxAddress bounds the look-ahead for an e-mail address, so that scanning
// stays linear in the text.
const maxAddress = 320

// urlLen returns the length of a URL or e-mail address at the start of s, or 0.
func urlLen(s string) int {
	head := s[:min(len(s), 12)]
	low := strings.ToLower(head)
	if !strings.HasPrefix(low, "http://") && !strings.HasPrefix(low, "https://") && !strings.HasPrefix(low, "www.") {
		// name@host.tld, within the address length limit
		window := s[:min(len(s), maxAddress)]
		at := strings.IndexAny(window, "@ \t\n")
		if at <= 0 || window[at] != '@' {
			return 0
		}
	}
	n := strings.IndexAny(s, " \t\n<>\"')")
	if n < 0 {
		n = len(s)
	}
	return n
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isWordStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// node is a trie over token sequences of surface forms.
type node struct {
	next map[string]*node
	id   string
	form string
}

func (n *node) insert(toks []token, id, form string) {
	for _, t := range toks {
		if n.next == nil {
			n.next = map[string]*node{}
		}
		c, ok := n.next[t.low]
		if !ok {
			c = &node{}
			n.next[t.low] = c
		}
		n = c
	}
	n.id, n.form = id, form
}

// Hit is one mention of a skill in a text, with its evidence: the byte
// offsets of the mention in the text searched and the words as written.
type Hit struct {
	ID    string `json:"id"`
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	form  string
	first int // index of its first token
	last  int // index of its last token
}

// Extract finds the taxonomy's skills in plain text, longest name first, and
// keeps a mention of an ambiguous word ("Go", "Spring", "R") only when its
// context says it is the skill. Hits come in text order.
func (t *Taxonomy) Extract(text string) []Hit { return t.extract(text, false) }

// ExtractSelfIDs is ExtractIDs for what people write about themselves (a
// profile's summary and positions): the human skills they name are theirs
// ("I mentor juniors"), with or without the cues a posting needs to ask for
// them.
func (t *Taxonomy) ExtractSelfIDs(text string) []string { return ids(t.extract(text, true)) }

func (t *Taxonomy) extract(text string, self bool) []Hit {
	toks := tokenize(text)
	var hits []Hit
	for i := 0; i < len(toks); {
		if toks[i].punct {
			i++
			continue
		}
		n, end, id, form := t.trie, -1, "", ""
		for j := i; j < len(toks); j++ {
			c, ok := n.next[toks[j].low]
			if !ok {
				break
			}
			n = c
			if n.id != "" && !toks[j].punct {
				end, id, form = j, n.id, n.form
			}
		}
		if end < 0 {
			i++
			continue
		}
		hits = append(hits, Hit{ID: id, Text: text[toks[i].start:toks[end].end], Start: toks[i].start, End: toks[end].end, form: form, first: i, last: end})
		i = end + 1
	}
	return t.disambiguate(toks, hits, self)
}

// ExtractIDs returns the distinct skill ids found in text, in order of first mention.
func (t *Taxonomy) ExtractIDs(text string) []string { return ids(t.Extract(text)) }

// ids lists the distinct ids of hits, in order of first mention.
func ids(hits []Hit) []string {
	var out []string
	seen := map[string]bool{}
	for _, h := range hits {
		if !seen[h.ID] {
			seen[h.ID] = true
			out = append(out, h.ID)
		}
	}
	return out
}

var (
	tags       = regexp.MustCompile(`(?s)<[^>]*>`)
	blockTags  = regexp.MustCompile(`(?i)<(p|br|li|div|h[1-6]|tr|ul|ol)\b[^>]*>`)
	blankLines = regexp.MustCompile(`\n{3,}`)
)

// PlainText turns HTML (or plain text) into plain text: block tags become
// line breaks, other tags are dropped, entities are unescaped.
func PlainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	s = blockTags.ReplaceAllString(s, "\n")
	s = tags.ReplaceAllString(s, "")
	s = html.UnescapeString(s)
	return blankLines.ReplaceAllString(s, "\n\n")
}
