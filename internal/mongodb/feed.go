package mongodb

// The store's side of the change feed, and versioned writes of jobs and
// profiles. What followers may rely on is in internal/jobpath/feed.go.
//
// Constraints: the embedded store (FerretDB v1 on SQLite) has no
// multi-document transactions and no change streams; its updates are
// read-modify-write without isolation, so neither a conditional update
// ({_id, version}) nor $inc is atomic under concurrent writers. The only
// atomic primitive both it and MongoDB offer is the insert of a unique _id.
// The design is built on that alone, and reads only by _id.
//
// A versioned write of document D (collection C) from version v to v+1 is three
// single-document writes, in this order:
//
//  1. Claim: insert {_id: "C/D/v+1", doc: <the whole new document>, at} into
//     claims. Exactly one writer can claim a version, so this is the
//     compare-and-set behind If-Match: the loser gets EPrecondition.
//  2. Feed entry: insert {_id: seq, coll: C, doc_id: D, version: v+1, claim}
//     into changes, where seq is a zero-padded sequence number. A writer tries
//     head+1, where head is the highest number it knows to be taken (by its
//     own insert, a duplicate-key answer, or a probe); on a duplicate it moves
//     up by one. A number is therefore only ever taken by a committed insert,
//     and a writer takes n only after seeing n-1 taken: the feed is dense.
//     There is no counter whose numbers could commit out of order and leave a
//     reader to skip a gap that is filled later; a reader that finds n missing
//     knows nothing after n exists yet.
//  3. Document: replace D (insert when v+1 = 1). Only now is the write
//     acknowledged.
//
// A writer that dies between the steps leaves a claim ahead of the document.
// The claim holds the whole new document, so anyone can finish the write
// ("roll forward"): the follower that meets a feed entry whose document is
// still behind waits for the claim to grow stale, then writes it; a writer that
// loses a claim to a stale one rolls it forward (adding a feed entry, in case
// a follower passed the dead writer's) before answering EPrecondition. Rolling forward twice
// writes the same bytes twice. A writer gives up, unacknowledged, if its own
// claim went stale before its document write, so that a paused writer does not
// overwrite a later version that a roll-forward let through.
//
// Claims double as the revision history of every job and profile.

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/jobpath/jobpath/internal/jobpath"
)

type changeDoc struct {
	ID      string    `bson:"_id"`
	Coll    string    `bson:"coll"`
	DocID   string    `bson:"doc_id"`
	Version int64     `bson:"version"`
	Claim   string    `bson:"claim"`
	At      time.Time `bson:"at"`
}

type claimDoc struct {
	ID      string    `bson:"_id"`
	Coll    string    `bson:"coll"`
	DocID   string    `bson:"doc_id"`
	Version int64     `bson:"version"`
	At      time.Time `bson:"at"`
	Doc     bson.Raw  `bson:"doc"`
}

// Feed appends to and reads the change feed.
type Feed struct {
	db    *mongo.Database
	clock jobpath.Clock

	// appendMu makes this process's writers take sequence numbers one at a
	// time. Racing for the same number is correct but, with N writers, costs
	// O(N) failed inserts per entry, and SQLite's busy back-off turns those
	// into multi-second tails. Writers in other processes still race, rarely.
	appendMu sync.Mutex

	mu     sync.Mutex
	head   int64 // highest sequence number known to be taken
	probed bool
}

func newFeed(db *mongo.Database, clock jobpath.Clock) *Feed {
	return &Feed{db: db, clock: clock}
}

func seqID(n int64) string { return fmt.Sprintf("%016d", n) }

func claimID(coll, id string, version int64) string {
	return coll + "/" + id + "/" + strconv.FormatInt(version, 10)
}

// readAhead is how many feed entries Read fetches at once: point reads are
// cheap but many, and concurrent ones overlap their round trips.
const readAhead = 8

// Read returns up to limit changes after sequence number after, in order. It
// stops at the first missing number: the feed is dense, so nothing later
// exists yet.
func (f *Feed) Read(ctx context.Context, after int64, limit int) ([]jobpath.Change, error) {
	var out []jobpath.Change
	for next := after + 1; len(out) < limit; {
		window := min(readAhead, limit-len(out))
		got := make([]*changeDoc, window)
		errs := make([]error, window)
		var wg sync.WaitGroup
		for i := range window {
			wg.Go(func() {
				var d changeDoc
				err := f.db.Collection(collChanges).FindOne(ctx, bson.D{{Key: "_id", Value: seqID(next + int64(i))}}).Decode(&d)
				switch {
				case errors.Is(err, mongo.ErrNoDocuments):
				case err != nil:
					errs[i] = err
				default:
					got[i] = &d
				}
			})
		}
		wg.Wait()
		for i := range window {
			if errs[i] != nil {
				return out, fmt.Errorf("mongodb: read change %d: %w", next+int64(i), errs[i])
			}
			if got[i] == nil {
				f.observeLast(out)
				return out, nil
			}
			d := got[i]
			out = append(out, jobpath.Change{Seq: next + int64(i), Coll: d.Coll, DocID: d.DocID, Version: d.Version, Claim: d.Claim, At: d.At})
		}
		next += int64(window)
	}
	f.observeLast(out)
	return out, nil
}

