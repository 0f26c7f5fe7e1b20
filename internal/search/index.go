package search

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/skills"
)

// Keys of the index's internal metadata. The checkpoint is written in the
// same batch as the documents it covers, so the two never disagree.
var (
	keyCheckpoint = []byte("jobpath.checkpoint")
	keyMapping    = []byte("jobpath.mapping")
	keyFeed       = []byte("jobpath.feed")
	// keyBoard bounds from above how many jobs and profiles the store held
	// at the checkpoint, hidden ones too: what a scan would read.
	keyBoard = []byte("jobpath.board")
)

// Store is what an index is derived from.
type Store interface {
	jobpath.ChangeFeed
	jobpath.JobService
	jobpath.JobScanner
	jobpath.ProfileService
	jobpath.ProfileScanner
}

// Index is the search index of one process: published jobs and
// discoverable candidates.
type Index struct {
	idx   bleve.Index
	path  string
	tax   *skills.Taxonomy
	close sync.Once
	// jobs caches the scoring fields of jobs read for matching, by id;
	// gen counts applied batches, so that a copy read before a batch is
	// never cached after it.
	jobs       sync.Map // job id -> *jobpath.Job
	candidates sync.Map // candidate document id -> jobpath.RetrievedCandidate
	gen        atomic.Int64
	// cols holds the decoded keyword columns of the index's segments.
	cols *columnCache
}

func newIndex(idx bleve.Index, path string, tax *skills.Taxonomy) *Index {
	return &Index{idx: idx, path: path, tax: tax, cols: newColumnCache()}
}

const indexName = "index.bleve"

// OpenOrRebuild opens the jobs index under dir, rebuilding it from the store
// when it is missing, unreadable or of another mapping version. progress,
// when not nil, is told the number of jobs scanned so far.
func OpenOrRebuild(ctx context.Context, dir string, st Store, tax *skills.Taxonomy, clock jobpath.Clock, log *slog.Logger, progress func(n int)) (*Index, error) {
	path := filepath.Join(dir, indexName)
	if idx, err := bleve.Open(path); err == nil {
		ix := newIndex(idx, path, tax)
		reason, err := ix.stale(ctx, st)
		if err != nil {
			_ = idx.Close()
			return nil, err
		}
		if reason == "" {
			return ix, nil
		}
		log.Warn("search index is not this store's; rebuilding", "path", path, "reason", reason)
		_ = idx.Close()
	} else if !errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		log.Warn("search index unreadable; rebuilding", "path", path, "err", err)
	}
	return Rebuild(ctx, dir, st, tax, clock, progress)
}

