package auth

import (
	"context"
	"database/sql"
	"fmt"
	"sync"

	"github.com/jmoiron/sqlx"

	"github.com/dxhost/dxhost/services/db"
)

// statements are the SQL texts of the per-request reads, written once for the dialect.
type statements struct {
	// staticToken: a static token's user, own role and the policies of both (see
	// staticTokenAccountability).
	staticToken string
	// roleAccess: a role row (by id) and the policies of that role or of a user (by id).
	roleAccess string
}

func newStatements(d db.Dialect) statements {
	q := d.Quote
	return statements{
		staticToken: d.Rebind(`SELECT u.` + q("id") + `, u.` + q("role") + `, r.` + q("id") + `, r.` + q("parent") +
			`, p.` + q("admin_access") + `, p.` + q("app_access") + `, p.` + q("ip_access") +
			` FROM ` + q("directus_users") + ` u LEFT JOIN ` + q("directus_roles") + ` r ON r.` + q("id") + ` = u.` + q("role") +
			` LEFT JOIN ` + q("directus_access") + ` a ON a.` + q("role") + ` = r.` + q("id") + ` OR a.` + q("user") + ` = u.` + q("id") +
			` LEFT JOIN ` + q("directus_policies") + ` p ON p.` + q("id") + ` = a.` + q("policy") +
			` WHERE u.` + q("token") + ` = ? AND u.` + q("status") + ` = ?`),
		roleAccess: d.Rebind(`SELECT r.` + q("id") + `, r.` + q("parent") +
			`, p.` + q("admin_access") + `, p.` + q("app_access") + `, p.` + q("ip_access") +
			` FROM ` + q("directus_roles") + ` r` +
			` LEFT JOIN ` + q("directus_access") + ` a ON a.` + q("role") + ` = r.` + q("id") + ` OR a.` + q("user") + ` = ?` +
			` LEFT JOIN ` + q("directus_policies") + ` p ON p.` + q("id") + ` = a.` + q("policy") +
			` WHERE r.` + q("id") + ` = ?`),
	}
}

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
