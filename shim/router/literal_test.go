package router

import "testing"

// The literal fast path must agree with the regexp path-to-regexp builds for the same path.
func TestLiteralMatcherAgreesWithRegexp(t *testing.T) {
	specs := []string{"/", "/hello", "/hello/", "/api/v1", "/a.b", "/x-y_z~"}
	paths := []string{"", "/", "//", "/hello", "/HELLO", "/hello/", "/hello//", "/hello/x", "/hello.json", "/hellox",
		"/api/v1", "/API/V1/", "/api/v1/items", "/api/v1x", "/a.b", "/a.b/", "/aXb", "/x-y_z~/q", "/hÉllo"}
	for _, s := range specs {
		for _, end := range []bool{true, false} {
			for _, sensitive := range []bool{true, false} {
				opts := PatternOptions{End: end, Sensitive: sensitive}
				var keys []Key
				src, flags, _ := toRegexpSource(PathSpec{Str: s}, &keys, opts)
				re, err := compileJSRegexp(src, flags)
				if err != nil {
					t.Fatal(err)
				}
				lit := newLiteralMatcher(s, end, sensitive)
				for _, p := range paths {
					w1, _, ok1 := re.match(p)
					w2, _, ok2 := lit.match(p)
					if ok1 != ok2 || w1 != w2 {
						t.Errorf("%q end=%v sensitive=%v on %q: literal (%q,%v), regexp (%q,%v)", s, end, sensitive, p, w2, ok2, w1, ok1)
					}
				}
			}
		}
	}
}
