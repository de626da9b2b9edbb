package items

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Variables are the values dynamic filter variables resolve to (spec 11 §3.6). The caller
// supplies them (from accountability and, for the .path forms, from reads it makes).
type Variables struct {
	Now      time.Time
	User     any // accountability.user
	Role     any
	Roles    []any
	Policies []any
	// Lookup resolves "$CURRENT_USER" + ".role.name"-style paths; nil resolves them to null.
	Lookup func(ctx context.Context, variable, path string) (any, error)
}

var nowCall = regexp.MustCompile(`^\$NOW\((.*)\)$`)

// ParseFilter substitutes dynamic variables in a filter, as Directus's parseFilter does for
// REST queries and permission rules; "true"/"false"/"null" strings become their values.
func ParseFilter(ctx context.Context, filter map[string]any, vars Variables) (map[string]any, error) {
	out, err := parseFilterValue(ctx, filter, vars)
	if err != nil {
		return nil, err
	}
	m, _ := out.(map[string]any)
	return m, nil
}

func parseFilterValue(ctx context.Context, v any, vars Variables) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			r, err := parseFilterValue(ctx, e, vars)
			if err != nil {
				return nil, err
			}
			if (k == "_in" || k == "_nin" || k == "_between" || k == "_nbetween") && r != nil {
				if s, ok := r.(string); ok {
					r = toList(s)
				}
			}
			out[k] = r
		}
		return out, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			r, err := parseFilterValue(ctx, e, vars)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	case string:
		return resolveVariable(ctx, x, vars)
	}
	return v, nil
}

func resolveVariable(ctx context.Context, s string, vars Variables) (any, error) {
	switch s {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null", "NULL":
		return nil, nil
	case "$NOW":
		return now(vars), nil
	case "$CURRENT_USER":
		return vars.User, nil
	case "$CURRENT_ROLES":
		return vars.Roles, nil
	case "$CURRENT_ROLE":
		return vars.Role, nil
	case "$CURRENT_POLICIES":
		return vars.Policies, nil
	}
	if m := nowCall.FindStringSubmatch(s); m != nil {
		return adjustDate(now(vars), m[1]), nil
	}
	// $CURRENT_ROLES is checked before $CURRENT_ROLE so the prefixes don't clash.
	for _, v := range []string{"$CURRENT_USER", "$CURRENT_ROLES", "$CURRENT_ROLE", "$CURRENT_POLICIES"} {
		if strings.HasPrefix(s, v+".") {
			if vars.Lookup == nil {
				return nil, nil
			}
			return vars.Lookup(ctx, v, s[len(v)+1:])
		}
	}
	return s, nil
}

func now(vars Variables) time.Time {
	if vars.Now.IsZero() {
		return time.Now()
	}
	return vars.Now
}

var adjustment = regexp.MustCompile(`^\s*([+-]?)\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$`)

// adjustDate applies "$NOW(-1 year)"-style offsets; unparsable → unchanged (spec 11 §3.6).
func adjustDate(t time.Time, adj string) time.Time {
	m := adjustment.FindStringSubmatch(adj)
	if m == nil {
		return t
	}
	n, err := strconv.ParseFloat(m[2], 64)
	if err != nil {
		return t
	}
	if m[1] == "-" {
		n = -n
	}
	unit := strings.ToLower(m[3])
	ms := func(d float64) time.Time { return t.Add(time.Duration(n * d * float64(time.Millisecond))) }
	switch unit {
	case "ms", "msec", "msecs", "millisecond", "milliseconds":
		return ms(1)
	case "s", "sec", "secs", "second", "seconds":
		return ms(1000)
	case "m", "min", "mins", "minute", "minutes":
		return ms(60000)
	case "h", "hr", "hrs", "hour", "hours":
		return ms(3600000)
	case "", "d", "day", "days":
		return ms(86400000)
	case "w", "week", "weeks":
		return ms(7 * 86400000)
	case "mo", "mth", "mths", "month", "months":
		return t.AddDate(0, int(n), 0)
	case "y", "yr", "yrs", "year", "years":
		return t.AddDate(int(n), 0, 0)
	}
	return t
}
