package knexjs

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// pgDialect speaks like node-postgres 8: parameters are sent as text the way its prepareValue
// writes them (Buffers in binary), results come back as text and are parsed by OID as pg-types
// does by default, and the response is a Result {command, rowCount, oid, rows, fields}.
type pgDialect struct{}

func (pgDialect) prepare(rt *goja.Runtime, sqlText string, bindings goja.Value) (statement, error) {
	st := statement{sql: sqlText}
	list, ok := bindings.(*goja.Object)
	if !ok {
		return st, nil
	}
	n := int(list.Get("length").ToInteger())
	if n == 0 {
		return st, nil
	}
	st.args = make([]any, n)
	st.formats = make([]int16, n)
	for i := 0; i < n; i++ {
		v := list.Get(strconv.Itoa(i))
		if b, ok := bytesOf(rt, v); ok {
			st.args[i], st.formats[i] = b, 1
			continue
		}
		text, isNull, err := pgPrepareValue(rt, v, 0)
		if err != nil {
			return st, err
		}
		if !isNull {
			st.args[i] = []byte(text)
		}
	}
	return st, nil
}

// pgPrepareValue is node-postgres's prepareValue for a non-Buffer value: its text form.
func pgPrepareValue(rt *goja.Runtime, v goja.Value, depth int) (string, bool, error) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return "", true, nil
	}
	if depth > 32 {
		return "", false, fmt.Errorf("circular reference detected while preparing a query parameter")
	}
	obj, ok := v.(*goja.Object)
	if !ok {
		return v.String(), false, nil
	}
	if ms, ok := isDate(v); ok {
		return pgDateString(ms), false, nil
	}
	if b, ok := bytesOf(rt, v); ok {
		return string(b), false, nil
	}
	if obj.ClassName() == "Array" {
		s, err := pgArrayString(rt, obj, depth)
		return s, false, err
	}
	if fn, ok := goja.AssertFunction(obj.Get("toPostgres")); ok {
		out, err := fn(obj, rt.ToValue(func(goja.FunctionCall) goja.Value { return goja.Undefined() }))
		if err != nil {
			return "", false, err
		}
		return pgPrepareValue(rt, out, depth+1)
	}
	stringify, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("stringify"))
	out, err := stringify(goja.Undefined(), obj)
	if err != nil {
		return "", false, err
	}
	return out.String(), false, nil
}

// pgArrayString is node-postgres's arrayString: a PostgreSQL array literal.
func pgArrayString(rt *goja.Runtime, arr *goja.Object, depth int) (string, error) {
	var b strings.Builder
	b.WriteByte('{')
	n := int(arr.Get("length").ToInteger())
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		el := arr.Get(strconv.Itoa(i))
		switch {
		case el == nil || goja.IsUndefined(el) || goja.IsNull(el):
			b.WriteString("NULL")
		case isArray(el):
			s, err := pgArrayString(rt, el.(*goja.Object), depth+1)
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		default:
			if raw, ok := bytesOf(rt, el); ok {
				if _, isDateVal := isDate(el); !isDateVal {
					b.WriteString(`\\x` + fmt.Sprintf("%x", raw))
					continue
				}
			}
			s, _, err := pgPrepareValue(rt, el, depth+1)
			if err != nil {
				return "", err
			}
			s = strings.ReplaceAll(s, `\`, `\\`)
			s = strings.ReplaceAll(s, `"`, `\"`)
			b.WriteString(`"` + s + `"`)
		}
	}
	b.WriteByte('}')
	return b.String(), nil
}

func isArray(v goja.Value) bool {
	o, ok := v.(*goja.Object)
	return ok && o.ClassName() == "Array"
}

// pgDateString is node-postgres's dateToString: local time with the zone offset.
func pgDateString(ms float64) string {
	if math.IsNaN(ms) {
		return "NaN-NaN-NaNTNaN:NaN:NaN.NaN+NaN:NaN"
	}
	t := localTime(ms)
	year := t.Year()
	bc := year < 1
	if bc {
		year = -year + 1
	}
	_, off := t.Zone()
	sign := "+"
	if off < 0 {
		sign = "-"
		off = -off
	}
	off /= 60
	s := fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d.%03d%s%02d:%02d", year, int(t.Month()), t.Day(),
		t.Hour(), t.Minute(), t.Second(), t.Nanosecond()/1e6, sign, off/60, off%60)
	if bc {
		s += " BC"
	}
	return s
}

func (pgDialect) run(ctx context.Context, h *handle, st statement) (result, error) {
	conn, done, err := h.rawConn(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	var res pgResults
	err = conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("knex: the PostgreSQL pool is not pgx (%T)", dc)
		}
		pc := sc.Conn().PgConn()
		if len(st.args) == 0 {
			// No parameters: node-postgres uses the simple protocol (several statements allowed).
			all, err := pc.Exec(ctx, st.sql).ReadAll()
			if err != nil {
				return err
			}
			for _, r := range all {
				res.list = append(res.list, pgResultOf(r))
			}
			return nil
		}
		params := make([][]byte, len(st.args))
		binary := false
		for i, a := range st.args {
			if a != nil {
				params[i] = a.([]byte)
			}
			if st.formats[i] == 1 {
				binary = true
			}
		}
		var formats []int16
		if binary {
			formats = st.formats
		}
		r := pc.ExecParams(ctx, st.sql, params, nil, formats, nil).Read()
		if r.Err != nil {
			return r.Err
		}
		res.list = append(res.list, pgResultOf(r))
		return nil
	})
	if err != nil {
		// A connection pgx closed after a network error must not go back to the pool.
		if errors.Is(err, driver.ErrBadConn) {
			return nil, err
		}
		return nil, err
	}
	res.arrays = st.mode == "array"
	return res, nil
}

