// Package db opens the database that Directus's DB_* environment describes (SQLite, PostgreSQL or
// MySQL/MariaDB) and knows the few dialect differences the rest of dxhost needs: identifier quoting,
// placeholders and the translation of driver errors into Directus errors.
package db

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
)

// The DB_CLIENT values dxhost serves (Directus's names).
const (
	ClientSQLite   = "sqlite3"
	ClientPostgres = "pg"
	ClientMySQL    = "mysql"
)

// DB is one connection pool to the project database.
type DB struct {
	*sqlx.DB
	Client string // "sqlite3" | "pg" | "mysql"
	stmts  *stmtCache
}

// Open connects to the database described by env (DB_* keys with values already cast by the env
// package: string, number or bool), applies Directus's per-connection settings and checks the
// connection with a ping, as Directus does before it serves.
func Open(ctx context.Context, env map[string]any) (*DB, error) {
	cfg, err := configFromEnv(env)
	if err != nil {
		return nil, err
	}
	var conn *sqlx.DB
	switch cfg.client {
	case ClientSQLite:
		conn, err = openSQLite(cfg)
	case ClientPostgres:
		conn, err = openPostgres(cfg)
	case ClientMySQL:
		conn, err = openMySQL(cfg)
	default:
		return nil, fmt.Errorf("db: DB_CLIENT %q is not supported (use sqlite3, pg or mysql)", cfg.client)
	}
	if err != nil {
		return nil, err
	}
	cfg.pool.apply(conn, cfg.client)
	if err := conn.PingContext(ctx); err != nil {
		conn.Close()
		return nil, fmt.Errorf("db: can't connect to the %s database: %w", cfg.client, err)
	}
	return &DB{DB: conn, Client: cfg.client, stmts: &stmtCache{m: map[string]*sqlx.Stmt{}}}, nil
}

// Dialect is the SQL dialect of this database.
func (d *DB) Dialect() Dialect { return Dialect{Client: d.Client} }

// Translate maps a driver error of this database to the Directus error Directus raises for it
// (spec 10 §8); see Dialect.Translate.
func (d *DB) Translate(err error, payload map[string]any, query string) error {
	return d.Dialect().Translate(err, payload, query)
}

// normaliseClient accepts the aliases Directus accepts for the clients dxhost serves.
func normaliseClient(client string) string {
	switch strings.ToLower(strings.TrimSpace(client)) {
	case "sqlite3", "sqlite":
		return ClientSQLite
	case "pg", "postgres", "postgresql":
		return ClientPostgres
	case "mysql", "mysql2", "mariadb":
		return ClientMySQL
	}
	return client
}