// Rebuild builds the jobs index under dir from the store, replacing any
// index there. Changes made while it scans are applied by the follower
// afterwards: the checkpoint is set before the scan, and back far enough to
// cover writers still between their feed entry and their document write.
func Rebuild(ctx context.Context, dir string, st Store, tax *skills.Taxonomy, clock jobpath.Clock, progress func(n int)) (*Index, error) {
	// Build beside the old index and swap only once the new one is whole:
	// a failed or interrupted rebuild leaves the old one in place.
	final := filepath.Join(dir, indexName)
	path := final + ".new"
	if err := os.RemoveAll(path); err != nil {
		return nil, fmt.Errorf("search: remove unfinished index: %w", err)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	start := clock.Now()
	feedID, err := st.FeedID(ctx)
	if err != nil {
		return nil, fmt.Errorf("search: feed id: %w", err)
	}
	checkpoint, err := safeCheckpoint(ctx, st, start)
	if err != nil {
		return nil, err
	}
	idx, err := bleve.New(path, indexMapping())
	if err != nil {
		return nil, fmt.Errorf("search: create index: %w", err)
	}
	fl := &fill{idx: idx, st: st, tax: tax, now: start, progress: progress}
	err = fl.run(ctx)
	if err == nil {
		b := idx.NewBatch()
		b.SetInternal(keyCheckpoint, []byte(strconv.FormatInt(checkpoint, 10)))
		b.SetInternal(keyMapping, []byte(MappingVersion))
		b.SetInternal(keyFeed, []byte(feedID))
		b.SetInternal(keyBoard, []byte(strconv.Itoa(fl.scanned)))
		err = idx.Batch(b)
	}
	if err != nil {
		_ = idx.Close()
		_ = os.RemoveAll(path)
		return nil, fmt.Errorf("search: rebuild: %w", err)
	}
	if err := idx.Close(); err != nil {
		return nil, fmt.Errorf("search: rebuild: %w", err)
	}
	if err := os.RemoveAll(final); err != nil {
		return nil, fmt.Errorf("search: remove old index: %w", err)
	}
	if err := os.Rename(path, final); err != nil {
		return nil, fmt.Errorf("search: swap in the new index: %w", err)
	}
	if idx, err = bleve.Open(final); err != nil {
		return nil, fmt.Errorf("search: open the new index: %w", err)
	}
	return newIndex(idx, final, tax), nil
}

// rebuildBatch is how many documents a rebuild indexes per bleve batch.
const rebuildBatch = 1000

// fill is one pass over the store's jobs and profiles into an index.
type fill struct {
	idx bleve.Index
	st  Store
	tax *skills.Taxonomy
	now time.Time
	// progress, when not nil, is told the number of documents scanned.
	progress func(n int)
	// unseen, when not nil, loses the id of every document indexed; it is
	// the scan's alone until run returns.
	unseen map[string]bool
	// applied, when not nil, is called after each batch is applied.
	applied func()
	// scanned is how many documents the scan read, once run returns.
	scanned int
}

// run scans the store in one goroutine while bleve indexes the batches it
// fills in another.
func (fl *fill) run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// The scan may run a few batches ahead: bleve builds each segment on
	// one core after analysing on both, and the scan can use the other.
	batches := make(chan *bleve.Batch, 4)
	var n int
	var scanErr error
	go func() {
		defer close(batches)
		b := fl.idx.NewBatch()
		add := func(id string, doc any) error {
			if doc != nil {
				if err := b.Index(id, doc); err != nil {
					return fmt.Errorf("search: index %s: %w", id, err)
				}
				if fl.unseen != nil {
					delete(fl.unseen, id)
				}
			}
			n++
			if fl.progress != nil && n%500 == 0 {
				fl.progress(n)
			}
			if b.Size() < rebuildBatch {
				return nil
			}
			select {
			case batches <- b:
			case <-ctx.Done():
				return ctx.Err()
			}
			b = fl.idx.NewBatch()
			return nil
		}
		scanErr = fl.st.EachJob(ctx, func(j *jobpath.Job) error {
			if searchable(j, fl.now) {
				return add(j.ID, newJobDoc(j))
			}
			return add("", nil)
		})
		if scanErr == nil {
			scanErr = fl.st.EachProfile(ctx, func(p *jobpath.Profile) error {
				if p.Discoverable {
					return add(candidateID(p.UserID), newCandidateDoc(p, fl.tax.Expand))
				}
				return add("", nil)
			})
		}
		if scanErr == nil && b.Size() > 0 {
			select {
			case batches <- b:
			case <-ctx.Done():
				scanErr = ctx.Err()
			}
		}
	}()
	var indexErr error
	for b := range batches {
		if indexErr != nil {
			continue // drain, so the scan can see the cancel and stop
		}
		if err := fl.idx.Batch(b); err != nil {
			indexErr = fmt.Errorf("search: index batch: %w", err)
			cancel()
			continue
		}
		if fl.applied != nil {
			fl.applied()
		}
	}
	fl.scanned = n
	if fl.progress != nil {
		fl.progress(n)
	}
	// The channel is closed: the scan is over and its results are visible.
	if indexErr != nil {
		return indexErr
	}
	return scanErr
}

