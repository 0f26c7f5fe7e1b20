package report

import (
	"testing"
	"time"
)

func TestWeeks(t *testing.T) {
	for _, tt := range []struct {
		s     string
		start time.Time
	}{
		{"2026-W01", time.Date(2025, 12, 29, 0, 0, 0, 0, time.UTC)},
		{"2026-W47", time.Date(2026, 11, 16, 0, 0, 0, 0, time.UTC)},
		{"2026-W53", time.Date(2026, 12, 28, 0, 0, 0, 0, time.UTC)},
		{"2027-W01", time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)},
	} {
		w, err := ParseWeek(tt.s)
		if err != nil {
			t.Fatalf("%s: %v", tt.s, err)
		}
		if !w.Start().Equal(tt.start) || w.String() != tt.s || !w.End().Equal(tt.start.AddDate(0, 0, 7)) {
			t.Errorf("%s: starts %v, reads %s", tt.s, w.Start(), w)
		}
		if WeekOf(w.Start()) != w || WeekOf(w.End().Add(-time.Nanosecond)) != w || WeekOf(w.End()) == w {
			t.Errorf("%s: the window is not [start, end)", tt.s)
		}
	}
	for _, bad := range []string{"", "2026-47", "2026-W00", "2026-W54", "2025-W53", "2026-W7", "26-W47", "2026-W47x"} {
		if _, err := ParseWeek(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if p := (Week{2027, 1}).Previous(); p != (Week{2026, 53}) {
		t.Errorf("the week before 2027-W01 is %s", p)
	}
}

func FuzzParseWeek(f *testing.F) {
	for _, s := range []string{"2026-W47", "2026-W53", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := ParseWeek(s)
		if err == nil && w.String() != s {
			t.Errorf("%q parses as %s", s, w)
		}
	})
}