func (pgDialect) empty(st statement) result {
	cmd := strings.ToUpper(strings.Fields(strings.TrimSuffix(strings.TrimSpace(st.sql), ";") + " x")[0])
	if cmd == "START" {
		cmd = "BEGIN"
	}
	return pgResults{list: []pgResult{{command: cmd}}}
}

// pgResult is one statement's answer: the command tag, field descriptions and text rows.
type pgResult struct {
	command  string
	rowCount *int64
	oid      *int64
	fields   []pgconn.FieldDescription
	rows     [][][]byte
}

func pgResultOf(r *pgconn.Result) pgResult {
	out := pgResult{fields: r.FieldDescriptions, rows: r.Rows}
	// node-postgres: /^([A-Za-z]+)(?: (\d+))?(?: (\d+))?/ over the command tag.
	parts := strings.Fields(r.CommandTag.String())
	if len(parts) > 0 {
		out.command = parts[0]
	}
	var nums []int64
	for _, p := range parts[1:] {
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil {
			break
		}
		nums = append(nums, n)
	}
	switch {
	case len(nums) >= 2:
		out.oid, out.rowCount = &nums[0], &nums[1]
	case len(nums) == 1:
		out.rowCount = &nums[0]
	}
	return out
}

type pgResults struct {
	list   []pgResult
	arrays bool // rowMode: 'array'
}

func (r pgResults) toJS(rt *goja.Runtime, v *jsValues) goja.Value {
	if len(r.list) == 1 {
		return r.list[0].toJS(rt, v, r.arrays)
	}
	out := make([]any, len(r.list))
	for i, one := range r.list {
		out[i] = one.toJS(rt, v, r.arrays)
	}
	return rt.NewArray(out...)
}

func (r pgResult) toJS(rt *goja.Runtime, v *jsValues, arrays bool) goja.Value {
	res := rt.NewObject()
	res.Set("command", nullableString(r.command))
	res.Set("rowCount", nullableInt(r.rowCount))
	res.Set("oid", nullableInt(r.oid))
	parsers := make([]func(string) goja.Value, len(r.fields))
	fields := make([]any, len(r.fields))
	for i, f := range r.fields {
		parsers[i] = pgParser(v, f.DataTypeOID)
		fo := rt.NewObject()
		fo.Set("name", f.Name)
		fo.Set("tableID", f.TableOID)
		fo.Set("columnID", f.TableAttributeNumber)
		fo.Set("dataTypeID", f.DataTypeOID)
		fo.Set("dataTypeSize", f.DataTypeSize)
		fo.Set("dataTypeModifier", f.TypeModifier)
		fo.Set("format", "text")
		fields[i] = fo
	}
	rows := make([]any, len(r.rows))
	for i, raw := range r.rows {
		if arrays {
			vals := make([]any, len(raw))
			for j, cell := range raw {
				vals[j] = pgCell(parsers[j], cell)
			}
			rows[i] = rt.NewArray(vals...)
			continue
		}
		row := rt.NewObject()
		for j, cell := range raw {
			row.Set(r.fields[j].Name, pgCell(parsers[j], cell))
		}
		rows[i] = row
	}
	res.Set("rows", rt.NewArray(rows...))
	res.Set("fields", rt.NewArray(fields...))
	res.Set("rowAsArray", arrays)
	return res
}

func pgCell(parse func(string) goja.Value, cell []byte) goja.Value {
	if cell == nil {
		return goja.Null()
	}
	return parse(string(cell))
}

func nullableString(s string) any {
	if s == "" {
		return goja.Null()
	}
	return s
}

func nullableInt(n *int64) any {
	if n == nil {
		return goja.Null()
	}
	return *n
}

func (pgDialect) jsError(rt *goja.Runtime, v *jsValues, err error) goja.Value {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return errorObject(rt, err.Error(), nil)
	}
	// node-postgres's DatabaseError fields.
	opt := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	var position any
	if pe.Position != 0 {
		position = strconv.Itoa(int(pe.Position))
	}
	var line any
	if pe.Line != 0 {
		line = strconv.Itoa(int(pe.Line))
	}
	e := errorObject(rt, pe.Message, [][2]any{
		{"length", nil},
		{"severity", opt(pe.Severity)},
		{"code", opt(pe.Code)},
		{"detail", opt(pe.Detail)},
		{"hint", opt(pe.Hint)},
		{"position", position},
		{"where", opt(pe.Where)},
		{"schema", opt(pe.SchemaName)},
		{"table", opt(pe.TableName)},
		{"column", opt(pe.ColumnName)},
		{"dataType", opt(pe.DataTypeName)},
		{"constraint", opt(pe.ConstraintName)},
		{"file", opt(pe.File)},
		{"line", line},
		{"routine", opt(pe.Routine)},
	})
	return e
}
