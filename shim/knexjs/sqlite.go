package knexjs

import (
	"context"
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"
	"modernc.org/sqlite"
)

// sqliteDialect speaks like node-sqlite3 5/6 through knex: numbers bind as integers when they fit
// 32 bits and as doubles otherwise, booleans as 1/0, Dates as epoch milliseconds; results keep
// SQLite's storage classes (INTEGER/REAL as numbers, TEXT strings, BLOB Buffers); `all` answers with
// rows and `run` with {lastID, changes}.
type sqliteDialect struct{}

func (sqliteDialect) prepare(rt *goja.Runtime, sqlText string, bindings goja.Value) (statement, error) {
	st := statement{sql: sqlText}
	list, ok := bindings.(*goja.Object)
	if !ok {
		return st, nil
	}
	n := int(list.Get("length").ToInteger())
	st.args = make([]any, n)
	for i := range st.args {
		st.args[i] = sqliteArg(rt, list.Get(strconv.Itoa(i)))
	}
	return st, nil
}

// sqliteArg is node-sqlite3's binding of one JS value.
func sqliteArg(rt *goja.Runtime, v goja.Value) any {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	if _, isObj := v.(*goja.Object); !isObj {
		switch x := v.Export().(type) {
		case bool:
			if x {
				return int64(1)
			}
			return int64(0)
		case int64:
			if x >= math.MinInt32 && x <= math.MaxInt32 {
				return x
			}
			return float64(x)
		case float64:
			if x == math.Trunc(x) && x >= math.MinInt32 && x <= math.MaxInt32 {
				return int64(x)
			}
			return x
		case string:
			return x
		}
		return v.String()
	}
	if ms, ok := isDate(v); ok {
		return ms
	}
	if b, ok := bytesOf(rt, v); ok {
		return b
	}
	if obj, ok := v.(*goja.Object); ok && (isArray(v) || obj.ClassName() == "Object") {
		return "[object Object]" // what node-sqlite3 binds for arrays and plain objects (recorded)
	}
	return v.String()
}

func (sqliteDialect) run(ctx context.Context, h *handle, st statement) (result, error) {
	q := h.queryer()
	// node-sqlite3 prepares one statement: whatever follows the first is ignored.
	st.sql = sqliteFirstStatement(st.sql)
	if st.mode == "run" {
		res, err := q.ExecContext(ctx, st.sql, st.args...)
		if err != nil {
			return nil, err
		}
		out := sqliteRun{}
		out.lastID, _ = res.LastInsertId()
		out.changes, _ = res.RowsAffected()
		return out, nil
	}
	rows, err := q.QueryContext(ctx, st.sql, st.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	out := sqliteRows{}
	for _, c := range cols {
		out.names = append(out.names, c.Name())
		out.types = append(out.types, strings.ToUpper(c.DatabaseTypeName()))
	}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out.rows = append(out.rows, vals)
	}
	return out, rows.Err()
}

func (sqliteDialect) empty(st statement) result {
	if st.mode == "run" {
		return sqliteRun{}
	}
	return sqliteRows{}
}

// sqliteRun is what run's callback sees as `this`.
type sqliteRun struct{ lastID, changes int64 }

func (r sqliteRun) toJS(rt *goja.Runtime, _ *jsValues) goja.Value {
	o := rt.NewObject()
	o.Set("lastID", r.lastID)
	o.Set("changes", r.changes)
	return o
}

type sqliteRows struct {
	names []string
	types []string
	rows  [][]any
}

func (r sqliteRows) toJS(rt *goja.Runtime, v *jsValues) goja.Value {
	rows := make([]any, len(r.rows))
	for i, vals := range r.rows {
		row := rt.NewObject()
		for j, cell := range vals {
			row.Set(r.names[j], sqliteValue(v, r.types[j], cell))
		}
		rows[i] = row
	}
	return rt.NewArray(rows...)
}

func sqliteValue(v *jsValues, typ string, cell any) goja.Value {
	switch x := cell.(type) {
	case nil:
		return goja.Null()
	case int64:
		return v.rt.ToValue(float64(x))
	case float64:
		return v.rt.ToValue(x)
	case string:
		return v.rt.ToValue(x)
	case []byte:
		return v.buffer(x)
	case time.Time:
		// The Go driver parses TEXT in DATE/DATETIME/TIMESTAMP columns; node-sqlite3 hands the text
		// out as stored. Rebuild it in SQLite's own format (the original spelling — a "T" separator
		// or a "Z" — is not recoverable).
		return v.rt.ToValue(sqliteTimeText(typ, x))
	}
	return goja.Null()
}

