package search

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/skills"
)

// salaryBands and postedBands are the range facets.
var (
	salaryBands = []struct {
		name     string
		min, max float64
	}{{"<50k", 0, 50_000}, {"50k-100k", 50_000, 100_000}, {"100k-150k", 100_000, 150_000}, {"150k-200k", 150_000, 200_000}, {"200k+", 200_000, math.Inf(1)}}
	postedBands = []struct {
		name string
		age  time.Duration
	}{{"24h", 24 * time.Hour}, {"7d", 7 * 24 * time.Hour}, {"30d", 30 * 24 * time.Hour}}
)

// Searcher answers job searches from an index.
type Searcher struct {
	ix    *Index
	tax   *skills.Taxonomy
	clock jobpath.Clock
}

var _ jobpath.JobSearcher = (*Searcher)(nil)

// NewSearcher returns a searcher over ix.
func NewSearcher(ix *Index, clock jobpath.Clock) *Searcher {
	return &Searcher{ix: ix, tax: ix.tax, clock: clock}
}

// SearchJobs implements jobpath.JobSearcher.
func (s *Searcher) SearchJobs(ctx context.Context, q jobpath.JobQuery) (*jobpath.JobResults, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	return s.ix.Search(ctx, q, s.tax, s.clock.Now())
}

// Search runs a job search at time now. Free text is analysed, never parsed
// as bleve query syntax; skills in it (aliases included) also match the
// canonical skills of jobs. When an exact search finds little, it retries
// with typo tolerance and says so.
func (ix *Index) Search(ctx context.Context, q jobpath.JobQuery, sk *skills.Taxonomy, now time.Time) (*jobpath.JobResults, error) {
	if q.PerPage == 0 {
		q.PerPage = jobpath.DefaultPerPage
	}
	if q.Page == 0 {
		q.Page = 1
	}
	res, err := ix.search(ctx, q, sk, now, 0)
	if err != nil {
		return nil, err
	}
	// Typo tolerance only when exact search finds little and a word of the
	// query is unknown to the index: a rare but correct word stays exact.
	if res.Total < 3 && strings.TrimSpace(q.Text) != "" {
		corrected, unknown := ix.correct(q.Text, sk)
		if !unknown {
			return res, nil
		}
		fq := q
		fq.Text = corrected
		fz, err := ix.search(ctx, fq, sk, now, 1)
		if err != nil {
			return nil, err
		}
		if fz.Total > res.Total {
			fz.Fuzzy = true
			if corrected != cleanText(q.Text) {
				fz.DidYouMean = corrected
			}
			return fz, nil
		}
	}
	return res, nil
}

// correct reports whether the query has words the index does not know, and
// returns it with each unknown word that is close to a skill's name replaced
// by that name.
func (ix *Index) correct(text string, sk *skills.Taxonomy) (string, bool) {
	words := strings.Fields(cleanText(text))
	unknown := false
	for i, w := range words {
		if _, known := sk.Normalise(w); known {
			continue
		}
		terms := ix.analyze(w)
		missing := false
		for _, t := range terms {
			if !ix.hasTerm(t) {
				missing = true
			}
		}
		if !missing {
			continue
		}
		unknown = true
		if form, _ := sk.Closest(w, 2, ix.skillDocs); form != "" {
			words[i] = form
		}
	}
	return strings.Join(words, " "), unknown
}

// analyze returns the terms the English analyzer makes of a word; none for a
// stop word.
func (ix *Index) analyze(w string) []string {
	a := ix.idx.Mapping().AnalyzerNamed("en")
	if a == nil {
		return []string{strings.ToLower(w)}
	}
	var out []string
	for _, tok := range a.Analyze([]byte(w)) {
		out = append(out, string(tok.Term))
	}
	return out
}

