package search

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/jobpath/jobpath/internal/jobpath"
)

var _ jobpath.CandidateSearcher = (*Searcher)(nil)

// SearchCandidates implements jobpath.CandidateSearcher over discoverable
// profiles: the same text and skill machinery as job search.
func (s *Searcher) SearchCandidates(ctx context.Context, q jobpath.CandidateQuery) (*jobpath.CandidateResults, error) {
	if err := q.Validate(); err != nil {
		return nil, err
	}
	if q.PerPage == 0 {
		q.PerPage = jobpath.DefaultPerPage
	}
	if q.Page == 0 {
		q.Page = 1
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(term("type", typeCandidate))
	for _, sk := range q.Skills {
		if id, _ := s.tax.Normalise(sk); id != "" {
			bq.AddMust(term("skills", id))
		}
	}
	if q.Level != "" {
		bq.AddMust(term("desired_level", q.Level))
	}
	if q.Remote != "" {
		// A candidate open to any arrangement fits every role.
		bq.AddMust(bleve.NewDisjunctionQuery(term("remote", q.Remote), term("remote", jobpath.RemoteAny)))
	}
	if q.Location != "" {
		m := bleve.NewMatchQuery(q.Location)
		m.SetField("locations")
		m.SetOperator(query.MatchQueryOperatorAnd)
		bq.AddMust(m)
	}
	if q.MinYears > 0 {
		y := q.MinYears
		r := bleve.NewNumericRangeQuery(&y, nil)
		r.SetField("years")
		bq.AddMust(r)
	}
	if tq := s.ix.textQuery(q.Text, s.tax, 0, candidateText); tq != nil {
		bq.AddMust(tq)
	}
	req := bleve.NewSearchRequestOptions(bq, q.PerPage, (q.Page-1)*q.PerPage, false)
	req.Fields = []string{"name", "headline", "listed", "years", "desired_level", "remote", "locations"}
	req.Highlight = bleve.NewHighlightWithStyle("html")
	req.Highlight.AddField("headline")
	req.Highlight.AddField("summary")
	req.SortBy([]string{"-_score", "_id"})
	req.AddFacet("skills", bleve.NewFacetRequest("skills", 20))
	req.AddFacet("desired_level", bleve.NewFacetRequest("desired_level", 10))
	req.AddFacet("remote", bleve.NewFacetRequest("remote", 5))
	sr, err := s.ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: candidates: %w", err)
	}
	out := &jobpath.CandidateResults{Total: sr.Total, Page: q.Page, PerPage: q.PerPage, Hits: make([]jobpath.CandidateHit, 0, len(sr.Hits)), Facets: map[string][]jobpath.FacetValue{}}
	for _, h := range sr.Hits {
		out.Hits = append(out.Hits, candidateHitOf(h))
	}
	for name, fr := range sr.Facets {
		vals := []jobpath.FacetValue{}
		for _, t := range fr.Terms.Terms() {
			vals = append(vals, jobpath.FacetValue{Value: t.Term, Count: t.Count})
		}
		out.Facets[name] = vals
	}
	return out, nil
}

func candidateHitOf(h *search.DocumentMatch) jobpath.CandidateHit {
	str := func(k string) string { v, _ := h.Fields[k].(string); return v }
	years, _ := h.Fields["years"].(float64)
	hit := jobpath.CandidateHit{Score: h.Score, CandidateSummary: jobpath.CandidateSummary{ID: strings.TrimPrefix(h.ID, "candidate/"), Name: str("name"), Headline: str("headline"),
		YearsExperience: years, DesiredLevel: jobpath.Level(str("desired_level")), Remote: jobpath.RemoteMode(str("remote")), Skills: stringsOf(h.Fields["listed"])}}
	if l := str("locations"); l != "" {
		hit.Locations = []string{l}
	}
	if len(h.Fragments) > 0 {
		hit.Highlights = map[string][]string(h.Fragments)
	}
	return hit
}

// stringsOf reads a stored field that holds one string or several.
func stringsOf(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for _, s := range v {
			if s, ok := s.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return []string{}
}
