package server_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jobpath/jobpath/data"
	jobcorpus "github.com/jobpath/jobpath/internal/corpus"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/mongodb"
	"github.com/jobpath/jobpath/internal/skills"
)

// benchJobs is the corpus size: corpus.DefaultSize postings unless
// JOBPATH_BENCH_JOBS says otherwise (building the store takes minutes).
func benchJobs(b *testing.B) int {
	n, err := jobcorpus.Size(os.Getenv("JOBPATH_BENCH_JOBS"))
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkPages measures, over HTTP on one board of generated postings,
// the server time of the search page (text and filters, first page) and of
// a job's page beside the API calls that answer the same question, with one
// client and with 32; and the bytes a browser fetches for the search page,
// its stylesheet and script included. Each figure is a metric of one run:
// p50 and p99 in milliseconds, and the ratio of each page's p99 to its API
// call's, which is the figure to compare across machines.
func BenchmarkPages(b *testing.B) {
	n := benchJobs(b)
	tax, err := skills.Parse(data.SkillsYAML())
	if err != nil {
		b.Fatal(err)
	}
	var ids []string
	a := newApp(b, options{authRate: 1 << 30, workRate: 1 << 30, fill: func(st *mongodb.Store) {
		ids = fillJobs(b, st, tax, n)
	}})
	b.ResetTimer()
	for range b.N {
		classes := []struct {
			name string
			path func(i int) string
		}{
			{"search-page", func(i int) string { return "/?q=" + benchWords[i%len(benchWords)] + "&no_degree=true&level=senior" }},
			{"search-api", func(i int) string {
				return "/api/v1/jobs?q=" + benchWords[i%len(benchWords)] + "&no_degree=true&level=senior"
			}},
			{"job-page", func(i int) string { return "/jobs/" + ids[(i*7919)%len(ids)] }},
			{"job-api", func(i int) string { return "/api/v1/jobs/" + ids[(i*7919)%len(ids)] }},
		}
		p99 := map[string]float64{}
		for _, clients := range []int{1, 32} {
			for _, c := range classes {
				lat := measure(b, a.url, c.path, clients, 400)
				p50, p99v := percentile(lat, 0.50), percentile(lat, 0.99)
				b.ReportMetric(p50, fmt.Sprintf("%s-c%d-p50-ms", c.name, clients))
				b.ReportMetric(p99v, fmt.Sprintf("%s-c%d-p99-ms", c.name, clients))
				p99[fmt.Sprintf("%s-c%d", c.name, clients)] = p99v
			}
			for _, kind := range []string{"search", "job"} {
				page, api := p99[fmt.Sprintf("%s-page-c%d", kind, clients)], p99[fmt.Sprintf("%s-api-c%d", kind, clients)]
				b.ReportMetric(page/api, fmt.Sprintf("%s-page/api-c%d-p99", kind, clients))
			}
		}
		html, assets := pageWeight(b, a.url, "/?q=golang&no_degree=true")
		b.ReportMetric(float64(html)/1024, "search-html-KB")
		b.ReportMetric(float64(html+assets)/1024, "search-total-KB")
	}
}

var benchWords = []string{"golang", "payments", "kafka", "platform", "reliability", "postgres", "api", "distributed"}

// fillJobs writes n generated, published postings into the store and
// returns their ids.
func fillJobs(b *testing.B, st *mongodb.Store, tax *skills.Taxonomy, n int) []string {
	b.Helper()
	ctx := context.Background()
	now := time.Now().UTC()
	gen := jobcorpus.Jobs(n, 42)
	ids := make([]string, n)
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := w; i < n; i += 2 {
				g := gen[i]
				j, err := jobpath.NewJob(g.Input, &jobpath.Company{ID: jobpath.CompanyID(g.Company), Name: g.Company}, now.Add(-time.Duration(i)*time.Second))
				if err != nil {
					b.Error(err)
					return
				}
				// The generated postings state their fields: only their
				// skills need the taxonomy's ids (reading every text would
				// take most of the run).
				j.Skills.Required = tax.CanonicalSkills(j.Skills.Required)
				j.Skills.Preferred = tax.CanonicalSkills(j.Skills.Preferred)
				j.ID = fmt.Sprintf("bench-%06d", i)
				if err := st.CreateJob(ctx, j); err != nil {
					b.Error(err)
					return
				}
				ids[i] = j.ID
			}
		})
	}
	wg.Wait()
	return ids
}

// measure requests count paths from clients goroutines and returns the
// latencies in milliseconds.
func measure(b *testing.B, base string, path func(int) string, clients, count int) []float64 {
	b.Helper()
	tr := &http.Transport{MaxIdleConnsPerHost: clients}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	lat := make([]float64, count)
	var next sync.Mutex
	i := 0
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			for {
				next.Lock()
				k := i
				i++
				next.Unlock()
				if k >= count {
					return
				}
				start := time.Now()
				res, err := client.Get(base + path(k))
				if err != nil {
					b.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					b.Errorf("%s: %d", path(k), res.StatusCode)
					return
				}
				lat[k] = float64(time.Since(start).Microseconds()) / 1000
			}
		})
	}
	wg.Wait()
	return lat
}

func percentile(xs []float64, p float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[min(int(float64(len(s))*p), len(s)-1)]
}

var assetRef = regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`)

// pageWeight is the bytes of a page's HTML and of the assets it loads.
func pageWeight(b *testing.B, base, path string) (html, assets int) {
	b.Helper()
	get := func(p string) []byte {
		res, err := http.Get(base + p)
		if err != nil {
			b.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return body
	}
	page := get(path)
	for _, m := range assetRef.FindAllSubmatch(page, -1) {
		assets += len(get(string(m[1])))
	}
	return len(page), assets
}
