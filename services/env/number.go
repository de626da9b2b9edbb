package env

import (
	"bytes"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// JavaScript's number ↔ string conversions, needed because Directus's casting is defined by them.

var decimalLiteral = regexp.MustCompile(`^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$`)

// jsSpace is the whitespace String.prototype.trim and Number() strip.
const jsSpace = " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"

// parseJSNumber is Number(string); ok is false when the result is NaN.
func parseJSNumber(s string) (float64, bool) {
	t := strings.Trim(s, jsSpace)
	switch t {
	case "":
		return 0, true
	case "Infinity", "+Infinity":
		return math.Inf(1), true
	case "-Infinity":
		return math.Inf(-1), true
	}
	if len(t) > 2 && t[0] == '0' {
		base := 0
		switch t[1] {
		case 'x', 'X':
			base = 16
		case 'o', 'O':
			base = 8
		case 'b', 'B':
			base = 2
		}
		if base != 0 {
			return parseRadix(t[2:], base)
		}
	}
	if !decimalLiteral.MatchString(t) {
		return math.NaN(), false
	}
	f, err := strconv.ParseFloat(t, 64)
	if err != nil {
		// Out of range: JS gives ±Infinity (or 0 for underflow, which ParseFloat also returns with err).
		var numErr *strconv.NumError
		if ok := asNumError(err, &numErr); ok && numErr.Err == strconv.ErrRange {
			return f, true
		}
		return math.NaN(), false
	}
	return f, true
}

func asNumError(err error, target **strconv.NumError) bool {
	ne, ok := err.(*strconv.NumError)
	if ok {
		*target = ne
	}
	return ok
}

func parseRadix(digits string, base int) (float64, bool) {
	if digits == "" {
		return math.NaN(), false
	}
	f := 0.0
	for _, r := range digits {
		d, err := strconv.ParseUint(string(r), base, 8)
		if err != nil {
			return math.NaN(), false
		}
		f = f*float64(base) + float64(d)
	}
	return f, true
}

// lodashStringToNumber is lodash toNumber for strings: trim; 0b/0o → binary/octal; signed hex → NaN;
// otherwise unary plus (Number()).
func lodashStringToNumber(s string) float64 {
	t := strings.Trim(s, jsSpace)
	lower := strings.ToLower(t)
	if strings.HasPrefix(lower, "0b") || strings.HasPrefix(lower, "0o") {
		base := 2
		if lower[1] == 'o' {
			base = 8
		}
		if f, ok := parseRadix(t[2:], base); ok {
			return f
		}
		return math.NaN()
	}
	if (strings.HasPrefix(t, "-0x") || strings.HasPrefix(t, "+0x") || strings.HasPrefix(t, "-0X") || strings.HasPrefix(t, "+0X")) && len(t) > 3 {
		return math.NaN()
	}
	f, ok := parseJSNumber(t)
	if !ok {
		return math.NaN()
	}
	return f
}

// ToJSString is JavaScript's String(v) for the values an env holds.
func ToJSString(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return FormatJSNumber(x)
	case int:
		return strconv.Itoa(x)
	case Regex:
		return "/" + x.Source + "/"
	case []any:
		parts := make([]string, len(x))
		for i, el := range x {
			if el != nil {
				parts[i] = ToJSString(el)
			}
		}
		return strings.Join(parts, ",")
	case map[string]any:
		return "[object Object]"
	}
	return ""
}

// FormatJSNumber is Number.prototype.toString() for a float64.
func FormatJSNumber(f float64) string {
	return string(AppendJSNumber(nil, f))
}

// AppendJSNumber appends Number.prototype.toString() of f to dst (JSON writers call it per number
// and must not allocate a string each time).
func AppendJSNumber(dst []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, "NaN"...)
	case math.IsInf(f, 1):
		return append(dst, "Infinity"...)
	case math.IsInf(f, -1):
		return append(dst, "-Infinity"...)
	case f == 0:
		return append(dst, '0')
	}
	abs := math.Abs(f)
	if abs >= 1e-6 && abs < 1e21 {
		return strconv.AppendFloat(dst, f, 'f', -1, 64)
	}
	start := len(dst)
	dst = strconv.AppendFloat(dst, f, 'e', -1, 64) // 1e+21, 1.5e-07: JS drops the exponent's leading zeros
	e := bytes.IndexByte(dst[start:], 'e') + start
	digits := e + 2
	for digits < len(dst)-1 && dst[digits] == '0' {
		digits++
	}
	return append(dst[:e+2], dst[digits:]...)
}

// ToNumber is JavaScript's Number(v) for strings, numbers, booleans, null and arrays (NaN otherwise).
func ToNumber(v any) float64 {
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
		f, ok := parseJSNumber(x)
		if !ok {
			return math.NaN()
		}
		return f
	case []any:
		switch len(x) {
		case 0:
			return 0
		case 1:
			if x[0] == nil {
				return 0
			}
			return ToNumber(ToJSString(x[0]))
		}
	}
	return math.NaN()
}
