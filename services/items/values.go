package items

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/query"
	"github.com/dxhost/dxhost/services/schema"
)

// driverValue turns what the Go driver returned for a column into what Directus's Node driver
// (pg, mysql2, sqlite3) would have returned (spec 11 §12): e.g. PostgreSQL int8 and numeric
// are strings, MySQL DECIMAL is a string, JSON is parsed only where the driver parses it.
// Dates stay time.Time/strings/epoch numbers; formatting is done per field type afterwards.
// typeName is the column's DatabaseTypeName in upper case.
func driverValue(client, typeName string, v any) any {
	return convFor(client, typeName).value(v)
}

// columnConv is driverValue's rule for one column, decided once per column of a result.
type columnConv uint8

const (
	convPlain        columnConv = iota // bytes become a string, int32 int64, float32 float64
	convNumberString                   // PostgreSQL int8/numeric, MySQL DECIMAL: a string
	convNumber                         // a JS number (toNumber)
	convFloat32                        // MySQL FLOAT: the float32's shortest decimal form
	convJSON                           // parsed, keeping key order
	convBytes                          // MySQL binary types: the bytes as they are
)

func convFor(client, typeName string) columnConv {
	switch client {
	case db.ClientPostgres:
		switch typeName {
		case "INT8", "NUMERIC":
			return convNumberString
		case "INT2", "INT4", "OID", "FLOAT4", "FLOAT8":
			return convNumber
		case "JSON", "JSONB":
			return convJSON
		}
	case db.ClientMySQL:
		switch typeName {
		case "DECIMAL", "NEWDECIMAL":
			return convNumberString
		case "TINYINT", "SMALLINT", "MEDIUMINT", "INT", "INTEGER", "BIGINT", "YEAR",
			"UNSIGNED TINYINT", "UNSIGNED SMALLINT", "UNSIGNED MEDIUMINT", "UNSIGNED INT", "UNSIGNED BIGINT", "DOUBLE":
			return convNumber
		case "FLOAT":
			return convFloat32
		case "JSON":
			return convJSON
		case "BLOB", "TINYBLOB", "MEDIUMBLOB", "LONGBLOB", "BINARY", "VARBINARY", "BIT":
			return convBytes
		}
	}
	return convPlain
}

// bytesAreText reports whether a []byte value of such a column becomes string(bytes).
func (k columnConv) bytesAreText() bool { return k == convPlain || k == convNumberString }

func (k columnConv) value(v any) any {
	if v == nil {
		return nil
	}
	switch k {
	case convNumberString:
		return numberString(v)
	case convNumber:
		return toNumber(v)
	case convFloat32:
		if f, ok := v.(float32); ok {
			n, _ := strconv.ParseFloat(strconv.FormatFloat(float64(f), 'g', -1, 32), 64)
			return n
		}
		return toNumber(v)
	case convJSON:
		return parseJSONBytes(v)
	case convBytes:
		return v
	}
	switch x := v.(type) {
	case []byte:
		return string(x)
	case int32:
		return int64(x)
	case float32:
		return float64(x)
	}
	return v
}

func numberString(v any) any {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}

func toNumber(v any) any {
	switch x := v.(type) {
	case []byte:
		return parseNumber(string(x))
	case string:
		return parseNumber(x)
	case int32:
		return int64(x)
	case int16:
		return int64(x)
	case uint64:
		if x <= math.MaxInt64 {
			return int64(x)
		}
		return float64(x)
	case float32:
		return float64(x)
	}
	return v
}

func parseNumber(s string) any {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f
	}
	return s
}

func parseJSONBytes(v any) any {
	var raw []byte
	switch x := v.(type) {
	case []byte:
		raw = x
	case string:
		raw = []byte(x)
	default:
		return v
	}
	out, ok := parseOrderedJSON(raw)
	if !ok {
		return string(raw)
	}
	return out
}

// parseOrderedJSON is JSON.parse: objects become *Item so their keys keep the text's order.
func parseOrderedJSON(raw []byte) (any, bool) {
	v, err := query.DecodeJSON(raw)
	if err != nil {
		return nil, false
	}
	return fromObject(v), true
}

func fromObject(v any) any {
	switch x := v.(type) {
	case *query.Object:
		keys := jsKeyOrder(x.Keys())
		it := newItemCap(len(keys))
		for _, k := range keys {
			e, _ := x.Get(k)
			it.Set(k, fromObject(e))
		}
		return it
	case []any:
		for i, e := range x {
			x[i] = fromObject(e)
		}
		return x
	}
	return v
}

// FromJSON is JSON.parse for a value a caller hands the service (e.g. a REST body): objects become
// *Item in JavaScript's key order, so a JSON column written from it keeps the order Directus
// writes (JSON.stringify of the parsed object).
func FromJSON(raw []byte) (any, error) {
	v, err := query.DecodeJSON(raw)
	if err != nil {
		return nil, err
	}
	return fromObject(v), nil
}

