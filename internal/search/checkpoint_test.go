package search

import (
	"context"
	"testing"
	"time"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// ageFeed is a feed whose entries are stamped at the given ages before now,
// counting the reads a caller makes.
type ageFeed struct {
	jobpath.ChangeFeed
	now   time.Time
	ages  []time.Duration // ages[i] is entry i+1's
	reads int
}

func (f *ageFeed) HeadChange(context.Context) (int64, error) { return int64(len(f.ages)), nil }

func (f *ageFeed) ReadChanges(_ context.Context, after int64, limit int) ([]jobpath.Change, error) {
	f.reads++
	var out []jobpath.Change
	for seq := after + 1; seq <= int64(len(f.ages)) && len(out) < limit; seq++ {
		out = append(out, jobpath.Change{Seq: seq, At: f.now.Add(-f.ages[seq-1])})
	}
	return out, nil
}

// TestSafeCheckpoint checks that a rebuild resumes before every entry whose
// writer may still be at work, and finds that point in few reads.
func TestSafeCheckpoint(t *testing.T) {
	const old, young = time.Hour, time.Second
	ages := func(n, youngFrom int) []time.Duration {
		out := make([]time.Duration, n)
		for i := range out {
			out[i] = old
			if i+1 >= youngFrom {
				out[i] = young
			}
		}
		return out
	}
	tests := []struct {
		name     string
		ages     []time.Duration
		want     int64
		maxReads int
	}{
		{"empty feed", nil, 0, 1},
		{"all old", ages(1000, 1001), 1000, 2},
		{"all young", ages(1000, 1), 0, 30},
		{"last one young", ages(1000, 1000), 999, 3},
		{"bulk import just now", ages(100_000, 30_001), 30_000, 40},
		{"one old entry", ages(1, 2), 1, 2},
		{"one young entry", ages(1, 1), 0, 2},
		// A clock behind the others stamped entries 3 and 6 old among young
		// ones. Walking back from the head would stop at 6; bisecting stops
		// no later, here at 3, and the follower replays from there.
		{"skewed clock", []time.Duration{old, young, old, young, young, old, young}, 3, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
			f := &ageFeed{now: now, ages: tt.ages}
			got, err := safeCheckpoint(context.Background(), f, now)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("checkpoint %d, want %d", got, tt.want)
			}
			if f.reads > tt.maxReads {
				t.Errorf("%d reads of the feed, want at most %d", f.reads, tt.maxReads)
			}
		})
	}
}
