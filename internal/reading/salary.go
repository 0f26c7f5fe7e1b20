package reading

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// A pay figure: an optional currency, a number with thousands separators or
// a decimal point, and an optional k; a range joins two.
const (
	currencyBefore = `(?:(?:US|CA|C|A|AU|NZ|S|SG)?\$|€|£|USD|EUR|GBP|CAD|AUD|CHF|SGD|NZD|SEK|NOK|DKK|PLN|INR)\s?`
	currencyAfter  = `\s?(?:USD|EUR|GBP|CAD|AUD|CHF|SGD|NZD|SEK|NOK|DKK|PLN|INR|€|£)`
	amount         = `\d{1,3}(?:[,.]\d{3})+|\d+(?:\.\d+)?`
	kSuffix        = `(?:\s?(?:[kK]\b|,?000\b))?`
)

var (
	salaryRe = regexp.MustCompile(`(` + currencyBefore + `)?(` + amount + `)(` + kSuffix + `)(` + currencyAfter + `)?` +
		`(?:\s?(?:-|–|—|~|to)\s?(` + currencyBefore + `)?(` + amount + `)(` + kSuffix + `)(` + currencyAfter + `)?)?` +
		`(\+)?(\s?(?:/|per|an|a)\s?(?:hr|hour|h|yr|year|annum|month|mo|day)\b|\s?(?:hourly|annually|a year|per year|per annum|pa|p\.a\.))?`)
	// salaryCue says a figure without a currency is pay.
	salaryCue = regexp.MustCompile(`(?i)\b(?:salary|salaries|compensation|comp|pay|base|ote|tc|total comp)\b[^.\n]{0,20}$`)
	// notPay follows a figure that is money but not pay.
	notPay = regexp.MustCompile(`(?i)^\s*(?:[mb]\b|mm\b|million|billion|bn|in (?:funding|revenue|arr|sales|seed|series)|(?:seed|series|arr|revenue|valuation|raised|funding|users|customers|%))`)
	// payWord in a sentence makes its single figure pay.
	payWord = regexp.MustCompile(`(?i)\b(?:salary|salaries|compensation|comp|pay|paid|paying|base|ote|total comp|tc|rate|earn|earning|wage|stipend|range|band|offer|offering|per hour|/hr|hourly|usd|eur|gbp)\b`)
	// upTo before a figure makes it the top of the range.
	upTo = regexp.MustCompile(`(?i)\b(?:up to|max(?:imum)?|capped at)\s*$`)
	// retirement plans are no pay ("401k", "403(b)").
	retirement = regexp.MustCompile(`^40[13]\s?\(?[kb]\)?`)
	// laterPeriod says the period a little after a figure: "45-70 USD or
	// 180-280 PLN per hour".
	laterPeriod = regexp.MustCompile(`(?i)^[^.\n]{0,30}?(/\s?(?:hr|hour|h|month|mo|day)\b|per (?:hour|month|day)\b|hourly|an hour|a month|day rate)`)
	notPayB     = regexp.MustCompile(`(?i)(?:raised|raise|funding|funded|revenue|arr|valuation|valued at|series [a-e]|seed)\W{0,3}(?:of\s+)?(?:over\s+|more than\s+)?$`)
)

type salaryReading struct {
	salary jobpath.Salary
	at     jobpath.Evidence
}

