package query

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var errInvalidFilter = errors.New("invalid filter")

// ParseFilter is @directus/utils parseFilter: every multi-key object becomes an _and of single-key
// filters, operator values get dynamic variables resolved, the strings "true"/"false"/"null"/"NULL"
// become true/false/null, and nested _and/_or are shifted up to the top. An error means Directus's
// parseFilter would throw (reported as "Invalid filter object").
func ParseFilter(filter any, accountability map[string]any) (out any, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, errInvalidFilter
		}
	}()
	parsed := parseFilterRecursive(filter, accountability)
	if parsed == nil {
		return nil, nil
	}
	coerced := coerce(parsed, false)
	return shiftLogicalUp(coerced), nil
}

func parseFilterRecursive(filter any, acc map[string]any) any {
	if filter == nil {
		return nil
	}
	if !isObjectLike(filter) {
		return single("_eq", dynamicVariable(filter, acc))
	}
	var buf [entryBuf]entry
	entries := appendEntries(buf[:0], filter)
	filters := make([]any, 0, len(entries))
	for _, e := range entries {
		filters = append(filters, parseFilterEntry(e.key, e.value, acc))
	}
	switch len(filters) {
	case 0:
		return NewObject()
	case 1:
		return filters[0]
	}
	o := NewObject()
	o.Set("_and", filters)
	return o
}

type entry struct {
	key   string
	value any
}

// objectEntries is Object.entries for object-like values (objects and arrays); nil for primitives.
func objectEntries(v any) []entry {
	if !isObjectLike(v) {
		return nil
	}
	return appendEntries(nil, v)
}

// entryBuf is the size of the stack buffers the recursive walks pass appendEntries: a filter level
// has few keys.
const entryBuf = 8

// appendEntries appends Object.entries(v) to dst (nothing for primitives).
func appendEntries(dst []entry, v any) []entry {
	switch x := v.(type) {
	case *Object:
		if !x.indexKeys { // keys in insertion order: values line up
			for i, k := range x.keys {
				dst = append(dst, entry{k, x.values[i]})
			}
			return dst
		}
		for _, k := range x.Keys() {
			dst = append(dst, entry{k, x.value(k)})
		}
	case []any:
		for i, val := range x {
			dst = append(dst, entry{strconv.Itoa(i), val})
		}
	}
	return dst
}

func parseFilterEntry(key string, value any, acc map[string]any) any {
	switch key {
	case "_or", "_and":
		list, ok := value.([]any)
		if !ok {
			panic("value.map is not a function")
		}
		out := make([]any, len(list))
		for i, f := range list {
			out[i] = parseFilterRecursive(f, acc)
		}
		return single(key, out)
	case "_in", "_nin", "_between", "_nbetween":
		var vals []any
		switch x := value.(type) {
		case *Object:
			for _, e := range objectEntries(x) {
				vals = append(vals, e.value)
			}
		case []any:
			vals = x
		case string:
			for _, p := range strings.Split(x, ",") {
				vals = append(vals, p)
			}
		default:
			vals = []any{value}
		}
		out := []any{}
		for _, v := range vals {
			r := dynamicVariable(v, acc)
			if list, ok := r.([]any); ok {
				out = append(out, list...)
			} else {
				out = append(out, r)
			}
		}
		return single(key, out)
	case "_intersects", "_nintersects", "_intersects_bbox", "_nintersects_bbox":
		if s, ok := value.(string); ok {
			v, err := DecodeJSON([]byte(s))
			if err != nil {
				panic(err)
			}
			value = v
		}
		return single(key, dynamicVariable(value, acc))
	case "_json":
		return single(key, parseJSONFilterValue(value, acc))
	}
	if strings.HasPrefix(key, "_") && key != "_none" && key != "_some" {
		return single(key, dynamicVariable(value, acc))
	}
	return single(key, parseFilterRecursive(value, acc))
}

func parseJSONFilterValue(v any, acc map[string]any) any {
	if s, ok := v.(string); ok && s != "" {
		// Object.entries of a string yields its characters, each again a string: Directus recurses until
		// the stack overflows.
		panic("Maximum call stack size exceeded")
	}
	result := NewObject()
	for _, e := range objectEntries(v) {
		switch {
		case e.key == "_or" || e.key == "_and":
			list, ok := e.value.([]any)
			if !ok {
				panic("value.map is not a function")
			}
			out := make([]any, len(list))
			for i, sub := range list {
				out[i] = parseJSONFilterValue(sub, acc)
			}
			result.Set(e.key, out)
		case e.key == "_in" || e.key == "_nin" || e.key == "_between" || e.key == "_nbetween":
			var vals []any
			switch x := e.value.(type) {
			case []any:
				vals = x
			case *Object:
				for _, ee := range objectEntries(x) {
					vals = append(vals, ee.value)
				}
			default:
				if s, ok := e.value.(string); ok {
					result.Set(e.key, dynamicVariable(s, acc))
				} else {
					result.Set(e.key, e.value)
				}
				continue
			}
			out := []any{}
			for _, val := range vals {
				r := dynamicVariable(val, acc)
				if list, ok := r.([]any); ok {
					out = append(out, list...)
				} else {
					out = append(out, r)
				}
			}
			result.Set(e.key, out)
		case strings.HasPrefix(e.key, "_"):
			result.Set(e.key, dynamicVariable(e.value, acc))
		default:
			result.Set(e.key, parseJSONFilterValue(e.value, acc))
		}
	}
	return result
}

