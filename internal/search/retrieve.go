package search

import (
	"container/heap"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/money"
)

var _ jobpath.Retriever = (*Searcher)(nil)

// maxRetrieve bounds what one retrieval returns.
const maxRetrieve = 1000

// RetrieveJobs implements jobpath.Retriever: published, unexpired jobs
// sharing the most skills with the candidate (a shared required skill counts
// three times, a preferred one once), rebuilt from stored fields.
func (s *Searcher) RetrieveJobs(ctx context.Context, r jobpath.Retrieval) ([]*jobpath.Job, error) {
	now := s.clock.Now().Unix()
	gen := s.ix.gen.Load()
	ids, err := s.ix.retrieve(ctx, typeJob, limit(r.Limit), func(c *columnCache) scoreFunc {
		want, required := c.codeSet(colSkills, r.Skills), c.codeSet(colRequired, r.Skills)
		levels := c.codeSet(colLevel, jobpath.Strings(r.Levels))
		remote := c.codeSet(colRemote, []string{string(r.Remote)})
		open := c.codeSet(colDegree, jobpath.Strings(openDegrees))
		return func(cols *columns, doc uint64) int32 {
			row := cols.row(doc)
			switch {
			case cols.expires[doc] < now,
				len(r.Levels) > 0 && !levels.has(row[colLevel]),
				r.Remote != "" && !remote.has(row[colRemote]),
				r.NoDegree && !open.has(row[colDegree]):
				return 0
			}
			if len(r.Skills) == 0 {
				return 1 // no skills to share: every job the filters keep
			}
			shared := want.count(cols.values(colSkills, doc))
			if shared == 0 {
				return 0 // required skills are among the skills
			}
			return shared + 2*required.count(cols.values(colRequired, doc))
		}
	})
	if err != nil {
		return nil, err
	}
	return cached(&s.ix.jobs, s.ix, gen, ids, func(ids []string) (map[string]*jobpath.Job, error) { return s.loadJobs(ctx, ids) })
}

// ExpiredJobs returns up to limit ids of jobs the index still holds as
// published although their expires_at has passed: the work of the expiry
// sweep, found from the index's columns rather than by scanning the store.
func (s *Searcher) ExpiredJobs(ctx context.Context, limit int) ([]string, error) {
	now := s.clock.Now().Unix()
	return s.ix.retrieve(ctx, typeJob, limit, func(*columnCache) scoreFunc {
		return func(cols *columns, doc uint64) int32 {
			if e := cols.expires[doc]; e != 0 && e <= now {
				return 1
			}
			return 0
		}
	})
}

// codes is a set of codes of one column.
type codes []bool

// codeSet returns the codes of terms in column f; terms no document has
// are left out.
func (c *columnCache) codeSet(f int, terms []string) codes {
	c.mu.Lock()
	defer c.mu.Unlock()
	set := make(codes, len(c.dicts[f].terms))
	for _, t := range terms {
		if n, ok := c.dicts[f].codes[t]; ok {
			set[n] = true
		}
	}
	return set
}

func (s codes) has(code uint32) bool { return int(code) < len(s) && s[code] }

// count is how many of vals are in the set.
func (s codes) count(vals []uint32) int32 {
	n := int32(0)
	for _, v := range vals {
		if s.has(v) {
			n++
		}
	}
	return n
}

// scoreFunc scores a document for retrieval; zero or less leaves it out.
type scoreFunc func(cols *columns, doc uint64) int32

// retrieve scans the documents of type typ in the index's current snapshot
// and returns the ids of the limit best by score, best first (ties by id).
// prepare makes the score function once the snapshot's columns are decoded,
// so that it can look up the codes they hold.
func (ix *Index) retrieve(ctx context.Context, typ string, limit int, prepare func(*columnCache) scoreFunc) ([]string, error) {
	v, release, err := ix.currentView()
	if err != nil {
		return nil, err
	}
	defer release()
	typeCode := ix.cols.lookup(colType, typ)
	if typeCode == noValue {
		return nil, nil
	}
	score := prepare(ix.cols)
	top := &ranked{}
	for seg, cols := range v.cols {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for _, d := range cols.byType[typeCode] {
			doc := uint64(d)
			sc := score(cols, doc)
			if sc <= 0 || (top.Len() == limit && !top.beats(sc, cols.ids[doc], 0)) || !v.live(seg, doc) {
				continue
			}
			if top.Len() == limit {
				heap.Pop(top)
			}
			heap.Push(top, rankedDoc{sc, cols.ids[doc]})
		}
	}
	ids := make([]string, top.Len())
	for i := len(ids) - 1; i >= 0; i-- {
		ids[i] = heap.Pop(top).(rankedDoc).id
	}
	return ids, nil
}

