package env

import (
	"math"
	"testing"
)

// TestTruthy: expected values are JavaScript's Boolean(v) for the same values.
func TestTruthy(t *testing.T) {
	cases := []struct {
		v    any
		want bool
	}{
		{nil, false}, {false, false}, {true, true}, {"", false}, {"0", true}, {"false", true},
		{0.0, false}, {math.NaN(), false}, {-1.5, true}, {0, false}, {int64(2), true},
		{[]any{}, true}, {map[string]any{}, true},
	}
	for _, c := range cases {
		if got := Truthy(c.v); got != c.want {
			t.Errorf("Truthy(%#v) = %v, want %v", c.v, got, c.want)
		}
	}
}