func (f *Feed) observeLast(out []jobpath.Change) {
	if len(out) > 0 {
		f.observe(out[len(out)-1].Seq)
	}
}

// Head returns the highest sequence number in the feed, found by point reads
// (exponential then binary search), since the feed is dense.
func (f *Feed) Head(ctx context.Context) (int64, error) {
	f.mu.Lock()
	lo := f.head
	f.mu.Unlock()
	exists := func(n int64) (bool, error) {
		err := f.db.Collection(collChanges).FindOne(ctx, bson.D{{Key: "_id", Value: seqID(n)}}).Err()
		if errors.Is(err, mongo.ErrNoDocuments) {
			return false, nil
		}
		return err == nil, err
	}
	// Invariant: lo is taken (or 0), hi is not.
	hi := lo + 1
	for {
		ok, err := exists(hi)
		if err != nil {
			return 0, fmt.Errorf("mongodb: probe feed head: %w", err)
		}
		if !ok {
			break
		}
		lo, hi = hi, hi+(hi-lo)*2
	}
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		ok, err := exists(mid)
		if err != nil {
			return 0, fmt.Errorf("mongodb: probe feed head: %w", err)
		}
		if ok {
			lo = mid
		} else {
			hi = mid
		}
	}
	f.observe(lo)
	return lo, nil
}

func (f *Feed) observe(n int64) {
	f.mu.Lock()
	if n > f.head {
		f.head = n
	}
	f.mu.Unlock()
}

