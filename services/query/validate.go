package query

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"

	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/errs"
)

// Validate is Directus's validateQuery: the filter, alias, sort and relational-depth checks (which win)
// and then the first Joi schema error, with Joi's messages.
func Validate(q *Query, limits Limits) error {
	joiErr := joiValidate(q, limits)
	if f, ok := q.Filter.(*Object); ok && f.Len() > 0 {
		if err := validateFilter(f, limits); err != nil {
			return err
		}
	}
	if q.Alias != nil {
		if err := validateAlias(q.Alias, limits); err != nil {
			return err
		}
	}
	for _, s := range q.Sort {
		field := strings.TrimPrefix(s, "-")
		if functionName(field) == "json" {
			if err := parseJSONFunction(field, limits); err != nil {
				return err
			}
		}
	}
	if err := validateRelationalDepth(q, limits); err != nil {
		return err
	}
	if joiErr != "" {
		return errs.InvalidQuery(joiErr)
	}
	return nil
}

// joiValidate returns the first message of Directus's Joi query schema, in the schema's key order.
func joiValidate(q *Query, limits Limits) string {
	numberRule := func(name string, v *float64, min float64, max *float64) string {
		if v == nil {
			return ""
		}
		n := *v
		switch {
		case math.IsNaN(n):
			return fmt.Sprintf(`"%s" must be a number`, name)
		case math.IsInf(n, 0):
			return fmt.Sprintf(`"%s" cannot be infinity`, name)
		case n != math.Trunc(n):
			return fmt.Sprintf(`"%s" must be an integer`, name)
		case n < min:
			return fmt.Sprintf(`"%s" must be greater than or equal to %s`, name, env.FormatJSNumber(min))
		case max != nil && n > *max:
			return fmt.Sprintf(`"%s" must be less than or equal to %s`, name, env.FormatJSNumber(*max))
		}
		return ""
	}
	if q.HasFilter {
		if _, ok := q.Filter.(*Object); !ok {
			return `"filter" must be of type object`
		}
	}
	var max *float64
	if limits.MaxLimitSet && limits.MaxLimit != -1 {
		max = &limits.MaxLimit
	}
	if m := numberRule("limit", q.Limit, -1, max); m != "" {
		return m
	}
	if m := numberRule("offset", q.Offset, 0, nil); m != "" {
		return m
	}
	if m := numberRule("page", q.Page, 0, nil); m != "" {
		return m
	}
	for i, v := range q.Meta {
		if v != "total_count" && v != "filter_count" {
			if _, ok := v.(string); !ok {
				return fmt.Sprintf(`"meta[%d]" must be a string`, i)
			}
			return fmt.Sprintf(`"meta[%d]" must be one of [total_count, filter_count]`, i)
		}
	}
	if q.Search != nil && *q.Search == "" {
		return `"search" is not allowed to be empty`
	}
	if q.Export != nil {
		switch q.Export {
		case "csv", "csv_utf8", "json", "xml", "yaml":
		default:
			return `"export" must be one of [csv, csv_utf8, json, xml, yaml]`
		}
	}
	if q.Version != nil {
		if _, ok := q.Version.(string); !ok {
			return `"version" must be a string`
		}
	}
	if q.Aggregate != nil {
		if _, ok := q.Aggregate.(*Object); !ok {
			return `"aggregate" must be of type object`
		}
	}
	if q.Alias != nil {
		if _, ok := q.Alias.(*Object); !ok {
			return `"alias" must be of type object`
		}
	}
	return ""
}