func (ix *Index) search(ctx context.Context, q jobpath.JobQuery, sk *skills.Taxonomy, now time.Time, fuzziness int) (*jobpath.JobResults, error) {
	bq := ix.filters(q, sk, now)
	if tq := ix.textQuery(q.Text, sk, fuzziness, jobText); tq != nil {
		bq.AddMust(tq)
	}
	req := bleve.NewSearchRequestOptions(bq, q.PerPage, (q.Page-1)*q.PerPage, false)
	if strings.TrimSpace(q.Text) == "" {
		// Filters alone rank nothing: skip scoring every hit.
		req.Score = bleve.ScoreNone
	}
	switch q.Sort {
	case "newest":
		req.SortBy([]string{"-posted_key", "_id"})
	case "salary":
		req.SortBy([]string{"-salary_year", "-_score", "_id"})
	default:
		if req.Score == bleve.ScoreNone {
			// Browsing without words: newest first.
			req.SortBy([]string{"-posted_key"})
		} else {
			// Score alone: tie-breaking fields would load doc values for every hit.
			req.SortBy([]string{"-_score"})
		}
	}
	sr, fc, err := ix.searchWithFacets(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out := &jobpath.JobResults{Total: sr.Total, Page: q.Page, PerPage: q.PerPage, Hits: make([]jobpath.JobHit, 0, len(sr.Hits)), Facets: fc.results(now)}
	shown, err := ix.show(ctx, bq, sr.Hits)
	if err != nil {
		return nil, err
	}
	for _, h := range sr.Hits {
		// A job closed or changed out of the query between the two searches
		// is left off the page rather than shown.
		if d, ok := shown[h.ID]; ok {
			hit := hitOf(d)
			hit.Score = h.Score
			out.Hits = append(out.Hits, hit)
		}
	}
	return out, nil
}

// show loads the stored fields and highlighted snippets of a page of hits.
// Highlighting needs the positions of every matched term, and reading them
// for every hit of a broad query cost more than ranking it: the ranking
// search reads none, and this one reads them for the page alone.
func (ix *Index) show(ctx context.Context, q query.Query, hits []*search.DocumentMatch) (map[string]*search.DocumentMatch, error) {
	if len(hits) == 0 {
		return nil, nil
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bleve.NewDocIDQuery(ids), q), len(ids), 0, false)
	req.Fields = []string{"title", "company", "company_name", "level", "degree", "remote", "location", "skills", "salary_min", "salary_max", "currency", "period", "posted_at"}
	req.Highlight = bleve.NewHighlightWithStyle("html")
	req.Highlight.AddField("title")
	req.Highlight.AddField("description")
	sr, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: load hits: %w", err)
	}
	out := make(map[string]*search.DocumentMatch, len(sr.Hits))
	for _, h := range sr.Hits {
		out[h.ID] = h
	}
	return out, nil
}

// postedSince is where a posted band or filter reaching back age from now
// starts: the start of that hour, the granularity the index keeps.
func postedSince(now time.Time, age time.Duration) time.Time {
	return now.Add(-age).Truncate(time.Hour)
}

// postedFacet counts the hits of each posted band, every band present, from
// the counts per hour.
func postedFacet(hours []jobpath.FacetValue, now time.Time) []jobpath.FacetValue {
	vals := make([]jobpath.FacetValue, len(postedBands))
	last := hourKey(now)
	for i, b := range postedBands {
		vals[i].Value = b.name
		first := hourKey(postedSince(now, b.age))
		for _, h := range hours {
			if h.Value >= first && h.Value <= last {
				vals[i].Count += h.Count
			}
		}
	}
	return vals
}

// bandFacet lists every salary band in order, empty ones too.
func bandFacet(counts []jobpath.FacetValue) []jobpath.FacetValue {
	vals := make([]jobpath.FacetValue, len(salaryBands))
	for i, b := range salaryBands {
		vals[i].Value = b.name
		for _, c := range counts {
			if c.Value == b.name {
				vals[i].Count = c.Count
			}
		}
	}
	return vals
}

