// Package resttest runs dxhost's HTTP chain (shim/server + shim/rest + static-token auth) over a
// copy of a recorded Directus SQLite database, and replays recorded exchanges against it.
package resttest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/auth"
	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/db/dbtest"
	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/schema"
	"github.com/dxhost/dxhost/services/systables"
	"github.com/dxhost/dxhost/shim/authroutes"
	"github.com/dxhost/dxhost/shim/rest"
	"github.com/dxhost/dxhost/shim/server"
)

// Stack is a database opened from a recording plus what the routes need.
type Stack struct {
	// Name is the database name of a PostgreSQL/MySQL stack ("" for SQLite); recordings name the
	// peer's database (jsdata_peer) where Directus reports it.
	Name   string
	DB     *db.DB
	Env    *env.Env
	Schema *schema.Provider
	Logger *logrus.Logger
}

// Open copies the gzipped SQLite database to a temporary folder and opens it (closed when t ends).
func Open(t testing.TB, databaseGz string) *Stack {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "data.db")
	if err := os.WriteFile(file, gunzip(t, databaseGz), 0o644); err != nil {
		t.Fatalf("resttest: %v", err)
	}
	return open(t, dir, []string{"DB_CLIENT=sqlite3", "DB_FILENAME=" + file}, nil)
}

// Bootstrapped opens a new SQLite database with Directus's system tables and an admin whose static
// token is admin-static-token (what `make run` starts from, plus the token the recordings use).
func Bootstrapped(t testing.TB) *Stack {
	t.Helper()
	return BootstrappedOn(t, db.ClientSQLite)
}

// BootstrappedOn is Bootstrapped on a fresh database of client (dbtest.Env: a PostgreSQL or MySQL
// database of its own, dropped when t ends; skipped loudly when the server is unreachable).
func BootstrappedOn(t testing.TB, client string) *Stack {
	t.Helper()
	var environ []string
	for k, v := range dbtest.Env(t, client) {
		environ = append(environ, fmt.Sprintf("%s=%v", k, v))
	}
	return open(t, t.TempDir(), environ, func(conn *db.DB) error {
		ctx := context.Background()
		_, err := systables.Bootstrap(ctx, conn, systables.Options{
			AdminEmail: "admin@example.com", AdminPassword: "admin-password", AdminToken: "admin-static-token",
		})
		return err
	})
}

// Recorded opens the database a recording in dir was made on: database.db.gz for sqlite3,
// database-pg.sql.gz for pg.
func Recorded(t testing.TB, client, dir string) *Stack {
	t.Helper()
	switch client {
	case db.ClientSQLite:
		return Open(t, filepath.Join(dir, "database.db.gz"))
	case db.ClientPostgres:
		return OpenPostgres(t, filepath.Join(dir, "database-pg.sql.gz"))
	case db.ClientMySQL:
		return OpenMySQL(t, filepath.Join(dir, "database-mysql.sql.gz"))
	}
	t.Fatalf("resttest: no recorded database for %q", client)
	return nil
}

// OpenPostgres restores a gzipped `pg_dump --inserts` into a fresh PostgreSQL database of its own
// (dropped when t ends; skipped loudly when PostgreSQL is unreachable).
func OpenPostgres(t testing.TB, dumpGz string) *Stack {
	t.Helper()
	dbEnv := dbtest.Env(t, db.ClientPostgres)
	var environ []string
	for k, v := range dbEnv {
		environ = append(environ, fmt.Sprintf("%s=%v", k, v))
	}
	dump := string(gunzip(t, dumpGz))
	// pg_dump empties the search_path for its session; the pool's connections need public.
	dump = strings.Replace(dump, "SELECT pg_catalog.set_config('search_path', '', false);", "", 1)
	var kept []string
	for _, line := range strings.Split(dump, "\n") {
		if !strings.HasPrefix(line, "\\") { // psql meta-commands (\restrict)
			kept = append(kept, line)
		}
	}
	return open(t, t.TempDir(), environ, func(conn *db.DB) error {
		_, err := conn.Exec(strings.Join(kept, "\n"))
		return err
	})
}

// OpenMySQL restores a gzipped mysqldump into a fresh MySQL/MariaDB database of its own (dropped
// when t ends; skipped loudly when the server is unreachable).
func OpenMySQL(t testing.TB, dumpGz string) *Stack {
	t.Helper()
	dbEnv := dbtest.Env(t, db.ClientMySQL)
	var environ []string
	for k, v := range dbEnv {
		environ = append(environ, fmt.Sprintf("%s=%v", k, v))
	}
	dump := string(gunzip(t, dumpGz))
	return open(t, t.TempDir(), environ, func(conn *db.DB) error {
		ctx := context.Background()
		tx, err := conn.BeginTxx(ctx, nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		// one connection, so the dump's session settings (foreign key checks off) hold throughout
		for _, stmt := range strings.Split(dump, ";\n") {
			stmt = strings.TrimSpace(stmt)
			if stmt == "" || strings.HasPrefix(stmt, "--") && !strings.Contains(stmt, "\n") {
				continue
			}
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("%.200s: %w", stmt, err)
			}
		}
		return tx.Commit()
	})
}