type rankedDoc struct {
	score int32
	id    string
}

// ranked is a min-heap of the best documents so far: the worst on top.
type ranked []rankedDoc

func (h ranked) Len() int { return len(h) }
func (h ranked) Less(i, j int) bool {
	return !h.beats(h[i].score, h[i].id, j)
}
func (h ranked) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *ranked) Push(x any)   { *h = append(*h, x.(rankedDoc)) }
func (h *ranked) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// beats reports whether a document ranks above the i-th: higher score, or
// the same score and a smaller id.
func (h ranked) beats(score int32, id string, i int) bool {
	return score > h[i].score || (score == h[i].score && id < h[i].id)
}

// cached returns the values of ids, in order, from cache or else from load,
// caching what load returns unless a batch was applied since gen: such a
// copy might predate the batch. Ids load cannot find are left out.
func cached[T any](cache *sync.Map, ix *Index, gen int64, ids []string, load func([]string) (map[string]T, error)) ([]T, error) {
	// What the cache holds is taken now: a batch may clear it meanwhile.
	got := make(map[string]T, len(ids))
	var missing []string
	for _, id := range ids {
		if v, ok := cache.Load(id); ok {
			got[id] = v.(T)
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		loaded, err := load(missing)
		if err != nil {
			return nil, err
		}
		if ix.gen.Load() == gen {
			for id, v := range loaded {
				cache.Store(id, v)
			}
			// A batch applied while storing may have cleared its ids
			// before these stores: take them back.
			if ix.gen.Load() != gen {
				for id := range loaded {
					cache.Delete(id)
				}
			}
		}
		for id, v := range loaded {
			got[id] = v
		}
	}
	out := make([]T, 0, len(ids))
	for _, id := range ids {
		if v, ok := got[id]; ok {
			out = append(out, v)
		}
	}
	return out, nil
}

// loadJobs rebuilds jobs from the index's stored fields, the scoring fields
// only; reading stored fields is the dear part of retrieval, hence the cache.
func (s *Searcher) loadJobs(ctx context.Context, ids []string) (map[string]*jobpath.Job, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{"title", "company", "company_name", "skills", "required", "level", "degree", "remote", "location", "country",
		"salary_min", "salary_max", "salary_year", "currency", "period", "min_years", "posted_at", "version", "remote_region"}
	res, err := s.ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: load jobs: %w", err)
	}
	out := make(map[string]*jobpath.Job, len(res.Hits))
	for _, h := range res.Hits {
		f := h.Fields
		str := func(k string) string { v, _ := f[k].(string); return v }
		num := func(k string) float64 { v, _ := f[k].(float64); return v }
		j := &jobpath.Job{ID: h.ID, Title: str("title"), Company: str("company"), CompanyName: str("company_name"),
			Level: jobpath.Level(str("level")), Degree: jobpath.Degree(str("degree")), Remote: jobpath.RemoteMode(str("remote")), Status: jobpath.StatusPublished, Version: int64(num("version"))}
		if j.Level == jobpath.LevelUnspecified {
			j.Level = ""
		}
		j.RemoteRegion = str("remote_region")
		j.Skills.Required = stringsOf(f["required"])
		for _, sk := range stringsOf(f["skills"]) {
			if !slices.Contains(j.Skills.Required, sk) {
				j.Skills.Preferred = append(j.Skills.Preferred, sk)
			}
		}
		if y := int(num("min_years")); y > 0 {
			j.MinYears = &y
		}
		if loc := str("location"); loc != "" {
			j.Location = &jobpath.Location{City: strings.TrimSpace(strings.Split(loc, ",")[0]), Country: str("country")}
		}
		if _, ok := f["salary_max"]; ok {
			j.Salary = &jobpath.Salary{Min: int64(num("salary_min")), Max: int64(num("salary_max")), Currency: str("currency"), Period: str("period")}
		}
		if _, ok := f["salary_year"]; ok {
			// Matching compares the top of the range.
			j.SalaryYear = &jobpath.AnnualSalary{Max: int64(num("salary_year")), Currency: money.Reference}
		}
		if t, err := time.Parse(time.RFC3339, str("posted_at")); err == nil {
			j.PostedAt = &t
		}
		out[h.ID] = j
	}
	return out, nil
}

