package server

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

var bytesPattern = regexp.MustCompile(`(?i)^((-|\+)?(\d+(?:\.\d+)?)) *(kb|mb|gb|tb|pb)$`)

var byteUnits = map[string]float64{"b": 1, "kb": 1 << 10, "mb": 1 << 20, "gb": 1 << 30, "tb": 1 << 40, "pb": 1 << 50}

// parseBytes is the `bytes` package's parse(): a number is taken as is; "1mb", "100kb", "1.5 GB" use
// binary units (floored); anything else is parseInt(value, 10) bytes. ok is false when that is NaN.
func parseBytes(v any) (int64, bool) {
	switch x := v.(type) {
	case float64:
		return int64(x), !math.IsNaN(x)
	case int:
		return int64(x), true
	case int64:
		return x, true
	case string:
		if m := bytesPattern.FindStringSubmatch(x); m != nil {
			f, err := strconv.ParseFloat(m[1], 64)
			if err != nil {
				return 0, false
			}
			return int64(math.Floor(byteUnits[strings.ToLower(m[4])] * f)), true
		}
		return parseIntPrefix(x)
	}
	return 0, false
}

// parseIntPrefix is parseInt(s, 10): optional blanks and sign, then the leading digits.
func parseIntPrefix(s string) (int64, bool) {
	s = strings.TrimLeft(s, " \t\n\r\v\f")
	sign := int64(1)
	if s != "" && (s[0] == '-' || s[0] == '+') {
		if s[0] == '-' {
			sign = -1
		}
		s = s[1:]
	}
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	if end == 0 {
		return 0, false
	}
	n, err := strconv.ParseInt(s[:end], 10, 64)
	if err != nil {
		return 0, false
	}
	return sign * n, true
}