// dynamicVariable resolves $NOW, $CURRENT_USER, $CURRENT_ROLE(S) and $CURRENT_POLICIES. Paths into them
// ($CURRENT_USER.email) need data the database holds and resolve to null here.
func dynamicVariable(v any, acc map[string]any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	switch {
	case strings.HasPrefix(s, "$NOW"):
		return parseNow(s, time.Now())
	case strings.HasPrefix(s, "$CURRENT_USER"):
		if s == "$CURRENT_USER" {
			return accValue(acc, "user")
		}
		return nil
	case strings.HasPrefix(s, "$CURRENT_ROLES"):
		if s == "$CURRENT_ROLES" {
			return accValue(acc, "roles")
		}
		return nil
	case strings.HasPrefix(s, "$CURRENT_ROLE"):
		if s == "$CURRENT_ROLE" {
			return accValue(acc, "role")
		}
		return nil
	case strings.HasPrefix(s, "$CURRENT_POLICIES"):
		return nil
	}
	return s
}

func accValue(acc map[string]any, key string) any {
	if acc == nil {
		return nil
	}
	return acc[key]
}

// coerce is parseFilter's deepMap: string leaves "true"/"false"/"null"/"NULL" become JSON values.
func coerce(v any, keyed bool) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, el := range x {
			out[i] = coerce(el, true)
		}
		return out
	case *Object:
		o := newObjectCap(x.Len())
		var buf [entryBuf]entry
		for _, e := range appendEntries(buf[:0], x) {
			o.Set(e.key, coerce(e.value, true))
		}
		return o
	}
	if !keyed {
		return v
	}
	switch v {
	case "true":
		return true
	case "false":
		return false
	case "null", "NULL":
		return nil
	}
	return v
}

// shiftLogicalUp is parseFilter's shiftLogicalOperatorsUp: `{ a: { _or: [x, y] } }` becomes
// `{ _or: [{ a: x }, { a: y }] }`. Only the first key of each level counts, as in Directus.
func shiftLogicalUp(filter any) any {
	o, ok := filter.(*Object)
	if !ok {
		if filter == nil {
			panic("Cannot convert undefined or null to object")
		}
		return filter
	}
	keys := o.Keys()
	if len(keys) == 0 {
		return o
	}
	key := keys[0]
	v, _ := o.Get(key)
	if key == "_and" || key == "_or" {
		list, ok := v.([]any)
		if !ok {
			panic("map is not a function")
		}
		out := make([]any, len(list))
		for i, el := range list {
			out[i] = shiftLogicalUp(el)
		}
		return single(key, out)
	}
	if strings.HasPrefix(key, "_") {
		return o
	}
	child := shiftLogicalUp(v)
	childObj, ok := child.(*Object)
	if !ok || len(childObj.Keys()) == 0 {
		return single(key, child)
	}
	childKey := childObj.Keys()[0]
	if childKey == "_and" || childKey == "_or" {
		cv, _ := childObj.Get(childKey)
		list, ok := cv.([]any)
		if !ok {
			panic("map is not a function")
		}
		wrapped := make([]any, len(list))
		for i, nested := range list {
			wrapped[i] = single(key, nested)
		}
		return shiftLogicalUp(single(childKey, wrapped))
	}
	return single(key, child)
}

// Date is a JS Date value in a filter ($NOW); it serialises as toISOString().
type Date time.Time

// MarshalJSON is Date.prototype.toJSON.
func (d Date) MarshalJSON() ([]byte, error) {
	return []byte(`"` + time.Time(d).UTC().Format("2006-01-02T15:04:05.000Z") + `"`), nil
}

var (
	betweenParens = regexp.MustCompile(`\(([^)]+)\)`)
	adjustment    = regexp.MustCompile(`(?i)^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|months?|mth|mo|years?|yrs?|y)?$`)
)

// parseNow is $NOW or $NOW(<+/-amount unit>), e.g. $NOW(-1 day).
func parseNow(s string, now time.Time) Date {
	if strings.Contains(s, "(") && strings.Contains(s, ")") {
		if m := betweenParens.FindStringSubmatch(s); m != nil {
			if t, ok := adjustDate(now, m[1]); ok {
				return Date(t)
			}
		}
	}
	return Date(now)
}

func adjustDate(t time.Time, adj string) (time.Time, bool) {
	sign := 1.0
	if strings.HasPrefix(adj, "-") {
		sign = -1
		adj = adj[1:]
	} else if strings.HasPrefix(adj, "+") {
		adj = adj[1:]
	}
	m := adjustment.FindStringSubmatch(adj)
	if m == nil || m[1] == "" {
		return t, false
	}
	amount, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return t, false
	}
	amount *= sign
	whole := int(amount)
	unit := strings.ToLower(m[2])
	if unit == "" {
		unit = "days"
	}
	switch unit {
	case "years", "year", "yrs", "yr", "y":
		return t.AddDate(whole, 0, 0), true
	case "months", "month", "mth", "mo":
		return t.AddDate(0, whole, 0), true
	case "weeks", "week", "w":
		return t.AddDate(0, 0, 7*whole), true
	case "days", "day", "d":
		return t.AddDate(0, 0, whole), true
	case "hours", "hour", "hrs", "hr", "h":
		return t.Add(time.Duration(amount * float64(time.Hour))), true
	case "minutes", "minute", "mins", "min", "m":
		return t.Add(time.Duration(amount * float64(time.Minute))), true
	case "seconds", "second", "secs", "sec", "s":
		return t.Add(time.Duration(amount * float64(time.Second))), true
	case "milliseconds", "millisecond", "msecs", "msec", "ms":
		return t.Add(time.Duration(amount * float64(time.Millisecond))), true
	}
	return t, false
}
