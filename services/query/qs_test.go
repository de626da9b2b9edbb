package query

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"testing"
)

// testdata/qs.json is recorded from qs 6.16 under Node (testdata/record-qs.cjs).
func TestParseQueryStringMatchesQS(t *testing.T) {
	data, err := os.ReadFile("testdata/qs.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Q          string          `json:"q"`
		Depth      int             `json:"depth"`
		ArrayLimit int             `json:"arrayLimit"`
		Parsed     json.RawMessage `json:"parsed"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		got, err := json.Marshal(ParseQueryString(c.Q, QSOptions{Depth: c.Depth, ArrayLimit: c.ArrayLimit}))
		if err != nil {
			t.Fatalf("%s: %v", c.Q, err)
		}
		var want bytes.Buffer
		if err := json.Compact(&want, c.Parsed); err != nil {
			t.Fatal(err)
		}
		if string(got) != want.String() {
			t.Errorf("qs.parse(%q, depth %d, arrayLimit %d)\n got %s\nwant %s", c.Q, c.Depth, c.ArrayLimit, got, want.String())
		}
	}
}

// qsBracket is the segment pattern of qs's parseKeys (/(\[[^[\]]*])/g); nextBracket must find the
// same segments.
var qsBracket = regexp.MustCompile(`\[[^\[\]]*\]`)

func TestNextBracketIsQSPattern(t *testing.T) {
	keys := []string{"", "a", "a[b]", "a[b][c]", "a[b[c]]", "a[[b]]", "a]x[b]", "[x]", "a[b]c[d]", "a[", "a[b", "a]",
		"a[]", "a[][]", "[[[]]]", "a[b]]]", "a[b][[c]", "x[a][b][c][d]", "a[é][ü]", "a[b]]c[d]]"}
	for _, key := range keys {
		var got [][]int
		for start, end := nextBracket(key, 0); start >= 0; start, end = nextBracket(key, end) {
			got = append(got, []int{start, end})
		}
		want := qsBracket.FindAllStringIndex(key, -1)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q: segments %v, qs's pattern %v", key, got, want)
		}
	}
}
