package schema

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"
)

// Client names, as services/db reports them (Directus's DB_CLIENT values).
const (
	SQLite   = "sqlite3"
	Postgres = "pg"
	MySQL    = "mysql"
)

// column is one introspected column, its default already normalised by the dialect (spec 12 §2.4).
type column struct {
	Name      string
	DBType    string
	Default   *string
	Nullable  bool
	Generated bool
}

// table is one introspected base table; Primary is empty when the table has no single-column PK.
type table struct {
	Name    string
	Primary string
	Columns []*column
}

type database struct {
	Tables      []*table
	ForeignKeys []*ForeignKey
}

func (d *database) table(name string) *table {
	for _, t := range d.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

func (t *table) column(name string) *column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// introspect reads tables, columns, primary keys and foreign keys of the connected database.
func introspect(ctx context.Context, q sqlx.QueryerContext, client string) (*database, error) {
	switch client {
	case SQLite:
		return introspectSQLite(ctx, q)
	case Postgres:
		return introspectPostgres(ctx, q)
	case MySQL:
		return introspectMySQL(ctx, q)
	}
	return nil, fmt.Errorf("schema: unsupported database client %q", client)
}

// queryMaps runs a query and returns its rows as column → value maps with []byte turned into string.
func queryMaps(ctx context.Context, q sqlx.QueryerContext, query string, args ...any) ([]map[string]any, error) {
	rows, err := q.QueryxContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []map[string]any
	for rows.Next() {
		m := map[string]any{}
		if err := rows.MapScan(m); err != nil {
			return nil, err
		}
		for k, v := range m {
			if b, ok := v.([]byte); ok {
				m[k] = string(b)
			}
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	return fmt.Sprint(v)
}

func strPtr(v any) *string {
	if v == nil {
		return nil
	}
	s := str(v)
	return &s
}

// truthy is Directus's toBoolean: true, 'true', 1, '1'.
func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case int64:
		return x == 1
	case float64:
		return x == 1
	case string:
		return x == "true" || x == "1"
	case []byte:
		return string(x) == "true" || string(x) == "1"
	}
	return false
}

func upperRule(s string) *string {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" {
		return nil
	}
	return &s
}
