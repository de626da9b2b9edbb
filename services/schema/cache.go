package schema

import (
	"context"
	"sync"

	"github.com/jmoiron/sqlx"
	"golang.org/x/sync/singleflight"
)

// Provider is getSchema(): it builds the overview once, serves it from memory, and rebuilds it
// after Invalidate (called by the services that change collections, fields or relations).
// Concurrent misses share one build.
type Provider struct {
	db     sqlx.QueryerContext
	client string
	opts   BuildOptions
	cache  bool

	mu         sync.Mutex
	current    *Overview
	generation uint64
	builds     singleflight.Group
}

// NewProvider returns a Provider reading db (a pool) of the given client. cache=false is
// CACHE_SCHEMA=false: every Get builds a fresh overview.
func NewProvider(db sqlx.QueryerContext, client string, cache bool, opts BuildOptions) *Provider {
	return &Provider{db: db, client: client, opts: opts, cache: cache}
}

// Client is the database client the provider introspects ("sqlite3", "pg", "mysql").
func (p *Provider) Client() string { return p.client }

// Get returns the cached overview, building it on a miss.
func (p *Provider) Get(ctx context.Context) (*Overview, error) {
	if !p.cache {
		return Build(ctx, p.db, p.client, p.opts)
	}
	p.mu.Lock()
	cur, gen := p.current, p.generation
	p.mu.Unlock()
	if cur != nil {
		return cur, nil
	}
	v, err, _ := p.builds.Do("schema", func() (any, error) {
		o, err := Build(ctx, p.db, p.client, p.opts)
		if err != nil {
			return nil, err
		}
		p.mu.Lock()
		if p.generation == gen { // not invalidated while building
			p.current = o
		}
		p.mu.Unlock()
		return o, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*Overview), nil
}

// Fresh builds an overview bypassing the cache, reading through q (e.g. a transaction: getSchema's
// options.database) or the pool when q is nil. The result does not replace the cache.
func (p *Provider) Fresh(ctx context.Context, q sqlx.QueryerContext) (*Overview, error) {
	if q == nil {
		q = p.db
	}
	return Build(ctx, q, p.client, p.opts)
}

// Invalidate drops the cached overview; the next Get rebuilds it.
func (p *Provider) Invalidate() {
	p.mu.Lock()
	p.current = nil
	p.generation++
	p.mu.Unlock()
	p.builds.Forget("schema")
}
