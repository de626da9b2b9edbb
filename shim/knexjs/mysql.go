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
// (sqlstring's format, as mysql2's query() does), results come over the text protocol and are
// typed as mysql2 types them, and the response is [rows, fields] or [ResultSetHeader, undefined].
type mysqlDialect struct{}

func (mysqlDialect) prepare(rt *goja.Runtime, sqlText string, bindings goja.Value) (statement, error) {
	list, ok := bindings.(*goja.Object)
	if !ok {
		return statement{sql: sqlText}, nil
	}
	n := int(list.Get("length").ToInteger())
	values := make([]goja.Value, n)
	for i := range values {
		values[i] = list.Get(strconv.Itoa(i))
	}
	return statement{sql: sqlFormat(rt, sqlText, values)}, nil
}

// sqlFormat is sqlstring's format: each ? takes the next value escaped, each ?? an identifier.
func sqlFormat(rt *goja.Runtime, sqlText string, values []goja.Value) string {
	if len(values) == 0 {
		return sqlText
	}
	var b strings.Builder
	next, chunk := 0, 0
	for i := 0; i < len(sqlText) && next < len(values); {
		if sqlText[i] != '?' {
			i++
			continue
		}
		j := i
		for j < len(sqlText) && sqlText[j] == '?' {
			j++
		}
		switch j - i {
		case 1:
			b.WriteString(sqlText[chunk:i])
			b.WriteString(sqlEscape(rt, values[next], false, 0))
		case 2:
			b.WriteString(sqlText[chunk:i])
			b.WriteString(sqlEscapeID(rt, values[next]))
		default:
			i = j
			continue
		}
		next++
		chunk = j
		i = j
	}
	if chunk == 0 {
		return sqlText
	}
	b.WriteString(sqlText[chunk:])
	return b.String()
}

// sqlEscape is sqlstring's escape with timezone 'local'.
func sqlEscape(rt *goja.Runtime, v goja.Value, stringifyObjects bool, depth int) string {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return "NULL"
	}
	obj, isObj := v.(*goja.Object)
	if !isObj {
		switch v.ExportType().Kind().String() {
		case "bool":
			if v.ToBoolean() {
				return "true"
			}
			return "false"
		case "int64", "float64":
			return v.String()
		}
		return sqlEscapeString(v.String())
	}
	if depth > 32 {
		return sqlEscapeString(v.String())
	}
	if ms, ok := isDate(v); ok {
		if math.IsNaN(ms) {
			return "NULL"
		}
		t := localTime(ms)
		return sqlEscapeString(fmt.Sprintf("%04d-%02d-%02d %02d:%02d:%02d.%03d", t.Year(), int(t.Month()), t.Day(),
			t.Hour(), t.Minute(), t.Second(), t.Nanosecond()/1e6))
	}
	if isArray(v) {
		return sqlArrayToList(rt, obj, depth)
	}
	if b, ok := bytesOf(rt, v); ok {
		return "X'" + fmt.Sprintf("%x", b) + "'"
	}
	if fn, ok := goja.AssertFunction(obj.Get("toSqlString")); ok {
		out, err := fn(obj)
		if err == nil {
			return out.String()
		}
	}
	if stringifyObjects {
		return sqlEscapeString(v.String())
	}
	var parts []string
	for _, k := range obj.Keys() {
		val := obj.Get(k)
		if _, isFn := goja.AssertFunction(val); isFn {
			continue
		}
		parts = append(parts, sqlEscapeID(rt, rt.ToValue(k))+" = "+sqlEscape(rt, val, true, depth+1))
	}
	return strings.Join(parts, ", ")
}

func sqlArrayToList(rt *goja.Runtime, arr *goja.Object, depth int) string {
	n := int(arr.Get("length").ToInteger())
	parts := make([]string, n)
	for i := 0; i < n; i++ {
		el := arr.Get(strconv.Itoa(i))
		if isArray(el) {
			parts[i] = "(" + sqlArrayToList(rt, el.(*goja.Object), depth+1) + ")"
		} else {
			parts[i] = sqlEscape(rt, el, true, depth+1)
		}
	}
	return strings.Join(parts, ", ")
}

func sqlEscapeID(rt *goja.Runtime, v goja.Value) string {
	if isArray(v) {
		arr := v.(*goja.Object)
		n := int(arr.Get("length").ToInteger())
		parts := make([]string, n)
		for i := range parts {
			parts[i] = sqlEscapeID(rt, arr.Get(strconv.Itoa(i)))
		}
		return strings.Join(parts, ", ")
	}
	s := strings.ReplaceAll(v.String(), "`", "``")
	return "`" + strings.ReplaceAll(s, ".", "`.`") + "`"
}

var sqlStringEscapes = strings.NewReplacer("\x00", `\0`, "\b", `\b`, "\t", `\t`, "\n", `\n`, "\r", `\r`,
	"\x1a", `\Z`, `"`, `\"`, `'`, `\'`, `\`, `\\`)

func sqlEscapeString(s string) string { return "'" + sqlStringEscapes.Replace(s) + "'" }

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

// mysqlCodes names the server error numbers as mysql2's err.code does.
var mysqlCodes = map[uint16]string{
	1044: "ER_DBACCESS_DENIED_ERROR", 1045: "ER_ACCESS_DENIED_ERROR", 1046: "ER_NO_DB_ERROR",
	1048: "ER_BAD_NULL_ERROR", 1049: "ER_BAD_DB_ERROR", 1050: "ER_TABLE_EXISTS_ERROR",
	1051: "ER_BAD_TABLE_ERROR", 1054: "ER_BAD_FIELD_ERROR", 1060: "ER_DUP_FIELDNAME",
	1061: "ER_DUP_KEYNAME", 1062: "ER_DUP_ENTRY", 1064: "ER_PARSE_ERROR", 1091: "ER_CANT_DROP_FIELD_OR_KEY",
	1136: "ER_WRONG_VALUE_COUNT_ON_ROW", 1146: "ER_NO_SUCH_TABLE", 1205: "ER_LOCK_WAIT_TIMEOUT",
	1213: "ER_LOCK_DEADLOCK", 1264: "ER_WARN_DATA_OUT_OF_RANGE", 1265: "WARN_DATA_TRUNCATED",
	1292: "ER_TRUNCATED_WRONG_VALUE", 1305: "ER_SP_DOES_NOT_EXIST", 1364: "ER_NO_DEFAULT_FOR_FIELD",
	1366: "ER_TRUNCATED_WRONG_VALUE_FOR_FIELD", 1406: "ER_DATA_TOO_LONG", 1451: "ER_ROW_IS_REFERENCED_2",
	1452: "ER_NO_REFERENCED_ROW_2", 3819: "ER_CHECK_CONSTRAINT_VIOLATED", 4025: "ER_CONSTRAINT_FAILED",
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