func sqliteTimeText(typ string, t time.Time) string {
	if typ == "DATE" && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	if t.Location() == time.UTC {
		return t.Format("2006-01-02 15:04:05.999999999")
	}
	return t.Format("2006-01-02 15:04:05.999999999-07:00")
}

// sqliteCodes are SQLite's primary result code names, as node-sqlite3's err.code.
var sqliteCodes = map[int]string{
	1: "SQLITE_ERROR", 2: "SQLITE_INTERNAL", 3: "SQLITE_PERM", 4: "SQLITE_ABORT", 5: "SQLITE_BUSY",
	6: "SQLITE_LOCKED", 7: "SQLITE_NOMEM", 8: "SQLITE_READONLY", 9: "SQLITE_INTERRUPT", 10: "SQLITE_IOERR",
	11: "SQLITE_CORRUPT", 12: "SQLITE_NOTFOUND", 13: "SQLITE_FULL", 14: "SQLITE_CANTOPEN",
	15: "SQLITE_PROTOCOL", 16: "SQLITE_EMPTY", 17: "SQLITE_SCHEMA", 18: "SQLITE_TOOBIG",
	19: "SQLITE_CONSTRAINT", 20: "SQLITE_MISMATCH", 21: "SQLITE_MISUSE", 22: "SQLITE_NOLFS",
	23: "SQLITE_AUTH", 24: "SQLITE_FORMAT", 25: "SQLITE_RANGE", 26: "SQLITE_NOTADB",
}

// sqliteMessageRe takes the database's message out of the Go driver's "<errstr>: <errmsg> (<rc>)".
var sqliteMessageRe = regexp.MustCompile(`^[^:]*: (.*) \(\d+\)$`)

func (sqliteDialect) jsError(rt *goja.Runtime, _ *jsValues, err error) goja.Value {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return errorObject(rt, err.Error(), nil)
	}
	primary := se.Code() & 0xff
	code := sqliteCodes[primary]
	msg := se.Error()
	if m := sqliteMessageRe.FindStringSubmatch(msg); m != nil {
		msg = m[1]
	}
	return errorObject(rt, code+": "+msg, [][2]any{
		{"errno", int64(primary)},
		{"code", code},
	})
}

// sqliteFirstStatement cuts sql after its first complete statement (a ';' outside quotes,
// comments and a CREATE TRIGGER body), as sqlite3_prepare does.
func sqliteFirstStatement(sql string) string {
	lower := strings.ToLower(sql)
	trigger := strings.Contains(lower, "create trigger") || strings.Contains(lower, "create temp trigger") || strings.Contains(lower, "create temporary trigger")
	depth := 0 // BEGIN … END nesting inside a trigger
	for i := 0; i < len(sql); i++ {
		switch c := sql[i]; {
		case c == '\'' || c == '"' || c == '`' || c == '[':
			end := byte(c)
			if c == '[' {
				end = ']'
			}
			j := strings.IndexByte(sql[i+1:], end)
			if j < 0 {
				return sql
			}
			i += j + 1
		case c == '-' && i+1 < len(sql) && sql[i+1] == '-':
			j := strings.IndexByte(sql[i:], '\n')
			if j < 0 {
				return sql
			}
			i += j
		case c == '/' && i+1 < len(sql) && sql[i+1] == '*':
			j := strings.Index(sql[i+2:], "*/")
			if j < 0 {
				return sql
			}
			i += j + 3
		case trigger && isWordAt(lower, i, "begin"):
			depth++
		case trigger && isWordAt(lower, i, "end"):
			depth--
		case c == ';' && depth <= 0:
			return sql[:i+1]
		}
	}
	return sql
}

func isWordAt(s string, i int, w string) bool {
	if !strings.HasPrefix(s[i:], w) {
		return false
	}
	word := func(b byte) bool { return b == '_' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' }
	return (i == 0 || !word(s[i-1])) && (i+len(w) == len(s) || !word(s[i+len(w)]))
}
