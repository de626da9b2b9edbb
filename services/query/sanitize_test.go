package query

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/dxhost/dxhost/services/errs"
)

// testdata/sanitize.json is Directus 12.4.1's own sanitizeQuery + validateQuery run under Node for each
// query string (testdata/record-sanitize.mjs), anonymous accountability, default env.
func TestSanitizeMatchesDirectus(t *testing.T) {
	data, err := os.ReadFile("testdata/sanitize.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Query     string          `json:"query"`
		Sanitized json.RawMessage `json:"sanitized"`
		Error     *struct {
			Code   string `json:"code"`
			Reason string `json:"reason"`
			Plain  string `json:"plain"`
		} `json:"error"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	acc := map[string]any{"role": nil, "user": nil, "roles": []any{}, "admin": false, "app": false, "ip": "127.0.0.1"}
	for _, c := range cases {
		q, err := FromRequest(ParseQueryString(c.Query, QSOptions{Depth: 10, ArrayLimit: 500}), DefaultLimits, acc)
		if c.Error != nil {
			e := errs.As(err)
			switch {
			case e == nil:
				t.Errorf("%s: no error, want %+v", c.Query, *c.Error)
			case c.Error.Plain != "" && e.Directus:
				t.Errorf("%s: got %s, want a plain error (%s)", c.Query, e, c.Error.Plain)
			case c.Error.Plain == "" && (e.Code != c.Error.Code || e.Extensions["reason"] != c.Error.Reason):
				t.Errorf("%s: got %s %v, want %s %q", c.Query, e.Code, e.Extensions["reason"], c.Error.Code, c.Error.Reason)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: unexpected error %v", c.Query, err)
			continue
		}
		got := []byte("{}")
		if q != nil {
			if got, err = json.Marshal(q); err != nil {
				t.Fatal(err)
			}
		}
		var want bytes.Buffer
		_ = json.Compact(&want, c.Sanitized)
		if string(got) != want.String() {
			t.Errorf("%s:\n got %s\nwant %s", c.Query, got, want.String())
		}
	}
}

func TestEmptyQueryIsNil(t *testing.T) {
	q, err := FromRequest(ParseQueryString("", QSOptions{}), DefaultLimits, nil)
	if q != nil || err != nil {
		t.Fatalf("got %v %v", q, err)
	}
}

func TestQueryLimitMax(t *testing.T) {
	limits := DefaultLimits
	limits.MaxLimit, limits.HasMaxLimit, limits.MaxLimitSet = 50, true, true
	q, err := FromRequest(ParseQueryString("fields=id", QSOptions{}), limits, nil)
	if err != nil || q.Limit == nil || *q.Limit != 50 {
		t.Fatalf("missing limit must become min(default, max): %v %v", q, err)
	}
	q, err = FromRequest(ParseQueryString("limit=-1", QSOptions{}), limits, nil)
	if err != nil || *q.Limit != 50 {
		t.Fatalf("limit=-1 must become the max: %v %v", q, err)
	}
	_, err = FromRequest(ParseQueryString("limit=51", QSOptions{}), limits, nil)
	if e := errs.As(err); e == nil || e.Extensions["reason"] != `"limit" must be less than or equal to 50` {
		t.Fatalf("over the max: %v", err)
	}
}
