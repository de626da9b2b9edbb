package db

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"

	"github.com/dxhost/dxhost/services/errs"
)

// Translate maps a driver error to the Directus error that Directus's translateDatabaseError
// raises for it (src/database/errors/dialects/*, spec 10 §8), reading the same parts of the error:
//   - payload is the item being written (Directus's `data`); the `value` extension is payload[field]
//     and is left out, as JSON drops JS undefined, when the payload has no such key;
//   - query is the SQL text that failed, written as knex writes it (quoted identifiers). On MySQL the
//     table and column names come from its backticked identifiers, as Directus reads mysql2's
//     `error.sql`; on PostgreSQL knex prefixes the driver's message with "<query> - ", and Directus
//     takes the collection of a too-long or out-of-range value from the first "…" of that text.
//
// Errors it does not recognise come back unchanged. The result is not yet passed through the
// `database.error` filter hook; callers that emit hooks must do that.
func (d Dialect) Translate(err error, payload map[string]any, query string) error {
	if err == nil {
		return nil
	}
	switch d.Client {
	case ClientPostgres:
		var pe *pgconn.PgError
		if errors.As(err, &pe) {
			return translatePostgres(err, pe, payload, query)
		}
	case ClientMySQL:
		var me *mysql.MySQLError
		if errors.As(err, &me) {
			return translateMySQL(err, me, payload, query)
		}
	case ClientSQLite:
		var se *sqlite.Error
		if errors.As(err, &se) {
			return translateSQLite(err, se.Error(), payload)
		}
	}
	return err
}

// undefined marks an extension Directus leaves undefined (absent from the JSON).
type undefinedT struct{}

var undefined = undefinedT{}

// extension values are string, nil (JS null), undefined, or a payload value.
func lookup(payload map[string]any, field any) any {
	f, ok := field.(string)
	if !ok || f == "" {
		return nil // `field ? data[field] : null`
	}
	if v, ok := payload[f]; ok {
		return v
	}
	return undefined
}

func str(v any) string {
	s, _ := v.(string)
	return s
}

// msgValue is the value as the message shows it: JS's String(value), so 99999999999 reads
// "99999999999" (Go's fmt would print 9.9999999999e+10).
func msgValue(v any) any {
	switch x := v.(type) {
	case undefinedT:
		return nil
	case float64:
		return jsNumber(x)
	case float32:
		return jsNumber(float64(x))
	case map[string]any:
		return "[object Object]"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			if e != nil {
				parts[i] = fmt.Sprint(msgValue(e))
			}
		}
		return strings.Join(parts, ",") // Array.prototype.toString
	}
	return v
}

