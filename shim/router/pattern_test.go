package router

import (
	"encoding/json"
	"os"
	"testing"
)

// recordedPattern is one entry of testdata/express-patterns.json (recorded by testdata/record/patterns.js
// with Express 4.22.3's own Layer).
type recordedPattern struct {
	Path    json.RawMessage `json:"path"`
	Options PatternOptions  `json:"options"`
	Source  string          `json:"source"`
	Keys    []struct {
		Name     any  `json:"name"`
		Optional bool `json:"optional"`
	} `json:"keys"`
	Results []struct {
		URL    string   `json:"url"`
		Match  bool     `json:"match"`
		Path   string   `json:"path"`
		Params [][2]any `json:"params"`
		Error  string   `json:"error"`
		Status int      `json:"status"`
	} `json:"results"`
}

func specFromJSON(t *testing.T, raw json.RawMessage) PathSpec {
	t.Helper()
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return PathSpec{Str: s}
	}
	var re struct{ Re, Flags string }
	if json.Unmarshal(raw, &re) == nil && re.Re != "" {
		return PathSpec{Str: re.Re, IsRegExp: true, Flags: re.Flags}
	}
	var arr []json.RawMessage
	if err := json.Unmarshal(raw, &arr); err != nil {
		t.Fatalf("bad path %s", raw)
	}
	spec := PathSpec{IsArray: true}
	for _, el := range arr {
		spec.Array = append(spec.Array, specFromJSON(t, el))
	}
	return spec
}

func TestPatternsMatchExpress(t *testing.T) {
	data, err := os.ReadFile("testdata/express-patterns.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []recordedPattern
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		spec := specFromJSON(t, c.Path)
		p, err := CompilePattern(spec, c.Options)
		if err != nil {
			t.Errorf("%s: %v", c.Path, err)
			continue
		}
		if len(p.Keys()) != len(c.Keys) {
			t.Errorf("%s: keys %+v, want %+v", c.Path, p.Keys(), c.Keys)
		} else {
			for i, k := range c.Keys {
				name := k.Name
				if f, ok := name.(float64); ok {
					name = float64(int(f))
					if !p.Keys()[i].Numeric || float64(p.Keys()[i].Index) != f {
						t.Errorf("%s: key %d = %+v, want %v", c.Path, i, p.Keys()[i], k.Name)
					}
				} else if p.Keys()[i].Name != name || p.Keys()[i].Optional != k.Optional {
					t.Errorf("%s: key %d = %+v, want %+v", c.Path, i, p.Keys()[i], k)
				}
			}
		}
		for _, r := range c.Results {
			matched, params, ok, err := layerMatch(p, r.URL)
			switch {
			case r.Error != "":
				if err == nil || err.Error() != r.Error {
					t.Errorf("%s %q: err %v, want %q", c.Path, r.URL, err, r.Error)
				}
			case err != nil:
				t.Errorf("%s %q: unexpected error %v", c.Path, r.URL, err)
			case ok != r.Match:
				t.Errorf("%s %q: match %v, want %v (source %s)", c.Path, r.URL, ok, r.Match, p.Source())
			case ok:
				if matched != r.Path {
					t.Errorf("%s %q: layer path %q, want %q", c.Path, r.URL, matched, r.Path)
				}
				got := make([][2]any, len(params))
				for i, pv := range params {
					got[i] = [2]any{pv.Name, nil}
					if pv.Defined {
						got[i][1] = pv.Value
					}
				}
				gj, _ := json.Marshal(got)
				wj, _ := json.Marshal(r.Params)
				if r.Params == nil {
					wj = []byte("[]")
				}
				if string(gj) != string(wj) {
					t.Errorf("%s %q: params %s, want %s", c.Path, r.URL, gj, wj)
				}
			}
		}
	}
}

func TestDecodeURIComponent(t *testing.T) {
	for _, c := range []struct {
		in, out string
		ok      bool
	}{
		{"plain", "plain", true},
		{"a%20b", "a b", true},
		{"a+b", "a+b", true},
		{"%E2%82%AC", "€", true},
		{"%F0%9F%98%80", "😀", true},
		{"%ED%A0%80", "", false}, // lone surrogate
		{"%C0%AF", "", false},    // overlong
		{"%zz", "", false},
		{"%4", "", false},
		{"%25", "%", true},
	} {
		got, ok := DecodeURIComponent(c.in)
		if ok != c.ok || (ok && got != c.out) {
			t.Errorf("%q: got %q %v, want %q %v", c.in, got, ok, c.out, c.ok)
		}
	}
}
