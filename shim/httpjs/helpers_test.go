package httpjs

import (
	"encoding/json"
	"os"
	"testing"
)

// testdata/express-helpers.json is recorded from Express 4.22.3's own helper packages by
// testdata/record/helpers.js.
type recordedHelpers struct {
	Etags []struct{ Body, Etag string } `json:"etags"`
	Fresh []struct {
		Req   map[string]string `json:"req"`
		Res   map[string]string `json:"res"`
		Fresh bool              `json:"fresh"`
	} `json:"fresh"`
	SetCharset []struct {
		Type   string  `json:"type"`
		Result *string `json:"result"`
	} `json:"setCharset"`
	DefaultCharset []struct{ Type, Result string } `json:"defaultCharset"`
}

func TestHelpersMatchExpress(t *testing.T) {
	data, err := os.ReadFile("testdata/express-helpers.json")
	if err != nil {
		t.Fatal(err)
	}
	var h recordedHelpers
	if err := json.Unmarshal(data, &h); err != nil {
		t.Fatal(err)
	}
	for _, c := range h.Etags {
		if got := WeakETag([]byte(c.Body)); got != c.Etag {
			t.Errorf("etag of %d bytes: %s, want %s", len(c.Body), got, c.Etag)
		}
	}
	for _, c := range h.Fresh {
		got := fresh(c.Req["if-modified-since"], c.Req["if-none-match"], c.Req["cache-control"], c.Res["etag"], c.Res["last-modified"])
		if got != c.Fresh {
			t.Errorf("fresh(%v, %v) = %v, want %v", c.Req, c.Res, got, c.Fresh)
		}
	}
	for _, c := range h.SetCharset {
		got, ok := setCharset(c.Type)
		switch {
		case c.Result == nil && ok:
			t.Errorf("setCharset(%q) = %q, want an error", c.Type, got)
		case c.Result != nil && (!ok || got != *c.Result):
			t.Errorf("setCharset(%q) = %q %v, want %q", c.Type, got, ok, *c.Result)
		}
	}
	for _, c := range h.DefaultCharset {
		if got := withDefaultCharset(c.Type); got != c.Result {
			t.Errorf("withDefaultCharset(%q) = %q, want %q", c.Type, got, c.Result)
		}
	}
}