func (f *Feed) next(ctx context.Context) (int64, error) {
	f.mu.Lock()
	probed := f.probed
	f.mu.Unlock()
	if !probed {
		if _, err := f.Head(ctx); err != nil {
			return 0, err
		}
		f.mu.Lock()
		f.probed = true
		f.mu.Unlock()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.head + 1, nil
}

// append adds an entry for claim c and returns its sequence number.
func (f *Feed) append(ctx context.Context, c *claimDoc) (int64, error) {
	f.appendMu.Lock()
	defer f.appendMu.Unlock()
	n, err := f.next(ctx)
	if err != nil {
		return 0, err
	}
	for {
		_, err := f.db.Collection(collChanges).InsertOne(ctx, changeDoc{
			ID: seqID(n), Coll: c.Coll, DocID: c.DocID, Version: c.Version, Claim: c.ID, At: f.clock.Now(),
		})
		if err == nil {
			f.observe(n)
			return n, nil
		}
		if !mongo.IsDuplicateKeyError(err) {
			return 0, fmt.Errorf("mongodb: append change: %w", err)
		}
		f.observe(n)
		n++
	}
}

// writeVersion stores doc (whose _id is id) in coll as version, the one after
// the version the caller read. See the top of this file.
func (s *Store) writeVersion(ctx context.Context, coll, id string, version int64, doc any) error {
	raw, err := bson.Marshal(doc)
	if err != nil {
		return fmt.Errorf("mongodb: encode %s %q: %w", coll, id, err)
	}
	c := &claimDoc{ID: claimID(coll, id, version), Coll: coll, DocID: id, Version: version, At: s.clock.Now(), Doc: raw}
	if _, err := s.db.Collection(collClaims).InsertOne(ctx, c); err != nil {
		if !mongo.IsDuplicateKeyError(err) {
			return fmt.Errorf("mongodb: claim %s: %w", c.ID, err)
		}
		if err := s.settleClaim(ctx, c.ID); err != nil {
			return err
		}
		return &jobpath.Error{Code: jobpath.EPrecondition, Message: "the document was changed by someone else; read it again"}
	}
	if _, err := s.feed.append(ctx, c); err != nil {
		return err
	}
	if s.clock.Now().Sub(c.At) > jobpath.StaleClaim/2 {
		return &jobpath.Error{Code: jobpath.EUnavailable, Message: "the write took too long; read the document again", Err: errors.New("own claim went stale")}
	}
	if err := s.applyClaim(ctx, c); err != nil {
		return err
	}
	return s.repairLateWrite(ctx, c)
}

// repairLateWrite undoes a write that landed after a newer version: when a
// writer's document write is delayed past the point where its claim was
// rolled forward and a later version written, its write puts the older
// version back. A claim for a later version means that may have happened;
// unless the document is already there, the newest claimed version is
// written again, with a feed entry so that followers re-read it. It costs
// one point read when nothing happened.
func (s *Store) repairLateWrite(ctx context.Context, c *claimDoc) error {
	var newest *claimDoc
	for v := c.Version + 1; ; v++ {
		var next claimDoc
		err := s.findByID(ctx, collClaims, claimID(c.Coll, c.DocID, v), &next, "claim")
		if jobpath.CodeOf(err) == jobpath.ENotFound {
			break
		}
		if err != nil {
			return err
		}
		newest = &next
	}
	if newest == nil {
		return nil
	}
	var cur struct {
		Version int64 `bson:"version"`
	}
	if err := s.findByID(ctx, c.Coll, c.DocID, &cur, c.Coll); err != nil {
		return err
	}
	if cur.Version >= newest.Version {
		return nil
	}
	// A claim's content is the canonical document of its version, so writing
	// it on its writer's behalf is safe: that writer would write the same
	// bytes, and runs this repair after its own write in turn.
	if _, err := s.feed.append(ctx, newest); err != nil {
		return err
	}
	return s.applyClaim(ctx, newest)
}

// applyClaim writes the claimed document unless the stored one is already at
// or past the claim's version.
func (s *Store) applyClaim(ctx context.Context, c *claimDoc) error {
	if c.Version == 1 {
		_, err := s.db.Collection(c.Coll).InsertOne(ctx, c.Doc)
		if err != nil && !mongo.IsDuplicateKeyError(err) {
			return fmt.Errorf("mongodb: insert %s %q: %w", c.Coll, c.DocID, err)
		}
		return nil
	}
	res, err := s.db.Collection(c.Coll).ReplaceOne(ctx, bson.D{{Key: "_id", Value: c.DocID}}, c.Doc)
	if err != nil {
		return fmt.Errorf("mongodb: replace %s %q: %w", c.Coll, c.DocID, err)
	}
	if res.MatchedCount == 0 {
		return jobpath.Errorf(jobpath.ENotFound, "not found")
	}
	return nil
}

// settleClaim rolls the claim with _id id forward when its writer evidently
// died: it is stale and its document is still behind it.
func (s *Store) settleClaim(ctx context.Context, id string) error {
	var c claimDoc
	if err := s.findByID(ctx, collClaims, id, &c, "claim"); err != nil {
		return err
	}
	if s.clock.Now().Sub(c.At) < jobpath.StaleClaim {
		return nil
	}
	var cur struct {
		Version int64 `bson:"version"`
	}
	err := s.findByID(ctx, c.Coll, c.DocID, &cur, c.Coll)
	switch {
	case jobpath.CodeOf(err) == jobpath.ENotFound:
	case err != nil:
		return err
	case cur.Version >= c.Version:
		return nil
	}
	if _, err := s.feed.append(ctx, &c); err != nil {
		return err
	}
	if err := s.applyClaim(ctx, &c); err != nil {
		return err
	}
	return s.repairLateWrite(ctx, &c)
}

// Settle makes sure the document named by change ch has reached ch's version,
// rolling a stale claim forward. It reports whether the document is settled;
// false means its writer is still at work and the caller should look again.
func (s *Store) Settle(ctx context.Context, ch jobpath.Change) (bool, error) {
	var cur struct {
		Version int64 `bson:"version"`
	}
	err := s.findByID(ctx, ch.Coll, ch.DocID, &cur, ch.Coll)
	if err != nil && jobpath.CodeOf(err) != jobpath.ENotFound {
		return false, err
	}
	if err == nil && cur.Version >= ch.Version {
		return true, nil
	}
	if s.clock.Now().Sub(ch.At) < jobpath.StaleClaim {
		return false, nil
	}
	var c claimDoc
	if err := s.findByID(ctx, collClaims, ch.Claim, &c, "claim"); err != nil {
		return false, err
	}
	// A feed entry for every roll-forward: another follower may have passed
	// the dead writer's entry before the document changed.
	if _, err := s.feed.append(ctx, &c); err != nil {
		return false, err
	}
	if err := s.applyClaim(ctx, &c); err != nil {
		return false, err
	}
	if err := s.repairLateWrite(ctx, &c); err != nil {
		return false, err
	}
	return true, nil
}

// RepairLateWrite runs the late-write repair for version of document id in
// coll, as the writer of that version does after its write.
func (s *Store) RepairLateWrite(ctx context.Context, coll, id string, version int64) error {
	var c claimDoc
	if err := s.findByID(ctx, collClaims, claimID(coll, id, version), &c, "claim"); err != nil {
		return err
	}
	return s.repairLateWrite(ctx, &c)
}
