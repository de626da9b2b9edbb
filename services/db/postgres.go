package db

import (
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/jmoiron/sqlx"
)

// openPostgres connects through pgx. As in Directus, DB_CONNECTION_STRING replaces every other
// connection variable; otherwise host/port/database/user/password and DB_SSL__* are used.
func openPostgres(cfg *config) (*sqlx.DB, error) {
	var (
		pc  *pgx.ConnConfig
		err error
	)
	if cfg.connectionString != "" {
		pc, err = pgx.ParseConfig(cfg.connectionString)
		if err != nil {
			return nil, fmt.Errorf("db: DB_CONNECTION_STRING: %w", err)
		}
	} else {
		// node-postgres uses TLS only when `ssl` is set; start from sslmode=disable and add TLS below.
		pc, err = pgx.ParseConfig("sslmode=disable")
		if err != nil {
			return nil, fmt.Errorf("db: postgres defaults: %w", err)
		}
		pc.Host = asString(cfg.conn["host"])
		if n, ok := asNumber(cfg.conn["port"]); ok && n > 0 {
			pc.Port = uint16(n)
		}
		pc.Database = asString(cfg.conn["database"])
		pc.User = asString(cfg.conn["user"])
		pc.Password = asString(cfg.conn["password"])
		pc.Fallbacks = nil
		tlsCfg, err := tlsFromEnv(cfg.conn["ssl"], pc.Host)
		if err != nil {
			return nil, err
		}
		pc.TLSConfig = tlsCfg
		if name := asString(cfg.conn["applicationName"]); name != "" {
			pc.RuntimeParams["application_name"] = name
		}
	}
	// node-postgres (knex) sends every parameter as text in one round trip and lets the server
	// cast it; pgx's exec mode does the same. So a value that does not fit its column fails on the
	// server with PostgreSQL's own error (which Translate maps like Directus) instead of in pgx's
	// binary encoder, and no statement is prepared per query shape.
	if !strings.Contains(cfg.connectionString, "default_query_exec_mode") {
		pc.DefaultQueryExecMode = pgx.QueryExecModeExec
	}
	if len(cfg.searchPath) > 0 {
		quoted := make([]string, len(cfg.searchPath))
		for i, s := range cfg.searchPath {
			quoted[i] = Dialect{Client: ClientPostgres}.Quote(s)
		}
		pc.RuntimeParams["search_path"] = strings.Join(quoted, ",")
	}
	return sqlx.NewDb(stdlib.OpenDB(*pc), "pgx"), nil
}
