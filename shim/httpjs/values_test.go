package httpjs

import (
	"math"
	"testing"

	"github.com/dop251/goja"
)

// TestPlainOrderedValue: building req.accountability directly gives what the JSON round trip gives
// (JSON.stringify of both, and the type of every value), and takes the direct path for the shapes a
// request has; anything else goes through JSON.
func TestPlainOrderedValue(t *testing.T) {
	cases := []struct {
		name   string
		m      map[string]any
		direct bool
	}{
		{"anonymous", map[string]any{"role": nil, "user": nil, "roles": []any{}, "admin": false, "app": false, "ip": "127.0.0.1", "userAgent": "curl/8"}, true},
		{"admin token", map[string]any{"role": "r1", "user": "u1", "roles": []any{"r1", "r0"}, "admin": true, "app": true, "ip": "::1", "origin": "https://x.test"}, true},
		{"share", map[string]any{"role": "r", "user": nil, "roles": []string{"r"}, "admin": false, "app": false, "ip": nil, "share": "s1", "session": "tok"}, true},
		{"numbers", map[string]any{"role": int64(9007199254740993), "user": -0.0, "roles": 1.5, "admin": 3}, true},
		{"html and quotes", map[string]any{"userAgent": `<a href="x">&amp;</a> \u2028`}, true},
		{"invalid utf-8", map[string]any{"userAgent": "bad\xffbyte"}, false},
		{"NaN", map[string]any{"role": math.NaN()}, false},
		{"oauth object", map[string]any{"role": nil, "oauth": map[string]any{"client": "c", "scopes": []any{"a"}}}, false},
		{"unknown key", map[string]any{"role": nil, "custom": 1}, false},
		{"roles not strings", map[string]any{"roles": []any{"a", 1}}, false},
	}
	rt := goja.New()
	stringify := func(v goja.Value) string {
		f, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("stringify"))
		out, err := f(goja.Undefined(), v)
		if err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	types := func(v goja.Value) string {
		out := ""
		obj := v.ToObject(rt)
		for _, k := range obj.Keys() {
			f := obj.Get(k)
			out += k + ":" + typeOfJS(rt, f) + "=" + f.String() + " "
		}
		return out
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, direct := plainOrderedValue(rt, tc.m, accountabilityOrder)
			if direct != tc.direct {
				t.Fatalf("direct path taken = %v, want %v", direct, tc.direct)
			}
			got, want := orderedJSONValue(rt, tc.m, accountabilityOrder), orderedJSONRoundTrip(rt, tc.m, accountabilityOrder)
			if g, w := stringify(got), stringify(want); g != w {
				t.Errorf("JSON.stringify = %s, want %s", g, w)
			}
			if g, w := typeOfJS(rt, got), typeOfJS(rt, want); g != w {
				t.Errorf("typeof = %s, want %s", g, w)
			}
			if g, w := types(got), types(want); tc.direct && g != w {
				t.Errorf("value types = %s, want %s", g, w)
			}
		})
	}
}

func typeOfJS(rt *goja.Runtime, v goja.Value) string {
	fn, err := rt.RunString(`(v) => Array.isArray(v) ? 'array' : Object.is(v, -0) ? '-0' : typeof v`)
	if err != nil {
		panic(err)
	}
	f, _ := goja.AssertFunction(fn)
	out, _ := f(goja.Undefined(), v)
	return out.String()
}
