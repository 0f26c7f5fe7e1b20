package search

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// Follower keeps an index in step with the store: it reads the change feed
// from the index's checkpoint, re-reads each changed job by key and applies
// the batch together with the new checkpoint (far behind, it re-reads the
// whole board instead: see resync). Applying a change twice, or after a
// crash, is harmless: the index always gets the job's current state. This
// file is the reader's side of the feed protocol (jobpath/feed.go says what
// it relies on), including where a rebuild resumes: see safeCheckpoint.
type Follower struct {
	ix    *Index
	st    Store
	clock jobpath.Clock
	log   *slog.Logger
	// Poll is the pause between reads of the feed once caught up.
	Poll time.Duration
	// BatchSize is how many changes one batch applies at most.
	BatchSize int
	// ResyncAfter is how many feed entries behind the index must be, and
	// more than it holds documents, for CatchUp to re-read the whole board
	// rather than follow the feed; 0 means never.
	ResyncAfter int64

	noResyncUntil time.Time // after a failed resync

	caughtUp atomic.Bool
	failing  atomic.Int32       // consecutive failed steps
	fetched  map[string]fetched // documents of the batch at hand, read ahead
}

// fetched is a document read ahead of its change.
type fetched struct {
	job     *jobpath.Job
	profile *jobpath.Profile
	err     error
}

// readers is how many documents a batch reads at once: the reads are point
// reads whose round trips overlap, while bleve indexes on the other core.
const readers = 4

