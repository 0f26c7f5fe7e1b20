package search

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// Follower keeps an index in step with the store: it reads the change feed
// from the index's checkpoint, re-reads each changed job by key and applies
// the batch together with the new checkpoint. Applying a change twice, or
// after a crash, is harmless: the index always gets the job's current state.
type Follower struct {
	ix    *Index
	feed  jobpath.ChangeFeed
	jobs  jobpath.JobService
	clock jobpath.Clock
	log   *slog.Logger
	// Poll is the pause between reads of the feed once caught up.
	Poll time.Duration
	// BatchSize is how many changes one batch applies at most.
	BatchSize int

	caughtUp atomic.Bool
}

// NewFollower returns a follower of feed for ix.
func NewFollower(ix *Index, feed jobpath.ChangeFeed, jobs jobpath.JobService, clock jobpath.Clock, log *slog.Logger) *Follower {
	return &Follower{ix: ix, feed: feed, jobs: jobs, clock: clock, log: log, Poll: 100 * time.Millisecond, BatchSize: 500}
}

// Ready reports whether the follower has caught up with the feed since it
// started: until then, search results may be stale.
func (f *Follower) Ready() bool { return f.caughtUp.Load() }

// Run follows the feed until ctx ends.
func (f *Follower) Run(ctx context.Context) error {
	for {
		n, err := f.Step(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			f.log.Warn("search follower", "err", err)
		}
		if err != nil || n < f.BatchSize {
			if err == nil {
				f.caughtUp.Store(true)
			}
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(f.Poll):
			}
		}
	}
}

// Step applies one batch of changes and returns how many feed entries it
// consumed; fewer than BatchSize means the index has caught up (or waits
// for a writer still at work).
func (f *Follower) Step(ctx context.Context) (int, error) {
	cp, err := f.ix.Checkpoint()
	if err != nil {
		return 0, err
	}
	changes, err := f.feed.ReadChanges(ctx, cp, f.BatchSize)
	if err != nil {
		return 0, err
	}
	if len(changes) == 0 {
		return 0, nil
	}
	now := f.clock.Now()
	b := f.ix.idx.NewBatch()
	last := cp
	seen := map[string]int64{} // job id -> version read in this batch
	consumed := 0
	for _, ch := range changes {
		if ch.Coll != jobpath.CollJobs {
			last, consumed = ch.Seq, consumed+1
			continue
		}
		if v, ok := seen[ch.DocID]; ok && v >= ch.Version {
			last, consumed = ch.Seq, consumed+1
			continue
		}
		settled, err := f.feed.Settle(ctx, ch)
		if err != nil {
			return consumed, fmt.Errorf("search: settle change %d: %w", ch.Seq, err)
		}
		if !settled {
			break // its writer is still at work: stop here and look again
		}
		j, err := f.jobs.FindJobByID(ctx, ch.DocID)
		switch {
		case jobpath.ErrorCode(err) == jobpath.ENotFound:
			b.Delete(ch.DocID)
			seen[ch.DocID] = ch.Version
		case err != nil:
			return consumed, fmt.Errorf("search: read job %s: %w", ch.DocID, err)
		case searchable(j, now):
			if err := b.Index(j.ID, newJobDoc(j)); err != nil {
				return consumed, fmt.Errorf("search: index job %s: %w", j.ID, err)
			}
			seen[ch.DocID] = j.Version
		default:
			b.Delete(j.ID)
			seen[ch.DocID] = j.Version
		}
		last, consumed = ch.Seq, consumed+1
	}
	if last == cp {
		return 0, nil
	}
	b.SetInternal(keyCheckpoint, []byte(strconv.FormatInt(last, 10)))
	if err := f.ix.idx.Batch(b); err != nil {
		return 0, fmt.Errorf("search: apply batch: %w", err)
	}
	return consumed, nil
}
