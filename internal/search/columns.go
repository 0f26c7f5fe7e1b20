package search

import (
	"fmt"
	"slices"
	"sync"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/numeric"
	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// Columns: the keyword values of every document, decoded once per index
// segment into small integer codes.
//
// Two things read every matching document rather than the top few. Facets
// are counted over all hits, which on a broad query is most of the board;
// bleve's own facets visit each hit's doc values field by field and count
// terms in maps, which was half the time of a broad search. Matching
// retrieves the jobs (or candidates) sharing the most skills with a profile;
// as a scored bleve disjunction of a profile's skills that took 50 ms at
// 100k postings. Segments are immutable, so their values are decoded once;
// a search then counts a hit with a few array increments, and retrieval
// scans the columns of a snapshot (skipping its deleted documents).

// columnFields are the doc-valued fields decoded: the first nFixed have at
// most one value per document, then come the lists, then the expiry.
var columnFields = []string{"type", "level", "degree", "remote", "employment_type", "salary_band", "posted_hour", "desired_level",
	"skills", "required", "expires"}

const (
	nColumns = 10 // coded fields: len(columnFields) without the expiry
	nFixed   = 8
	noValue  = 0 // the code of "no value"
)

// Positions in columnFields.
const (
	colType = iota
	colLevel
	colDegree
	colRemote
	colEmployment
	colSalaryBand
	colPostedHour
	colDesiredLevel
	colSkills
	colRequired
	colExpires
)

// columns holds the values of one segment's documents by local number.
type columns struct {
	n       uint64
	fixed   []uint32 // nFixed codes per document
	lists   [nColumns - nFixed]list
	expires []int64             // unix seconds; 0 for documents without
	ids     []string            // external ids
	byType  map[uint32][]uint32 // type code -> its documents, so a scan of jobs skips candidates
}

// list is a multi-valued column: document n has codes[off[n]:off[n+1]].
type list struct {
	off   []uint32
	codes []uint32
}

func (c *columns) row(doc uint64) []uint32 { return c.fixed[doc*nFixed : (doc+1)*nFixed] }

func (c *columns) values(col int, doc uint64) []uint32 {
	l := &c.lists[col-nFixed]
	return l.codes[l.off[doc]:l.off[doc+1]]
}

// columnCache keeps the columns of the segments in use and one dictionary of
// codes per field.
type columnCache struct {
	mu    sync.Mutex
	segs  map[segment.Segment]*columnEntry
	dicts [nColumns]dict
}

type columnEntry struct {
	once sync.Once
	cols *columns
	err  error
}

type dict struct {
	terms []string // code -> term; code 0 is "no value"
	codes map[string]uint32
}

func newColumnCache() *columnCache {
	c := &columnCache{segs: map[segment.Segment]*columnEntry{}}
	for i := range c.dicts {
		c.dicts[i] = newDict()
	}
	return c
}

func newDict() dict { return dict{terms: []string{""}, codes: map[string]uint32{}} }

// code interns term, giving it the next code when it is new.
func (d *dict) code(term []byte) uint32 {
	if n, ok := d.codes[string(term)]; ok {
		return n
	}
	n := uint32(len(d.terms))
	d.terms = append(d.terms, string(term))
	d.codes[string(term)] = n
	return n
}

// lookup returns the code of term in field f, or noValue when no document
// has it.
func (c *columnCache) lookup(f int, term string) uint32 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.dicts[f].codes[term]
}

// sizes returns how many codes each field's dictionary has.
func (c *columnCache) sizes() [nColumns]int {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out [nColumns]int
	for f := range c.dicts {
		out[f] = len(c.dicts[f].terms)
	}
	return out
}

// view is a snapshot's segments with their columns and deletions: what a
// search or a retrieval reads.
type view struct {
	cols    []*columns
	deleted []*roaring.Bitmap
	offsets []uint64 // first snapshot-wide document number of each segment
}

