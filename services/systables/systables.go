// Package systables creates Directus 12.4.1's system tables in an empty database and seeds them the
// way `directus bootstrap` does, so that the real Directus accepts the database as its own; and it
// recognises a database Directus already installed, which is then used as it is.
package systables

import (
	"bufio"
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"strings"

	"github.com/dxhost/dxhost/services/db"
)

// Version is the Directus release whose layout these tables reproduce.
const Version = "12.4.1"

// Installed reports whether Directus's system tables are present, with Directus's own test:
// the table directus_collections exists.
func Installed(ctx context.Context, d *db.DB) (bool, error) {
	return hasTable(ctx, d, d.Client, "directus_collections")
}

// Migration is one row of directus_migrations.
type Migration struct {
	Version string
	Name    string
}

//go:embed migrations.tsv
var migrationsTSV string

// Migrations lists the migrations of Directus 12.4.1 in order (recorded from directus_migrations of
// a database the real Directus bootstrapped). Directus refuses to start unless all are recorded.
func Migrations() []Migration {
	var out []Migration
	sc := bufio.NewScanner(strings.NewReader(migrationsTSV))
	for sc.Scan() {
		version, name, ok := strings.Cut(sc.Text(), "\t")
		if ok {
			out = append(out, Migration{Version: version, Name: name})
		}
	}
	return out
}

// MissingMigrations lists the built-in migrations an installed database has not recorded; Directus
// 12.4.1 refuses to start on such a database until `directus database migrate:latest` ran. Newer
// migrations the database has (from a newer Directus) are not reported.
func MissingMigrations(ctx context.Context, d *db.DB) ([]string, error) {
	var done []string
	if err := d.SelectContext(ctx, &done, "SELECT version FROM directus_migrations"); err != nil {
		return nil, fmt.Errorf("systables: reading directus_migrations: %w", err)
	}
	have := make(map[string]bool, len(done))
	for _, v := range done {
		have[v] = true
	}
	var missing []string
	for _, m := range Migrations() {
		if !have[m.Version] {
			missing = append(missing, m.Version)
		}
	}
	return missing, nil
}

// rowQueryer is what *sqlx.DB, *sql.Conn and *sql.Tx share for one-row queries.
type rowQueryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func hasTable(ctx context.Context, q rowQueryer, client, table string) (bool, error) {
	var query string
	switch client {
	case db.ClientSQLite:
		query = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
	case db.ClientPostgres:
		query = "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1"
	case db.ClientMySQL:
		query = "SELECT count(*) FROM information_schema.tables WHERE table_schema = database() AND table_name = ?"
	default:
		return false, fmt.Errorf("systables: client %q not supported", client)
	}
	var n int
	if err := q.QueryRowContext(ctx, query, table).Scan(&n); err != nil {
		return false, fmt.Errorf("systables: looking for table %s: %w", table, err)
	}
	return n > 0, nil
}

// execer is what both *sql.Tx and *sql.Conn offer.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}
