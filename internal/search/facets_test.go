package search

import (
	"context"

	"fmt"
	"github.com/blevesearch/bleve/v2/mapping"
	"maps"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/jobpath/jobpath/data"
	"github.com/jobpath/jobpath/internal/corpus"
	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/skills"
)

// TestFacetColumnsMatchBleve checks the facet counts read from the columns
// against bleve's own facets over the same hits, on an index of several
// segments with deleted and replaced documents, for queries from every hit
// to a handful.
func TestFacetColumnsMatchBleve(t *testing.T) {
	if len(columnFields) != nColumns+1 || columnFields[colExpires] != "expires" || columnFields[colRequired] != "required" {
		t.Fatalf("columnFields and its positions disagree: %v", columnFields)
	}
	tax, err := skills.Parse(data.SkillsYAML())
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 23, 12, 30, 0, 0, time.UTC)
	// Merging would fold the segments (and their deletions) into one.
	noMerge := map[string]any{"scorchMergePlanOptions": map[string]any{"MaxSegmentsPerTier": 100, "SegmentsPerMergeTask": 100}}
	idx, err := bleve.NewUsing(filepath.Join(t.TempDir(), "index.bleve"), indexMapping(), scorch.Name, scorch.Name, noMerge)
	if err != nil {
		t.Fatal(err)
	}
	ix := newIndex(idx, "", tax)
	defer ix.Close()

	gen := corpus.Jobs(900, 7)
	jobs := make([]*jobpath.Job, len(gen))
	for i, g := range gen {
		j, err := jobpath.NewJob(g.Input, &jobpath.Company{ID: jobpath.CompanyID(g.Company), Name: g.Company}, now.Add(-time.Duration(i*37)*time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		j.ID, j.Version = fmt.Sprintf("job-%04d", i), 1
		j.Enrich(tax, g.Input.Explicit())
		jobs[i] = j
	}
	// Three batches make three segments; the fourth deletes and replaces
	// documents in them.
	for part := range 3 {
		b := idx.NewBatch()
		for _, j := range jobs[part*300 : (part+1)*300] {
			if err := b.Index(j.ID, newJobDoc(j)); err != nil {
				t.Fatal(err)
			}
		}
		if err := idx.Batch(b); err != nil {
			t.Fatal(err)
		}
		// A search between batches decodes the columns of the segments so
		// far; later ones must add to them, not reuse stale ones.
		if _, err := ix.Search(context.Background(), jobpath.JobQuery{PerPage: 1, Page: 1}, tax, now); err != nil {
			t.Fatal(err)
		}
	}
	b := idx.NewBatch()
	for i := 0; i < len(jobs); i += 7 {
		b.Delete(jobs[i].ID)
	}
	for i := 3; i < len(jobs); i += 11 {
		j := *jobs[i]
		j.Level, j.Remote, j.Version = "lead", "remote", 2
		j.Skills.Required = append(slices.Clone(j.Skills.Required), "erlang")
		if err := b.Index(j.ID, newJobDoc(&j)); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}

	segs, deleted := segmentsOf(t, ix)
	if segs < 2 || deleted == 0 {
		t.Fatalf("the index has %d segments and %d deleted documents: the test needs several, with deletions", segs, deleted)
	}
	for _, q := range []jobpath.JobQuery{
		{},
		{Text: "engineer"},
		{Skills: []string{"python"}},
		{Level: "lead"},
		{NoDegree: true, Remote: "remote"},
		{Text: "payments", Skills: []string{"go"}},
		{Skills: []string{"erlang"}, Sort: "newest"},
		{Text: "nothing-matches-this"},
	} {
		q.PerPage, q.Page = 5, 1
		got, err := ix.Search(context.Background(), q, tax, now)
		if err != nil {
			t.Fatal(err)
		}
		want := bleveFacets(t, ix, q, tax, now)
		if got.Total != want.total {
			t.Errorf("%+v: total %d, bleve says %d", q, got.Total, want.total)
		}
		for name, counts := range want.facets {
			have := map[string]int{}
			for _, v := range got.Facets[name] {
				have[v.Value] = v.Count
			}
			if !maps.Equal(have, counts) {
				t.Errorf("%+v: facet %s = %v, bleve counts %v", q, name, have, counts)
			}
		}
	}
}

// segmentsOf counts the segments of the index and the documents deleted
// in them.
func segmentsOf(t *testing.T, ix *Index) (segs int, deleted uint64) {
	t.Helper()
	adv, err := ix.idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, ss := range r.(*scorch.IndexSnapshot).Segments() {
		segs++
		if d := ss.Deleted(); d != nil {
			deleted += d.GetCardinality()
		}
	}
	return segs, deleted
}

type bleveCounts struct {
	total  uint64
	facets map[string]map[string]int
}

// bleveFacets counts q's facets with bleve's own facet builders.
func bleveFacets(t *testing.T, ix *Index, q jobpath.JobQuery, tax *skills.Taxonomy, now time.Time) bleveCounts {
	t.Helper()
	bq := ix.filters(q, tax, now)
	if tq := ix.textQuery(q.Text, tax, 0, jobText); tq != nil {
		bq.AddMust(tq)
	}
	req := bleve.NewSearchRequestOptions(bq, 0, 0, false)
	for f, size := range facetFields {
		if size > 0 {
			req.AddFacet(columnFields[f], bleve.NewFacetRequest(columnFields[f], size))
		}
	}
	req.AddFacet("salary", bleve.NewFacetRequest("salary_band", len(salaryBands)))
	req.AddFacet("hours", bleve.NewFacetRequest("posted_hour", 1<<16))
	sr, err := ix.idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	out := bleveCounts{total: sr.Total, facets: map[string]map[string]int{}}
	for name, fr := range sr.Facets {
		counts := map[string]int{}
		var hours []jobpath.FacetValue
		for _, tf := range fr.Terms.Terms() {
			counts[tf.Term] = tf.Count
			hours = append(hours, jobpath.FacetValue{Value: tf.Term, Count: tf.Count})
		}
		switch name {
		case "hours":
			counts = map[string]int{}
			for _, v := range postedFacet(hours, now) {
				counts[v.Value] = v.Count
			}
			name = "posted"
		case "salary":
			for _, b := range salaryBands {
				if _, ok := counts[b.name]; !ok {
					counts[b.name] = 0
				}
			}
		}
		out.facets[name] = counts
	}
	return out
}

// TestFieldsMeanOneThing: a field name that two document types share has
// one mapping. Scorch keeps one set of options per field and segment, so a
// segment holding a job and a candidate whose "degree" fields differed lost
// the jobs' degree doc values, and the no-degree filter emptied.
func TestFieldsMeanOneThing(t *testing.T) {
	m, ok := indexMapping().(*mapping.IndexMappingImpl)
	if !ok {
		t.Fatalf("mapping is a %T", indexMapping())
	}
	job, cand := m.TypeMapping[typeJob], m.TypeMapping[typeCandidate]
	if job == nil || cand == nil {
		t.Fatal("the mapping lacks a document type")
	}
	for name, jp := range job.Properties {
		cp, ok := cand.Properties[name]
		if !ok {
			continue
		}
		jf, cf := jp.Fields, cp.Fields
		if len(jf) != 1 || len(cf) != 1 {
			t.Errorf("field %q: %d and %d mappings, want one each", name, len(jf), len(cf))
			continue
		}
		a, b := jf[0], cf[0]
		if a.Type != b.Type || a.Analyzer != b.Analyzer || a.Store != b.Store || a.Index != b.Index || a.DocValues != b.DocValues || a.IncludeTermVectors != b.IncludeTermVectors {
			t.Errorf("field %q is mapped one way for jobs (%+v) and another for candidates (%+v)", name, *a, *b)
		}
	}
}
