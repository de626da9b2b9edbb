package query

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/errs"
)

// FromRequest is Directus's sanitize-query middleware (spec 02 §3, 11 §9): nil for a request without
// query parameters (req.sanitizedQuery = {}); otherwise the query sanitised with fields defaulting to
// ["*"], then validated. Errors are *errs.Error (400 INVALID_QUERY, or a plain 500 where Directus hits a
// TypeError on malformed input).
func FromRequest(parsed *Object, limits Limits, accountability map[string]any) (*Query, error) {
	if parsed == nil || parsed.Len() == 0 {
		return nil, nil
	}
	raw := newObjectCap(parsed.Len() + 1)
	if v, ok := parsed.Get("fields"); ok && env.Truthy(v) {
		raw.Set("fields", v)
	} else {
		raw.Set("fields", "*")
	}
	for _, k := range parsed.Keys() {
		v, _ := parsed.Get(k)
		raw.Set(k, v)
	}
	q, err := SanitizeObject(raw, limits, accountability)
	if err != nil {
		return nil, err
	}
	if err := Validate(q, limits); err != nil {
		return nil, err
	}
	return q, nil
}

// Sanitize is sanitizeQuery for a plain map (key order of nested objects is not known: keys are
// sorted). Prefer SanitizeObject.
func Sanitize(raw map[string]any, limits Limits) (*Query, error) {
	o, _ := FromPlain(raw).(*Object)
	if o == nil {
		o = NewObject()
	}
	return SanitizeObject(o, limits, nil)
}

// SanitizeObject is Directus's sanitizeQuery: known keys parsed, unknown keys dropped. Dynamic filter
// variables resolve against accountability ($CURRENT_USER, $CURRENT_ROLE, $CURRENT_ROLES; nested
// paths such as $CURRENT_USER.email need the database and resolve to null here).
func SanitizeObject(raw *Object, limits Limits, accountability map[string]any) (q *Query, err error) {
	defer func() {
		if r := recover(); r != nil {
			q, err = nil, errs.Internal(fmt.Errorf("%v", r))
		}
	}()
	q = &Query{}
	get := func(k string) (any, bool) { return raw.Get(k) }

	if v, ok := get("limit"); ok {
		if v != nil {
			n := env.ToNumber(v)
			if n == -1 && limits.HasMaxLimit {
				n = limits.MaxLimit
			}
			q.Limit = &n
		}
	} else if limits.HasMaxLimit {
		n := math.Min(limits.DefaultLimit, limits.MaxLimit)
		q.Limit = &n
	}
	if v, _ := get("fields"); env.Truthy(v) {
		if q.Fields, err = sanitizeFields(v); err != nil {
			return nil, err
		}
	}
	if v, _ := get("groupBy"); env.Truthy(v) {
		if q.Group, err = sanitizeFields(v); err != nil {
			return nil, err
		}
	}
	if v, _ := get("aggregate"); env.Truthy(v) {
		q.Aggregate = sanitizeAggregate(v)
	}
	if v, _ := get("sort"); env.Truthy(v) {
		if q.Sort, err = sanitizeSort(v); err != nil {
			return nil, err
		}
	}
	if v, _ := get("filter"); env.Truthy(v) {
		if q.Filter, err = sanitizeFilter(v, accountability); err != nil {
			return nil, err
		}
		q.HasFilter = true
	}
	if v, ok := get("offset"); ok {
		n := env.ToNumber(plainNumberInput(v))
		q.Offset = &n
	}
	if v, _ := get("page"); env.Truthy(v) {
		n := env.ToNumber(plainNumberInput(v))
		q.Page = &n
	}
	if v, _ := get("meta"); env.Truthy(v) {
		if _, isObject := v.(*Object); isObject {
			return nil, errs.Internal(fmt.Errorf("rawMeta.includes is not a function"))
		}
		q.Meta = sanitizeMeta(v)
	}
	if v, _ := get("search"); env.Truthy(v) {
		if s, ok := v.(string); ok {
			if t := strings.TrimSpace(s); t != "" {
				q.Search = &t
			} else {
				q.Search = &s
			}
		}
	}
	if v, _ := get("version"); env.Truthy(v) {
		q.Version = v
		raw, has := get("versionRaw")
		b := has && (raw == "" || raw == "true")
		q.VersionRaw = &b
	}
	if v, _ := get("export"); env.Truthy(v) {
		q.Export = v
	}
	if v, _ := get("deep"); env.Truthy(v) {
		if q.Deep, err = sanitizeDeep(v, limits, accountability); err != nil {
			return nil, err
		}
	}
	if v, _ := get("alias"); env.Truthy(v) {
		q.Alias = parseJSONOrKeep(v)
	}
	if v, ok := get("backlink"); ok {
		b := v != false && v != "false"
		q.Backlink = &b
	}
	return q, nil
}

// plainNumberInput keeps Number() semantics for the qs shapes: an *Object is NaN.
func plainNumberInput(v any) any {
	if _, ok := v.(*Object); ok {
		return math.NaN()
	}
	return v
}

func sanitizeFields(raw any) ([]string, error) {
	switch x := raw.(type) {
	case string:
		parts, err := splitFields(x)
		if err != nil {
			return nil, err
		}
		return appendFields(make([]string, 0, len(parts)), parts, "field.includes")
	case []any:
		return appendFields([]string{}, x, "field.includes")
	}
	return nil, errs.InvalidQuery(`"fields" must be a string or array`)
}

