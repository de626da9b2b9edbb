// Package authtest loads the recording of Directus 12.4.1 (services/auth/testdata) and builds a
// database holding its auth rows, for the tests of services/auth and shim/authroutes.
package authtest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dxhost/dxhost/services/auth"
	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/db/dbtest"
	"github.com/dxhost/dxhost/services/systables"
)

// Recording is testdata/recording.json, made by testdata/record.mjs.
type Recording struct {
	Secret string              `json:"secret"`
	Whoami map[string]Response `json:"whoami"`
	Matrix []struct {
		Caller     string `json:"caller"`
		Collection string `json:"collection"`
		Action     string `json:"action"`
		Item       any    `json:"item"`
		Response
	} `json:"matrix"`
	Login []struct {
		Label   string         `json:"label"`
		Request map[string]any `json:"request"`
		Response
	} `json:"login"`
	Tables map[string][]map[string]any `json:"tables"`
}

// Response is one recorded HTTP answer.
type Response struct {
	Status    int             `json:"status"`
	Body      json.RawMessage `json:"body"`
	SetCookie []string        `json:"setCookie"`
}

// TokensOf are the callers of the recording and their static tokens.
var TokensOf = map[string]string{"public": "", "admin": "admin-static-token", "junior": "tok-junior", "reader": "tok-reader",
	"norole": "tok-norole", "local": "tok-local", "suspended": "tok-suspended", "invited": "tok-invited", "draft": "tok-draft",
	"unknown": "no-such-token"}

func LoadRecording(t testing.TB) *Recording {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir(), "..", "testdata", "recording.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r Recording
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

// SeededDB is a fresh database of client with Directus's system tables and the recorded auth rows.
func SeededDB(t testing.TB, client string, rec *Recording) *db.DB {
	t.Helper()
	d := OpenOrSkip(t, client)
	ctx := context.Background()
	if _, err := systables.Bootstrap(ctx, d, systables.Options{SkipAdmin: true}); err != nil {
		t.Fatal(err)
	}
	dialect := d.Dialect()
	for _, table := range []string{"directus_access", "directus_permissions", "directus_policies"} {
		if _, err := d.ExecContext(ctx, "DELETE FROM "+dialect.Quote(table)); err != nil {
			t.Fatal(err)
		}
	}
	bools := map[string]bool{"enforce_tfa": true, "admin_access": true, "app_access": true}
	times := map[string]bool{"expires": true}
	for _, table := range []string{"directus_roles", "directus_policies", "directus_users", "directus_access", "directus_permissions", "directus_sessions"} {
		for _, row := range rec.Tables[table] {
			var cols, marks []string
			var args []any
			for k, v := range row {
				if table == "directus_permissions" && k == "id" {
					continue
				}
				if bools[k] {
					v = v == float64(1)
				}
				if times[k] && client != db.ClientSQLite {
					v = time.UnixMilli(int64(v.(float64)))
				}
				cols = append(cols, dialect.Quote(k))
				marks = append(marks, "?")
				args = append(args, v)
			}
			q := "INSERT INTO " + dialect.Quote(table) + " (" + strings.Join(cols, ", ") + ") VALUES (" + strings.Join(marks, ", ") + ")"
			if _, err := d.ExecContext(ctx, dialect.Rebind(q), args...); err != nil {
				t.Fatalf("seeding %s: %v", table, err)
			}
		}
	}
	return d
}

// OpenOrSkip opens a fresh database; PostgreSQL tests skip loudly when the server is unreachable.
func OpenOrSkip(t testing.TB, client string) *db.DB {
	t.Helper()
	probes := map[string]map[string]any{
		db.ClientPostgres: {"DB_CLIENT": "pg", "DB_HOST": "127.0.0.1", "DB_PORT": 5432.0, "DB_USER": "postgres", "DB_DATABASE": "postgres"},
		db.ClientMySQL:    {"DB_CLIENT": "mysql", "DB_HOST": "127.0.0.1", "DB_PORT": 3306.0, "DB_USER": "root", "DB_PASSWORD": "", "DB_DATABASE": "mysql"},
	}
	if probe := probes[client]; probe != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		conn, err := db.Open(ctx, probe)
		if err != nil {
			t.Skipf("!!! %s at %v:%v unreachable, skipping: %v", client, probe["DB_HOST"], probe["DB_PORT"], err)
		}
		conn.Close()
	}
	return dbtest.Open(t, client)
}

// Config is auth's configuration as the recording's Directus ran (its SECRET, default TTLs, no stall).
func Config(secret string) auth.Config {
	return auth.Config{Secret: []byte(secret), AccessTokenTTL: "15m", SessionTTL: "1d", RefreshTokenTTL: 7 * 24 * 3600e3,
		SessionGrace: 1e4, LoginStall: 0,
		RefreshCookie: auth.Cookie{Name: "directus_refresh_token", MaxAge: 7 * 24 * 3600e3},
		SessionCookie: auth.Cookie{Name: "directus_session_token", MaxAge: 24 * 3600e3}}
}

func dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}
