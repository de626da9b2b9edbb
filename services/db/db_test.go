package db_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/db/dbtest"
)

func TestOpenEachClient(t *testing.T) {
	for _, client := range dbtest.Clients {
		t.Run(client, func(t *testing.T) {
			conn := dbtest.Open(t, client)
			if conn.Client != client {
				t.Fatalf("Client = %q, want %q", conn.Client, client)
			}
			var one int
			if err := conn.Get(&one, "SELECT 1"); err != nil || one != 1 {
				t.Fatalf("SELECT 1 = %d, %v", one, err)
			}
		})
	}
}

func TestSQLiteConnectionSettings(t *testing.T) {
	dir := t.TempDir()
	filename := filepath.Join(dir, "nested", "folder", "data.db")
	ctx := context.Background()
	conn, err := db.Open(ctx, map[string]any{"DB_CLIENT": "sqlite3", "DB_FILENAME": filename})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := os.Stat(filename); err != nil {
		t.Fatalf("database file not created with its folders: %v", err)
	}
	// Every pooled connection must have foreign keys on, not just the first one.
	conns := make([]interface{ Close() error }, 0, 3)
	for i := 0; i < 3; i++ {
		c, err := conn.Connx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var fk int
		if err := c.GetContext(ctx, &fk, "PRAGMA foreign_keys"); err != nil || fk != 1 {
			t.Fatalf("connection %d: foreign_keys = %d, %v", i, fk, err)
		}
		var mode string
		if err := c.GetContext(ctx, &mode, "PRAGMA journal_mode"); err != nil || mode != "wal" {
			t.Fatalf("connection %d: journal_mode = %q, %v", i, mode, err)
		}
	}
	for _, c := range conns {
		c.Close()
	}
}