// filters turns the structured part of q into a boolean query of jobs; every
// search excludes expired jobs, whatever the index still holds. Expiry is a
// must-not over the few expired jobs rather than a must over the many live
// ones, which every hit would have to be checked against.
func (ix *Index) filters(q jobpath.JobQuery, sk *skills.Taxonomy, now time.Time) *query.BooleanQuery {
	nowSec := float64(now.Unix())
	exclusive := false
	expired := bleve.NewNumericRangeInclusiveQuery(nil, &nowSec, nil, &exclusive)
	expired.SetField("expires")
	bq := bleve.NewBooleanQuery()
	bq.AddMustNot(expired)
	qs := []query.Query{term("type", typeJob)}
	for _, s := range q.Skills {
		id, _ := sk.Normalise(s)
		if id != "" {
			qs = append(qs, term("skills", id))
		}
	}
	if q.Level != "" {
		qs = append(qs, term("level", q.Level))
	}
	if q.Remote != "" {
		qs = append(qs, term("remote", q.Remote))
	}
	if q.Degree != "" {
		qs = append(qs, term("degree", q.Degree))
	}
	if q.NoDegree {
		t := bleve.NewBoolFieldQuery(true)
		t.SetField("no_degree")
		qs = append(qs, t)
	}
	if q.Location != "" {
		m := bleve.NewMatchQuery(q.Location)
		m.SetField("location")
		m.SetOperator(query.MatchQueryOperatorAnd)
		qs = append(qs, m)
	}
	if q.SalaryMin > 0 {
		v := float64(q.SalaryMin)
		r := bleve.NewNumericRangeQuery(&v, nil)
		r.SetField("salary_year")
		qs = append(qs, r)
	}
	if q.PostedWithin > 0 {
		d := bleve.NewDateRangeQuery(postedSince(now, q.PostedWithin), time.Time{})
		d.SetField("posted_at")
		qs = append(qs, d)
	}
	bq.AddMust(qs...)
	return bq
}

func term[T ~string](field string, v T) query.Query {
	t := bleve.NewTermQuery(string(v))
	t.SetField(field)
	return t
}

// textQuery builds the free-text part: every word (or skill phrase) must
// match. A skill matches a job that lists it (under any alias) or names it in
// the title or description; other words match title (boosted) or description.
func (ix *Index) textQuery(text string, sk *skills.Taxonomy, fuzziness int, fields []weighted) query.Query {
	text = cleanText(text)
	if text == "" {
		return nil
	}
	var parts []query.Query
	ids, rest := sk.QuerySkills(text)
	for _, id := range ids {
		t := bleve.NewTermQuery(id)
		t.SetField("skills")
		t.SetBoost(2)
		alts := []query.Query{t}
		for _, f := range sk.Forms(id) {
			alts = append(alts, fieldMatch(f, 0, fields)...)
		}
		// An ambiguous name ("Go") is matched in titles only, where it is
		// the skill; in descriptions it may be "go to market".
		if s, ok := sk.Skill(id); ok {
			alts = append(alts, fieldMatch(s.Name, 0, fields[:1])...)
		}
		parts = append(parts, bleve.NewDisjunctionQuery(alts...))
	}
	for _, w := range rest {
		if len(ix.analyze(w)) == 0 {
			continue // a stop word matches nothing and must not empty the results
		}
		switch strings.ToLower(w) {
		case "remote", "hybrid", "onsite":
			t := bleve.NewTermQuery(strings.ToLower(w))
			t.SetField("remote")
			parts = append(parts, bleve.NewDisjunctionQuery(append([]query.Query{t}, fieldMatch(w, fuzziness, fields)...)...))
			continue
		}
		parts = append(parts, bleve.NewDisjunctionQuery(fieldMatch(w, fuzziness, fields)...))
	}
	if len(parts) == 0 {
		return nil
	}
	return bleve.NewConjunctionQuery(parts...)
}

