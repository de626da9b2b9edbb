// Package dbtest gives tests a fresh, empty database of each client: SQLite in a temporary folder,
// PostgreSQL (127.0.0.1:5432, user postgres) and MariaDB/MySQL (127.0.0.1:3306, root, no password)
// in a database of their own with a random name that is dropped when the test ends. When a server
// is unreachable the test is skipped with a loud message.
package dbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dxhost/dxhost/services/db"
)

// Clients are the DB_CLIENT values every database test runs against.
var Clients = []string{db.ClientSQLite, db.ClientPostgres, db.ClientMySQL}

// Server addresses, overridable for machines that run them elsewhere.
var (
	PostgresAddr = envOr("DXHOST_TEST_PG_ADDR", "127.0.0.1:5432")
	MySQLAddr    = envOr("DXHOST_TEST_MYSQL_ADDR", "127.0.0.1:3306")
)

// Env creates a fresh empty database for client and returns the DB_* environment that opens it.
// The database is dropped (or its folder removed) when t ends.
func Env(t testing.TB, client string) map[string]any {
	t.Helper()
	switch client {
	case db.ClientSQLite:
		return map[string]any{"DB_CLIENT": "sqlite3", "DB_FILENAME": filepath.Join(t.TempDir(), "data", "data.db")}
	case db.ClientPostgres:
		return serverEnv(t, client, PostgresAddr, "postgres", "")
	case db.ClientMySQL:
		return serverEnv(t, client, MySQLAddr, "root", "")
	}
	t.Fatalf("dbtest: unknown client %q", client)
	return nil
}

// Open creates a fresh database for client (see Env) and opens it; the pool is closed when t ends.
func Open(t testing.TB, client string) *db.DB {
	t.Helper()
	env := Env(t, client)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := db.Open(ctx, env)
	if err != nil {
		t.Fatalf("dbtest: opening fresh %s database: %v", client, err)
	}
	t.Cleanup(func() { conn.Close() })
	return conn
}

// Name is the database name a server Env created (DB_DATABASE), for tests that need it.
func Name(env map[string]any) string { s, _ := env["DB_DATABASE"].(string); return s }

func serverEnv(t testing.TB, client, addr, user, password string) map[string]any {
	t.Helper()
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatalf("dbtest: bad address %q: %v", addr, err)
	}
	if c, err := net.DialTimeout("tcp", addr, 2*time.Second); err != nil {
		t.Skipf("!!! SKIPPING: %s is not reachable at %s (%v) — this test needs a live server !!!", client, addr, err)
	} else {
		c.Close()
	}
	var portNum float64
	fmt.Sscan(port, &portNum)
	base := map[string]any{
		"DB_CLIENT": client, "DB_HOST": host, "DB_PORT": portNum, "DB_USER": user, "DB_PASSWORD": password,
	}
	admin := copyEnv(base)
	if client == db.ClientPostgres {
		admin["DB_DATABASE"] = "postgres"
	} else {
		admin["DB_DATABASE"] = ""
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	adminDB, err := db.Open(ctx, admin)
	if err != nil {
		t.Skipf("!!! SKIPPING: cannot log in to %s at %s as %s (%v) !!!", client, addr, user, err)
	}
	name := "dxtest_" + randomSuffix()
	if _, err := adminDB.ExecContext(ctx, "CREATE DATABASE "+adminDB.Dialect().Quote(name)); err != nil {
		adminDB.Close()
		t.Fatalf("dbtest: CREATE DATABASE %s: %v", name, err)
	}
	t.Cleanup(func() {
		defer adminDB.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		drop := "DROP DATABASE IF EXISTS " + adminDB.Dialect().Quote(name)
		if client == db.ClientPostgres {
			drop += " WITH (FORCE)"
		}
		if _, err := adminDB.ExecContext(ctx, drop); err != nil {
			t.Errorf("dbtest: %s: %v", drop, err)
		}
	})
	env := copyEnv(base)
	env["DB_DATABASE"] = name
	return env
}

func copyEnv(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func randomSuffix() string {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b)
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
