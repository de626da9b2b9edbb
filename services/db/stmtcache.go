package db

import (
	"context"
	"strings"
	"sync"

	"github.com/jmoiron/sqlx"
)

// maxCachedStatements bounds the prepared-statement cache. Query shapes come from request input, so
// the cache stops growing instead of evicting: an evicted statement could still be in use by another
// request, and an application's read shapes are few.
const maxCachedStatements = 512

// stmtCache keeps prepared SELECTs by their SQL text.
type stmtCache struct {
	mu sync.RWMutex
	m  map[string]*sqlx.Stmt
}

// QueryxCached is QueryxContext for a SELECT that runs again and again with other arguments: on
// SQLite it goes through a prepared statement kept for the next run, because parsing and planning a
// short SELECT there costs as much as reading a hundred indexed rows. Other clients, other
// statements, and SQL that does not prepare (its error comes from QueryxContext as before) run
// unprepared. PostgreSQL stays unprepared on purpose (see openPostgres).
func (d *DB) QueryxCached(ctx context.Context, query string, args ...any) (*sqlx.Rows, error) {
	if d.Client != ClientSQLite || !strings.HasPrefix(query, "SELECT ") {
		return d.QueryxContext(ctx, query, args...)
	}
	st := d.cachedStmt(ctx, query)
	if st == nil {
		return d.QueryxContext(ctx, query, args...)
	}
	return st.QueryxContext(ctx, args...)
}

func (d *DB) cachedStmt(ctx context.Context, query string) *sqlx.Stmt {
	c := d.stmts
	c.mu.RLock()
	st, ok := c.m[query]
	full := len(c.m) >= maxCachedStatements
	c.mu.RUnlock()
	if ok {
		return st
	}
	if full {
		return nil
	}
	st, err := d.PreparexContext(ctx, query)
	if err != nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev, ok := c.m[query]; ok {
		st.Close()
		return prev
	}
	if len(c.m) >= maxCachedStatements {
		st.Close()
		return nil
	}
	c.m[query] = st
	return st
}