// RetrieveCandidates implements jobpath.Retriever: discoverable candidates
// sharing the most skills with the job.
func (s *Searcher) RetrieveCandidates(ctx context.Context, r jobpath.Retrieval) ([]jobpath.RetrievedCandidate, error) {
	gen := s.ix.gen.Load()
	ids, err := s.ix.retrieve(ctx, typeCandidate, limit(r.Limit), func(c *columnCache) scoreFunc {
		want := c.codeSet(colSkills, r.Skills)
		// A candidate who names no level is open to any.
		levels := c.codeSet(colDesiredLevel, append([]string{""}, jobpath.Strings(r.Levels)...))
		return func(cols *columns, doc uint64) int32 {
			if lv := cols.row(doc)[colDesiredLevel]; len(r.Levels) > 0 && lv != noValue && !levels.has(lv) {
				return 0
			}
			if len(r.Skills) == 0 {
				return 1
			}
			return want.count(cols.values(colSkills, doc))
		}
	})
	if err != nil {
		return nil, err
	}
	return cached(&s.ix.candidates, s.ix, gen, ids, func(ids []string) (map[string]jobpath.RetrievedCandidate, error) {
		return s.loadCandidates(ctx, ids)
	})
}

// loadCandidates rebuilds candidates from the index's stored fields.
func (s *Searcher) loadCandidates(ctx context.Context, ids []string) (map[string]jobpath.RetrievedCandidate, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{"name", "headline", "listed", "years", "desired_level", "remote", "locations", "has_degree", "stage", "backend_years",
		"desired_min", "desired_currency", "desired_period", "desired_year_min", "version"}
	res, err := s.ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: load candidates: %w", err)
	}
	out := make(map[string]jobpath.RetrievedCandidate, len(res.Hits))
	for _, h := range res.Hits {
		f := h.Fields
		str := func(k string) string { v, _ := f[k].(string); return v }
		years, _ := f["years"].(float64)
		version, _ := f["version"].(float64)
		p := &jobpath.Profile{UserID: strings.TrimPrefix(h.ID, "candidate/"), Version: int64(version)}
		p.Name, p.Headline, p.DesiredLevel, p.Remote, p.YearsExperience = str("name"), str("headline"), jobpath.Level(str("desired_level")), jobpath.RemoteMode(str("remote")), years
		p.Discoverable = true
		p.Stage = jobpath.Stage(str("stage"))
		if c := str("desired_currency"); c != "" {
			min, _ := f["desired_min"].(float64)
			p.DesiredSalary = &jobpath.Salary{Min: int64(min), Currency: c, Period: str("desired_period")}
			if y, ok := f["desired_year_min"].(float64); ok {
				p.DesiredSalaryYear = &jobpath.AnnualSalary{Min: int64(y), Currency: money.Reference}
			}
		}
		p.BackendYears, _ = f["backend_years"].(float64)
		for _, sk := range stringsOf(f["listed"]) {
			p.Skills = append(p.Skills, jobpath.SkillClaim{Name: sk})
		}
		if loc := str("locations"); loc != "" {
			p.Locations = []jobpath.Location{{City: strings.TrimSpace(strings.Split(loc, ",")[0])}}
		}
		out[h.ID] = jobpath.RetrievedCandidate{Profile: p, Degree: str("has_degree") == "yes"}
	}
	return out, nil
}

func limit(n int) int {
	if n <= 0 || n > maxRetrieve {
		return 300
	}
	return n
}
