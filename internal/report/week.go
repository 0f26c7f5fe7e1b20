package report

import (
	"fmt"
	"time"
)

// Week is an ISO 8601 week: reports cover one, from Monday 00:00 UTC to the
// next Monday.
type Week struct {
	Year, Num int
}

// WeekOf is the ISO week t falls in.
func WeekOf(t time.Time) Week {
	y, w := t.UTC().ISOWeek()
	return Week{Year: y, Num: w}
}

// ParseWeek reads "2026-W47".
func ParseWeek(s string) (Week, error) {
	var w Week
	if _, err := fmt.Sscanf(s, "%4d-W%2d", &w.Year, &w.Num); err != nil || len(s) != 8 {
		return Week{}, fmt.Errorf("report: week %q: want the form 2026-W47", s)
	}
	if w.Num < 1 || w.Num > 53 || w.Year < 2000 || w.Year > 2999 || WeekOf(w.Start()) != w {
		return Week{}, fmt.Errorf("report: week %q does not exist", s)
	}
	return w, nil
}

func (w Week) String() string { return fmt.Sprintf("%04d-W%02d", w.Year, w.Num) }

// Start is the Monday the week begins on, at 00:00 UTC.
func (w Week) Start() time.Time {
	// January 4th is always in week 1.
	jan4 := time.Date(w.Year, time.January, 4, 0, 0, 0, 0, time.UTC)
	monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
	return monday.AddDate(0, 0, 7*(w.Num-1))
}

// End is the start of the next week: the window is [Start, End).
func (w Week) End() time.Time { return w.Start().AddDate(0, 0, 7) }

// Previous is the week before.
func (w Week) Previous() Week { return WeekOf(w.Start().AddDate(0, 0, -7)) }
