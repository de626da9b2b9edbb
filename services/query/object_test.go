package query

import (
	"encoding/json"
	"os"
	"strconv"
	"testing"
)

// TestObjectKeyOrder builds an object past the size where lookups go through a map, with
// integer-like keys, deletions and re-insertions; the JSON is what Node prints for the same steps:
//
//	const o = {}; for (let i = 0; i < 20; i++) o["k"+i] = i
//	o["10"]="ten"; o["2"]="two"; o["4294967294"]="max"; o["4294967295"]="notindex"; o["01"]="lead"
//	delete o["k3"]; delete o["10"]; o["k0"]="again"; o["k3"]="back"; JSON.stringify(o)
func TestObjectKeyOrder(t *testing.T) {
	o := NewObject()
	for i := range 20 {
		o.Set("k"+strconv.Itoa(i), float64(i))
	}
	for _, kv := range [][2]string{{"10", "ten"}, {"2", "two"}, {"4294967294", "max"}, {"4294967295", "notindex"}, {"01", "lead"}} {
		o.Set(kv[0], kv[1])
	}
	o.Delete("k3")
	o.Delete("10")
	o.Set("k0", "again")
	o.Set("k3", "back")
	got, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	const node = `{"2":"two","4294967294":"max","k0":"again","k1":1,"k2":2,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"k10":10,"k11":11,"k12":12,"k13":13,"k14":14,"k15":15,"k16":16,"k17":17,"k18":18,"k19":19,"4294967295":"notindex","01":"lead","k3":"back"}`
	if string(got) != node {
		t.Fatalf("got  %s\nnode %s", got, node)
	}
	if v, ok := o.Get("k19"); !ok || v != float64(19) {
		t.Fatalf("k19 after deletions: %v %v", v, ok)
	}
	if o.Has("10") || o.Has("k20") || o.Len() != 24 {
		t.Fatalf("deleted or unknown keys present, or wrong length %d", o.Len())
	}
}

// TestKeysIsReadOnlySnapshot: a key list handed out does not change when the object does.
func TestKeysIsReadOnlySnapshot(t *testing.T) {
	o := single("a", 1)
	keys := o.Keys()
	o.Set("b", 2)
	o.Delete("a")
	if len(keys) != 1 || keys[0] != "a" {
		t.Fatalf("handed-out keys changed to %v", keys)
	}
}

func TestIsArrayIndex(t *testing.T) {
	for k, want := range map[string]bool{"0": true, "7": true, "4294967294": true, "4294967295": false, "99999999999": false,
		"": false, "01": false, "-1": false, "+1": false, "1e3": false, " 1": false, "1.0": false} {
		if got := isArrayIndex(k); got != want {
			t.Errorf("isArrayIndex(%q) = %v", k, got)
		}
	}
}

// TestCanonicalIndex is qs's String(parseInt(s, 10)) === s && index >= 0.
func TestCanonicalIndex(t *testing.T) {
	for k, want := range map[string]int{"0": 0, "12": 12, "500": 500} {
		if n, ok := canonicalIndex(k); !ok || n != want {
			t.Errorf("canonicalIndex(%q) = %d %v", k, n, ok)
		}
	}
	for _, k := range []string{"", "00", "012", "-1", "+1", "1e3", "1 ", "x", "99999999999999999999"} {
		if n, ok := canonicalIndex(k); ok {
			t.Errorf("canonicalIndex(%q) = %d, want no index", k, n)
		}
	}
}

// TestQueryLenIsEachCount: Len (the size sanitizeQuery allocates for) counts Each's keys, for every
// recorded query.
func TestQueryLenIsEachCount(t *testing.T) {
	data, err := os.ReadFile("testdata/sanitize.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Query string `json:"query"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, c := range cases {
		q, err := FromRequest(ParseQueryString(c.Query, QSOptions{}), DefaultLimits, nil)
		if err != nil || q == nil {
			continue
		}
		n := 0
		q.Each(func(string, any) { n++ })
		if q.Len() != n {
			t.Errorf("%s: Len %d, Each gives %d keys", c.Query, q.Len(), n)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no query checked")
	}
}

// TestSplitFieldsInvalidUTF8: each invalid byte becomes U+FFFD, as the JavaScript string holds it.
func TestSplitFieldsInvalidUTF8(t *testing.T) {
	got, err := splitFields("a\xffb,c(d,e),f\xe2\x82")
	want := []string{"a\uFFFDb", "c(d,e)", "f\uFFFD\uFFFD"}
	if err != nil || len(got) != len(want) {
		t.Fatalf("got %q %v", got, err)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("field %d: %q, want %q", i, got[i], want[i])
		}
	}
}
