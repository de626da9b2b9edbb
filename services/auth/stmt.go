package auth

import (
	"context"
	"database/sql"
	"fmt"
	"sync"

	"github.com/jmoiron/sqlx"
)

// stmtCache keeps prepared statements of the per-request queries (token → accountability): SQL
// parsing was a sixth of the CPU of an authenticated request on SQLite.
type stmtCache struct {
	db *sqlx.DB
	m  sync.Map // query → *sqlx.Stmt
}

// queryer is what the roles and access helpers need: QueryRowx/Queryx through cached statements.
func (c *stmtCache) stmt(ctx context.Context, query string) (*sqlx.Stmt, error) {
	if v, ok := c.m.Load(query); ok {
		return v.(*sqlx.Stmt), nil
	}
	st, err := c.db.PreparexContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("auth: preparing %q: %w", query, err)
	}
	if prev, loaded := c.m.LoadOrStore(query, st); loaded {
		st.Close()
		return prev.(*sqlx.Stmt), nil
	}
	return st, nil
}

// QueryRowxContext implements sqlx.QueryerContext.
func (c *stmtCache) QueryRowxContext(ctx context.Context, query string, args ...any) *sqlx.Row {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return c.db.QueryRowxContext(ctx, query, args...)
	}
	return st.QueryRowxContext(ctx, args...)
}

// QueryxContext implements sqlx.QueryerContext.
func (c *stmtCache) QueryxContext(ctx context.Context, query string, args ...any) (*sqlx.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryxContext(ctx, args...)
}

// QueryContext implements sqlx.QueryerContext.
func (c *stmtCache) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}
