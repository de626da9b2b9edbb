package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/db/dbtest"
)

// QueryPostgres takes connections from the same pool as database/sql: a pooled connection whose
// server session was killed is found dead when it is taken, as for QueryContext, and the query
// runs on a new one; and the connection goes back to the pool afterwards.
func TestQueryPostgresUsesThePool(t *testing.T) {
	conn := dbtest.Open(t, db.ClientPostgres)
	ctx := context.Background()
	var pid int
	if err := conn.GetContext(ctx, &pid, `SELECT pg_backend_pid()`); err != nil {
		t.Fatal(err)
	}
	if conn.Stats().Idle != 1 {
		t.Fatalf("idle connections: %d, want 1", conn.Stats().Idle)
	}
	admin := dbtest.Open(t, db.ClientPostgres)
	if _, err := admin.ExecContext(ctx, `SELECT pg_terminate_backend($1)`, pid); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // the stdlib driver checks a connection idle for over a second
	var got []string
	err := conn.QueryPostgres(ctx, `SELECT pg_backend_pid()::text || ':' || $1::text`, []any{"x"}, func(_ *pgx.Conn, rows pgx.Rows) error {
		for rows.Next() {
			got = append(got, string(rows.RawValues()[0]))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] == "" || got[0][len(got[0])-2:] != ":x" {
		t.Fatalf("rows %q", got)
	}
	if s := conn.Stats(); s.OpenConnections != 1 || s.Idle != 1 {
		t.Fatalf("after the query: %d open, %d idle; want the new connection back in the pool", s.OpenConnections, s.Idle)
	}
	if err := conn.QueryPostgres(ctx, `SELECT nonsense`, nil, func(*pgx.Conn, pgx.Rows) error { return nil }); err == nil {
		t.Fatal("a failing query must fail")
	}
}