// stale says why an existing index cannot be followed from its checkpoint:
// another mapping, another store's feed, or a checkpoint past the feed's head
// (a wiped store). "" means it can.
func (ix *Index) stale(ctx context.Context, st Store) (string, error) {
	if v, err := ix.idx.GetInternal(keyMapping); err != nil || string(v) != MappingVersion {
		return fmt.Sprintf("mapping %q, want %q", v, MappingVersion), nil
	}
	id, err := st.FeedID(ctx)
	if err != nil {
		return "", fmt.Errorf("search: feed id: %w", err)
	}
	if v, err := ix.idx.GetInternal(keyFeed); err != nil || string(v) != id {
		return "built from another store", nil
	}
	cp, err := ix.Checkpoint()
	if err != nil {
		return "unreadable checkpoint", nil
	}
	head, err := st.HeadChange(ctx)
	if err != nil {
		return "", fmt.Errorf("search: feed head: %w", err)
	}
	if cp > head {
		return fmt.Sprintf("checkpoint %d is past the feed's head %d", cp, head), nil
	}
	return "", nil
}

// searchable reports whether j belongs in the index at now.
func searchable(j *jobpath.Job, now time.Time) bool {
	return j.EffectiveStatus(now) == jobpath.StatusPublished
}

// board is the bound kept under keyBoard; ok is false for an index made
// before it was kept.
func (ix *Index) board() (n int64, ok bool, err error) {
	v, err := ix.idx.GetInternal(keyBoard)
	if err != nil {
		return 0, false, fmt.Errorf("search: read board size: %w", err)
	}
	if len(v) == 0 {
		return 0, false, nil
	}
	n, err = strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		return 0, false, fmt.Errorf("search: board size %q: %w", v, err)
	}
	return n, true, nil
}

// Checkpoint is the feed position the index reflects.
func (ix *Index) Checkpoint() (int64, error) {
	v, err := ix.idx.GetInternal(keyCheckpoint)
	if err != nil {
		return 0, fmt.Errorf("search: read checkpoint: %w", err)
	}
	if len(v) == 0 {
		return 0, nil
	}
	n, err := strconv.ParseInt(string(v), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("search: checkpoint %q: %w", v, err)
	}
	return n, nil
}

// Close closes the index; closing it again does nothing (bleve panics).
func (ix *Index) Close() error {
	var err error
	ix.close.Do(func() { err = ix.idx.Close() })
	if err != nil {
		return fmt.Errorf("search: close: %w", err)
	}
	return nil
}

// Versions lists every document of a type ("job" or "candidate") with the
// version it holds: for checking an index against the store.
func (ix *Index) Versions(ctx context.Context, docType string) (map[string]int64, error) {
	out := map[string]int64{}
	const page = 1000
	var after []string
	for {
		t := bleve.NewTermQuery(docType)
		t.SetField("type")
		req := bleve.NewSearchRequestOptions(t, page, 0, false)
		req.Fields = []string{"version"}
		req.SortBy([]string{"_id"})
		if after != nil {
			req.SearchAfter = after
		}
		res, err := ix.idx.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("search: list versions: %w", err)
		}
		for _, h := range res.Hits {
			v, _ := h.Fields["version"].(float64)
			out[h.ID] = int64(v)
		}
		if len(res.Hits) < page {
			return out, nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// docIDs lists the id of every document the index holds.
func (ix *Index) docIDs() (map[string]bool, error) {
	adv, err := ix.idx.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search: list documents: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("search: list documents: %w", err)
	}
	defer r.Close()
	all, err := r.DocIDReaderAll()
	if err != nil {
		return nil, fmt.Errorf("search: list documents: %w", err)
	}
	defer all.Close()
	out := map[string]bool{}
	for {
		id, err := all.Next()
		if err != nil {
			return nil, fmt.Errorf("search: list documents: %w", err)
		}
		if id == nil {
			return out, nil
		}
		ext, err := r.ExternalID(id)
		if err != nil {
			return nil, fmt.Errorf("search: list documents: %w", err)
		}
		out[ext] = true
	}
}

// forgetAll drops every cached copy, after a batch that may have changed
// any document, with the generation moved on so no older read is cached.
func (ix *Index) forgetAll() {
	ix.gen.Add(1)
	ix.jobs.Clear()
	ix.candidates.Clear()
}

// CountOf is the number of documents of a type ("job" or "candidate").
func (ix *Index) CountOf(ctx context.Context, docType string) (uint64, error) {
	res, err := ix.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(term("type", docType), 0, 0, false))
	if err != nil {
		return 0, fmt.Errorf("search: count %s: %w", docType, err)
	}
	return res.Total, nil
}
