package items

import (
	"fmt"
	"strings"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/schema"
)

// sqlBuilder collects bind arguments; SQL is written with ? and rebound per dialect at the end.
type sqlBuilder struct {
	d    db.Dialect
	args []any
	// access is the caller's read rules: _some/_none sub-selects see only the related items
	// the caller may read (nil = every item).
	access *Access
}

func (b *sqlBuilder) arg(v any) string {
	b.args = append(b.args, v)
	return "?"
}

func (b *sqlBuilder) q(ident string) string { return b.d.Quote(ident) }

// col is table.column quoted, built in one piece when neither name holds the quote character.
func (b *sqlBuilder) col(table, column string) string {
	q := `"`
	if b.d.Client == db.ClientMySQL {
		q = "`"
	}
	if strings.Contains(table, q) || strings.Contains(column, q) {
		return b.q(table) + "." + b.q(column)
	}
	return q + table + q + "." + q + column + q
}

// functionSQL is the SQL of fn applied to column expr of field f (spec 11 §2 functions).
func (b *sqlBuilder) functionSQL(fn string, expr string, f *schema.Field, args []string) string {
	switch fn {
	case "json":
		return b.jsonExtract(expr, args[0])
	case "count":
		switch b.d.Client {
		case db.ClientPostgres:
			return "json_array_length(" + expr + "::json)"
		case db.ClientMySQL:
			return "JSON_LENGTH(" + expr + ")"
		default:
			return "json_array_length(" + expr + ")"
		}
	}
	switch b.d.Client {
	case db.ClientPostgres:
		if f != nil && f.Type == "timestamp" {
			expr = expr + " AT TIME ZONE 'UTC'"
		}
		part := map[string]string{"year": "YEAR", "month": "MONTH", "week": "WEEK", "day": "DAY", "weekday": "DOW",
			"hour": "HOUR", "minute": "MINUTE", "second": "SECOND"}[fn]
		return "EXTRACT(" + part + " FROM " + expr + ")"
	case db.ClientMySQL:
		switch fn {
		case "weekday":
			return "DAYOFWEEK(" + expr + ")"
		case "week":
			return "WEEK(" + expr + ")"
		case "day":
			return "DAYOFMONTH(" + expr + ")"
		}
		return strings.ToUpper(fn) + "(" + expr + ")"
	}
	format := map[string]string{"year": "%Y", "month": "%m", "week": "%W", "day": "%d", "weekday": "%w",
		"hour": "%H", "minute": "%M", "second": "%S"}[fn]
	// SQLite dates written by Directus are epoch milliseconds; DB defaults are text.
	modifier := "'unixepoch'"
	if f != nil && f.Type != "timestamp" {
		modifier = "'unixepoch', 'localtime'"
	}
	value := fmt.Sprintf("CASE WHEN typeof(%[1]s) IN ('integer', 'real') THEN strftime('%[2]s', %[1]s / 1000, %[3]s) ELSE strftime('%[2]s', %[1]s) END", expr, format, modifier)
	return "CAST(" + value + " AS INTEGER)"
}

// jsonExtract reads path (a.b, items[0].name) from a JSON column.
func (b *sqlBuilder) jsonExtract(expr, path string) string {
	jp := "$"
	for _, seg := range splitJSONPath(path) {
		if strings.HasPrefix(seg, "[") {
			jp += seg
		} else {
			jp += "." + seg
		}
	}
	switch b.d.Client {
	case db.ClientPostgres:
		var parts []string
		for _, seg := range splitJSONPath(path) {
			parts = append(parts, strings.Trim(seg, "[]"))
		}
		return "(" + expr + "::jsonb #> " + b.arg("{"+strings.Join(parts, ",")+"}") + ")"
	case db.ClientMySQL:
		return "JSON_UNQUOTE(JSON_EXTRACT(" + expr + ", " + b.arg(jp) + "))"
	}
	return "json_extract(" + expr + ", " + b.arg(jp) + ")"
}

func splitJSONPath(path string) []string {
	var out []string
	for _, part := range strings.Split(path, ".") {
		for part != "" {
			i := strings.IndexByte(part, '[')
			if i < 0 {
				out = append(out, part)
				break
			}
			if i > 0 {
				out = append(out, part[:i])
			}
			j := strings.IndexByte(part, ']')
			if j < 0 {
				out = append(out, part[i:])
				break
			}
			out = append(out, part[i:j+1])
			part = part[j+1:]
		}
	}
	return out
}
