package search

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// facetFields are the columns a job search counts, each with how many terms
// its facet lists; 0 marks the band facets (salary, posted), which list
// every band.
var facetFields = map[int]int{colLevel: 10, colDegree: 10, colRemote: 5, colEmployment: 10, colSkills: 20, colSalaryBand: 0, colPostedHour: 0}

// warm decodes the columns of segments new to the index (after a batch or a
// merge), so that searches do not pay for it.
func (ix *Index) warm() error {
	_, release, err := ix.currentView()
	if err != nil {
		return err
	}
	release()
	return nil
}

// facetCounter counts the hits of one search by code.
type facetCounter struct {
	cache  *columnCache
	counts [nColumns][]int32
}

// countingHandler returns a bleve hit-handler maker that counts every hit's
// facets into fc before handing it to bleve's top-N handler.
func (c *columnCache) countingHandler(fc *facetCounter) search.MakeDocumentMatchHandler {
	return func(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
		next, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
		if err != nil {
			return nil, false, err
		}
		snap, ok := sctx.IndexReader.(*scorch.IndexSnapshot)
		if !ok {
			return nil, false, fmt.Errorf("search: facets need a scorch index, not %T", sctx.IndexReader)
		}
		v, err := c.viewOf(snap)
		if err != nil {
			return nil, false, err
		}
		sizes := c.sizes()
		for f := range facetFields {
			fc.counts[f] = make([]int32, sizes[f])
		}
		seg := 0
		return func(hit *search.DocumentMatch) error {
			if hit != nil {
				var doc uint64
				// scorch's hit id is the snapshot-wide document number.
				seg, doc = v.locate(hit.IndexInternalID.Value(), seg)
				fc.add(v.cols[seg], doc)
			}
			return next(hit)
		}, loadID, nil
	}
}

func (fc *facetCounter) add(cols *columns, doc uint64) {
	row := cols.row(doc)
	for _, f := range []int{colLevel, colDegree, colRemote, colEmployment, colSalaryBand, colPostedHour} {
		fc.counts[f][row[f]]++
	}
	skills := fc.counts[colSkills]
	for _, code := range cols.values(colSkills, doc) {
		skills[code]++
	}
}

// results turns the counts into the facets of a job search at now.
func (fc *facetCounter) results(now time.Time) map[string][]jobpath.FacetValue {
	fc.cache.mu.Lock()
	defer fc.cache.mu.Unlock()
	out := map[string][]jobpath.FacetValue{}
	for f, size := range facetFields {
		terms := fc.cache.dicts[f].terms
		var vals []jobpath.FacetValue
		for code, n := range fc.counts[f] {
			if n > 0 && code != noValue {
				vals = append(vals, jobpath.FacetValue{Value: terms[code], Count: int(n)})
			}
		}
		switch f {
		case colSalaryBand:
			out["salary"] = bandFacet(vals)
		case colPostedHour:
			out["posted"] = postedFacet(vals, now)
		default:
			slices.SortFunc(vals, func(a, b jobpath.FacetValue) int {
				return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
			})
			if len(vals) > size {
				vals = vals[:size]
			}
			if vals == nil {
				vals = []jobpath.FacetValue{}
			}
			out[columnFields[f]] = vals
		}
	}
	return out
}

// searchWithFacets runs req with its hits' facets counted from the columns.
// req must not ask bleve for facets, nor combine ScoreNone with a sort by
// score alone: bleve then stops at the first hits and the counts would miss
// the rest.
func (ix *Index) searchWithFacets(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, *facetCounter, error) {
	if req.Score == bleve.ScoreNone && len(req.Sort) == 1 && req.Sort[0].RequiresScoring() {
		return nil, nil, fmt.Errorf("search: facets need every hit, and this request lets bleve stop early")
	}
	fc := &facetCounter{cache: ix.cols}
	ctx = context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, ix.cols.countingHandler(fc))
	sr, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, nil, err
	}
	return sr, fc, nil
}
