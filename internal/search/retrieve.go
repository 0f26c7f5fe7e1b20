package search

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/jobpath/jobpath/internal/jobpath"
)

var _ jobpath.Retriever = (*Searcher)(nil)

// maxRetrieve bounds what one retrieval returns.
const maxRetrieve = 1000

// RetrieveJobs implements jobpath.Retriever: jobs sharing skills with the
// candidate, most shared first, rebuilt from stored fields.
func (s *Searcher) RetrieveJobs(ctx context.Context, r jobpath.Retrieval) ([]*jobpath.Job, error) {
	now := s.clock.Now()
	q := jobpath.JobQuery{Remote: r.Remote, NoDegree: r.NoDegree}
	bq := s.ix.filters(q, s.tax, now)
	if len(r.Levels) > 0 {
		var ls []query.Query
		for _, l := range r.Levels {
			ls = append(ls, term("level", l))
		}
		bq.AddMust(bleve.NewDisjunctionQuery(ls...))
	}
	addSkills(bq, r.Skills, "skills")
	req := bleve.NewSearchRequestOptions(bq, limit(r.Limit), 0, false)
	req.SortBy([]string{"-_score"}) // no tie-breakers: they load doc values for every hit
	gen := s.ix.gen.Load()
	res, err := s.ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: retrieve jobs: %w", err)
	}
	out := make([]*jobpath.Job, len(res.Hits))
	var missing []string
	for i, h := range res.Hits {
		if j, ok := s.ix.jobs.Load(h.ID); ok {
			out[i] = j.(*jobpath.Job)
		} else {
			missing = append(missing, h.ID)
		}
	}
	if len(missing) > 0 {
		loaded, err := s.loadJobs(ctx, missing)
		if err != nil {
			return nil, err
		}
		// Cache what was read unless a batch was applied meanwhile: the
		// copy might predate it.
		keep := s.ix.gen.Load() == gen
		var stored []string
		for i, h := range res.Hits {
			if out[i] == nil {
				out[i] = loaded[h.ID]
				if keep && out[i] != nil {
					s.ix.jobs.Store(h.ID, out[i])
					stored = append(stored, h.ID)
				}
			}
		}
		// A batch applied while storing may have cleared its ids before
		// these stores: take them back.
		if len(stored) > 0 && s.ix.gen.Load() != gen {
			for _, id := range stored {
				s.ix.jobs.Delete(id)
			}
		}
	}
	return slices.DeleteFunc(out, func(j *jobpath.Job) bool { return j == nil }), nil
}

// loadJobs rebuilds jobs from the index's stored fields, the scoring fields
// only; reading stored fields is the dear part of retrieval, hence the cache.
func (s *Searcher) loadJobs(ctx context.Context, ids []string) (map[string]*jobpath.Job, error) {
	req := bleve.NewSearchRequestOptions(bleve.NewDocIDQuery(ids), len(ids), 0, false)
	req.Fields = []string{"title", "company", "company_name", "skills", "required", "level", "degree", "remote", "location", "country",
		"salary_min", "salary_max", "currency", "period", "min_years", "posted_at", "version"}
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
			Level: str("level"), Degree: str("degree"), Remote: str("remote"), Status: jobpath.StatusPublished, Version: int64(num("version"))}
		if j.Level == "unspecified" {
			j.Level = ""
		}
		j.Skills.Required = stringsOf(f["required"])
		for _, sk := range stringsOf(f["skills"]) {
			if !contains(j.Skills.Required, sk) {
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
		if t, err := time.Parse(time.RFC3339, str("posted_at")); err == nil {
			j.PostedAt = &t
		}
		out[h.ID] = j
	}
	return out, nil
}

// RetrieveCandidates implements jobpath.Retriever: discoverable candidates
// sharing skills with the job, most shared first.
func (s *Searcher) RetrieveCandidates(ctx context.Context, r jobpath.Retrieval) ([]jobpath.RetrievedCandidate, error) {
	bq := bleve.NewBooleanQuery()
	bq.AddMust(term("type", typeCandidate))
	if len(r.Levels) > 0 {
		var ls []query.Query
		for _, l := range r.Levels {
			ls = append(ls, term("desired_level", l))
		}
		ls = append(ls, term("desired_level", ""))
		bq.AddMust(bleve.NewDisjunctionQuery(ls...))
	}
	addSkills(bq, r.Skills, "skills")
	req := bleve.NewSearchRequestOptions(bq, limit(r.Limit), 0, false)
	req.Fields = []string{"name", "headline", "listed", "years", "desired_level", "remote", "locations", "degree", "version"}
	req.SortBy([]string{"-_score"})
	res, err := s.ix.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search: retrieve candidates: %w", err)
	}
	out := make([]jobpath.RetrievedCandidate, 0, len(res.Hits))
	for _, h := range res.Hits {
		f := h.Fields
		str := func(k string) string { v, _ := f[k].(string); return v }
		years, _ := f["years"].(float64)
		version, _ := f["version"].(float64)
		p := &jobpath.Profile{UserID: strings.TrimPrefix(h.ID, "candidate/"), Version: int64(version)}
		p.Name, p.Headline, p.DesiredLevel, p.Remote, p.YearsExperience = str("name"), str("headline"), str("desired_level"), str("remote"), years
		p.Discoverable = true
		for _, sk := range stringsOf(f["listed"]) {
			p.Skills = append(p.Skills, jobpath.SkillClaim{Name: sk})
		}
		if loc := str("locations"); loc != "" {
			p.Locations = []jobpath.Location{{City: strings.TrimSpace(strings.Split(loc, ",")[0])}}
		}
		out = append(out, jobpath.RetrievedCandidate{Profile: p, Degree: str("degree") == "yes"})
	}
	return out, nil
}

// addSkills makes sharing at least one skill a must and every shared skill a
// reason to rank higher.
func addSkills(bq *query.BooleanQuery, skills []string, field string) {
	if len(skills) == 0 {
		return
	}
	var qs []query.Query
	for _, s := range skills {
		qs = append(qs, term(field, s))
	}
	bq.AddShould(qs...)
	bq.AddMust(bleve.NewDisjunctionQuery(qs...))
}

func limit(n int) int {
	if n <= 0 || n > maxRetrieve {
		return 300
	}
	return n
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