// weighted is a text field and its boost; the first is the one where an
// ambiguous skill name is taken at its word.
type weighted struct {
	field string
	boost float64
}

var (
	jobText       = []weighted{{"title", 3}, {"description", 1}, {"company_name", 1.5}, {"location", 1}}
	candidateText = []weighted{{"headline", 3}, {"summary", 1}, {"experience", 1.5}}
)

// fieldMatch matches text in each field, with typo tolerance when asked.
func fieldMatch(text string, fuzziness int, fields []weighted) []query.Query {
	var out []query.Query
	for _, f := range fields {
		if fuzziness > 0 && len([]rune(text)) >= 4 && !strings.Contains(text, " ") {
			fm := bleve.NewMatchQuery(text)
			fm.SetField(f.field)
			fm.SetBoost(f.boost / 2)
			fm.SetFuzziness(fuzziness)
			out = append(out, fm)
			continue
		}
		// One word needs no phrase machinery (positions); several do.
		if !strings.ContainsAny(strings.TrimSpace(text), " /.-+#") {
			m := bleve.NewMatchQuery(text)
			m.SetField(f.field)
			m.SetBoost(f.boost)
			out = append(out, m)
			continue
		}
		m := bleve.NewMatchPhraseQuery(text)
		m.SetField(f.field)
		m.SetBoost(f.boost)
		out = append(out, m)
	}
	return out
}

// cleanText keeps letters, digits and the punctuation skill names carry, so
// that nothing in the text can act as syntax.
func cleanText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case strings.ContainsRune(".+#/-", r):
			b.WriteRune(r)
		default:
			b.WriteRune(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func hitOf(h *search.DocumentMatch) jobpath.JobHit {
	str := func(k string) string { v, _ := h.Fields[k].(string); return v }
	num := func(k string) float64 { v, _ := h.Fields[k].(float64); return v }
	hit := jobpath.JobHit{ID: h.ID, Score: h.Score, Title: str("title"), Company: str("company"), CompanyName: str("company_name"),
		Level: jobpath.Level(str("level")), Degree: jobpath.Degree(str("degree")), Remote: jobpath.RemoteMode(str("remote")), Location: str("location"), Skills: []string{}}
	switch v := h.Fields["skills"].(type) {
	case string:
		hit.Skills = []string{v}
	case []any:
		for _, s := range v {
			if s, ok := s.(string); ok {
				hit.Skills = append(hit.Skills, s)
			}
		}
	}
	if _, ok := h.Fields["salary_max"]; ok {
		hit.Salary = &jobpath.Salary{Min: int64(num("salary_min")), Max: int64(num("salary_max")), Currency: str("currency"), Period: str("period")}
	}
	if t, err := time.Parse(time.RFC3339, str("posted_at")); err == nil {
		hit.PostedAt = &t
	}
	if len(h.Fragments) > 0 {
		hit.Highlights = map[string][]string{}
		for field, frags := range h.Fragments {
			hit.Highlights[field] = frags
		}
	}
	return hit
}

// skillDocs is how many documents name skill id: the demand that breaks
// ties between corrections.
func (ix *Index) skillDocs(id string) float64 {
	d, err := ix.idx.FieldDictPrefix("skills", []byte(id))
	if err != nil {
		return 0
	}
	defer d.Close()
	for e, err := d.Next(); err == nil && e != nil; e, err = d.Next() {
		if e.Term == id {
			return float64(e.Count)
		}
		if e.Term > id {
			break
		}
	}
	return 0
}

func (ix *Index) hasTerm(w string) bool {
	for _, field := range []string{"title", "description"} {
		d, err := ix.idx.FieldDictPrefix(field, []byte(w))
		if err != nil {
			continue
		}
		e, _ := d.Next()
		_ = d.Close()
		if e != nil && e.Term == w {
			return true
		}
	}
	return false
}
