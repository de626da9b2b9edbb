package db

import "testing"

// Expected strings are what node prints for String(x).
func TestJSNumber(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{99999999999, "99999999999"}, {1.5, "1.5"}, {-0.25, "-0.25"}, {1e21, "1e+21"}, {1.5e-7, "1.5e-7"},
		{0.000001, "0.000001"}, {123456789012345680000, "123456789012345680000"}, {0, "0"},
	}
	for _, tc := range tests {
		if got := jsNumber(tc.in); got != tc.want {
			t.Errorf("jsNumber(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Expected strings are what node prints for String(x).
func TestMsgValue(t *testing.T) {
	tests := []struct {
		in   any
		want any
	}{
		{map[string]any{"a": 1.0}, "[object Object]"},
		{[]any{1.0, "b", nil, 2.5}, "1,b,,2.5"},
		{"s", "s"},
		{true, true},
		{undefined, nil},
	}
	for _, tc := range tests {
		if got := msgValue(tc.in); got != tc.want {
			t.Errorf("msgValue(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