// appendFields appends each field, trimmed; a field holding commas (an element of an array, or a
// function call's arguments) is split again. A non-string element is the TypeError Directus hits
// calling method on it.
func appendFields[T any](out []string, fields []T, method string) ([]string, error) {
	for _, f := range fields {
		s, ok := any(f).(string)
		if !ok {
			return nil, errs.Internal(fmt.Errorf("%s is not a function", method))
		}
		if strings.Contains(s, ",") {
			parts, err := splitFields(s)
			if err != nil {
				return nil, err
			}
			for _, p := range parts {
				out = append(out, strings.TrimSpace(p))
			}
			continue
		}
		out = append(out, strings.TrimSpace(s))
	}
	return out, nil
}

// splitFields splits on commas outside parentheses; one level of function call is allowed.
// The pieces are input's own bytes, except that invalid UTF-8 turns into U+FFFD per byte, as
// JavaScript strings hold it.
func splitFields(input string) ([]string, error) {
	fields := make([]string, 0, strings.Count(input, ",")+1)
	depth, start := 0, 0
	for i := 0; i < len(input); i++ {
		switch input[i] {
		case '(':
			depth++
			if depth > 1 {
				return nil, errs.InvalidQuery(`Nested functions are not supported in "fields"`)
			}
		case ')':
			depth--
		case ',':
			if depth == 0 {
				fields = append(fields, validUTF8(input[start:i]))
				start = i + 1
			}
		}
	}
	if depth != 0 {
		return nil, errs.InvalidQuery(`Missing closing parenthesis in "fields"`)
	}
	return append(fields, validUTF8(input[start:])), nil
}

func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return string([]rune(s))
}

func sanitizeSort(raw any) ([]string, error) {
	switch x := raw.(type) {
	case string:
		parts, err := splitFields(x)
		if err != nil {
			return nil, err
		}
		return trimAll(make([]string, 0, len(parts)), parts, "field.trim")
	case []any:
		return trimAll([]string{}, x, "field.trim")
	}
	return []string{}, nil
}

// trimAll appends each field trimmed (a non-string element is Directus's TypeError).
func trimAll[T any](out []string, fields []T, method string) ([]string, error) {
	for _, f := range fields {
		s, ok := any(f).(string)
		if !ok {
			return nil, errs.Internal(fmt.Errorf("%s is not a function", method))
		}
		out = append(out, strings.TrimSpace(s))
	}
	return out, nil
}

func sanitizeAggregate(raw any) any {
	agg := parseJSONOrKeep(raw)
	o, ok := agg.(*Object)
	if !ok {
		if s, isString := agg.(string); isString && s != "" {
			// Directus assigns into the string's characters and fails with a TypeError.
			panic("Cannot assign to read only property '0' of string '" + s + "'")
		}
		return agg
	}
	for _, op := range o.Keys() {
		v, _ := o.Get(op)
		if s, ok := v.(string); ok {
			parts := strings.Split(s, ",")
			list := make([]any, len(parts))
			for i, p := range parts {
				list[i] = p
			}
			o.Set(op, list)
		}
	}
	return o
}

func sanitizeMeta(raw any) []any {
	if raw == "*" {
		return []any{"total_count", "filter_count"}
	}
	switch x := raw.(type) {
	case string:
		if strings.Contains(x, ",") {
			parts := strings.Split(x, ",")
			out := make([]any, len(parts))
			for i, p := range parts {
				out[i] = p
			}
			return out
		}
		return []any{x}
	case []any:
		return x
	}
	return []any{raw}
}

func sanitizeFilter(raw any, accountability map[string]any) (any, error) {
	filter := raw
	if s, ok := raw.(string); ok {
		v, err := DecodeJSON([]byte(s))
		if err != nil {
			return nil, errs.InvalidQuery("Invalid JSON for filter object")
		}
		filter = v
	}
	parsed, err := ParseFilter(filter, accountability)
	if err != nil {
		return nil, errs.InvalidQuery("Invalid filter object")
	}
	return parsed, nil
}

// parseJSONOrKeep parses a JSON string (Directus logs a warning and keeps the raw value on failure).
func parseJSONOrKeep(raw any) any {
	s, ok := raw.(string)
	if !ok {
		return raw
	}
	v, err := DecodeJSON([]byte(s))
	if err != nil {
		return raw
	}
	return v
}

func sanitizeDeep(raw any, limits Limits, accountability map[string]any) (any, error) {
	deep := parseJSONOrKeep(raw)
	o, ok := deep.(*Object)
	if !ok {
		return NewObject(), nil
	}
	return parseDeepLevel(o, true, limits, accountability)
}

func parseDeepLevel(level *Object, root bool, limits Limits, accountability map[string]any) (*Object, error) {
	node := NewObject()
	sub := NewObject()
	for _, key := range level.Keys() {
		if key == "" {
			break
		}
		v, _ := level.Get(key)
		if strings.HasPrefix(key, "_") {
			sub.Set(key[1:], v)
		} else if child, ok := v.(*Object); ok {
			parsed, err := parseDeepLevel(child, false, limits, accountability)
			if err != nil {
				return nil, err
			}
			if parsed.Len() > 0 {
				node.Set(key, parsed)
			}
		}
	}
	if !root && sub.Len() > 0 {
		q, err := SanitizeObject(sub, limits, accountability)
		if err != nil {
			return nil, err
		}
		obj := q.Object()
		for _, k := range obj.Keys() {
			v, _ := obj.Get(k)
			node.Set("_"+k, v)
		}
	}
	return node, nil
}
