package mongodb

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/jobpath/jobpath/internal/jobpath"
)

var _ jobpath.AccountStore = (*Store)(nil)

// CreateUser implements jobpath.AccountStore.
func (s *Store) CreateUser(ctx context.Context, u *jobpath.User) error {
	return s.insert(ctx, collUsers, u, "an account with this e-mail already exists")
}

// FindUserByEmail implements jobpath.AccountStore.
func (s *Store) FindUserByEmail(ctx context.Context, email string) (*jobpath.User, error) {
	var u jobpath.User
	if err := s.findByID(ctx, collUsers, email, &u, "user"); err != nil {
		return nil, err
	}
	return &u, nil
}

// CreateCompany implements jobpath.AccountStore.
func (s *Store) CreateCompany(ctx context.Context, c *jobpath.Company) error {
	return s.insert(ctx, collCompanies, c, "a company with this name already exists")
}

// FindCompanyByID implements jobpath.AccountStore.
func (s *Store) FindCompanyByID(ctx context.Context, id string) (*jobpath.Company, error) {
	var c jobpath.Company
	if err := s.findByID(ctx, collCompanies, id, &c, "company"); err != nil {
		return nil, err
	}
	return &c, nil
}

// CreateToken implements jobpath.AccountStore.
func (s *Store) CreateToken(ctx context.Context, t *jobpath.Token) error {
	return s.insert(ctx, collTokens, t, "token collision")
}

// FindToken implements jobpath.AccountStore.
func (s *Store) FindToken(ctx context.Context, hash string) (*jobpath.Token, error) {
	var t jobpath.Token
	if err := s.findByID(ctx, collTokens, hash, &t, "token"); err != nil {
		return nil, err
	}
	return &t, nil
}

// DeleteToken implements jobpath.AccountStore.
func (s *Store) DeleteToken(ctx context.Context, hash string) error {
	if _, err := s.db.Collection(collTokens).DeleteOne(ctx, bson.D{{Key: "_id", Value: hash}}); err != nil {
		return fmt.Errorf("mongodb: delete token: %w", err)
	}
	return nil
}

// DeleteExpiredTokens implements jobpath.AccountStore. The embedded store has
// no TTL indexes, so expiry is a sweep; a token check also refuses an expired
// token on its own.
func (s *Store) DeleteExpiredTokens(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.db.Collection(collTokens).DeleteMany(ctx, bson.D{{Key: "expires_at", Value: bson.D{{Key: "$lt", Value: now}}}})
	if err != nil {
		return 0, fmt.Errorf("mongodb: sweep tokens: %w", err)
	}
	return res.DeletedCount, nil
}

// MarkDone records that the one-time task named key ran, and reports whether
// it had already been recorded.
func (s *Store) MarkDone(ctx context.Context, key string) (already bool, err error) {
	err = s.insert(ctx, collMeta, bson.D{{Key: "_id", Value: key}, {Key: "at", Value: s.clock.Now()}}, "done")
	if jobpath.CodeOf(err) == jobpath.EConflict {
		return true, nil
	}
	return false, err
}

// IsDone reports whether the one-time task named key ran.
func (s *Store) IsDone(ctx context.Context, key string) (bool, error) {
	var v bson.Raw
	err := s.findByID(ctx, collMeta, key, &v, "marker")
	if jobpath.CodeOf(err) == jobpath.ENotFound {
		return false, nil
	}
	return err == nil, err
}

// Empty reports whether the store holds no accounts and no jobs.
func (s *Store) Empty(ctx context.Context) (bool, error) {
	for _, c := range []string{collUsers, collJobs} {
		n, err := s.db.Collection(c).CountDocuments(ctx, bson.D{}, options.Count().SetLimit(1))
		if err != nil {
			return false, fmt.Errorf("mongodb: count %s: %w", c, err)
		}
		if n > 0 {
			return false, nil
		}
	}
	return true, nil
}

// ClaimCompanyKey implements jobpath.AccountStore.
func (s *Store) ClaimCompanyKey(ctx context.Context, key, company string) error {
	err := s.insert(ctx, collCompanyKeys, bson.D{{Key: "_id", Value: key}, {Key: "company", Value: company}}, "a company with this name is already registered")
	if jobpath.CodeOf(err) != jobpath.EConflict {
		return err
	}
	var held struct {
		Company string `bson:"company"`
	}
	if ferr := s.findByID(ctx, collCompanyKeys, key, &held, "company key"); ferr == nil && held.Company == company {
		return nil // a retry of the same registration
	}
	return err
}

// PutMember implements jobpath.AccountStore.
func (s *Store) PutMember(ctx context.Context, company string, m jobpath.Member) error {
	return s.updateByID(ctx, collCompanies, company, bson.D{{Key: "$set", Value: bson.D{{Key: "members." + m.UserID, Value: m}}}})
}

// RemoveMember implements jobpath.AccountStore.
func (s *Store) RemoveMember(ctx context.Context, company, userID string) error {
	return s.updateByID(ctx, collCompanies, company, bson.D{{Key: "$unset", Value: bson.D{{Key: "members." + userID, Value: ""}}}})
}

// SetOwner implements jobpath.AccountStore.
func (s *Store) SetOwner(ctx context.Context, company, userID string) error {
	return s.updateByID(ctx, collCompanies, company, bson.D{{Key: "$set", Value: bson.D{{Key: "owner", Value: userID}}}})
}

// SetUserCompany implements jobpath.AccountStore.
func (s *Store) SetUserCompany(ctx context.Context, email, company string) error {
	return s.updateByID(ctx, collUsers, email, bson.D{{Key: "$set", Value: bson.D{{Key: "company", Value: company}}}})
}

// CreateInvite implements jobpath.AccountStore.
func (s *Store) CreateInvite(ctx context.Context, in *jobpath.Invite) error {
	return s.insert(ctx, collInvites, in, "invite exists")
}

// ClaimInvite implements jobpath.AccountStore: the delete is the claim, so
// that of two registrations with one invite only one gets it.
func (s *Store) ClaimInvite(ctx context.Context, hash string) (*jobpath.Invite, error) {
	var in jobpath.Invite
	err := s.db.Collection(collInvites).FindOneAndDelete(ctx, bson.D{{Key: "_id", Value: hash}}).Decode(&in)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, jobpath.Errorf(jobpath.ENotFound, "invite not found")
	}
	if err != nil {
		return nil, fmt.Errorf("mongodb: claim invite: %w", err)
	}
	return &in, nil
}

// updateByID applies update to the document with _id id; ENotFound when
// there is none.
func (s *Store) updateByID(ctx context.Context, coll, id string, update bson.D) error {
	res, err := s.db.Collection(coll).UpdateOne(ctx, bson.D{{Key: "_id", Value: id}}, update)
	if err != nil {
		return fmt.Errorf("mongodb: update %s %q: %w", coll, id, err)
	}
	if res.MatchedCount == 0 {
		return jobpath.Errorf(jobpath.ENotFound, "%s %q not found", coll, id)
	}
	return nil
}
