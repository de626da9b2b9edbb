package sourcemap

import (
	"encoding/base64"
	"encoding/json"
	"testing"
)

func TestVLQRoundTrip(t *testing.T) {
	for _, v := range []int{0, 1, -1, 15, 16, -16, 31, 32, 1000, -123456, 1 << 20} {
		s := encodeVLQ(v)
		got, n, err := decodeVLQ(s + ",AAAA")
		if err != nil || got != v || n != len(s) {
			t.Errorf("%d → %q → %d (%d chars, %v)", v, s, got, n, err)
		}
	}
	// Known encodings from the source map spec's examples.
	for s, v := range map[string]int{"A": 0, "C": 1, "D": -1, "gB": 16, "2H": 123} {
		if got := encodeVLQ(v); got != s {
			t.Errorf("encode %d = %q, want %q", v, got, s)
		}
	}
}

func TestForGoja(t *testing.T) {
	// Line 1: segments at generated columns 0 and 2 (relative "E"), original 0:0 and 0:2;
	// line 2: one segment at column 0, original line +1, column +0.
	in := []byte(`{"version":3,"sources":["a.ts"],"names":[],"mappings":"AAAA,EAAE;AACA","sourcesContent":["x"]}`)
	out, err := ForGoja(in, 10)
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Mappings       string   `json:"mappings"`
		SourcesContent []string `json:"sourcesContent"`
	}
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatal(err)
	}
	// Line 1's absolute column 0 → 11 ("W"), the first original column 0 → 1 ("C"); line 2's
	// first column 0 → 1; relative values are unchanged.
	if m.Mappings != "WAAC,EAAE;CACA" || len(m.SourcesContent) != 1 {
		t.Fatalf("got %+v", m)
	}
	mp, err := Parse("/x/dist/a.js", out)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ line, col, wantLine, wantCol int }{
		{1, 11, 1, 1}, // first character after the 10 prepended ones
		{1, 13, 1, 3},
		{2, 1, 2, 3},
	} {
		if file, line, col, ok := mp.Source(c.line, c.col); !ok || file != "a.ts" || line != c.wantLine || col != c.wantCol {
			t.Errorf("%d:%d → %s %d:%d %v, want %d:%d", c.line, c.col, file, line, col, ok, c.wantLine, c.wantCol)
		}
	}
	// A map whose first line has no mappings.
	same, err := ForGoja([]byte(`{"mappings":";AAAA"}`), 10)
	if err != nil || string(same) != `{"mappings":";CAAC"}` {
		t.Fatalf("got %s %v", same, err)
	}
}

func TestSplitURLAndDataURL(t *testing.T) {
	payload := base64.StdEncoding.EncodeToString([]byte(`{"version":3}`))
	code := "a();\n//# sourceMappingURL=data:application/json;base64," + payload + "\n\n"
	rest, url := SplitURL(code)
	if rest != "a();\n" {
		t.Fatalf("rest %q", rest)
	}
	data, ok := DecodeDataURL(url)
	if !ok || string(data) != `{"version":3}` {
		t.Fatalf("data %q %v", data, ok)
	}
	if rest, url := SplitURL("a();\n// not a map\n"); url != "" || rest != "a();\n// not a map\n" {
		t.Fatalf("no map: %q %q", rest, url)
	}
	if _, ok := DecodeDataURL("index.js.map"); ok {
		t.Fatal("file URL decoded as data")
	}
}
