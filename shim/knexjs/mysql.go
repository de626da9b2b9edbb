package knexjs

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"
	"github.com/go-sql-driver/mysql"
)

// mysqlDialect speaks like mysql2 3 through knex: values are written into the SQL on the client
// (sql-escaper in entry.js, as mysql2's query() does), results come over the text protocol and are
// typed as mysql2 types them, and the response is [rows, fields] or [ResultSetHeader, undefined].
type mysqlDialect struct{}

// prepare takes the SQL as entry.js wrote it: values are already in it (sql-escaper, as mysql2).
func (mysqlDialect) prepare(_ *goja.Runtime, sqlText string, _ goja.Value) (statement, error) {
	return statement{sql: sqlText}, nil
}

func (mysqlDialect) run(ctx context.Context, h *handle, st statement) (result, error) {
	q := h.queryer()
	if !mysqlReturnsRows(st.sql) {
		res, err := q.ExecContext(ctx, st.sql)
		if err != nil {
			return nil, err
		}
		out := mysqlHeader{}
		out.affected, _ = res.RowsAffected()
		out.insertID, _ = res.LastInsertId()
		return out, nil
	}
	rows, err := q.QueryContext(ctx, st.sql)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	out := mysqlRows{arrays: st.mode == "array"}
	for _, c := range cols {
		out.names = append(out.names, c.Name())
		out.types = append(out.types, c.DatabaseTypeName())
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

// mysqlReturnsRows tells a statement that answers with rows from one that answers with a
// ResultSetHeader (mysql2 learns it from the server; database/sql needs to know up front).
func mysqlReturnsRows(sqlText string) bool {
	s := strings.TrimLeft(sqlText, " \t\r\n(")
	for strings.HasPrefix(s, "/*") || strings.HasPrefix(s, "--") || strings.HasPrefix(s, "#") {
		end := "\n"
		if strings.HasPrefix(s, "/*") {
			end = "*/"
		}
		i := strings.Index(s, end)
		if i < 0 {
			return false
		}
		s = strings.TrimLeft(s[i+len(end):], " \t\r\n(")
	}
	word := strings.ToLower(strings.FieldsFunc(s+" ", func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '(' || r == ';' })[0])
	switch word {
	case "select", "with", "show", "describe", "desc", "explain", "values", "table", "analyze", "check", "checksum", "optimize", "repair":
		return true
	case "insert", "delete", "replace", "update":
		return strings.Contains(strings.ToLower(s), " returning ")
	}
	return false
}

func (mysqlDialect) empty(statement) result { return mysqlHeader{} }

// mysqlHeader is mysql2's ResultSetHeader for a statement without rows.
type mysqlHeader struct{ affected, insertID int64 }

func (r mysqlHeader) toJS(rt *goja.Runtime, _ *jsValues) goja.Value {
	h := rt.NewObject()
	h.Set("fieldCount", 0)
	h.Set("affectedRows", r.affected)
	h.Set("insertId", r.insertID)
	return rt.NewArray(h, goja.Undefined())
}

type mysqlRows struct {
	names  []string
	types  []string
	rows   [][]any
	arrays bool
}

func (r mysqlRows) toJS(rt *goja.Runtime, v *jsValues) goja.Value {
	rows := make([]any, len(r.rows))
	for i, vals := range r.rows {
		if r.arrays {
			cells := make([]any, len(vals))
			for j, cell := range vals {
				cells[j] = mysqlValue(v, r.types[j], cell)
			}
			rows[i] = rt.NewArray(cells...)
			continue
		}
		row := rt.NewObject()
		for j, cell := range vals {
			row.Set(r.names[j], mysqlValue(v, r.types[j], cell))
		}
		rows[i] = row
	}
	fields := make([]any, len(r.names))
	for i, n := range r.names {
		f := rt.NewObject()
		f.Set("name", n)
		f.Set("columnType", r.types[i])
		fields[i] = f
	}
	return rt.NewArray(rt.NewArray(rows...), rt.NewArray(fields...))
}

// mysqlValue types one cell as mysql2 does by default: integers, floats and YEAR as numbers
// (BIGINT too, losing precision past 2^53), DECIMAL as a string, DATE/DATETIME/TIMESTAMP as Dates
// in the local zone, JSON parsed, binary strings/BLOB/BIT as Buffers, everything else a string.
func mysqlValue(v *jsValues, typ string, cell any) goja.Value {
	if cell == nil {
		return goja.Null()
	}
	base := strings.TrimPrefix(typ, "UNSIGNED ")
	switch x := cell.(type) {
	case int64:
		return v.rt.ToValue(float64(x))
	case uint64:
		return v.rt.ToValue(float64(x))
	case float64:
		return v.rt.ToValue(x)
	case float32:
		return v.rt.ToValue(float64(x))
	case time.Time:
		if x.IsZero() {
			return v.invalidDate()
		}
		return v.dateTime(x)
	case []byte:
		s := string(x)
		switch base {
		case "TINYINT", "SMALLINT", "MEDIUMINT", "INT", "BIGINT", "YEAR", "FLOAT", "DOUBLE":
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return v.rt.ToValue(math.NaN())
			}
			return v.rt.ToValue(f)
		case "JSON":
			return v.json(s)
		case "BLOB", "TINYBLOB", "MEDIUMBLOB", "LONGBLOB", "BINARY", "VARBINARY", "BIT", "GEOMETRY":
			return v.buffer(x)
		case "DATE", "DATETIME", "TIMESTAMP":
			return v.invalidDate()
		}
		return v.rt.ToValue(s)
	case string:
		return v.rt.ToValue(x)
	case bool:
		if x {
			return v.rt.ToValue(1)
		}
		return v.rt.ToValue(0)
	}
	return v.rt.ToValue(fmt.Sprint(cell))
}

func (mysqlDialect) jsError(rt *goja.Runtime, _ *jsValues, err error) goja.Value {
	var me *mysql.MySQLError
	if !errors.As(err, &me) {
		return errorObject(rt, err.Error(), nil)
	}
	var code any
	if c, ok := mysqlCodes[me.Number]; ok {
		code = c
	}
	var state any
	if me.SQLState != [5]byte{} {
		state = string(me.SQLState[:])
	}
	return errorObject(rt, me.Message, [][2]any{
		{"code", code},
		{"errno", int64(me.Number)},
		{"sqlState", state},
		{"sqlMessage", me.Message},
	})
}
