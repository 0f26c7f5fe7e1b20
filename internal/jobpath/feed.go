package jobpath

import (
	"context"
	"time"
)

// The change feed is how derived data (the search index, and anything else
// that must follow the board) learns what changed in the store. It is a
// protocol between one writer side, the store, and any number of readers,
// called followers; the store's side is described with its code
// (internal/mongodb/feed.go), the reader's side lives in one follower
// (internal/search/follower.go). What a follower may rely on:
//
//   - Dense: entries are numbered 1, 2, 3, ... with no gaps that fill later.
//     A follower keeps a checkpoint (the last number it applied) and reads on
//     from it; a missing number means nothing after it exists yet.
//   - Announced before written: an entry says that document DocID of
//     collection Coll reached Version, and is written before the document
//     is. A follower re-reads the document by id and applies its current
//     state, so applying an entry twice, late, or after a crash is harmless.
//   - Behind means at work, or dead: a document read older than its entry
//     has a writer still at work. Settle finishes the write of a writer that
//     has sat longer than StaleClaim, so that a dead writer cannot hold the
//     feed up; until then the follower stops at that entry and looks again.
//   - Stamped as appended: At falls with the entry number, so a reader that
//     builds its state from a scan of the store instead of the feed (a
//     rebuild) resumes from the last entry older than twice StaleClaim, and
//     replays the younger ones whose writers may not have written yet.
//   - One feed per store: FeedID changes when the store is another or was
//     wiped; state derived from another feed must be rebuilt, not followed.

// Change is one entry of the store's change feed: document DocID of
// collection Coll reached Version at At. Claim names the write that
// announced it.
type Change struct {
	Seq     int64
	Coll    string
	DocID   string
	Version int64
	Claim   string
	At      time.Time
}

// Collections named in changes.
const (
	CollJobs     = "jobs"
	CollProfiles = "profiles"
)

// ChangeFeed is the store's change feed, for derived data such as the
// search index to follow.
type ChangeFeed interface {
	// ReadChanges returns up to limit changes after sequence number after, in order.
	ReadChanges(ctx context.Context, after int64, limit int) ([]Change, error)
	// HeadChange is the highest sequence number in the feed.
	HeadChange(ctx context.Context) (int64, error)
	// FeedID identifies the feed: derived data made from another store (or a
	// wiped one) must be rebuilt, not followed.
	FeedID(ctx context.Context) (string, error)
	// Settle reports whether the change's document has reached its version,
	// finishing the write of a writer that died; false means look again later.
	Settle(ctx context.Context, ch Change) (bool, error)
}

// StaleClaim bounds how long a writer may sit between announcing a change in
// the feed and writing its document; after it, others finish the write.
// Followers use it to know how far back in-flight writes can reach.
const StaleClaim = 10 * time.Second
