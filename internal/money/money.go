// Package money makes pay comparable: it turns a salary in any currency
// and period into a yearly amount in one reference currency, through the
// dated table of exchange rates in data/rates.tsv, and writes amounts as
// people read them. The figures a posting states are what people see; the
// comparable ones are for filters, sorting, bands and matching.
package money

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/bojanz/currency"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// Reference is the currency comparable salaries are in.
const Reference = "USD"

// Hours, days and months of work in a year, for annualising pay.
const (
	hoursPerYear  = 2080 // 40 hours a week, 52 weeks
	daysPerYear   = 260  // 5 days a week, 52 weeks
	monthsPerYear = 12
)

// Rates converts between currencies by a table of units per euro.
type Rates struct {
	perEuro map[string]float64
	date    string
}

var _ jobpath.SalaryNormaliser = (*Rates)(nil)

// Parse reads a rate table: "CODE<TAB>units per euro" lines and "#"
// comments, one of which, "# date: YYYY-MM-DD", dates the rates.
func Parse(src []byte) (*Rates, error) {
	r := &Rates{perEuro: map[string]float64{}}
	sc := bufio.NewScanner(bytes.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if d, ok := strings.CutPrefix(line, "# date:"); ok {
			r.date = strings.TrimSpace(d)
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		code, v, ok := strings.Cut(line, "\t")
		rate, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		switch {
		case !ok || err != nil || rate <= 0:
			return nil, fmt.Errorf("money: rates line %d: want a code and a positive rate", n)
		case !currency.IsValid(code):
			return nil, fmt.Errorf("money: rates line %d: %q is no ISO 4217 code", n, code)
		}
		r.perEuro[code] = rate
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("money: rates: %w", err)
	}
	if r.date == "" {
		return nil, fmt.Errorf("money: rates name no date")
	}
	if _, ok := r.perEuro[Reference]; !ok {
		return nil, fmt.Errorf("money: rates lack the reference currency %s", Reference)
	}
	return r, nil
}

// Date is the day the table's rates are of.
func (r *Rates) Date() string { return r.date }

// Annual implements jobpath.SalaryNormaliser: s per year in the reference
// currency, or nil when its currency is not in the table.
func (r *Rates) Annual(s *jobpath.Salary) *jobpath.AnnualSalary {
	if s == nil {
		return nil
	}
	from, ok := r.perEuro[s.Currency]
	if !ok {
		return nil
	}
	per := 1.0
	switch s.Period {
	case "hour":
		per = hoursPerYear
	case "day":
		per = daysPerYear
	case "month":
		per = monthsPerYear
	}
	convert := func(v int64) int64 { return int64(math.Round(float64(v) * per / from * r.perEuro[Reference])) }
	return &jobpath.AnnualSalary{Min: convert(s.Min), Max: convert(s.Max), Currency: Reference, Rates: r.date}
}

// Format writes an amount as people read it in English: "$180,000",
// "€70,000", "CHF 90,000".
func Format(amount int64, code string) string {
	a, err := currency.NewAmount(strconv.FormatInt(amount, 10), code)
	if err != nil {
		return fmt.Sprintf("%d %s", amount, code)
	}
	f := currency.NewFormatter(currency.NewLocale("en"))
	f.MaxDigits = 0
	return f.Format(a)
}
