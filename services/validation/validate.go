// Package validation is @directus/utils validatePayload with @directus/validation's
// FailedValidationError: a filter-shaped rule checked against a payload, each failure a
// FAILED_VALIDATION error. Both the permission engine (services/auth: permission rules) and the
// ItemsService (services/items: the schema's own rules, not-null and directus_fields.validation)
// use it, the way Directus's processPayload checks both in one pass.
package validation

import (
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strings"

	"github.com/dxhost/dxhost/services/errs"
)

// Payload is @directus/utils validatePayload for the common operators: _and (all), _or
// (the first passing branch clears the errors), and per field _eq, _neq, _in, _nin, _null,
// _nnull, _empty, _nempty, _lt, _lte, _gt, _gte, _contains, _icontains, _ncontains, _regex and
// _submitted. A field absent from the payload passes every rule but _submitted (Joi's optional
// keys). Each failure is a FAILED_VALIDATION error as @directus/validation builds it.
func Payload(filter map[string]any, payload map[string]any, path []any) []*errs.Error {
	if list, ok := filter["_and"].([]any); ok && len(filter) == 1 {
		var out []*errs.Error
		for _, sub := range list {
			if m, ok := sub.(map[string]any); ok {
				out = append(out, Payload(m, payload, path)...)
			}
		}
		return out
	}
	if list, ok := filter["_or"].([]any); ok && len(filter) == 1 {
		var swallowed []*errs.Error
		for _, sub := range list {
			m, ok := sub.(map[string]any)
			if !ok {
				continue
			}
			subErrs := Payload(m, payload, path)
			if len(subErrs) == 0 {
				return nil
			}
			swallowed = append(swallowed, subErrs...)
		}
		return swallowed
	}
	var out []*errs.Error
	for field, rule := range filter {
		ops, ok := rule.(map[string]any)
		if !ok {
			continue
		}
		value, present := payload[field]
		for op, arg := range ops {
			if e := checkOperator(field, op, arg, value, present, path); e != nil {
				out = append(out, e)
			}
		}
	}
	return out
}

func checkOperator(field, op string, arg, value any, present bool, path []any) *errs.Error {
	fail := func(typ string, kv ...any) *errs.Error { return failedValidation(field, path, typ, kv...) }
	if op == "_submitted" {
		if !present {
			return fail("required")
		}
		return nil
	}
	if !present {
		return nil
	}
	switch op {
	case "_eq":
		if !looseEqual(value, arg) {
			if arg == nil {
				return fail("null")
			}
			return fail("eq", "valid", arg)
		}
	case "_neq":
		if looseEqual(value, arg) {
			if arg == nil {
				return fail("nnull")
			}
			return fail("neq", "invalid", arg)
		}
	case "_null":
		if truthyArg(arg) && value != nil {
			return fail("null")
		}
	case "_nnull":
		if truthyArg(arg) && value == nil {
			return fail("nnull")
		}
	case "_empty":
		if truthyArg(arg) && value != "" {
			return fail("empty")
		}
	case "_nempty":
		if truthyArg(arg) && (value == "" || value == nil) {
			return fail("nempty")
		}
	case "_in", "_nin":
		list := toList(arg)
		found := false
		for _, v := range list {
			if looseEqual(v, value) {
				found = true
			}
		}
		if op == "_in" && !found {
			if len(list) == 1 {
				return fail("eq", "valid", list[0])
			}
			return fail("in", "valid", list)
		}
		if op == "_nin" && found {
			if len(list) == 1 {
				return fail("neq", "invalid", list[0])
			}
			return fail("nin", "invalid", list)
		}
	case "_lt", "_lte", "_gt", "_gte":
		a, aok := number(value)
		b, bok := number(arg)
		if !aok || !bok {
			return fail("required")
		}
		ok := map[string]bool{"_lt": a < b, "_lte": a <= b, "_gt": a > b, "_gte": a >= b}[op]
		if !ok {
			return fail(strings.TrimPrefix(op, "_"), "valid", arg)
		}
	case "_contains", "_icontains", "_ncontains":
		s, _ := value.(string)
		sub := fmt.Sprint(arg)
		has := strings.Contains(s, sub)
		if op == "_icontains" {
			has = strings.Contains(strings.ToLower(s), strings.ToLower(sub))
		}
		if op == "_ncontains" && has {
			return fail("ncontains", "substring", arg)
		}
		if op != "_ncontains" && !has {
			return fail(strings.TrimPrefix(op, "_"), "substring", arg)
		}
	case "_regex":
		s, _ := value.(string)
		re, err := compileJSRegex(fmt.Sprint(arg))
		if err == nil && !re.MatchString(s) {
			return fail("regex", "invalid", value)
		}
	}
	return nil
}