// prefetch reads the documents a batch of changes names, concurrently.
func (f *Follower) prefetch(ctx context.Context, changes []jobpath.Change) map[string]fetched {
	type key struct{ coll, id string }
	var keys []key
	seen := map[key]bool{}
	for _, ch := range changes {
		k := key{ch.Coll, ch.DocID}
		if (ch.Coll == jobpath.CollJobs || ch.Coll == jobpath.CollProfiles) && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	results := make([]fetched, len(keys))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(readers, len(keys)) {
		wg.Go(func() {
			for i := range next {
				results[i] = f.read(ctx, keys[i].coll, keys[i].id)
			}
		})
	}
	for i := range keys {
		next <- i
	}
	close(next)
	wg.Wait()
	out := make(map[string]fetched, len(keys))
	for i, k := range keys {
		out[k.coll+"/"+k.id] = results[i]
	}
	return out
}

// NewFollower returns a follower of feed for ix.
func NewFollower(ix *Index, st Store, clock jobpath.Clock, log *slog.Logger) *Follower {
	return &Follower{ix: ix, st: st, clock: clock, log: log, Poll: 100 * time.Millisecond, BatchSize: 500, ResyncAfter: 10_000}
}

// Ready reports whether the follower has caught up with the feed since it
// started and is not stuck failing: otherwise search results may be stale.
func (f *Follower) Ready() bool { return f.caughtUp.Load() && f.failing.Load() < 3 }

// Run follows the feed until ctx ends.
func (f *Follower) Run(ctx context.Context) error {
	for {
		_, err := f.CatchUp(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			n := f.failing.Add(1)
			cp, _ := f.ix.Checkpoint()
			f.log.Warn("search follower cannot apply the feed", "err", err, "checkpoint", cp, "failures", n)
		} else {
			f.failing.Store(0)
			f.caughtUp.Store(true)
		}
		if err := f.ix.warm(); err != nil {
			f.log.Warn("search follower cannot decode columns", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(f.Poll):
		}
	}
}

// CatchUp applies batches until one is short of BatchSize (the index has
// caught up, or waits for a writer still at work) and returns how many feed
// entries it consumed. While bleve applies one batch, the next is read: the
// reads are the store's work and bleve's is its own, and two cores can do
// both at once. Far behind, it re-reads the board first (see resync).
func (f *Follower) CatchUp(ctx context.Context) (int, error) {
	cp, board, err := f.position()
	if err != nil {
		return 0, err
	}
	total := 0
	far, err := f.farBehind(ctx, cp)
	if err != nil {
		return 0, err
	}
	if far {
		to, n, err := f.resync(ctx, cp, board)
		if err != nil {
			return 0, err
		}
		total, cp, board = int(to-cp), to, n
	}
	p, err := f.prepare(ctx, cp, board)
	for p != nil {
		applied := make(chan error, 1)
		go func(p *pending) { applied <- f.apply(p) }(p)
		var next *pending
		var nextErr error
		if p.consumed == f.BatchSize {
			next, nextErr = f.prepare(ctx, p.last, p.board)
		}
		if err := <-applied; err != nil {
			return total, err
		}
		total += p.consumed
		p, err = next, nextErr
	}
	return total, err
}

// position is the index's checkpoint and its bound on the store's jobs and
// profiles there. An index made before the bound was kept counts what it
// holds instead, which leaves out hidden documents: it may re-read the
// board once too early, and keeps the bound from then on.
func (f *Follower) position() (cp, board int64, err error) {
	if cp, err = f.ix.Checkpoint(); err != nil {
		return 0, 0, err
	}
	board, ok, err := f.ix.board()
	if err != nil || ok {
		return cp, board, err
	}
	held, err := f.ix.idx.DocCount()
	if err != nil {
		return 0, 0, fmt.Errorf("search: count documents: %w", err)
	}
	return cp, int64(held), nil
}

// farBehind reports whether the feed runs ResyncAfter entries or more past
// checkpoint cp: one point read, made on every catch-up.
func (f *Follower) farBehind(ctx context.Context, cp int64) (bool, error) {
	if f.ResyncAfter <= 0 || f.clock.Now().Before(f.noResyncUntil) {
		return false, nil
	}
	far, err := f.st.ReadChanges(ctx, cp+f.ResyncAfter-1, 1)
	if err != nil {
		return false, fmt.Errorf("search: feed: %w", err)
	}
	return len(far) > 0, nil
}

// resync brings an index far behind the feed up to date in place, from one
// scan of the store, and returns its new checkpoint and board bound. A feed
// entry and the point read of its document cost about four times what a
// scan pays for a document, and the store holds at most its board at the
// checkpoint plus one document per entry since: with more entries to skip
// than that board, the scan reads fewer than twice as many documents as
// following would, and wins. As in a rebuild, the checkpoint goes back over
// entries young enough that their writers may still be at work, and the
// follower replays those; like a rebuild, it relies on a writer that passed
// its staleness check writing its document within the window. Documents the
// scan does not index are deleted, and the checkpoint moves, in the last
// batch: a crash before it leaves the old checkpoint, from which following
// is as right as before. After a failed scan, following takes over for a
// while rather than scanning again at every poll.
func (f *Follower) resync(ctx context.Context, from, board int64) (int64, int64, error) {
	start := f.clock.Now()
	cp, err := safeCheckpoint(ctx, f.st, start)
	if err != nil {
		return 0, 0, err
	}
	if cp-from < f.ResyncAfter || cp-from <= board {
		return from, board, nil // cheaper to follow
	}
	unseen, err := f.ix.docIDs()
	if err != nil {
		return 0, 0, err
	}
	f.log.Info("search index far behind the feed; re-reading the board", "checkpoint", from, "resume", cp, "board", board)
	fl := &fill{idx: f.ix.idx, st: f.st, tax: f.ix.tax, now: start, unseen: unseen, applied: f.ix.forgetAll}
	if err := fl.run(ctx); err != nil {
		f.noResyncUntil = f.clock.Now().Add(resyncPause)
		return 0, 0, fmt.Errorf("search: resync: %w", err)
	}
	b := f.ix.idx.NewBatch()
	for id := range unseen {
		b.Delete(id)
	}
	b.SetInternal(keyCheckpoint, []byte(strconv.FormatInt(cp, 10)))
	b.SetInternal(keyBoard, []byte(strconv.Itoa(fl.scanned)))
	if err := f.ix.idx.Batch(b); err != nil {
		return 0, 0, fmt.Errorf("search: apply resync: %w", err)
	}
	f.ix.forgetAll()
	return cp, int64(fl.scanned), nil
}

// safeCheckpoint is the feed position a rebuild starting at start may resume
// from: the head, moved back over entries young enough that their writer may
// not have written its document yet. Entries are stamped as they are
// appended, so their age falls with their number: the last old entry is
// found by galloping back from the head, then bisecting, in a few dozen reads
// even after a bulk import of thousands. Where clocks disagree, bisecting can
// only land on an older entry than a walk back would, which replays more.
func safeCheckpoint(ctx context.Context, feed jobpath.ChangeFeed, start time.Time) (int64, error) {
	head, err := feed.HeadChange(ctx)
	if err != nil {
		return 0, fmt.Errorf("search: feed head: %w", err)
	}
	const window = 2 * jobpath.StaleClaim
	old := func(seq int64) (bool, error) {
		chs, err := feed.ReadChanges(ctx, seq-1, 1)
		if err != nil {
			return false, fmt.Errorf("search: feed: %w", err)
		}
		return len(chs) == 0 || start.Sub(chs[0].At) > window, nil
	}
	// Invariant: lo is old (or 0, before the feed), hi is young (or past the head).
	lo, hi := int64(0), head+1
	for step := int64(1); ; step *= 2 {
		p := hi - step
		if p <= 0 {
			break
		}
		ok, err := old(p)
		if err != nil {
			return 0, err
		}
		if ok {
			lo = p
			break
		}
		hi = p
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		ok, err := old(mid)
		if err != nil {
			return 0, err
		}
		if ok {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo, nil
}

// resyncPause is how long a follower whose scan failed follows change by
// change before it scans again.
const resyncPause = 10 * time.Minute

// Step applies one batch of changes and returns how many feed entries it
// consumed; fewer than BatchSize means the index has caught up (or waits
// for a writer still at work).
func (f *Follower) Step(ctx context.Context) (int, error) {
	cp, board, err := f.position()
	if err != nil {
		return 0, err
	}
	p, err := f.prepare(ctx, cp, board)
	if p == nil {
		return 0, err
	}
	if err := f.apply(p); err != nil {
		return 0, err
	}
	return p.consumed, nil
}

// pending is a batch read from the feed, not yet applied.
type pending struct {
	b        *bleve.Batch
	last     int64            // the checkpoint it moves to
	seen     map[string]int64 // coll/id -> version read
	consumed int
	board    int64 // the bound on the store's documents at last
}

// prepare reads the changes after checkpoint cp and the documents they name
// into a batch; nil when there is nothing to apply. board bounds the store's
// documents at cp; every first version in the batch may add one.
func (f *Follower) prepare(ctx context.Context, cp, board int64) (*pending, error) {
	changes, err := f.st.ReadChanges(ctx, cp, f.BatchSize)
	if err != nil {
		return nil, err
	}
	if len(changes) == 0 {
		return nil, nil
	}
	now := f.clock.Now()
	read := f.prefetch(ctx, changes)
	p := &pending{b: f.ix.idx.NewBatch(), last: cp, seen: map[string]int64{}, board: board}
	for _, ch := range changes {
		if ch.Coll != jobpath.CollJobs && ch.Coll != jobpath.CollProfiles {
			p.last, p.consumed = ch.Seq, p.consumed+1
			continue
		}
		key := ch.Coll + "/" + ch.DocID
		if v, ok := p.seen[key]; ok && v >= ch.Version {
			p.last, p.consumed = ch.Seq, p.consumed+1
			continue
		}
		if ch.Version == 1 {
			p.board++
		}
		// Read the document once; only when it is behind the change is its
		// writer still at work (or dead), which Settle sorts out.
		version, err := f.applyChange(ctx, p.b, ch, now, read)
		if err != nil {
			return nil, err
		}
		if version < ch.Version {
			settled, err := f.st.Settle(ctx, ch)
			if err != nil {
				return nil, fmt.Errorf("search: settle change %d: %w", ch.Seq, err)
			}
			if !settled {
				break // its writer is still at work: stop here and look again
			}
			if version, err = f.applyChange(ctx, p.b, ch, now, nil); err != nil {
				return nil, err
			}
		}
		p.seen[key] = max(version, ch.Version)
		p.last, p.consumed = ch.Seq, p.consumed+1
	}
	if p.last == cp {
		return nil, nil
	}
	p.b.SetInternal(keyCheckpoint, []byte(strconv.FormatInt(p.last, 10)))
	p.b.SetInternal(keyBoard, []byte(strconv.FormatInt(p.board, 10)))
	return p, nil
}

// apply writes a prepared batch, with its checkpoint, to the index.
func (f *Follower) apply(p *pending) error {
	if err := f.ix.idx.Batch(p.b); err != nil {
		return fmt.Errorf("search: apply batch: %w", err)
	}
	// Forget cached copies of what changed, after the batch is visible and
	// with the generation moved on, so no older read can be cached again.
	f.ix.gen.Add(1)
	for key := range p.seen {
		if id, ok := strings.CutPrefix(key, jobpath.CollJobs+"/"); ok {
			f.ix.jobs.Delete(id)
		}
		if id, ok := strings.CutPrefix(key, jobpath.CollProfiles+"/"); ok {
			f.ix.candidates.Delete(candidateID(id))
		}
	}
	return nil
}

// applyChange adds the current state of the document ch names to the
// batch: a job is indexed while published, a profile while discoverable, and
// either is deleted otherwise (so that switching discoverable off takes a
// candidate out of every search). It returns the version read. read holds
// the documents read ahead; nil means the change was settled, so the
// document is read afresh and taken as it is even when behind.
func (f *Follower) applyChange(ctx context.Context, b *bleve.Batch, ch jobpath.Change, now time.Time, read map[string]fetched) (int64, error) {
	settled := read == nil
	r, ok := read[ch.Coll+"/"+ch.DocID]
	if !ok {
		r = f.read(ctx, ch.Coll, ch.DocID)
	}
	id, version, doc := f.entry(ch, r, now)
	switch {
	case jobpath.CodeOf(r.err) == jobpath.ENotFound:
		if settled {
			b.Delete(id)
			return ch.Version, nil
		}
		return 0, nil
	case r.err != nil:
		return 0, fmt.Errorf("search: read %s %s: %w", ch.Coll, ch.DocID, r.err)
	case version < ch.Version && !settled:
		return version, nil
	case doc != nil:
		if err := b.Index(id, doc); err != nil {
			return 0, fmt.Errorf("search: index %s %s: %w", ch.Coll, ch.DocID, err)
		}
	default:
		b.Delete(id)
	}
	return max(version, ch.Version), nil
}

// read reads the document a change names.
func (f *Follower) read(ctx context.Context, coll, id string) fetched {
	var r fetched
	if coll == jobpath.CollJobs {
		r.job, r.err = f.st.FindJobByID(ctx, id)
	} else {
		r.profile, r.err = f.st.FindProfile(ctx, id)
	}
	return r
}

// entry is what the index holds for a document read: its index id, its
// version, and the document to index, nil when it belongs in no search.
func (f *Follower) entry(ch jobpath.Change, r fetched, now time.Time) (id string, version int64, doc any) {
	if ch.Coll == jobpath.CollJobs {
		if r.err != nil {
			return ch.DocID, 0, nil
		}
		if searchable(r.job, now) {
			doc = newJobDoc(r.job)
		}
		return ch.DocID, r.job.Version, doc
	}
	id = candidateID(ch.DocID)
	if r.err != nil {
		return id, 0, nil
	}
	if r.profile.Discoverable {
		doc = newCandidateDoc(r.profile, f.ix.tax.Expand)
	}
	return id, r.profile.Version, doc
}