// readSalary reads the first pay range stated: "$150k-$180k", "€70-90k",
// "£60,000", "$80/hr", "USD 150-200k". A figure needs a currency, or a pay
// word before it ("Salary: 120-160k").
func readSalary(p *posting) (salaryReading, bool) {
	for _, sp := range p.fields() {
		for _, m := range salaryRe.FindAllStringSubmatchIndex(sp.s, -1) {
			g := func(i int) string {
				if m[2*i] < 0 {
					return ""
				}
				return sp.s[m[2*i]:m[2*i+1]]
			}
			cur := currencyOf(g(1), g(4), g(5), g(8))
			before := sp.s[max(0, m[0]-30):m[0]]
			// Without a currency, a figure is pay after a pay word, or as a
			// range in thousands ("140k-180k", "[180 - 210K]" in a header).
			kRange := g(6) != "" && g(7) != "" && (g(3) != "" || sp != p.body)
			if cur == "" && !salaryCue.MatchString(before) && !kRange {
				continue
			}
			if retirement.MatchString(sp.s[m[0]:]) {
				continue
			}
			// In running text money is many things ("customers save $5k a
			// month"): a single figure is pay only in a sentence about pay.
			if sp == p.body && g(6) == "" && !payWord.MatchString(sentenceOf(sp.s, m[0], m[1])) {
				continue
			}
			if notPay.MatchString(sp.s[m[1]:]) || notPayB.MatchString(sp.s[max(0, m[0]-30):m[0]]) {
				continue
			}
			if cur == "" {
				cur = "USD"
			}
			lo, ok1 := figure(g(2), g(3))
			hi, ok2 := lo, ok1
			if g(6) != "" {
				hi, ok2 = figure(g(6), g(7))
				// "€70-90k": the k of the upper end applies to both.
				if g(3) == "" && g(7) != "" && lo < 1000 {
					lo *= 1000
				}
			}
			if !ok1 || !ok2 {
				continue
			}
			period := periodOf(g(10))
			if g(10) == "" {
				if lp := laterPeriod.FindStringSubmatch(sp.s[m[1]:]); lp != nil {
					period = periodOf(lp[1])
				}
			}
			if period == "year" && hi < 1000 && (g(3) == "" && g(7) == "") && lo < 300 {
				continue // "$5" and the like: not a salary
			}
			if lo > hi {
				lo, hi = hi, lo
			}
			if !plausible(lo, hi, period) {
				continue
			}
			if g(6) == "" && upTo.MatchString(before) {
				lo = 0
			}
			s := jobpath.Salary{Min: lo, Max: hi, Currency: cur, Period: period}
			return salaryReading{salary: s, at: p.evidence(sp, m[0], m[1])}, true
		}
	}
	return salaryReading{}, false
}

func figure(num, k string) (int64, bool) {
	n := strings.ReplaceAll(num, ",", "")
	// "60.000" is sixty thousand where dots group thousands.
	if strings.Count(n, ".") >= 1 && len(n) > 4 && len(n)-strings.LastIndex(n, ".") == 4 {
		n = strings.ReplaceAll(n, ".", "")
	}
	f, err := strconv.ParseFloat(n, 64)
	if err != nil {
		return 0, false
	}
	k = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(k), ","))
	if k == "k" || k == "K" || k == "000" {
		f *= 1000
	}
	return int64(f + 0.5), true
}

func currencyOf(parts ...string) string {
	for _, c := range parts {
		c = strings.TrimSpace(c)
		switch c {
		case "":
			continue
		case "$", "US$":
			return "USD"
		case "C$", "CA$":
			return "CAD"
		case "A$", "AU$":
			return "AUD"
		case "NZ$":
			return "NZD"
		case "S$", "SG$":
			return "SGD"
		case "€":
			return "EUR"
		case "£":
			return "GBP"
		}
		return c
	}
	return ""
}

func periodOf(s string) string {
	s = strings.ToLower(s)
	switch {
	case strings.Contains(s, "h"):
		if strings.Contains(s, "month") {
			return "month"
		}
		return "hour"
	case strings.Contains(s, "mo"):
		return "month"
	case strings.Contains(s, "day"):
		return "day"
	}
	return "year"
}

// plausible bounds pay by period, so that a price or a head count is not
// read as a salary.
func plausible(lo, hi int64, period string) bool {
	bounds := map[string][2]int64{"year": {10_000, 2_000_000}, "month": {1_000, 100_000}, "day": {100, 5_000}, "hour": {10, 1_000}}
	b := bounds[period]
	return (lo == 0 || lo >= b[0] && hi <= lo*4) && hi >= b[0] && hi <= b[1]
}

// sentenceOf is the sentence of s around s[start:end].
func sentenceOf(s string, start, end int) string {
	from, to := start, end
	for from > 0 && !strings.ContainsRune(".!?\n", rune(s[from-1])) {
		from--
	}
	for to < len(s) && !strings.ContainsRune("!?\n", rune(s[to])) && !(s[to] == '.' && (to+1 == len(s) || s[to+1] == ' ')) {
		to++
	}
	return s[from:to]
}
