package mongodb_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/mongodb"
	"github.com/jobpath/jobpath/internal/mongodb/mongotest"
)

// benchStore returns a store holding n jobs of realistic size, with their ids.
func benchStore(b *testing.B, n int) (*mongodb.Store, []string) {
	b.Helper()
	st := srv.Open(b, nil)
	ctx := context.Background()
	desc := ""
	for len(desc) < 2500 {
		desc += "Design, build and run back-end services in Go and PostgreSQL; review code, mentor and share on-call. "
	}
	ids := make([]string, n)
	now := time.Now()
	for i := range ids {
		j, err := jobpath.NewJob(jobpath.JobInput{Title: fmt.Sprintf("Back-end engineer %d", i), Description: desc,
			Skills: &jobpath.Skills{Required: []string{"go", "postgresql", "kafka"}, Preferred: []string{"kubernetes"}}},
			&jobpath.Company{ID: "acme", Name: "Acme"}, now)
		if err != nil {
			b.Fatal(err)
		}
		if err := st.CreateJob(ctx, j); err != nil {
			b.Fatal(err)
		}
		ids[i] = j.ID
	}
	return st, ids
}

// BenchmarkJobHotPaths measures the reads and writes every request makes, on
// a collection of 5,000 postings of about 3 KB: each must reach its document
// by _id without scanning.
func BenchmarkJobHotPaths(b *testing.B) {
	st, ids := benchStore(b, 5000)
	ctx := context.Background()
	b.Run("FindJobByID", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if _, err := st.FindJobByID(ctx, ids[i%len(ids)]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("FindJobByID/miss", func(b *testing.B) {
		for b.Loop() {
			if _, err := st.FindJobByID(ctx, "no-such-job"); jobpath.CodeOf(err) != jobpath.ENotFound {
				b.Fatal(err)
			}
		}
	})
	b.Run("UpdateJob", func(b *testing.B) {
		jobs := make(map[string]*jobpath.Job)
		for i := 0; b.Loop(); i++ {
			id := ids[i%len(ids)]
			j, ok := jobs[id]
			if !ok {
				var err error
				if j, err = st.FindJobByID(ctx, id); err != nil {
					b.Fatal(err)
				}
				jobs[id] = j
			}
			j.Title = fmt.Sprintf("Back-end engineer, revision %d", i)
			if err := st.UpdateJob(ctx, j); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("FindToken", func(b *testing.B) {
		tok := &jobpath.Token{Hash: "bench-token", UserID: "u", ExpiresAt: time.Now().Add(time.Hour)}
		if err := st.CreateToken(ctx, tok); err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := st.FindToken(ctx, "bench-token"); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCreateJob measures the three inserts of a new posting.
func BenchmarkCreateJob(b *testing.B) {
	st := srv.Open(b, nil)
	ctx := context.Background()
	now := time.Now()
	for i := 0; b.Loop(); i++ {
		j, err := jobpath.NewJob(jobpath.JobInput{Title: fmt.Sprintf("Engineer %d", i), Description: "Go and PostgreSQL services."}, &jobpath.Company{ID: "acme", Name: "Acme"}, now)
		if err != nil {
			b.Fatal(err)
		}
		if err := st.CreateJob(ctx, j); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFindJobByIDUnrepaired is FindJobByID on a store opened without the
// embedded _id index repair: the cost the repair removes, at 2,000 postings.
func BenchmarkFindJobByIDUnrepaired(b *testing.B) {
	ctx := context.Background()
	opts := srv.Options(mongotest.DatabaseName(), nil)
	opts.AfterMigrate = nil
	st, err := mongodb.Open(ctx, opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = st.Drop(ctx); _ = st.Close(ctx) })
	ids := make([]string, 2000)
	for i := range ids {
		j, err := jobpath.NewJob(jobpath.JobInput{Title: fmt.Sprintf("Engineer %d", i), Description: fmt.Sprintf("%03000d", i)}, &jobpath.Company{ID: "acme", Name: "Acme"}, time.Now())
		if err != nil {
			b.Fatal(err)
		}
		if err := st.CreateJob(ctx, j); err != nil {
			b.Fatal(err)
		}
		ids[i] = j.ID
	}
	for i := 0; b.Loop(); i++ {
		if _, err := st.FindJobByID(ctx, ids[i%len(ids)]); err != nil {
			b.Fatal(err)
		}
	}
}
