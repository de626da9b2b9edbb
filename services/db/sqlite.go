package db

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/jmoiron/sqlx"
	_ "modernc.org/sqlite" // pure-Go SQLite driver "sqlite"
)

// sqliteBusyTimeoutMillis is how long a connection waits for another writer before SQLITE_BUSY.
const sqliteBusyTimeoutMillis = 10000

// openSQLite opens DB_FILENAME (creating its folder) with the settings every connection needs:
// foreign keys on (Directus runs `PRAGMA foreign_keys = ON` in knex's afterCreate), WAL so readers
// run beside the writer, a busy timeout, and BEGIN IMMEDIATE so two transactions that both write
// queue for the lock instead of failing with SQLITE_BUSY when one upgrades from reader to writer.
func openSQLite(cfg *config) (*sqlx.DB, error) {
	filename := asString(cfg.conn["filename"])
	memory := filename == ":memory:" || strings.Contains(filename, "mode=memory")
	if !memory {
		abs, err := filepath.Abs(filename)
		if err != nil {
			return nil, fmt.Errorf("db: DB_FILENAME %q: %w", filename, err)
		}
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			return nil, fmt.Errorf("db: creating the folder of DB_FILENAME %q: %w", filename, err)
		}
		filename = abs
	}
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", sqliteBusyTimeoutMillis))
	q.Add("_pragma", "foreign_keys(1)")
	if !memory {
		q.Add("_pragma", "journal_mode(WAL)")
		// WAL is durable with synchronous=NORMAL except for the last commits before a power loss.
		q.Add("_pragma", "synchronous(NORMAL)")
	}
	q.Set("_txlock", "immediate")
	dsn := filename + "?" + q.Encode()
	if strings.HasPrefix(filename, "file:") && strings.Contains(filename, "?") {
		dsn = filename + "&" + q.Encode()
	}
	conn, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("db: opening SQLite %q: %w", filename, err)
	}
	if memory {
		// Every connection to ":memory:" is a database of its own: keep exactly one.
		cfg.pool.max, cfg.pool.min = 1, 1
	}
	return sqlx.NewDb(conn, "sqlite3"), nil
}