// JSKeyOrder is jsKeyOrder for other packages (objects they build as JavaScript would).
func JSKeyOrder(keys []string) []string { return jsKeyOrder(keys) }

// jsKeyOrder is the order JavaScript enumerates an object's own keys in: array indices
// ("0".."4294967294", canonical) ascending first, then the other keys in insertion order.
func jsKeyOrder(keys []string) []string {
	n := 0
	for _, k := range keys {
		if isArrayIndex(k) {
			n++
		}
	}
	if n == 0 {
		return keys
	}
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		if isArrayIndex(k) {
			out = append(out, k)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, _ := strconv.ParseUint(out[i], 10, 32)
		b, _ := strconv.ParseUint(out[j], 10, 32)
		return a < b
	})
	for _, k := range keys {
		if !isArrayIndex(k) {
			out = append(out, k)
		}
	}
	return out
}

func isArrayIndex(k string) bool {
	if k == "" || len(k) > 10 || k[0] < '0' || k[0] > '9' || (k[0] == '0' && len(k) > 1) {
		return false
	}
	n, err := strconv.ParseUint(k, 10, 32)
	return err == nil && n < math.MaxUint32
}

// readValue is PayloadService.processValues('read') for one field (spec 10 §7).
func (s *Service) readValue(f *schema.Field, v any) any {
	for _, sp := range f.Special {
		switch sp {
		case "conceal":
			if v == nil || v == "" {
				v = nil
			} else {
				v = "**********"
			}
		case "cast-boolean":
			v = castBoolean(v)
		case "cast-json":
			if str, ok := v.(string); ok {
				if parsed, ok := parseOrderedJSON([]byte(str)); ok {
					v = parsed
				}
			}
		case "cast-csv":
			switch x := v.(type) {
			case string:
				if x == "" {
					v = []any{}
				} else {
					parts := strings.Split(x, ",")
					out := make([]any, len(parts))
					for i, p := range parts {
						out[i] = p
					}
					v = out
				}
			case []any, nil:
			default:
				v = absent{}
			}
		}
	}
	switch f.Type {
	case "timestamp", "dateTime", "date":
		return s.formatDate(f, v)
	case "time":
		if t, ok := v.(time.Time); ok {
			return t.Format("15:04:05")
		}
	}
	return v
}

// absent marks a value cast-csv removes from the output.
type absent struct{}

func castBoolean(v any) any {
	switch x := v.(type) {
	case bool:
		return x
	case int64:
		return x == 1
	case float64:
		return x == 1
	case string:
		switch x {
		case "1", "true":
			return true
		case "0", "false":
			return false
		case "":
			return nil
		}
	case nil:
		return nil
	}
	return v
}

var zeroDate = regexp.MustCompile(`^[0.:\- ]{10,}$`)

// formatDate renders date fields as Directus does: timestamp → ISO UTC with milliseconds,
// dateTime → local wall time, date → local date.
func (s *Service) formatDate(f *schema.Field, v any) any {
	var t time.Time
	wall := false // the value is a wall-clock time without zone (keep its fields)
	switch x := v.(type) {
	case nil:
		return nil
	case time.Time:
		t = x
		if s.dialect.Client == db.ClientPostgres && f.DBType != nil && (*f.DBType == "timestamp without time zone" || *f.DBType == "date") {
			wall = true
		}
	case int64:
		t = time.UnixMilli(x)
	case float64:
		t = time.UnixMilli(int64(x))
	case string:
		if zeroDate.MatchString(x) {
			return nil
		}
		parsed, ok := parseDateString(x)
		if !ok {
			if n, err := strconv.ParseInt(x, 10, 64); err == nil {
				parsed, ok = time.UnixMilli(n), true
			}
		}
		if !ok {
			return x
		}
		t = parsed
	default:
		return v
	}
	if !wall {
		t = t.In(time.Local)
	}
	switch f.Type {
	case "timestamp":
		return t.UTC().Format("2006-01-02T15:04:05.000Z")
	case "dateTime":
		return t.Format("2006-01-02T15:04:05")
	}
	return t.Format("2006-01-02")
}

// parseDateString parses the forms JS's Date accepts for database output: date-only strings are
// UTC, date-times without a zone are local.
func parseDateString(s string) (time.Time, bool) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, true
	}
	for _, layout := range []string{"2006-01-02 15:04:05.999999999Z07:00", "2006-01-02 15:04:05.999999999-07"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, true
	}
	for _, layout := range []string{"2006-01-02 15:04:05.999999999", "2006-01-02T15:04:05.999999999"} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
