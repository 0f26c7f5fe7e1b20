// Package mongodb implements the board's stores on MongoDB (or the embedded
// FerretDB, which speaks its wire protocol). It is the only package that
// imports the MongoDB driver. This file lists every collection and index.
//
// Keys are designed for the embedded store, which can only push a filter that
// is exactly {_id: <string>} down to SQLite and scans the whole collection for
// anything else: users are keyed by normalised e-mail (login is one read),
// tokens by the hash of the token (every request is one read), jobs and
// profiles by id, feed entries by zero-padded sequence number and claims by
// collection/id/version. Filters on other fields are for batch work and for
// listings that the search index takes over.
package mongodb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/jobpath/jobpath/internal/jobpath"
)

// Collection names.
const (
	collUsers     = "users"
	collCompanies = "companies"
	collTokens    = "tokens"
	collJobs      = "jobs"
	collProfiles  = "profiles"
	collChanges   = "changes"
	collClaims    = "claims"
	collMeta      = "meta"
	// collApplications holds applications by job~candidate key;
	// collApplicationLists the keys of each job's and each candidate's
	// applications, so that listings read by key.
	collApplications     = "applications"
	collApplicationLists = "application_lists"
	// collCompanyKeys reserves each company name's comparison key;
	// collInvites holds pending invites by the hash of their token.
	collCompanyKeys = "company_keys"
	collInvites     = "invites"
	// collSavedSearches holds each candidate's saved searches in one
	// document keyed by the candidate's id.
	collSavedSearches = "saved_searches"
)

// indexes are created at start-up, idempotently; collections without an entry
// get only their _id index.
var indexes = map[string][]mongo.IndexModel{
	collUsers: {
		{Keys: bson.D{{Key: "user_id", Value: 1}}, Options: options.Index().SetUnique(true).SetName("user_id_unique")},
	},
	collTokens: {
		{Keys: bson.D{{Key: "expires_at", Value: 1}}, Options: options.Index().SetName("expires_at")},
	},
	collJobs: {
		{Keys: bson.D{{Key: "company", Value: 1}, {Key: "created_at", Value: -1}}, Options: options.Index().SetName("company_created")},
	},
}

// collections is every collection the store uses, created up front so that
// the embedded store's _id index repair covers them all.
var collections = []string{collUsers, collCompanies, collTokens, collJobs, collProfiles, collChanges, collClaims, collMeta,
	collApplications, collApplicationLists, collCompanyKeys, collInvites, collSavedSearches}

// Options configure Open.
type Options struct {
	// URI of the server; its path names the database unless Database is set.
	URI string
	// Database overrides the database name (tests use one per test).
	Database string
	// Clock for timestamps the store sets itself; the real time when nil.
	Clock jobpath.Clock
	// AfterMigrate runs once collections and indexes exist, with the database
	// name; the embedded store uses it to repair its _id indexes.
	AfterMigrate func(ctx context.Context, db string) error
}

// Store is a connected MongoDB store.
type Store struct {
	client *mongo.Client
	db     *mongo.Database
	clock  jobpath.Clock
	feed   *Feed
}

// Open connects, checks the server answers, and creates collections and
// indexes that are missing.
func Open(ctx context.Context, o Options) (*Store, error) {
	name := o.Database
	if name == "" {
		name = databaseFromURI(o.URI)
	}
	client, err := mongo.Connect(options.Client().ApplyURI(o.URI).SetTimeout(30 * time.Second))
	if err != nil {
		return nil, fmt.Errorf("mongodb: connect: %w", err)
	}
	s := &Store{client: client, db: client.Database(name), clock: o.Clock}
	if s.clock == nil {
		s.clock = jobpath.ClockFunc(time.Now)
	}
	s.feed = newFeed(s.db, s.clock)
	if err := s.migrate(ctx); err != nil {
		_ = client.Disconnect(context.WithoutCancel(ctx))
		return nil, err
	}
	if o.AfterMigrate != nil {
		if err := o.AfterMigrate(ctx, name); err != nil {
			_ = client.Disconnect(context.WithoutCancel(ctx))
			return nil, fmt.Errorf("mongodb: after migrate: %w", err)
		}
	}
	return s, nil
}

