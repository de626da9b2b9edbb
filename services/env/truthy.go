package env

import "math"

// Truthy is JavaScript's Boolean(v) for the Go values env, JSON and query parsing produce: nil, false,
// "", 0 and NaN are false, everything else (objects and arrays included) is true.
func Truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case float64:
		return x != 0 && !math.IsNaN(x)
	case float32:
		return x != 0 && !math.IsNaN(float64(x))
	case int:
		return x != 0
	case int64:
		return x != 0
	case int32:
		return x != 0
	}
	return true
}