// failedValidation is FailedValidationError({field, path, type, ...}).
func failedValidation(field string, path []any, typ string, kv ...any) *errs.Error {
	ext := map[string]any{"field": field, "path": append([]any{}, path...), "type": typ}
	order := []string{"field", "path", "type"}
	for i := 0; i+1 < len(kv); i += 2 {
		k := kv[i].(string)
		ext[k] = kv[i+1]
		order = append(order, k)
	}
	at := ""
	if len(path) > 0 {
		parts := make([]string, len(path))
		for i, p := range path {
			parts[i] = fmt.Sprint(p)
		}
		at = ` at "` + strings.Join(parts, ".") + `"`
	}
	msg := fmt.Sprintf(`Validation failed for field "%s"%s.`, field, at)
	quote := func(v any) string { return `"` + jsString(v) + `"` }
	switch typ {
	case "eq":
		msg += " Value has to be " + quote(ext["valid"]) + "."
	case "lt":
		msg += " Value has to be less than " + quote(ext["valid"]) + "."
	case "lte":
		msg += " Value has to be less than or equal to " + quote(ext["valid"]) + "."
	case "gt":
		msg += " Value has to be greater than " + quote(ext["valid"]) + "."
	case "gte":
		msg += " Value has to be greater than or equal to " + quote(ext["valid"]) + "."
	case "in", "nin":
		list := toList(ext[map[string]string{"in": "valid", "nin": "invalid"}[typ]])
		q := make([]string, len(list))
		for i, v := range list {
			q[i] = quote(v)
		}
		if typ == "in" {
			msg += " Value has to be one of " + strings.Join(q, ", ") + "."
		} else {
			msg += " Value can't be one of " + strings.Join(q, ", ") + "."
		}
	case "neq":
		msg += " Value can't be " + quote(ext["invalid"]) + "."
	case "contains", "icontains":
		msg += " Value has to contain " + quote(ext["substring"]) + "."
	case "ncontains":
		msg += " Value can't contain " + quote(ext["substring"]) + "."
	case "null":
		msg += " Value has to be null."
	case "nnull":
		msg += " Value can't be null."
	case "empty":
		msg += " Value has to be empty."
	case "nempty":
		msg += " Value can't be empty."
	case "required":
		msg += " Value is required."
	case "regex":
		msg += " Value doesn't have the correct format."
	}
	e := errs.New(Code, 400, msg, ext)
	e.Order = order // joiValidationErrorItemToErrorExtensions: field, path, type, then the detail
	return e
}

func jsString(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e21 {
			return fmt.Sprintf("%.0f", x)
		}
		return fmt.Sprint(x)
	}
	return fmt.Sprint(v)
}

func looseEqual(a, b any) bool {
	if fa, ok := number(a); ok {
		if fb, ok := number(b); ok {
			_, as := a.(string)
			_, bs := b.(string)
			if as == bs {
				return fa == fb
			}
		}
	}
	return reflect.DeepEqual(a, b)
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	}
	return 0, false
}

func truthyArg(v any) bool { return v == true || v == "true" || v == 1.0 }

func toList(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case string:
		parts := strings.Split(x, ",")
		out := make([]any, len(parts))
		for i, p := range parts {
			out[i] = strings.TrimSpace(p)
		}
		return out
	case nil:
		return nil
	}
	return []any{v}
}

// compileJSRegex accepts "/source/flags" or a bare source, as Directus's _regex does.
func compileJSRegex(s string) (*regexp.Regexp, error) {
	if strings.HasPrefix(s, "/") {
		if i := strings.LastIndexByte(s, '/'); i > 0 {
			flags := s[i+1:]
			s = s[1:i]
			if strings.Contains(flags, "i") {
				s = "(?i)" + s
			}
		}
	}
	return regexp.Compile(s)
}

// Code is @directus/validation's FAILED_VALIDATION (not among services/errs' codes).
const Code = "FAILED_VALIDATION"

// Errors is the list of FAILED_VALIDATION errors Directus throws together (an array).
type Errors []*errs.Error

func (v Errors) Error() string {
	parts := make([]string, len(v))
	for i, e := range v {
		parts[i] = e.Message
	}
	return strings.Join(parts, "; ")
}

// Unwrap exposes every validation error (errors.As finds the first).
func (v Errors) Unwrap() []error {
	out := make([]error, len(v))
	for i, e := range v {
		out[i] = e
	}
	return out
}

// Under returns the errors as a nested write at path reports them: Directus validates each level
// with the relational fields it came through prepended to the error path (processPayload's
// options.nested), which the message names too.
func (v Errors) Under(path []any) Errors {
	if len(path) == 0 {
		return v
	}
	out := make(Errors, len(v))
	for i, e := range v {
		if e.Code != Code {
			out[i] = e
			continue
		}
		field, _ := e.Extensions["field"].(string)
		typ, _ := e.Extensions["type"].(string)
		old, _ := e.Extensions["path"].([]any)
		var kv []any
		for _, k := range e.Order {
			if k != "field" && k != "path" && k != "type" {
				kv = append(kv, k, e.Extensions[k])
			}
		}
		out[i] = failedValidation(field, append(append([]any{}, path...), old...), typ, kv...)
	}
	return out
}
