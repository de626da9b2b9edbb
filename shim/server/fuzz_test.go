package server

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// The V8-style parser accepts exactly the JSON texts encoding/json accepts (for valid UTF-8) and never
// panics on anything.
func FuzzParseJSONLikeV8(f *testing.F) {
	for _, s := range []string{`{"a":1}`, `[1,2,{"b":[null,true]}]`, `{"a":"\u00e9\n"}`, `{`, `[1,]`, `"x`, `01`, `-`, `1e5`, ` {} `, `{"a":1}x`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, err := parseJSONLikeV8(s)
		if !utf8.ValidString(s) {
			return
		}
		if valid := json.Valid([]byte(s)); valid != (err == nil) {
			t.Fatalf("%q: json.Valid=%v, our error=%v", s, valid, err)
		}
		_ = strictJSONError(s)
	})
}

func FuzzParseCookies(f *testing.F) {
	for _, s := range []string{`a=1; b="2"`, `;;=;`, `"`, `a=%zz`, `x=y=z; ;`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { _ = parseCookies(s) })
}
