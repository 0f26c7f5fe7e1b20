package mongodb

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/jobpath/jobpath/internal/jobpath"
)

var _ jobpath.SavedSearchStore = (*Store)(nil)

// savedSearches is one candidate's document: searches by id, each changed
// by a write to its own field, so that two tabs saving at once both keep
// what they saved.
type savedSearches struct {
	ID       string                         `bson:"_id"`
	Searches map[string]jobpath.SavedSearch `bson:"searches"`
}

// SavedSearches implements jobpath.SavedSearchStore.
func (s *Store) SavedSearches(ctx context.Context, userID string) ([]jobpath.SavedSearch, error) {
	var doc savedSearches
	err := s.findByID(ctx, collSavedSearches, userID, &doc, "saved searches")
	if jobpath.CodeOf(err) == jobpath.ENotFound {
		return []jobpath.SavedSearch{}, nil
	}
	if err != nil {
		return nil, err
	}
	out := make([]jobpath.SavedSearch, 0, len(doc.Searches))
	for _, ss := range doc.Searches {
		out = append(out, ss)
	}
	slices.SortFunc(out, func(a, b jobpath.SavedSearch) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// PutSavedSearch implements jobpath.SavedSearchStore.
func (s *Store) PutSavedSearch(ctx context.Context, userID string, ss jobpath.SavedSearch) error {
	_, err := s.db.Collection(collSavedSearches).UpdateOne(ctx, bson.D{{Key: "_id", Value: userID}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "searches." + ss.ID, Value: ss}}}}, options.UpdateOne().SetUpsert(true))
	if err != nil {
		return fmt.Errorf("mongodb: save search: %w", err)
	}
	return nil
}

// DeleteSavedSearch implements jobpath.SavedSearchStore.
func (s *Store) DeleteSavedSearch(ctx context.Context, userID, id string) error {
	_, err := s.db.Collection(collSavedSearches).UpdateOne(ctx, bson.D{{Key: "_id", Value: userID}},
		bson.D{{Key: "$unset", Value: bson.D{{Key: "searches." + id, Value: ""}}}})
	if err != nil {
		return fmt.Errorf("mongodb: delete saved search: %w", err)
	}
	return nil
}
