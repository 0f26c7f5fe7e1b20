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

	mu sync.Mutex
	d  *Demand
	at time.Time
}

// NewDemandCache returns a cache over load.
func NewDemandCache(load func(ctx context.Context) ([]*jobpath.Job, error), tax *skills.Taxonomy, clock jobpath.Clock, ttl time.Duration) *DemandCache {
	return &DemandCache{load: load, tax: tax, clock: clock, ttl: ttl}
}

// Demand returns the current demand, computing it when stale. On a failed
// refresh it serves the stale copy if there is one.
func (c *DemandCache) Demand(ctx context.Context) (*Demand, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.clock.Now()
	if c.d != nil && now.Sub(c.at) < c.ttl {
		return c.d, nil
	}
	jobs, err := c.load(ctx)
	if err != nil {
		if c.d != nil {
			return c.d, nil
		}
		return nil, err
	}
	c.d, c.at = NewDemand(jobs, c.tax), now
	return c.d, nil
}
