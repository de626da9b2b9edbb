package schemasvc

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/errs"
)

// Directus's defaults for new float/decimal columns (spec 12 §2.5).
const (
	defaultPrecision = 10
	defaultScale     = 5
)

// aliasTypes are the field types without a column (ALIAS_TYPES).
var aliasTypes = map[string]bool{"alias": true, "o2m": true, "m2m": true, "m2a": true, "o2a": true, "files": true, "translations": true}

// columnSpec is one column definition as FieldsService.addColumnToTable builds it, before it is
// written as SQL for a dialect.
type columnSpec struct {
	Name          string
	SQLType       string // the dialect's type, e.g. varchar(255), integer, numeric(10, 2)
	AutoIncrement bool   // increments()/bigIncrements(): the type carries the PK
	Nullable      bool
	Default       *string // SQL text of the default (already quoted), nil = none
	Primary       bool
	Unique        bool // add a unique index <collection>_<field>_unique
	DropUnique    bool
	Index         bool // add an index <collection>_<field>_index
	DropIndex     bool
}

// buildColumnSpec is addColumnToTable (FieldsService): field is the payload {field, type, schema},
// existing the current column when altering (nil when adding).
func buildColumnSpec(client, collection string, field map[string]any, existing *Column) (*columnSpec, error) {
	name, _ := field["field"].(string)
	typ, _ := field["type"].(string)
	sch, _ := field["schema"].(map[string]any)
	spec := &columnSpec{Name: name}

	if b, _ := sch["has_auto_increment"].(bool); b {
		spec.AutoIncrement = true
		spec.SQLType = autoIncrementType(client, typ == "bigInteger")
	} else {
		t, err := columnType(client, typ, sch, existing)
		if err != nil {
			return nil, err
		}
		spec.SQLType = t
	}

	// Nullability and default must be restated on every alter (knex's alter is not incremental).
	spec.Nullable = true
	if v, ok := sch["is_nullable"].(bool); ok {
		spec.Nullable = v
	} else if existing != nil {
		spec.Nullable = existing.IsNullable
	}
	var def any
	hasDefault := false
	if v, ok := sch["default_value"]; ok {
		def, hasDefault = v, true
	} else if existing != nil {
		def, hasDefault = existing.DefaultValue, true
	}
	if hasDefault && !spec.AutoIncrement {
		spec.Default = defaultSQL(client, typ, def)
	}

	isPrimary, _ := sch["is_primary_key"].(bool)
	if isPrimary {
		spec.Primary, spec.Nullable = true, false
	} else if existing == nil || !existing.IsPrimaryKey {
		switch v, ok := sch["is_unique"].(bool); {
		case ok && v && (existing == nil || !existing.IsUnique):
			spec.Unique = true
		case ok && !v && existing != nil && existing.IsUnique:
			spec.DropUnique = true
		}
		switch v, ok := sch["is_indexed"].(bool); {
		case ok && v && (existing == nil || !existing.IsIndexed):
			spec.Index = true
		case ok && !v && existing != nil && existing.IsIndexed:
			spec.DropIndex = true
		}
	}
	if spec.AutoIncrement {
		spec.Nullable = false
	}
	return spec, nil
}

func autoIncrementType(client string, big bool) string {
	switch client {
	case db.ClientPostgres:
		if big {
			return "bigserial"
		}
		return "serial"
	case db.ClientMySQL:
		if big {
			return "bigint unsigned"
		}
		return "int unsigned"
	}
	return "integer"
}

// columnType maps a Directus type to the column type knex creates for it (spec 12 §2.3).
func columnType(client, typ string, sch map[string]any, existing *Column) (string, error) {
	switch typ {
	case "string":
		n := int64(255)
		if v, ok := sch["max_length"]; ok {
			if f, ok := number(v); ok {
				n = int64(f)
			}
		} else if existing != nil && existing.MaxLength != nil {
			n = *existing.MaxLength
		}
		return "varchar(" + strconv.FormatInt(n, 10) + ")", nil
	case "float", "decimal":
		p, s := int64(defaultPrecision), int64(defaultScale)
		if f, ok := number(sch["numeric_precision"]); ok {
			p = int64(f)
		} else if existing != nil && existing.NumericPrecision != nil {
			p = *existing.NumericPrecision
		}
		if f, ok := number(sch["numeric_scale"]); ok {
			s = int64(f)
		} else if existing != nil && existing.NumericScale != nil {
			s = *existing.NumericScale
		}
		switch {
		case client == db.ClientSQLite:
			return "float", nil
		case typ == "float" && client == db.ClientPostgres:
			return "real", nil
		}
		return fmt.Sprintf("%s(%d, %d)", typ, p, s), nil
	case "csv", "text":
		return "text", nil
	case "hash":
		return "varchar(255)", nil
	case "dateTime":
		if client == db.ClientPostgres {
			return "timestamp", nil
		}
		return "datetime", nil
	case "timestamp":
		switch client {
		case db.ClientPostgres:
			return "timestamptz", nil
		case db.ClientSQLite:
			return "datetime", nil
		}
		return "timestamp", nil
	case "integer":
		if client == db.ClientMySQL {
			return "int", nil
		}
		return "integer", nil
	case "bigInteger":
		return "bigint", nil
	case "boolean", "date", "time", "json":
		return typ, nil
	case "uuid":
		if client == db.ClientPostgres {
			return "uuid", nil
		}
		return "char(36)", nil
	case "binary":
		if client == db.ClientPostgres {
			return "bytea", nil
		}
		return "blob", nil
	}
	// geometry* needs PostGIS/SpatiaLite helpers dxhost does not have: refused like an unknown type.
	return "", errs.InvalidPayload(fmt.Sprintf(`Illegal type passed: "%s"`, typ))
}

