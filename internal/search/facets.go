package search

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/collector"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// Job facets are counted over every hit, which on a broad query is most of
// the board. bleve's own facets read each hit's doc values field by field and
// count terms in maps; that was half the time of a broad search. Segments
// are immutable, so the facet values of each segment's documents are decoded
// once into columns of small integer codes, and a search counts a hit with a
// few array increments, inside bleve's collector (through its hook for a
// custom hit handler), so that the hits are still ranked and loaded by bleve.

// facetFields are the job fields counted; skills is the one with many
// values per document.
var facetFields = []string{"level", "degree", "remote", "employment_type", "salary_band", "posted_hour", "skills"}

const (
	nFields   = 7 // len(facetFields)
	nFixed    = 6 // fields before skills: at most one value each
	facetSkip = 0 // code of "no value"
)

// termSizes is how many terms a terms facet lists.
var termSizes = map[string]int{"skills": 20, "level": 10, "degree": 10, "remote": 5, "employment_type": 10}

// facetColumns holds the facet values of one segment's documents by local
// document number.
type facetColumns struct {
	fixed    []uint32 // nFixed codes per document
	skillOff []uint32 // skills of document n: skills[skillOff[n]:skillOff[n+1]]
	skills   []uint32
}

// facetCache keeps the columns of the segments in use and the dictionaries
// of codes, one per field.
type facetCache struct {
	mu    sync.Mutex
	segs  map[segment.Segment]*facetEntry
	dicts [nFields]dict
}

type facetEntry struct {
	once sync.Once
	cols *facetColumns
	err  error
}

type dict struct {
	terms []string // code -> term; code 0 is "no value"
	codes map[string]uint32
}

func newFacetCache() *facetCache {
	c := &facetCache{segs: map[segment.Segment]*facetEntry{}}
	for i := range c.dicts {
		c.dicts[i] = dict{terms: []string{""}, codes: map[string]uint32{}}
	}
	return c
}

// code interns term in field f's dictionary; c.mu must be held.
func (c *facetCache) code(f int, term []byte) uint32 {
	d := &c.dicts[f]
	if n, ok := d.codes[string(term)]; ok {
		return n
	}
	n := uint32(len(d.terms))
	d.terms = append(d.terms, string(term))
	d.codes[string(term)] = n
	return n
}

// columns returns the columns of every segment of snap, in order, decoding
// those not seen before, and forgets segments the snapshot no longer has.
func (c *facetCache) columns(snap *scorch.IndexSnapshot) ([]*facetColumns, error) {
	segs := snap.Segments()
	entries := make([]*facetEntry, len(segs))
	c.mu.Lock()
	for i, ss := range segs {
		e := c.segs[ss.Segment()]
		if e == nil {
			e = &facetEntry{}
			c.segs[ss.Segment()] = e
		}
		entries[i] = e
	}
	if len(c.segs) > 2*len(segs)+8 {
		// Merges replace segments: drop what this snapshot does not use.
		// A search on an older snapshot holds its own columns already.
		keep := map[segment.Segment]bool{}
		for _, ss := range segs {
			keep[ss.Segment()] = true
		}
		for s := range c.segs {
			if !keep[s] {
				delete(c.segs, s)
			}
		}
	}
	c.mu.Unlock()
	out := make([]*facetColumns, len(segs))
	for i, e := range entries {
		e.once.Do(func() { e.cols, e.err = c.decode(segs[i].Segment()) })
		if e.err != nil {
			return nil, e.err
		}
		out[i] = e.cols
	}
	return out, nil
}

// decode reads the facet doc values of every document of a segment.
func (c *facetCache) decode(seg segment.Segment) (*facetColumns, error) {
	dv, ok := seg.(segment.DocValueVisitable)
	if !ok {
		return nil, fmt.Errorf("search: segment %T has no doc values", seg)
	}
	n := seg.Count()
	cols := &facetColumns{fixed: make([]uint32, int(n)*nFixed), skillOff: make([]uint32, 0, n+1)}
	var state segment.DocVisitState
	var err error
	var row []uint32
	c.mu.Lock()
	defer c.mu.Unlock()
	visit := func(field string, term []byte) {
		f := slices.Index(facetFields, field)
		switch {
		case f < 0:
		case f < nFixed:
			row[f] = c.code(f, term)
		default:
			cols.skills = append(cols.skills, c.code(f, term))
		}
	}
	for doc := range n {
		row = cols.fixed[doc*nFixed : (doc+1)*nFixed]
		cols.skillOff = append(cols.skillOff, uint32(len(cols.skills)))
		if state, err = dv.VisitDocValues(doc, facetFields, visit, state); err != nil {
			return nil, fmt.Errorf("search: read facet values: %w", err)
		}
	}
	cols.skillOff = append(cols.skillOff, uint32(len(cols.skills)))
	return cols, nil
}