// jsNumber formats f like JavaScript's Number.prototype.toString.
func jsNumber(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	}
	if abs := math.Abs(f); abs >= 1e21 || abs < 1e-6 {
		s := strconv.FormatFloat(f, 'e', -1, 64) // "1.5e-07"; JS writes "1.5e-7"
		mant, exp, _ := strings.Cut(s, "e")
		sign, digits := exp[:1], strings.TrimLeft(exp[1:], "0")
		return mant + "e" + sign + digits
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// withExtensions replaces e's extensions by the given key/value pairs in order, dropping undefined.
func withExtensions(e *errs.Error, err error, kv ...any) *errs.Error {
	ext := map[string]any{}
	var order []string
	for i := 0; i+1 < len(kv); i += 2 {
		k := kv[i].(string)
		if kv[i+1] == undefined {
			continue
		}
		ext[k] = kv[i+1]
		order = append(order, k)
	}
	e.Extensions = ext
	e.Order = order
	e.Cause = err
	return e
}

func recordNotUnique(err error, collection, field, value any, extra ...any) *errs.Error {
	e := errs.RecordNotUnique(str(collection), str(field), msgValue(value))
	return withExtensions(e, err, append([]any{"collection", collection, "field", field, "value", value}, extra...)...)
}

func valueOutOfRange(err error, collection, field, value any) *errs.Error {
	e := errs.ValueOutOfRange(str(collection), str(field), msgValue(value))
	return withExtensions(e, err, "collection", collection, "field", field, "value", value)
}

func valueTooLong(err error, collection, field, value any) *errs.Error {
	e := errs.ValueTooLong(str(collection), str(field), msgValue(value))
	return withExtensions(e, err, "collection", collection, "field", field, "value", value)
}

func notNullViolation(err error, collection, field any) *errs.Error {
	return withExtensions(errs.NotNullViolation(str(collection), str(field)), err, "collection", collection, "field", field)
}

func containsNullValues(err error, collection, field any) *errs.Error {
	return withExtensions(errs.ContainsNullValues(str(collection), str(field)), err, "collection", collection, "field", field)
}

func invalidForeignKey(err error, collection, field, value any) *errs.Error {
	e := errs.InvalidForeignKey(str(collection), str(field), msgValue(value))
	return withExtensions(e, err, "collection", collection, "field", field, "value", value)
}

var (
	betweenParens = regexp.MustCompile(`\(([^)]+)\)`)
	betweenDouble = regexp.MustCompile(`"(.*?)"`)
	betweenSingle = regexp.MustCompile(`'([^']+)'`)
	betweenTicks  = regexp.MustCompile("`([^`]+)`")
)

// orUndefined is a JS property that may be missing: "" → undefined.
func orUndefined(s string) any {
	if s == "" {
		return undefined
	}
	return s
}

func translatePostgres(err error, pe *pgconn.PgError, payload map[string]any, query string) error {
	switch pe.Code {
	case "23505": // unique_violation: field from the first (...) of detail "Key (email)=(x) already exists."
		m := betweenParens.FindStringSubmatch(pe.Detail)
		if m == nil {
			return err
		}
		return recordNotUnique(err, orUndefined(pe.TableName), m[1], lookup(payload, m[1]))
	case "22003", "22001": // numeric out of range / value too long: collection = first "…" of knex's message
		m := betweenDouble.FindStringSubmatch(knexMessage(query, pe.Message))
		if m == nil {
			return err
		}
		field := onlyField(payload)
		value := lookup(payload, field)
		if pe.Code == "22003" {
			return valueOutOfRange(err, m[1], field, value)
		}
		return valueTooLong(err, m[1], field, value)
	case "23502": // not_null_violation
		if pe.ColumnName == "" {
			return err
		}
		if strings.HasSuffix(knexMessage(query, pe.Message), "contains null values") {
			return containsNullValues(err, orUndefined(pe.TableName), pe.ColumnName)
		}
		return notNullViolation(err, orUndefined(pe.TableName), pe.ColumnName)
	case "23503": // foreign_key_violation: "Key (author)=(9) is not present in table …"
		m := betweenParens.FindStringSubmatch(pe.Detail)
		if m == nil {
			return err
		}
		return invalidForeignKey(err, orUndefined(pe.TableName), m[1], lookup(payload, m[1]))
	}
	return err
}

// knexMessage is the message knex gives a failed query: the SQL, " - ", the driver's message.
func knexMessage(query, msg string) string {
	if query == "" {
		return msg
	}
	return query + " - " + msg
}

// onlyField is the payload's single key, or nil when it has more or fewer.
func onlyField(payload map[string]any) any {
	if len(payload) != 1 {
		return nil
	}
	for k := range payload {
		return k
	}
	return nil
}

// MySQL error numbers for the names mysql2 reports as error.code.
const (
	erDupEntry           = 1062 // ER_DUP_ENTRY
	erWarnDataOutOfRange = 1264 // ER_WARN_DATA_OUT_OF_RANGE
	erDataTooLong        = 1406 // ER_DATA_TOO_LONG
	erBadNullError       = 1048 // ER_BAD_NULL_ERROR
	erNoReferencedRow2   = 1452 // ER_NO_REFERENCED_ROW_2
	erInvalidUseOfNull   = 1138 // ER_INVALID_USE_OF_NULL
	warnDataTruncated    = 1265 // WARN_DATA_TRUNCATED
)

func translateMySQL(err error, me *mysql.MySQLError, payload map[string]any, query string) error {
	switch me.Number {
	case erDupEntry:
		// "Duplicate entry 'x' for key 'articles_slug_unique'" (MariaDB, MySQL 5.7) or
		// "… for key 'articles.articles_slug_unique'" (MySQL 8). The field is only known for indexes
		// named <collection>_<field>_unique; the collection of an undotted key is the text before
		// its first "_", exactly as Directus guesses it.
		m := betweenSingle.FindAllString(me.Message, -1)
		if len(m) < 2 {
			return err
		}
		key := m[1][1 : len(m[1])-1]
		var collection any
		var index string
		if strings.Contains(key, ".") {
			parts := strings.Split(key, ".")
			collection, index = parts[0], parts[1]
		} else {
			index = key
			if strings.Contains(index, "_") {
				collection = strings.Split(index, "_")[0]
			}
		}
		var field any
		if c, ok := collection.(string); ok && strings.HasPrefix(index, c+"_") && strings.HasSuffix(index, "_unique") &&
			len(index) >= len(c)+1+len("_unique") {
			field = index[len(c)+1 : len(index)-len("_unique")]
		}
		return recordNotUnique(err, collection, field, lookup(payload, field), "primaryKey", index == "PRIMARY")
	case erWarnDataOutOfRange, erDataTooLong, erBadNullError:
		ticks := betweenTicks.FindAllString(query, -1)
		quotes := betweenSingle.FindAllString(me.Message, -1)
		if ticks == nil || quotes == nil {
			return err
		}
		collection, field := ticks[0][1:len(ticks[0])-1], quotes[0][1:len(quotes[0])-1]
		switch me.Number {
		case erWarnDataOutOfRange:
			return valueOutOfRange(err, collection, field, lookup(payload, field))
		case erDataTooLong:
			return valueTooLong(err, collection, field, lookup(payload, field))
		default:
			return notNullViolation(err, collection, field)
		}
	case erNoReferencedRow2:
		// "… a foreign key constraint fails (`db`.`t`, CONSTRAINT `t_x_foreign` FOREIGN KEY (`x`) …"
		ticks := betweenTicks.FindAllString(me.Message, -1)
		if len(ticks) < 4 || !betweenParens.MatchString(query) {
			return err
		}
		collection, field := ticks[1][1:len(ticks[1])-1], ticks[3][1:len(ticks[3])-1]
		return invalidForeignKey(err, collection, field, lookup(payload, field))
	case erInvalidUseOfNull, warnDataTruncated:
		ticks := betweenTicks.FindAllString(query, -1)
		if len(ticks) < 2 {
			return err
		}
		return containsNullValues(err, ticks[0][1:len(ticks[0])-1], ticks[1][1:len(ticks[1])-1])
	}
	return err
}

// translateSQLite reads the message as Directus does node-sqlite3's
// "SQLITE_CONSTRAINT: UNIQUE constraint failed: t.col": the table and column are the last word.
func translateSQLite(err error, msg string, payload map[string]any) error {
	msg = trimCode(msg)
	lastTableColumn := func() (string, string) {
		words := strings.Split(msg, " ")
		table, column, _ := strings.Cut(words[len(words)-1], ".")
		return table, column
	}
	switch {
	case strings.Contains(msg, "NOT NULL constraint failed"):
		table, column := lastTableColumn()
		if table == "" || column == "" {
			return err
		}
		if strings.HasPrefix(table, "_knex_temp_alter") {
			return containsNullValues(err, table, column)
		}
		return notNullViolation(err, table, column)
	case strings.Contains(msg, "UNIQUE constraint failed"):
		table, field := lastTableColumn()
		if table == "" || field == "" {
			return err
		}
		return recordNotUnique(err, table, field, lookup(payload, field))
	case strings.Contains(msg, "FOREIGN KEY constraint failed"):
		// SQLite names neither table nor column: Directus reports all three as null.
		return invalidForeignKey(err, nil, nil, nil)
	}
	return err
}

// trimCode drops the " (2067)" result code modernc.org/sqlite appends to its messages.
func trimCode(msg string) string {
	if i := strings.LastIndex(msg, " ("); i >= 0 && strings.HasSuffix(msg, ")") {
		if code := msg[i+2 : len(msg)-1]; code != "" && strings.Trim(code, "0123456789") == "" {
			return msg[:i]
		}
	}
	return msg
}
