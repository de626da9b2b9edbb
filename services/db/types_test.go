package db_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/db/dbtest"
)

// TestResultTypes pins the Go values each driver returns for the column types Directus creates
// (spec 12 §2.3), as configured by Open. Code that turns rows into JS values builds on these: e.g.
// decimals arrive as text on PostgreSQL and MySQL (Directus returns the strings "12.50"), booleans
// as integers on MySQL and SQLite (Directus returns 1/0 without cast-boolean), and SQLite keeps
// what was stored (Directus stores dates as epoch milliseconds).
func TestResultTypes(t *testing.T) {
	ddl := map[string]string{
		db.ClientSQLite:   `CREATE TABLE t (i integer, b bigint, d float, bo boolean, s varchar(255), j json, ts datetime, dt datetime, da date, tm time)`,
		db.ClientPostgres: `CREATE TABLE t (i integer, b bigint, d numeric(10,2), bo boolean, s varchar(255), j json, ts timestamp with time zone, dt timestamp without time zone, da date, tm time without time zone)`,
		db.ClientMySQL:    "CREATE TABLE t (i int, b bigint, d decimal(10,2), bo tinyint(1), s varchar(255), j longtext, ts timestamp NULL, dt datetime, da date, tm time)",
	}
	// Values in the representation Directus writes (SQLite dates: epoch ms).
	at := time.Date(2024, 5, 1, 10, 20, 30, 0, time.UTC)
	args := map[string][]any{
		db.ClientSQLite:   {7, int64(9007199254740993), 12.5, true, "x", `{"a":1}`, at.UnixMilli(), at.UnixMilli(), at.UnixMilli(), "10:20:30"},
		db.ClientPostgres: {7, int64(9007199254740993), "12.5", true, "x", `{"a":1}`, at, "2024-05-01T10:20:30", "2024-05-01", "10:20:30"},
		db.ClientMySQL:    {7, int64(9007199254740993), "12.5", true, "x", `{"a":1}`, at.Local(), at.Local(), "2024-05-01", "10:20:30"},
	}
	want := map[string][]string{
		db.ClientSQLite:   {"int64 7", "int64 9007199254740993", "float64 12.5", "int64 1", "string x", `string {"a":1}`, "int64 1714558830000", "int64 1714558830000", "int64 1714558830000", "string 10:20:30"},
		db.ClientPostgres: {"int64 7", "int64 9007199254740993", "string 12.50", "bool true", "string x", `[]uint8 {"a":1}`, "time.Time 2024-05-01T10:20:30Z", "time.Time 2024-05-01T10:20:30Z", "time.Time 2024-05-01T00:00:00Z", "string 10:20:30"},
		db.ClientMySQL:    {"int64 7", "int64 9007199254740993", "[]uint8 12.50", "int64 1", "[]uint8 x", `[]uint8 {"a":1}`, "time.Time 2024-05-01T10:20:30Z", "time.Time 2024-05-01T10:20:30Z", "time.Time 2024-05-01T00:00:00Z", "[]uint8 10:20:30"},
	}
	for _, client := range dbtest.Clients {
		t.Run(client, func(t *testing.T) {
			conn := dbtest.Open(t, client)
			ctx := context.Background()
			if _, err := conn.ExecContext(ctx, ddl[client]); err != nil {
				t.Fatal(err)
			}
			insert := conn.Dialect().Rebind("INSERT INTO t (i, b, d, bo, s, j, ts, dt, da, tm) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			if _, err := conn.ExecContext(ctx, insert, args[client]...); err != nil {
				t.Fatal(err)
			}
			vals := make([]any, 10)
			ptrs := make([]any, 10)
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := conn.QueryRowContext(ctx, "SELECT i, b, d, bo, s, j, ts, dt, da, tm FROM t").Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				got := describe(v)
				if got != want[client][i] {
					t.Errorf("column %d: got %s, want %s", i, got, want[client][i])
				}
			}
		})
	}
}

func describe(v any) string {
	switch x := v.(type) {
	case []byte:
		return "[]uint8 " + string(x)
	case time.Time:
		return "time.Time " + x.UTC().Format(time.RFC3339Nano)
	}
	return fmt.Sprintf("%T %v", v, v)
}