// warm decodes the columns of segments new to the index (after a batch or a
// merge), so that searches do not pay for it.
func (ix *Index) warm() error {
	adv, err := ix.idx.Advanced()
	if err != nil {
		return fmt.Errorf("search: warm facets: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return fmt.Errorf("search: warm facets: %w", err)
	}
	defer r.Close()
	if snap, ok := r.(*scorch.IndexSnapshot); ok {
		_, err = ix.facets.columns(snap)
	}
	return err
}

// facetCounter counts the hits of one search by code.
type facetCounter struct {
	cache   *facetCache
	cols    []*facetColumns
	offsets []uint64 // first global document number of each segment
	counts  [nFields][]int32
}

// countingHandler returns a bleve hit-handler maker that counts every hit's
// facets into fc before handing it to bleve's top-N handler.
func (c *facetCache) countingHandler(fc *facetCounter) search.MakeDocumentMatchHandler {
	return func(sctx *search.SearchContext) (search.DocumentMatchHandler, bool, error) {
		next, loadID, err := collector.MakeTopNDocumentMatchHandler(sctx)
		if err != nil {
			return nil, false, err
		}
		snap, ok := sctx.IndexReader.(*scorch.IndexSnapshot)
		if !ok {
			return nil, false, fmt.Errorf("search: facets need a scorch index, not %T", sctx.IndexReader)
		}
		if fc.cols, err = c.columns(snap); err != nil {
			return nil, false, err
		}
		var at uint64
		for _, ss := range snap.Segments() {
			fc.offsets = append(fc.offsets, at)
			at += ss.Segment().Count()
		}
		c.mu.Lock()
		for f := range fc.counts {
			fc.counts[f] = make([]int32, len(c.dicts[f].terms))
		}
		c.mu.Unlock()
		seg := 0
		return func(hit *search.DocumentMatch) error {
			if hit != nil {
				doc := hit.IndexInternalID.Value() // scorch: the snapshot's document number
				// Hits come in document order: the segment rarely changes.
				if seg+1 >= len(fc.offsets) || doc < fc.offsets[seg] || doc >= fc.offsets[seg+1] {
					seg, _ = slices.BinarySearch(fc.offsets, doc+1)
					seg--
				}
				fc.add(seg, doc-fc.offsets[seg])
			}
			return next(hit)
		}, loadID, nil
	}
}

func (fc *facetCounter) add(seg int, doc uint64) {
	cols := fc.cols[seg]
	for f, code := range cols.fixed[doc*nFixed : (doc+1)*nFixed] {
		fc.counts[f][code]++
	}
	skills := fc.counts[nFixed]
	for _, code := range cols.skills[cols.skillOff[doc]:cols.skillOff[doc+1]] {
		skills[code]++
	}
}

// results turns the counts into the facets of a job search at now.
func (fc *facetCounter) results(now time.Time) map[string][]jobpath.FacetValue {
	fc.cache.mu.Lock()
	defer fc.cache.mu.Unlock()
	out := map[string][]jobpath.FacetValue{}
	for f, name := range facetFields {
		terms := fc.cache.dicts[f].terms
		var vals []jobpath.FacetValue
		for code, n := range fc.counts[f] {
			if n > 0 && code != facetSkip {
				vals = append(vals, jobpath.FacetValue{Value: terms[code], Count: int(n)})
			}
		}
		switch name {
		case "salary_band":
			out["salary"] = bandFacet(vals)
		case "posted_hour":
			out["posted"] = postedFacet(vals, now)
		default:
			slices.SortFunc(vals, func(a, b jobpath.FacetValue) int {
				return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Value, b.Value))
			})
			if len(vals) > termSizes[name] {
				vals = vals[:termSizes[name]]
			}
			if vals == nil {
				vals = []jobpath.FacetValue{}
			}
			out[name] = vals
		}
	}
	return out
}

// searchWithFacets runs req with its hits' facets counted from the columns.
// req must not ask bleve for facets, nor combine ScoreNone with a sort by
// score alone: bleve then stops at the first hits and the counts would miss
// the rest.
func (ix *Index) searchWithFacets(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, *facetCounter, error) {
	fc := &facetCounter{cache: ix.facets}
	ctx = context.WithValue(ctx, search.MakeDocumentMatchHandlerKey, ix.facets.countingHandler(fc))
	sr, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, nil, err
	}
	return sr, fc, nil
}