func open(t testing.TB, dir string, dbEnv []string, restore func(*db.DB) error) *Stack {
	t.Helper()
	e, err := env.Load(env.Options{Dir: dir, Environ: append(dbEnv,
		"SECRET=resttest-secret", "KEY=resttest-key", "PUBLIC_URL=http://127.0.0.1:18057", "LOG_LEVEL=warn",
		// the settings /work/shared/tools/directus-peer gives the recorded Directus
		"STORAGE_LOCATIONS=local", "STORAGE_LOCAL_ROOT="+filepath.Join(dir, "uploads"), "PROJECT_OWNER_ENABLED=false",
		"WEBSOCKETS_ENABLED=false", "CACHE_ENABLED=false", "RATE_LIMITER_ENABLED=false", "TELEMETRY=false",
	)})
	if err != nil {
		t.Fatalf("resttest: env: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := db.Open(ctx, e.Map())
	if err != nil {
		t.Fatalf("resttest: %v", err)
	}
	t.Cleanup(func() { conn.Close() })
	if restore != nil {
		if err := restore(conn); err != nil {
			t.Fatalf("resttest: restoring the recorded database: %v", err)
		}
	}
	log := logrus.New()
	log.SetLevel(logrus.WarnLevel)
	name, _ := e.Get("DB_DATABASE")
	dbName, _ := name.(string)
	return &Stack{Name: dbName, DB: conn, Env: e, Schema: schema.NewProvider(conn, conn.Client, true, schema.BuildOptions{}), Logger: log}
}

func gunzip(t testing.TB, path string) []byte {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("resttest: %v", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("resttest: %s: %v", path, err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("resttest: %s: %v", path, err)
	}
	return out
}

// Deps are the rest.Deps of this stack (no hooks, no permissions beyond admin/system).
func (s *Stack) Deps() rest.Deps {
	return rest.Deps{DB: s.DB, Schema: s.Schema, Env: s.Env, Logger: logrus.NewEntry(s.Logger)}
}

// Engine is the whole chain with the core routes and, when given, the extension dispatcher.
func (s *Stack) Engine(extensions func(c *gin.Context) bool) *gin.Engine {
	svc := auth.New(s.DB, auth.ConfigFromEnv(s.Env), logrus.NewEntry(s.Logger))
	return server.New(server.Options{
		Env:          s.Env,
		Logger:       s.Logger,
		Authenticate: authroutes.NewAuthenticator(svc, s.Env, nil),
		Routes:       rest.Routes(s.Deps()),
		Extensions:   extensions,
	})
}

// Exchange is one recorded request and Directus's answer (record.mjs).
type Exchange struct {
	Name     string            `json:"name"`
	Method   string            `json:"method"`
	Path     string            `json:"path"`
	Body     json.RawMessage   `json:"body"`
	Token    string            `json:"token"`
	Status   int               `json:"status"`
	Headers  map[string]string `json:"headers"`
	Response json.RawMessage   `json:"response"`
}

// Load reads a recording.
func Load(t testing.TB, file string) []Exchange {
	t.Helper()
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("resttest: %v", err)
	}
	var list []Exchange
	if err := json.Unmarshal(raw, &list); err != nil {
		t.Fatalf("resttest: %s: %v", file, err)
	}
	return list
}

// Do sends the exchange's request through h and returns the response.
func Do(h http.Handler, x Exchange) *httptest.ResponseRecorder {
	var body io.Reader
	if len(x.Body) > 0 {
		body = bytes.NewReader(x.Body)
	}
	req := httptest.NewRequest(x.Method, x.Path, body)
	req.RemoteAddr = "127.0.0.1:40000"
	if len(x.Body) > 0 {
		req.Header.Set("Content-Type", "application/json")
	}
	if x.Token == "" || x.Token == "admin" {
		req.Header.Set("Authorization", "Bearer admin-static-token")
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// Compare reports how w differs from the recording: status, the recorded headers (Content-Length
// included), and the body with key order (JSON) or as text.
func Compare(t testing.TB, x Exchange, w *httptest.ResponseRecorder) {
	t.Helper()
	if w.Code != x.Status {
		t.Errorf("%s: status %d, Directus %d (body %s)", x.Name, w.Code, x.Status, w.Body.String())
	}
	for k, want := range x.Headers {
		if k == "content-length" {
			// the exact byte length: catches formatting differences the parsed comparison hides
			got := w.Header().Get("Content-Length")
			if got == "" { // net/http adds it for a body written whole; the recorder does not
				got = strconv.Itoa(w.Body.Len())
			}
			if got != want {
				t.Errorf("%s: Content-Length %s, Directus %s", x.Name, got, want)
			}
			continue
		}
		if got := w.Header().Get(k); got != want {
			t.Errorf("%s: header %s = %q, Directus %q", x.Name, k, got, want)
		}
	}
	for _, k := range []string{"cache-control", "vary"} {
		if _, recorded := x.Headers[k]; !recorded && w.Header().Get(k) != "" {
			t.Errorf("%s: header %s = %q, Directus sent none", x.Name, k, w.Header().Get(k))
		}
	}
	want := compact(x.Response)
	var s string
	textType := x.Headers["content-type"] != "" && !strings.Contains(x.Headers["content-type"], "json")
	if json.Unmarshal(x.Response, &s) == nil && (textType || !strings.HasPrefix(strings.TrimSpace(w.Body.String()), `"`)) {
		// a text body (record.mjs keeps non-JSON bodies as strings; a CSV file starts with a quote)
		if w.Body.String() != s {
			t.Errorf("%s: body %q, Directus %q", x.Name, w.Body.String(), s)
		}
		return
	}
	if got := compact(w.Body.Bytes()); got != want {
		t.Errorf("%s: body\n got  %s\n want %s", x.Name, got, want)
	}
}

// Matches reports whether w has the recorded status and body (for known gaps that may close).
func Matches(x Exchange, w *httptest.ResponseRecorder) bool {
	return w.Code == x.Status && compact(w.Body.Bytes()) == compact(x.Response)
}

func compact(raw []byte) string {
	var b bytes.Buffer
	if err := json.Compact(&b, raw); err != nil {
		return string(raw)
	}
	return b.String()
}
