package items

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/db/dbtest"
	"github.com/dxhost/dxhost/services/errs"
)

// pgTypesQuery selects a value of every kind a PostgreSQL column can hand over (and NULLs), over
// enough rows, text long and short, to fill several value slabs and text chunks.
const pgTypesQuery = `SELECT g::int2 AS i2, (g * 1000)::int4 AS i4, -g::int4 AS neg, (g * 3000000000)::int8 AS i8,
	(-9223372036854775807 - 1)::int8 AS i8min, (g / 7.0)::numeric(12,4) AS num, 1.1::float4 AS f4, (g * 0.1)::float8 AS f8,
	'NaN'::float8 AS nan, (g % 2 = 0) AS b, repeat('é', g % 40) AS t, ''::text AS empty, 'x'::varchar(5) AS vc,
	'ab'::char(4) AS ch, repeat('long', 700) AS big, '\x00ff'::bytea AS ba, '{"b":1,"a":[1,{"2":true,"1":null}]}'::json AS js,
	'{"b":1,"a":2}'::jsonb AS jb, '"s"'::jsonb AS jstr, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS u,
	ARRAY[1,2,g]::int4[] AS arr, ARRAY['a','b c']::text[] AS tarr, '2024-05-01'::date AS d, 'infinity'::date AS dinf,
	'2024-05-01 10:20:30.123456'::timestamp AS ts, '2024-05-01 10:20:30.123+02'::timestamptz AS tz,
	'-infinity'::timestamptz AS tzinf, '10:20:30'::time AS tm, '1 day 02:00'::interval AS iv, 26::oid AS o,
	'<a>1</a>'::xml AS x, '192.168.0.1/24'::inet AS ip, 'happy'::mood AS enum, 'a'::"char" AS c1,
	NULL::int4 AS n4, NULL::int8 AS n8, NULL::text AS nt, NULL::jsonb AS nj, NULL::timestamptz AS ntz, NULL::bool AS nb
	FROM generate_series(1, 600) AS g WHERE g > $1 ORDER BY g`

// The pool path reads pgx's rows itself; a caller transaction still reads through database/sql.
// Both must give every column the same Go value, in pgx's default exec mode (text results) and in
// a mode with a statement cache (binary numbers, booleans and times).
func TestPostgresRowsMatchDatabaseSQL(t *testing.T) {
	for _, mode := range []string{"", "cache_statement", "cache_describe"} {
		t.Run("mode="+mode, func(t *testing.T) {
			env := dbtest.Env(t, db.ClientPostgres)
			if mode != "" {
				env = map[string]any{"DB_CLIENT": env["DB_CLIENT"], "DB_CONNECTION_STRING": fmt.Sprintf(
					"postgres://%s@%s:%v/%s?sslmode=disable&default_query_exec_mode=%s", env["DB_USER"], env["DB_HOST"], env["DB_PORT"], env["DB_DATABASE"], mode)}
			}
			ctx := context.Background()
			conn, err := db.Open(ctx, env)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			if _, err := conn.ExecContext(ctx, `CREATE TYPE mood AS ENUM ('sad', 'happy')`); err != nil {
				t.Fatal(err)
			}
			tx, err := conn.BeginTxx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			for range 2 { // the second run of a cached statement reads another way
				direct, err := New("t", Options{DB: conn}).query(ctx, pgTypesQuery, []any{10}, 100)
				if err != nil {
					t.Fatal(err)
				}
				runtime.GC() // the direct values live in shared arrays: they must survive a collection
				viaSQL, err := New("t", Options{DB: conn, Tx: tx}).query(ctx, pgTypesQuery, []any{10}, 100)
				if err != nil {
					t.Fatal(err)
				}
				if len(direct) != 590 || len(viaSQL) != 590 {
					t.Fatalf("rows: %d direct, %d via database/sql; want 590", len(direct), len(viaSQL))
				}
				for i := range direct {
					for j := range direct[i] {
						a, b := direct[i][j], viaSQL[i][j]
						if reflect.TypeOf(a) != reflect.TypeOf(b) || !reflect.DeepEqual(a, b) && !bothNaN(a, b) {
							t.Fatalf("row %d column %d: direct %T %#v, database/sql %T %#v", i, j, a, a, b, b)
						}
					}
				}
				// Spot checks that the comparison sees real values.
				row := direct[0]
				if row[0] != int64(11) || row[3] != "33000000000" || row[4] != "-9223372036854775808" || row[5] != "1.5714" ||
					row[11] != "" || row[12] != "x" || row[13] != "ab  " || row[14] != strings.Repeat("long", 700) || row[36] != nil {
					t.Fatalf("first row: %#v", row)
				}
			}
		})
	}
}

// A failing statement on the pool path still becomes Directus's error (here the out-of-range one,
// with Directus's reading of the collection from the message's first quoted text).
func TestPostgresPoolErrorsTranslate(t *testing.T) {
	conn := dbtest.Open(t, db.ClientPostgres)
	ctx := context.Background()
	if _, err := conn.ExecContext(ctx, `CREATE TABLE t (id int PRIMARY KEY, n int2)`); err != nil {
		t.Fatal(err)
	}
	_, direct := New("t", Options{DB: conn}).query(ctx, `SELECT * FROM t WHERE n = $1`, []any{"40000"}, 0)
	tx, err := conn.BeginTxx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	_, viaSQL := New("t", Options{DB: conn, Tx: tx}).query(ctx, `SELECT * FROM t WHERE n = $1`, []any{"40000"}, 0)
	if direct == nil || viaSQL == nil || direct.Error() != viaSQL.Error() || fmt.Sprintf("%T", direct) != fmt.Sprintf("%T", viaSQL) {
		t.Fatalf("direct %T %v, database/sql %T %v", direct, direct, viaSQL, viaSQL)
	}
	var de *errs.Error
	if !errors.As(direct, &de) || !strings.Contains(direct.Error(), "VALUE_OUT_OF_RANGE") {
		t.Fatalf("want Directus's VALUE_OUT_OF_RANGE, got %T %v", direct, direct)
	}
}

func bothNaN(a, b any) bool {
	x, _ := a.(float64)
	y, _ := b.(float64)
	return math.IsNaN(x) && math.IsNaN(y)
}