// Close disconnects from the server; closing twice is not an error.
func (s *Store) Close(ctx context.Context) error {
	if err := s.client.Disconnect(ctx); err != nil && !errors.Is(err, mongo.ErrClientDisconnected) {
		return fmt.Errorf("mongodb: disconnect: %w", err)
	}
	return nil
}

// Ping checks the server answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.client.Ping(ctx, nil); err != nil {
		return &jobpath.Error{Code: jobpath.EUnavailable, Message: "the store does not answer", Err: err}
	}
	return nil
}

// Feed is the store's change feed.
func (s *Store) Feed() *Feed { return s.feed }

var _ jobpath.ChangeFeed = (*Store)(nil)

// ReadChanges implements jobpath.ChangeFeed.
func (s *Store) ReadChanges(ctx context.Context, after int64, limit int) ([]jobpath.Change, error) {
	return s.feed.Read(ctx, after, limit)
}

// FeedID implements jobpath.ChangeFeed: a random id made once per database.
func (s *Store) FeedID(ctx context.Context) (string, error) {
	var doc struct {
		Value string `bson:"value"`
	}
	err := s.findByID(ctx, collMeta, "feed-id", &doc, "feed id")
	if jobpath.CodeOf(err) == jobpath.ENotFound {
		b := make([]byte, 12)
		_, _ = rand.Read(b)
		// Two processes may race here; the first insert wins and both read it.
		_ = s.insert(ctx, collMeta, bson.D{{Key: "_id", Value: "feed-id"}, {Key: "value", Value: hex.EncodeToString(b)}}, "feed id")
		err = s.findByID(ctx, collMeta, "feed-id", &doc, "feed id")
	}
	if err != nil {
		return "", err
	}
	return doc.Value, nil
}

// HeadChange implements jobpath.ChangeFeed.
func (s *Store) HeadChange(ctx context.Context) (int64, error) { return s.feed.Head(ctx) }

// DatabaseName is the name of the database in use.
func (s *Store) DatabaseName() string { return s.db.Name() }

func (s *Store) migrate(ctx context.Context) error {
	if err := s.client.Ping(ctx, nil); err != nil {
		return fmt.Errorf("mongodb: ping: %w", err)
	}
	existing, err := s.db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return fmt.Errorf("mongodb: list collections: %w", err)
	}
	for _, c := range collections {
		if slices.Contains(existing, c) {
			continue
		}
		if err := s.db.CreateCollection(ctx, c); err != nil && !isNamespaceExists(err) {
			return fmt.Errorf("mongodb: create collection %s: %w", c, err)
		}
	}
	for c, models := range indexes {
		if _, err := s.db.Collection(c).Indexes().CreateMany(ctx, models); err != nil {
			return fmt.Errorf("mongodb: create indexes on %s: %w", c, err)
		}
	}
	return nil
}

func databaseFromURI(uri string) string {
	if u, err := url.Parse(uri); err == nil {
		if p := strings.Trim(u.Path, "/"); p != "" {
			return p
		}
	}
	return "jobpath"
}

func isNamespaceExists(err error) bool {
	var ce mongo.CommandError
	return errors.As(err, &ce) && ce.Code == 48
}

// findByID decodes the document with _id id into v; ENotFound when missing.
func (s *Store) findByID(ctx context.Context, coll, id string, v any, what string) error {
	err := s.db.Collection(coll).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(v)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return jobpath.Errorf(jobpath.ENotFound, "%s not found", what)
	}
	if err != nil {
		return fmt.Errorf("mongodb: find %s %q: %w", coll, id, err)
	}
	return nil
}

// insert stores doc; a duplicate key is EConflict with message conflict.
func (s *Store) insert(ctx context.Context, coll string, doc any, conflict string) error {
	_, err := s.db.Collection(coll).InsertOne(ctx, doc)
	if mongo.IsDuplicateKeyError(err) {
		return &jobpath.Error{Code: jobpath.EConflict, Message: conflict, Err: err}
	}
	if err != nil {
		return fmt.Errorf("mongodb: insert into %s: %w", coll, err)
	}
	return nil
}

// Drop deletes the whole database; tests use it to clean up.
func (s *Store) Drop(ctx context.Context) error {
	if err := s.db.Drop(ctx); err != nil {
		return fmt.Errorf("mongodb: drop database: %w", err)
	}
	return nil
}