func TestSQLiteConcurrentWriters(t *testing.T) {
	conn := dbtest.Open(t, db.ClientSQLite)
	ctx := context.Background()
	if _, err := conn.ExecContext(ctx, "CREATE TABLE n (id integer PRIMARY KEY AUTOINCREMENT, v integer)"); err != nil {
		t.Fatal(err)
	}
	const writers, each = 4, 25
	errc := make(chan error, writers)
	for w := 0; w < writers; w++ {
		go func() {
			for i := 0; i < each; i++ {
				tx, err := conn.BeginTxx(ctx, nil)
				if err != nil {
					errc <- err
					return
				}
				var c int
				if err := tx.GetContext(ctx, &c, "SELECT count(*) FROM n"); err != nil {
					tx.Rollback()
					errc <- err
					return
				}
				if _, err := tx.ExecContext(ctx, "INSERT INTO n (v) VALUES (?)", c); err != nil {
					tx.Rollback()
					errc <- err
					return
				}
				if err := tx.Commit(); err != nil {
					errc <- err
					return
				}
			}
			errc <- nil
		}()
	}
	for w := 0; w < writers; w++ {
		if err := <-errc; err != nil {
			t.Fatalf("concurrent read-then-write transactions: %v", err)
		}
	}
	var n int
	if err := conn.Get(&n, "SELECT count(*) FROM n"); err != nil || n != writers*each {
		t.Fatalf("rows = %d, %v; want %d", n, err, writers*each)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	tests := []struct {
		name string
		env  map[string]any
	}{
		{"unknown client", map[string]any{"DB_CLIENT": "oracledb"}},
		{"pg without host", map[string]any{"DB_CLIENT": "pg", "DB_PORT": 5432.0, "DB_DATABASE": "x", "DB_USER": "u"}},
		{"mysql without password", map[string]any{"DB_CLIENT": "mysql", "DB_HOST": "h", "DB_PORT": 3306.0, "DB_DATABASE": "x", "DB_USER": "u"}},
		{"bad pool", map[string]any{"DB_CLIENT": "sqlite3", "DB_FILENAME": ":memory:", "DB_POOL__MAX": "lots"}},
		{"unreachable pg", map[string]any{"DB_CLIENT": "pg", "DB_HOST": "127.0.0.1", "DB_PORT": 1.0, "DB_DATABASE": "x", "DB_USER": "u"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			conn, err := db.Open(ctx, tc.env)
			if err == nil {
				conn.Close()
				t.Fatal("Open succeeded, want an error")
			}
		})
	}
}

func TestPoolSettings(t *testing.T) {
	env := dbtest.Env(t, db.ClientSQLite)
	env["DB_POOL__MAX"] = 3.0
	conn, err := db.Open(context.Background(), env)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if got := conn.Stats().MaxOpenConnections; got != 3 {
		t.Fatalf("MaxOpenConnections = %d, want 3 (DB_POOL__MAX)", got)
	}
}

func TestPostgresConnectionString(t *testing.T) {
	env := dbtest.Env(t, db.ClientPostgres)
	cs := fmt.Sprintf("postgres://%s@%s:%v/%s?sslmode=disable", env["DB_USER"], env["DB_HOST"], env["DB_PORT"], env["DB_DATABASE"])
	// DB_CONNECTION_STRING wins over the separate variables, as in Directus.
	conn, err := db.Open(context.Background(), map[string]any{"DB_CLIENT": "pg", "DB_CONNECTION_STRING": cs, "DB_HOST": "wrong.invalid"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var name string
	if err := conn.Get(&name, "SELECT current_database()"); err != nil || name != env["DB_DATABASE"] {
		t.Fatalf("current_database() = %q, %v", name, err)
	}
}

func TestSQLiteInMemory(t *testing.T) {
	conn, err := db.Open(context.Background(), map[string]any{"DB_CLIENT": "sqlite3", "DB_FILENAME": ":memory:"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// One connection only: a second one would be another, empty database.
	if _, err := conn.Exec("CREATE TABLE t (x integer)"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := conn.Get(&n, "SELECT count(*) FROM t"); err != nil || conn.Stats().MaxOpenConnections != 1 {
		t.Fatalf("count = %d, %v; max open %d", n, err, conn.Stats().MaxOpenConnections)
	}
}

// TestPostgresSSL connects over TLS when DB_SSL__* asks for it (the local server has a self-signed
// certificate): rejectUnauthorized=false accepts it, as node-postgres does; DB_SSL=true verifies
// the certificate and so refuses it.
func TestPostgresSSL(t *testing.T) {
	env := dbtest.Env(t, db.ClientPostgres)
	ctx := context.Background()
	probe, err := db.Open(ctx, env)
	if err != nil {
		t.Fatal(err)
	}
	var ssl string
	probe.Get(&ssl, "SHOW ssl")
	probe.Close()
	if ssl != "on" {
		t.Skip("!!! SKIPPING: the PostgreSQL server has ssl off !!!")
	}

	insecure := copyEnv(env)
	insecure["DB_SSL__REJECT_UNAUTHORIZED"] = false
	conn, err := db.Open(ctx, insecure)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var usesTLS bool
	if err := conn.Get(&usesTLS, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"); err != nil || !usesTLS {
		t.Fatalf("connection uses TLS = %v, %v", usesTLS, err)
	}

	var plain bool
	if err := connectionUsesTLS(ctx, env, &plain); err != nil || plain {
		t.Fatalf("without DB_SSL the connection should be plain: tls=%v, %v", plain, err)
	}

	verified := copyEnv(env)
	verified["DB_SSL"] = true
	if c, err := db.Open(ctx, verified); err == nil {
		c.Close()
		t.Fatal("DB_SSL=true accepted a self-signed certificate")
	}
}

func connectionUsesTLS(ctx context.Context, env map[string]any, usesTLS *bool) error {
	conn, err := db.Open(ctx, env)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Get(usesTLS, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
}

func copyEnv(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// TestMySQLSocketPath connects through DB_SOCKET_PATH, which replaces host and port as in Directus.
func TestMySQLSocketPath(t *testing.T) {
	const socket = "/run/mysqld/mysqld.sock"
	if _, err := os.Stat(socket); err != nil {
		t.Skipf("!!! SKIPPING: no MariaDB/MySQL socket at %s !!!", socket)
	}
	env := dbtest.Env(t, db.ClientMySQL)
	conn, err := db.Open(context.Background(), map[string]any{
		"DB_CLIENT": "mysql", "DB_SOCKET_PATH": socket, "DB_DATABASE": env["DB_DATABASE"], "DB_USER": "root", "DB_PASSWORD": "",
	})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var name string
	if err := conn.Get(&name, "SELECT database()"); err != nil || name != env["DB_DATABASE"] {
		t.Fatalf("database() = %q, %v", name, err)
	}
}
