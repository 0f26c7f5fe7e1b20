package mongodb

import (
	"context"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/jobpath/jobpath/internal/jobpath"
)

var _ jobpath.ApplicationService = (*Store)(nil)

// applicationList is the keys of one job's or one candidate's applications,
// in the order they were made. A key is added before its application is
// written, so a listing never misses an acknowledged application; a key
// whose write then failed names nothing and is skipped.
type applicationList struct {
	ID   string   `bson:"_id"`
	Keys []string `bson:"keys"`
}

func jobListID(job string) string             { return "job:" + job }
func candidateListID(candidate string) string { return "candidate:" + candidate }

// CreateApplication implements jobpath.ApplicationService.
func (s *Store) CreateApplication(ctx context.Context, a *jobpath.Application) error {
	for _, list := range []string{jobListID(a.JobID), candidateListID(a.CandidateID)} {
		_, err := s.db.Collection(collApplicationLists).UpdateOne(ctx, bson.D{{Key: "_id", Value: list}},
			bson.D{{Key: "$addToSet", Value: bson.D{{Key: "keys", Value: a.ID}}}}, options.UpdateOne().SetUpsert(true))
		if err != nil {
			return fmt.Errorf("mongodb: list application %s: %w", a.ID, err)
		}
	}
	a.Version = 1
	err := s.writeVersion(ctx, collApplications, a.ID, a.Version, a)
	if jobpath.CodeOf(err) == jobpath.EPrecondition {
		return &jobpath.Error{Code: jobpath.EConflict, Message: "you have already applied to this job", Err: err}
	}
	return err
}

// FindApplication implements jobpath.ApplicationService.
func (s *Store) FindApplication(ctx context.Context, id string) (*jobpath.Application, error) {
	var a jobpath.Application
	if err := s.findByID(ctx, collApplications, id, &a, "application"); err != nil {
		return nil, err
	}
	return &a, nil
}

// UpdateApplication implements jobpath.ApplicationService.
func (s *Store) UpdateApplication(ctx context.Context, a *jobpath.Application) error {
	next := *a
	next.Version++
	if err := s.writeVersion(ctx, collApplications, a.ID, next.Version, &next); err != nil {
		return err
	}
	a.Version = next.Version
	return nil
}

// JobApplications implements jobpath.ApplicationService.
func (s *Store) JobApplications(ctx context.Context, jobID string) ([]*jobpath.Application, error) {
	return s.listedApplications(ctx, jobListID(jobID))
}

// CandidateApplications implements jobpath.ApplicationService.
func (s *Store) CandidateApplications(ctx context.Context, candidateID string) ([]*jobpath.Application, error) {
	apps, err := s.listedApplications(ctx, candidateListID(candidateID))
	slices.Reverse(apps)
	return apps, err
}

func (s *Store) listedApplications(ctx context.Context, list string) ([]*jobpath.Application, error) {
	var l applicationList
	err := s.findByID(ctx, collApplicationLists, list, &l, "application list")
	if jobpath.CodeOf(err) == jobpath.ENotFound {
		return []*jobpath.Application{}, nil
	}
	if err != nil {
		return nil, err
	}
	out := make([]*jobpath.Application, 0, len(l.Keys))
	for _, k := range l.Keys {
		a, err := s.FindApplication(ctx, k)
		if jobpath.CodeOf(err) == jobpath.ENotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}