var betweenParens = regexp.MustCompile(`\(([^)]+)\)`)

// defaultSQL is knex's defaultTo(): now()/CURRENT_TIMESTAMP become the current-time function,
// gen_random_uuid() stays raw, booleans are '1'/'0', everything else is a quoted string.
func defaultSQL(client, typ string, v any) *string {
	var s string
	switch x := v.(type) {
	case nil:
		s = "null"
	case string:
		switch {
		case strings.EqualFold(x, "now()") || x == "CURRENT_TIMESTAMP":
			s = "CURRENT_TIMESTAMP"
		case strings.Contains(x, "CURRENT_TIMESTAMP(") && strings.Contains(x, ")"):
			s = "CURRENT_TIMESTAMP(" + betweenParens.FindStringSubmatch(x)[1] + ")"
		case x == "gen_random_uuid()":
			s = x
		case typ == "boolean":
			s = boolDefault(x != "" && x != "false" && x != "0")
		default:
			s = quote(x)
		}
	case bool:
		if typ == "boolean" {
			s = boolDefault(x)
		} else {
			s = quote(strconv.FormatBool(x))
		}
	case float64:
		if typ == "boolean" {
			s = boolDefault(x != 0)
		} else {
			s = quote(jsNumber(x))
		}
	case int, int64:
		s = quote(fmt.Sprint(x))
	case map[string]any, []any:
		raw, _ := json.Marshal(x)
		if typ == "json" {
			s = quote(string(raw))
		} else {
			s = quote("[object Object]")
		}
	default:
		s = quote(fmt.Sprint(x))
	}
	return &s
}

func boolDefault(b bool) string {
	if b {
		return "'1'"
	}
	return "'0'"
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func jsNumber(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

// definition is the column as it appears in CREATE TABLE / ADD COLUMN.
func (c *columnSpec) definition(d db.Dialect) string {
	var b strings.Builder
	b.WriteString(quoteDDL(d, c.Name))
	b.WriteByte(' ')
	b.WriteString(c.SQLType)
	if c.AutoIncrement {
		switch d.Client {
		case db.ClientSQLite:
			b.WriteString(" not null primary key autoincrement")
		case db.ClientMySQL:
			b.WriteString(" not null auto_increment primary key")
		default:
			b.WriteString(" primary key")
		}
		return b.String()
	}
	if c.Nullable {
		b.WriteString(" null")
	} else {
		b.WriteString(" not null")
	}
	if c.Default != nil {
		b.WriteString(" default ")
		b.WriteString(*c.Default)
	}
	return b.String()
}

// IndexName is Directus's generated index/constraint name: <collection>_<field>_<type>, lower-cased,
// '.' and '-' in the collection replaced by '_', cut with a hash suffix past the dialect's limit.
func IndexName(client, kind, collection, field string) string {
	name := strings.ToLower(strings.NewReplacer(".", "_", "-", "_").Replace(collection) + "_" + field + "_" + kind)
	max := 60
	switch client {
	case db.ClientSQLite:
		return name
	case db.ClientMySQL:
		max = 64
	case db.ClientPostgres:
		max = 63
	}
	if len(name) <= max {
		return name
	}
	suffix := "__" + simpleHash(name) + "_" + kind
	return name[:max-len(suffix)] + suffix
}

// simpleHash is @directus/utils getSimpleHash: a 32-bit string hash in lowercase hex.
func simpleHash(s string) string {
	var h int32
	for _, r := range utf16Units(s) {
		h = (h << 5) - h + int32(r)
	}
	u := uint32(h)
	if h < 0 {
		u = uint32(-int64(h))
	}
	return strconv.FormatUint(uint64(u), 16)
}

func utf16Units(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			out = append(out, uint16(0xD800+(r>>10)), uint16(0xDC00+(r&0x3FF)))
		} else {
			out = append(out, uint16(r))
		}
	}
	return out
}

// quoteDDL quotes an identifier in DDL the way knex does: backticks on SQLite too, so the table
// definitions SQLite stores read like the ones Directus leaves.
func quoteDDL(d db.Dialect, ident string) string {
	if d.Client == db.ClientSQLite {
		return "`" + strings.ReplaceAll(ident, "`", "``") + "`"
	}
	return d.Quote(ident)
}
