package career

import (
	"context"
	"sync"
	"time"

	"github.com/jobpath/jobpath/internal/jobpath"
	"github.com/jobpath/jobpath/internal/skills"
)

// DemandCache keeps the market demand computed from published jobs, reading
// them again when the copy is older than its TTL. Reading every published job
// is batch work, so requests share one copy.
type DemandCache struct {
	load  func(ctx context.Context) ([]*jobpath.Job, error)
	tax   *skills.Taxonomy
	clock jobpath.Clock
	ttl   time.Duration

	mu       sync.Mutex
	d        *Demand
	at       time.Time
	failedAt time.Time
}

// NewDemandCache returns a cache over load.
func NewDemandCache(load func(ctx context.Context) ([]*jobpath.Job, error), tax *skills.Taxonomy, clock jobpath.Clock, ttl time.Duration) *DemandCache {
	return &DemandCache{load: load, tax: tax, clock: clock, ttl: ttl}
}

// Demand returns the current demand, computing it when stale. On a failed
// refresh it serves the stale copy if there is one, and it waits a TTL before
// trying again, so that a slow store is not scanned by every request.
func (c *DemandCache) Demand(ctx context.Context) (*Demand, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.clock.Now()
	if c.d != nil && now.Sub(c.at) < c.ttl {
		return c.d, nil
	}
	if !c.failedAt.IsZero() && now.Sub(c.failedAt) < max(c.ttl, time.Second) {
		if c.d != nil {
			return c.d, nil
		}
		return nil, &jobpath.Error{Code: jobpath.EUnavailable, Message: "market demand is not available yet; try again shortly"}
	}
	// The load is shared by every waiting request: one caller giving up
	// must not abort it.
	lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
	defer cancel()
	jobs, err := c.load(lctx)
	if err != nil {
		c.failedAt = now
		if c.d != nil {
			return c.d, nil
		}
		return nil, err
	}
	c.d, c.at, c.failedAt = NewDemand(jobs, c.tax), now, time.Time{}
	return c.d, nil
}