// viewOf returns the view of snap, decoding the columns of segments not seen
// before, and forgets segments the snapshot no longer has.
func (c *columnCache) viewOf(snap *scorch.IndexSnapshot) (*view, error) {
	segs := snap.Segments()
	entries := make([]*columnEntry, len(segs))
	c.mu.Lock()
	for i, ss := range segs {
		e := c.segs[ss.Segment()]
		if e == nil {
			e = &columnEntry{}
			c.segs[ss.Segment()] = e
		}
		entries[i] = e
	}
	if len(c.segs) > 2*len(segs)+8 {
		// Merges replace segments: drop what this snapshot does not use.
		// A reader of an older snapshot holds its own columns already.
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
	v := &view{}
	var at uint64
	for i, e := range entries {
		e.once.Do(func() { e.cols, e.err = c.decode(segs[i].Segment()) })
		if e.err != nil {
			// Forget the failure, so that the next reader tries again.
			c.mu.Lock()
			if c.segs[segs[i].Segment()] == e {
				delete(c.segs, segs[i].Segment())
			}
			c.mu.Unlock()
			return nil, e.err
		}
		v.cols = append(v.cols, e.cols)
		v.deleted = append(v.deleted, segs[i].Deleted())
		// As scorch numbers documents: by segment, deleted ones included.
		v.offsets = append(v.offsets, at)
		at += segs[i].Segment().Count()
	}
	return v, nil
}

// currentView returns the view of the index's current snapshot, and a
// function that releases the snapshot.
func (ix *Index) currentView() (*view, func(), error) {
	adv, err := ix.idx.Advanced()
	if err != nil {
		return nil, nil, fmt.Errorf("search: open snapshot: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, nil, fmt.Errorf("search: open snapshot: %w", err)
	}
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		_ = r.Close()
		return nil, nil, fmt.Errorf("search: columns need a scorch index, not %T", r)
	}
	v, err := ix.cols.viewOf(snap)
	if err != nil {
		_ = r.Close()
		return nil, nil, err
	}
	return v, func() { _ = r.Close() }, nil
}

// locate turns a snapshot-wide document number into a segment and a local
// number; hint is the segment of the previous document (hits come in order).
func (v *view) locate(doc uint64, hint int) (int, uint64) {
	if doc < v.offsets[hint] || (hint+1 < len(v.offsets) && doc >= v.offsets[hint+1]) {
		hint, _ = slices.BinarySearch(v.offsets, doc+1)
		hint--
	}
	return hint, doc - v.offsets[hint]
}

func (v *view) live(seg int, doc uint64) bool {
	d := v.deleted[seg]
	return d == nil || !d.Contains(uint32(doc))
}

// decode reads the doc values of every document of a segment.
func (c *columnCache) decode(seg segment.Segment) (*columns, error) {
	dv, ok := seg.(segment.DocValueVisitable)
	if !ok {
		return nil, fmt.Errorf("search: segment %T has no doc values", seg)
	}
	n := seg.Count()
	cols := &columns{n: n, fixed: make([]uint32, int(n)*nFixed), expires: make([]int64, n), ids: make([]string, n)}
	for i := range cols.lists {
		cols.lists[i].off = make([]uint32, 0, n+1)
	}
	var state segment.DocVisitState
	var err error
	var row []uint32
	var doc uint64
	// Codes local to the segment first, made global under the lock at the
	// end: decoding a large merged segment must not hold up searches.
	var local [nColumns]dict
	for f := range local {
		local[f] = newDict()
	}
	visit := func(field string, term []byte) {
		f := slices.Index(columnFields, field)
		switch {
		case f < 0:
		case f == colExpires:
			// A number has a term per precision; the full one is shift 0.
			if p := numeric.PrefixCoded(term); shift(p) == 0 {
				if i, err := p.Int64(); err == nil {
					cols.expires[doc] = int64(numeric.Int64ToFloat64(i))
				}
			}
		case f < nFixed:
			row[f] = local[f].code(term)
		default:
			l := &cols.lists[f-nFixed]
			l.codes = append(l.codes, local[f].code(term))
		}
	}
	for doc = 0; doc < n; doc++ {
		row = cols.row(doc)
		for i := range cols.lists {
			cols.lists[i].off = append(cols.lists[i].off, uint32(len(cols.lists[i].codes)))
		}
		if state, err = dv.VisitDocValues(doc, columnFields, visit, state); err != nil {
			return nil, fmt.Errorf("search: read doc values: %w", err)
		}
		id, err := seg.DocID(doc)
		if err != nil {
			return nil, fmt.Errorf("search: read document id: %w", err)
		}
		cols.ids[doc] = string(id)
	}
	for i := range cols.lists {
		cols.lists[i].off = append(cols.lists[i].off, uint32(len(cols.lists[i].codes)))
	}
	var global [nColumns][]uint32
	c.mu.Lock()
	for f := range local {
		global[f] = make([]uint32, len(local[f].terms))
		for i, t := range local[f].terms[1:] {
			global[f][i+1] = c.dicts[f].code([]byte(t))
		}
	}
	c.mu.Unlock()
	for i, v := range cols.fixed {
		cols.fixed[i] = global[i%nFixed][v]
	}
	for i := range cols.lists {
		for k, v := range cols.lists[i].codes {
			cols.lists[i].codes[k] = global[nFixed+i][v]
		}
	}
	cols.byType = map[uint32][]uint32{}
	for doc := range n {
		t := cols.fixed[doc*nFixed+colType]
		cols.byType[t] = append(cols.byType[t], uint32(doc))
	}
	return cols, nil
}

func shift(p numeric.PrefixCoded) uint {
	n, err := p.Shift()
	if err != nil {
		return 1 << 10
	}
	return n
}
