package auth

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/dxhost/dxhost/services/env"
)

// msPattern is the grammar of the `ms` package Directus uses for every duration setting.
var msPattern = regexp.MustCompile(`(?i)^(-?(?:\d+)?\.?\d+) *(milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)?$`)

// ParseMS is ms(String(v)): a duration in milliseconds, ok=false when the value is not one.
func ParseMS(v any) (float64, bool) {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case float64:
		s = env.ToJSString(x)
	case int:
		s = strconv.Itoa(x)
	default:
		return 0, false
	}
	if len(s) == 0 || len(s) > 100 {
		return 0, false
	}
	m := msPattern.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	n, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, false
	}
	const (
		second = 1000
		minute = 60 * second
		hour   = 60 * minute
		day    = 24 * hour
		week   = 7 * day
		year   = 365.25 * day
	)
	unit := strings.ToLower(m[2])
	switch unit {
	case "years", "year", "yrs", "yr", "y":
		return n * year, true
	case "weeks", "week", "w":
		return n * week, true
	case "days", "day", "d":
		return n * day, true
	case "hours", "hour", "hrs", "hr", "h":
		return n * hour, true
	case "minutes", "minute", "mins", "min", "m":
		return n * minute, true
	case "seconds", "second", "secs", "sec", "s":
		return n * second, true
	case "milliseconds", "millisecond", "msecs", "msec", "ms", "":
		return n, true
	}
	return 0, false
}

// getMilliseconds is Directus's helper: ms(String(v)) for strings and numbers, else fallback.
func getMilliseconds(v any, fallback float64) float64 {
	if ms, ok := ParseMS(v); ok {
		return ms
	}
	return fallback
}

func millis(ms float64) time.Duration {
	if math.IsNaN(ms) || math.IsInf(ms, 0) {
		return 0
	}
	return time.Duration(ms * float64(time.Millisecond))
}
