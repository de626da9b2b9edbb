package query

import "testing"

// Neither the query-string parser nor the sanitiser may panic on any query string.
func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"limit=5", "filter[a][_eq]=1", "deep[a][_limit]=x", "a[]=1&a[b]=2", "filter={\"a\":{\"_or\":[1]}}", "aggregate=abc", "%zz=1&[=]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, _ = FromRequest(ParseQueryString(s, QSOptions{Depth: 10, ArrayLimit: 500}), DefaultLimits, nil)
	})
}
