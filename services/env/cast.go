package env

import (
	"encoding/json"
	"math"
	"strings"
)

// Regex is a value cast with the `regex:` prefix; JavaScript sees it as new RegExp(Source).
type Regex struct{ Source string }

var castTypes = map[string]bool{"string": true, "number": true, "regex": true, "array": true, "json": true, "boolean": true}

// castFlag returns the cast prefix of a string value ("number" for "number:5"), or "".
func castFlag(s string) string {
	prefix, _, ok := strings.Cut(s, ":")
	if ok && castTypes[prefix] {
		return prefix
	}
	return ""
}

// cast converts one raw value (a string from the environment or dotenv, or any JSON/YAML value) by
// spec 01 §10.1 step 3: cast prefix, else the key's fixed type, else a guess.
func cast(v any, key string) any {
	s, isString := v.(string)
	flag := ""
	if isString {
		flag = castFlag(s)
	}
	typ := flag
	if typ == "" {
		typ = typeOf(key)
	}
	if typ == "" {
		typ = guessType(v)
	}
	if flag != "" {
		v = s[len(flag)+1:]
	}
	switch typ {
	case "string":
		return toString(v)
	case "number":
		return toNumber(v)
	case "boolean":
		return v == "true" || v == true || v == "1" || v == float64(1)
	case "regex":
		return Regex{Source: ToJSString(v)}
	case "array":
		var out []any
		for _, el := range toArray(v) {
			c := cast(el, "")
			if c == "" {
				continue
			}
			out = append(out, c)
		}
		if out == nil {
			out = []any{}
		}
		return out
	default:
		return tryJSON(v)
	}
}

// guessType: boolean for true/"true"/"false"; number for a number or a non-empty string not starting
// with "0" that Number() parses within ±MAX_SAFE_INTEGER; array for arrays and strings with ","; else json.
func guessType(v any) string {
	if _, ok := v.(bool); ok || v == "true" || v == "false" {
		return "boolean"
	}
	if _, ok := v.(float64); ok {
		return "number"
	}
	str := ToJSString(v)
	if !strings.HasPrefix(str, "0") && str != "" {
		if n, ok := parseJSNumber(str); ok && n >= -maxSafeInteger && n <= maxSafeInteger {
			return "number"
		}
	}
	if _, ok := v.([]any); ok || strings.Contains(str, ",") {
		return "array"
	}
	return "json"
}

const maxSafeInteger = 1<<53 - 1

// toArray is @directus/utils toArray: strings split on ",", arrays kept, anything else wrapped.
func toArray(v any) []any {
	switch x := v.(type) {
	case string:
		parts := strings.Split(x, ",")
		out := make([]any, len(parts))
		for i, p := range parts {
			out[i] = p
		}
		return out
	case []any:
		return x
	}
	return []any{v}
}

// toString is lodash toString: null/undefined → "", arrays joined with ",", else String(v).
func toString(v any) string {
	if v == nil {
		return ""
	}
	if list, ok := v.([]any); ok {
		parts := make([]string, len(list))
		for i, el := range list {
			parts[i] = toString(el)
		}
		return strings.Join(parts, ",")
	}
	return ToJSString(v)
}

// toNumber is lodash toNumber: trims, accepts 0b/0o binary and octal, rejects signed hex, else Number().
func toNumber(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case bool:
		if x {
			return 1
		}
		return 0
	case nil:
		return 0
	case string:
		return lodashStringToNumber(x)
	case []any, map[string]any:
		return lodashStringToNumber(ToJSString(x))
	}
	return math.NaN()
}

// tryJSON is Directus's parseJSON(String(v)) falling back to v; keys named __proto__ are dropped.
func tryJSON(v any) any {
	str, isString := v.(string)
	if !isString {
		// Only objects and null get here (numbers, booleans and arrays are guessed earlier): String() of an
		// object is "[object Object]", which fails to parse, and null parses to itself.
		return v
	}
	parsed, ok := parseJSON(str)
	if !ok {
		return v
	}
	return parsed
}

// parseJSON is JSON.parse with numbers as float64 and __proto__ keys removed.
func parseJSON(s string) (any, bool) {
	var out any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, false
	}
	return dropProto(out), true
}

func dropProto(v any) any {
	switch x := v.(type) {
	case map[string]any:
		delete(x, "__proto__")
		for k, el := range x {
			x[k] = dropProto(el)
		}
	case []any:
		for i, el := range x {
			x[i] = dropProto(el)
		}
	}
	return v
}