func validateFilter(filter any, limits Limits) error {
	var buf [entryBuf]entry
	for _, e := range appendEntries(buf[:0], filter) {
		key, nested := e.key, e.value
		switch {
		case key == "_and" || key == "_or":
			list, ok := nested.([]any)
			if !ok {
				return errs.Internal(fmt.Errorf("nested.forEach is not a function"))
			}
			for _, sub := range list {
				if err := validateFilter(sub, limits); err != nil {
					return err
				}
			}
		case strings.HasPrefix(key, "_"):
			if err := validateOperator(key, nested, limits); err != nil {
				return err
			}
		default:
			switch nested.(type) {
			case *Object, []any:
				if err := validateFilter(nested, limits); err != nil {
					return err
				}
			default:
				if err := validateFilterPrimitive(nested, "_eq"); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func validateOperator(key string, value any, limits Limits) error {
	switch key {
	case "_in", "_nin", "_between", "_nbetween":
		if list, ok := value.([]any); !ok || len(list) == 0 {
			return errs.InvalidQuery(fmt.Sprintf(`"%s" has to be an array of values`, key))
		}
		return nil
	case "_null", "_nnull", "_empty", "_nempty":
		if value == nil || value == "" {
			return nil
		}
		if _, ok := value.(bool); !ok {
			return errs.InvalidQuery(fmt.Sprintf(`"%s" has to be a boolean`, key))
		}
		return nil
	case "_intersects", "_nintersects", "_intersects_bbox", "_nintersects_bbox":
		if value == nil || value == "" {
			return nil
		}
		if !isGeoJSON(value) {
			return errs.InvalidQuery(fmt.Sprintf(`"%s" has to be a valid GeoJSON object`, key))
		}
		return nil
	case "_json":
		return validateJSONFilter(value, limits)
	case "_none", "_some":
		return validateFilter(value, limits)
	}
	return validateFilterPrimitive(value, key)
}

func validateFilterPrimitive(value any, key string) error {
	switch x := value.(type) {
	case nil, bool, Date, time.Time:
		return nil
	case float64:
		if math.IsNaN(x) || x > 9007199254740991 {
			return errs.InvalidQuery(fmt.Sprintf(`The filter value for "%s" is not a valid number`, key))
		}
		return nil
	case string:
		if x == "" {
			return errs.InvalidQuery(fmt.Sprintf(`You can't filter for an empty string in "%s". Use "_empty" or "_nempty" instead`, key))
		}
		return nil
	}
	return errs.InvalidQuery(fmt.Sprintf(`The filter value for "%s" has to be a string, number, or boolean`, key))
}

// isGeoJSON is what wellknown.stringify accepts: an object with a known geometry type.
func isGeoJSON(v any) bool {
	o, ok := v.(*Object)
	if !ok {
		return false
	}
	t, _ := o.Get("type")
	switch t {
	case "Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection", "Feature":
		return true
	}
	return false
}

func validateJSONFilter(value any, limits Limits) error {
	o, ok := value.(*Object)
	if !ok {
		return errs.InvalidQuery(`"_json" filter value must be an object`)
	}
	for _, path := range o.Keys() {
		inner, _ := o.Get(path)
		if path == "" {
			return errs.InvalidQuery(`"_json" path key must be a non-empty string`)
		}
		if path == "_or" || path == "_and" {
			list, ok := inner.([]any)
			if !ok {
				return errs.InvalidQuery(fmt.Sprintf(`"_json" logical operator "%s" must be an array`, path))
			}
			for _, sub := range list {
				if err := validateJSONFilter(sub, limits); err != nil {
					return err
				}
			}
			continue
		}
		if _, err := parseJSONPath(path, limits); err != nil {
			return err
		}
		innerObj, ok := inner.(*Object)
		if !ok {
			return errs.InvalidQuery(fmt.Sprintf(`"_json" inner filter for path "%s" must be an object`, path))
		}
		for _, k := range innerObj.Keys() {
			if !strings.HasPrefix(k, "_") {
				return errs.InvalidQuery(fmt.Sprintf(`"_json" path "%s" cannot contain a nested path "%s"; use a single flat path like "%s.%s"`, path, k, path, k))
			}
		}
		if err := validateFilter(innerObj, limits); err != nil {
			return err
		}
	}
	return nil
}

func validateAlias(alias any, limits Limits) error {
	o, ok := alias.(*Object)
	if !ok {
		return errs.InvalidQuery(`"alias" has to be an object`)
	}
	for _, key := range o.Keys() {
		v, _ := o.Get(key)
		s, ok := v.(string)
		if !ok {
			return errs.InvalidQuery(`"alias" value has to be a string. "string" given`)
		}
		if strings.Contains(key, ".") {
			return errs.InvalidQuery("\"alias\" key can't contain a period character `.`")
		}
		if functionName(s) == "json" {
			if err := parseJSONFunction(s, limits); err != nil {
				return err
			}
		} else if strings.Contains(s, ".") {
			return errs.InvalidQuery("\"alias\" value can't contain a period character `.`")
		}
	}
	return nil
}

func functionName(s string) string {
	t := strings.TrimSpace(s)
	if !strings.Contains(t, "(") || !strings.HasSuffix(t, ")") {
		return ""
	}
	name, _, _ := strings.Cut(t, "(")
	return name
}

var (
	unsupportedJSONPath = regexp.MustCompile(`\[\]|\.\.|[*?@$]|\[-`)
	allowedJSONPath     = regexp.MustCompile(`^[\p{L}\p{N}\p{So}\w.\[\]]+$`)
)

func parseJSONPath(path string, limits Limits) (string, error) {
	normalized := path
	if !strings.HasPrefix(path, "[") {
		normalized = "." + path
	}
	if unsupportedJSONPath.MatchString(normalized) || !allowedJSONPath.MatchString(normalized) {
		return "", errs.InvalidQuery("Invalid JSON path: unsupported path expression")
	}
	depth := strings.Count(normalized, ".") + strings.Count(normalized, "[")
	if float64(depth) > limits.MaxJSONQueryDepth {
		return "", errs.InvalidQuery(fmt.Sprintf("JSON path depth (%d) exceeds allowed maximum of %s", depth, env.FormatJSNumber(limits.MaxJSONQueryDepth)))
	}
	return normalized, nil
}

func parseJSONFunction(fn string, limits Limits) error {
	if !strings.HasPrefix(fn, "json(") || !strings.HasSuffix(fn, ")") {
		return errs.InvalidQuery("Invalid json() syntax")
	}
	content := strings.TrimSpace(fn[5 : len(fn)-1])
	if content == "" {
		return errs.InvalidQuery("Invalid json() syntax")
	}
	comma := strings.Index(content, ",")
	switch comma {
	case -1:
		return errs.InvalidQuery("Invalid json() syntax: requires json(field, path) format")
	case 0:
		return errs.InvalidQuery("Invalid json() syntax: missing field name")
	}
	pathContent := strings.TrimSpace(content[comma+1:])
	if pathContent == "" {
		return errs.InvalidQuery("Invalid json() syntax: missing path")
	}
	_, err := parseJSONPath(pathContent, limits)
	return err
}

func validateRelationalDepth(q *Query, limits Limits) error {
	max := limits.MaxRelationalDepth
	if !(max > 2) {
		max = 2
	}
	exceeded := func() error { return errs.InvalidQuery("Max relational depth exceeded") }
	fields := []string{"*"}
	if q.Fields != nil {
		fields = q.Fields
	}
	if agg, ok := q.Aggregate.(*Object); ok && agg.Len() > 0 {
		fields = nil
	}
	if q.Group != nil {
		fields = q.Group
	}
	aliasOf := func(f string) string {
		if a, ok := q.Alias.(*Object); ok {
			if v, ok := a.Get(f); ok {
				if s, ok := v.(string); ok {
					return s
				}
			}
		}
		return f
	}
	for _, f := range fields {
		if float64(fieldRelationalDepth(aliasOf(f))) > max {
			return exceeded()
		}
	}
	if q.Filter != nil && float64(fieldDepth(q.Filter, nil)) > max {
		return exceeded()
	}
	for _, s := range q.Sort {
		if float64(fieldRelationalDepth(aliasOf(strings.TrimPrefix(s, "-")))) > max {
			return exceeded()
		}
	}
	if q.Deep != nil && float64(fieldDepth(q.Deep, []string{"_sort"})) > max {
		return exceeded()
	}
	return nil
}

// fieldRelationalDepth counts the relational segments of a field path (functions: the prefix and the
// first argument only).
func fieldRelationalDepth(field string) int {
	// len(field.split(".")) is the number of dots plus one.
	open := strings.Index(field, "(")
	if open == -1 {
		return strings.Count(field, ".") + 1
	}
	fnDepth := strings.Count(field[:open], ".")
	rest := field[open:]
	if comma := strings.Index(rest, ","); comma != -1 {
		rest = rest[:comma]
	} else {
		rest = rest[:len(rest)-1] // JS slice(open, -1) when there is no comma
	}
	return fnDepth + strings.Count(rest, ".") + 1
}

// fieldDepth is calculateFieldDepth: the depth of nested objects not counting "_" keys; keys listed in
// dotKeys hold dotted paths whose segments count.
func fieldDepth(v any, dotKeys []string) int {
	depth := 0
	var buf [entryBuf]entry
	for _, e := range appendEntries(buf[:0], v) {
		if e.key == "_json" {
			continue
		}
		isDot := false
		for _, k := range dotKeys {
			if k == e.key {
				isDot = true
			}
		}
		if isDot && env.Truthy(e.value) {
			d := 0
			if list, ok := e.value.([]any); ok {
				for _, s := range list {
					if str, ok := s.(string); ok && str != "" {
						d = max(d, strings.Count(str, ".")+1)
					}
				}
			} else if list, ok := e.value.([]string); ok {
				for _, s := range list {
					if s != "" {
						d = max(d, strings.Count(s, ".")+1)
					}
				}
			}
			depth = max(depth, d)
			continue
		}
		var nested int
		switch x := e.value.(type) {
		case []any:
			nested = math.MinInt
			if len(x) == 0 {
				nested = math.MinInt // Math.max() of nothing is -Infinity
			}
			for _, el := range x {
				nested = max(nested, fieldDepth(el, dotKeys))
			}
		case *Object:
			nested = fieldDepth(x, dotKeys)
		default:
			continue
		}
		if !strings.HasPrefix(e.key, "_") && nested != math.MinInt {
			nested++
		}
		depth = max(depth, nested)
	}
	return depth
}
