package mongodb

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/jobpath/jobpath/internal/jobpath"
)

var (
	_ jobpath.JobService     = (*Store)(nil)
	_ jobpath.ProfileService = (*Store)(nil)
)

// CreateJob implements jobpath.JobService.
func (s *Store) CreateJob(ctx context.Context, j *jobpath.Job) error {
	if j.ID == "" {
		j.ID = bson.NewObjectID().Hex()
	}
	j.Version = 1
	err := s.writeVersion(ctx, collJobs, j.ID, j.Version, j)
	if jobpath.CodeOf(err) == jobpath.EPrecondition {
		return &jobpath.Error{Code: jobpath.EConflict, Message: "a job with this id already exists", Err: err}
	}
	return err
}

// FindJobByID implements jobpath.JobService.
func (s *Store) FindJobByID(ctx context.Context, id string) (*jobpath.Job, error) {
	var j jobpath.Job
	if err := s.findByID(ctx, collJobs, id, &j, "job"); err != nil {
		return nil, err
	}
	return &j, nil
}

// UpdateJob implements jobpath.JobService.
func (s *Store) UpdateJob(ctx context.Context, j *jobpath.Job) error {
	next := *j
	next.Version++
	if err := s.writeVersion(ctx, collJobs, j.ID, next.Version, &next); err != nil {
		return err
	}
	j.Version = next.Version
	return nil
}

// FindJobs implements jobpath.JobService. On the embedded store this filter
// reads the whole collection; it serves a company's own dashboard, not search.
func (s *Store) FindJobs(ctx context.Context, f jobpath.JobFilter) ([]*jobpath.Job, error) {
	filter := bson.D{{Key: "company", Value: f.Company}}
	if f.Status != "" {
		filter = append(filter, bson.E{Key: "status", Value: f.Status})
	}
	opts := options.Find().SetSort(bson.D{{Key: "created_at", Value: -1}, {Key: "_id", Value: 1}})
	if f.Limit > 0 {
		opts.SetLimit(int64(f.Limit))
	}
	cur, err := s.db.Collection(collJobs).Find(ctx, filter, opts)
	if err != nil {
		return nil, fmt.Errorf("mongodb: find jobs: %w", err)
	}
	jobs := []*jobpath.Job{}
	if err := cur.All(ctx, &jobs); err != nil {
		return nil, fmt.Errorf("mongodb: read jobs: %w", err)
	}
	return jobs, nil
}

// FindProfile implements jobpath.ProfileService.
func (s *Store) FindProfile(ctx context.Context, userID string) (*jobpath.Profile, error) {
	var p jobpath.Profile
	if err := s.findByID(ctx, collProfiles, userID, &p, "profile"); err != nil {
		return nil, err
	}
	return &p, nil
}

// PutProfile implements jobpath.ProfileService.
func (s *Store) PutProfile(ctx context.Context, p *jobpath.Profile) error {
	next := *p
	next.Version++
	if err := s.writeVersion(ctx, collProfiles, p.UserID, next.Version, &next); err != nil {
		return err
	}
	p.Version = next.Version
	return nil
}

// PublishedJobs reads every published job's level and skills: batch work
// for market demand, a whole-collection read on the embedded store.
func (s *Store) PublishedJobs(ctx context.Context) ([]*jobpath.Job, error) {
	opts := options.Find().SetProjection(bson.D{
		{Key: "level", Value: 1}, {Key: "skills", Value: 1}, {Key: "status", Value: 1}, {Key: "expires_at", Value: 1},
	})
	cur, err := s.db.Collection(collJobs).Find(ctx, bson.D{{Key: "status", Value: jobpath.StatusPublished}}, opts)
	if err != nil {
		return nil, fmt.Errorf("mongodb: find published jobs: %w", err)
	}
	var jobs []*jobpath.Job
	if err := cur.All(ctx, &jobs); err != nil {
		return nil, fmt.Errorf("mongodb: read published jobs: %w", err)
	}
	now := s.clock.Now()
	live := jobs[:0]
	for _, j := range jobs {
		if j.EffectiveStatus(now) == jobpath.StatusPublished {
			live = append(live, j)
		}
	}
	return live, nil
}

var _ jobpath.JobScanner = (*Store)(nil)

// EachJob implements jobpath.JobScanner: a whole-collection read.
func (s *Store) EachJob(ctx context.Context, fn func(*jobpath.Job) error) error {
	return each(ctx, s.db.Collection(collJobs), "jobs", fn)
}

var _ jobpath.ProfileScanner = (*Store)(nil)

// EachProfile implements jobpath.ProfileScanner: a whole-collection read.
func (s *Store) EachProfile(ctx context.Context, fn func(*jobpath.Profile) error) error {
	return each(ctx, s.db.Collection(collProfiles), "profiles", fn)
}

// each decodes every document of coll into a fresh T and calls fn with it,
// stopping at fn's first error, which it returns as it is.
func each[T any](ctx context.Context, coll *mongo.Collection, what string, fn func(*T) error) error {
	cur, err := coll.Find(ctx, bson.D{}, options.Find().SetBatchSize(500))
	if err != nil {
		return fmt.Errorf("mongodb: scan %s: %w", what, err)
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		v := new(T)
		if err := cur.Decode(v); err != nil {
			return fmt.Errorf("mongodb: decode %s: %w", what, err)
		}
		if err := fn(v); err != nil {
			return err
		}
	}
	if err := cur.Err(); err != nil {
		return fmt.Errorf("mongodb: scan %s: %w", what, err)
	}
	return nil
}
