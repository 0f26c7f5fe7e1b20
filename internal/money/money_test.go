package money_test

import (
	"strings"
	"testing"

	"github.com/jobpath/jobpath/data"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/money"
)

func TestAnnual(t *testing.T) {
	r, err := money.Parse(data.RatesTSV())
	if err != nil {
		t.Fatal(err)
	}
	if r.Date() != "2024-09-26" {
		t.Errorf("rates of %q", r.Date())
	}
	tests := []struct {
		name   string
		s      *jobpath.Salary
		lo, hi int64 // dollars a year
	}{
		{"dollars a year", &jobpath.Salary{Min: 150_000, Max: 180_000, Currency: "USD", Period: "year"}, 150_000, 180_000},
		{"euros by the rate of the day", &jobpath.Salary{Min: 100_000, Max: 100_000, Currency: "EUR", Period: "year"}, 111_550, 111_550},
		{"yen", &jobpath.Salary{Min: 8_000_000, Max: 8_000_000, Currency: "JPY", Period: "year"}, 55_504, 55_504},
		{"an hourly rate, 2080 hours", &jobpath.Salary{Min: 50, Max: 50, Currency: "USD", Period: "hour"}, 104_000, 104_000},
		{"a day rate, 260 days", &jobpath.Salary{Min: 500, Max: 500, Currency: "GBP", Period: "day"}, 173_821, 173_821},
		{"a monthly salary", &jobpath.Salary{Min: 5_000, Max: 6_000, Currency: "CHF", Period: "month"}, 70_810, 84_972},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := r.Annual(tt.s)
			if a == nil || a.Min != tt.lo || a.Max != tt.hi || a.Currency != "USD" || a.Rates != "2024-09-26" {
				t.Errorf("Annual = %+v, want %d-%d USD of 2024-09-26", a, tt.lo, tt.hi)
			}
		})
	}
	if a := r.Annual(&jobpath.Salary{Min: 1, Max: 2, Currency: "KES", Period: "year"}); a != nil {
		t.Errorf("a currency the table lacks converted to %+v", a)
	}
	if r.Annual(nil) != nil {
		t.Error("no salary converted to one")
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"no date", "USD\t1.1\n", "no date"},
		{"no reference", "# date: 2024-01-01\nEUR\t1\n", "reference"},
		{"not a code", "# date: 2024-01-01\nUSD\t1.1\nXYZ\t2\n", "ISO 4217"},
		{"not a rate", "# date: 2024-01-01\nUSD\tlots\n", "positive rate"},
		{"a negative rate", "# date: 2024-01-01\nUSD\t-1\n", "positive rate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := money.Parse([]byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse = %v, want an error about %s", err, tt.want)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	for _, tt := range []struct {
		n    int64
		code string
		want string
	}{{180_000, "USD", "$180,000"}, {70_000, "EUR", "€70,000"}, {8_000_000, "JPY", "¥8,000,000"}, {5, "XYZ", "5 XYZ"}} {
		if got := money.Format(tt.n, tt.code); got != tt.want {
			t.Errorf("Format(%d, %s) = %q, want %q", tt.n, tt.code, got, tt.want)
		}
	}
}
