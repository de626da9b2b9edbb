package authtest

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/systables"
)

// SharesRecording is testdata/recording-shares.json, made by testdata/record-shares.mjs.
type SharesRecording struct {
	Secret string            `json:"secret"`
	Shares map[string]string `json:"shares"`
	Setup  []struct {
		Method string         `json:"method"`
		Path   string         `json:"path"`
		Body   map[string]any `json:"body"`
	} `json:"setup"`
	Tables    map[string][]map[string]any `json:"tables"`
	Exchanges []Exchange                  `json:"exchanges"`
	After     map[string][]map[string]any `json:"after"`
}

// Exchange is one recorded call: credentials by name (see record-shares.mjs) and the answer.
type Exchange struct {
	Name       string          `json:"name"`
	Method     string          `json:"method"`
	Path       string          `json:"path"`
	Bearer     string          `json:"bearer"`
	Cookie     string          `json:"cookie"`
	Request    json.RawMessage `json:"request"`
	Save       string          `json:"save"`
	SaveSecret string          `json:"saveSecret"`
	Response
}

// LoadSharesRecording reads testdata/recording-shares.json.
func LoadSharesRecording(t testing.TB) *SharesRecording {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir(), "..", "testdata", "recording-shares.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r SharesRecording
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

// SystemTables are the recorded system rows, in insertion order.
var SystemTables = []string{"directus_roles", "directus_policies", "directus_users", "directus_access", "directus_permissions", "directus_shares"}

// BootstrapForRecording is a fresh database of client with Directus's system tables and no
// policies, access or permission rows of its own (the recording brings them).
func BootstrapForRecording(t testing.TB, client string) *db.DB {
	t.Helper()
	d := OpenOrSkip(t, client)
	ctx := context.Background()
	if _, err := systables.Bootstrap(ctx, d, systables.Options{SkipAdmin: true}); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"directus_access", "directus_permissions", "directus_policies"} {
		if _, err := d.ExecContext(ctx, "DELETE FROM "+d.Dialect().Quote(table)); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// InsertRows inserts rows dumped from the recording's SQLite database: 0/1 become booleans in
// boolean columns, SQLite's millisecond timestamps become times elsewhere, ids are kept.
func InsertRows(t testing.TB, d *db.DB, table string, rows []map[string]any) {
	t.Helper()
	ctx := context.Background()
	dialect := d.Dialect()
	bools := map[string]bool{"enforce_tfa": true, "admin_access": true, "app_access": true}
	times := map[string]bool{"expires": true, "date_start": true, "date_end": true, "date_created": true}
	for _, row := range rows {
		keys := make([]string, 0, len(row))
		for k := range row {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var cols, marks []string
		var args []any
		for _, k := range keys {
			v := row[k]
			if table == "directus_permissions" && k == "id" {
				continue
			}
			if bools[k] {
				v = v == float64(1)
			}
			if times[k] && v != nil && d.Client != db.ClientSQLite {
				switch x := v.(type) {
				case float64:
					ts := time.UnixMilli(int64(x)).UTC()
					if d.Client == db.ClientMySQL && ts.Year() > 2037 {
						// a MySQL TIMESTAMP ends in 2038: a far-future date stays far in the future
						ts = time.Date(2037, 12, 31, 0, 0, 0, 0, time.UTC)
					}
					v = ts
				case string:
					if ts, err := time.Parse("2006-01-02 15:04:05", x); err == nil {
						v = ts
					} else if ts, err := time.Parse(time.RFC3339Nano, x); err == nil {
						v = ts.UTC()
					}
				}
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
