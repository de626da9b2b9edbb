package server

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/logging"
	"github.com/dxhost/dxhost/shim/exchange"
)

// engine builds the chain with the given environment; the extension step records the exchange state
// and answers "ok" unless the path is /nope.
func engine(t *testing.T, environ ...string) (*gin.Engine, *exchange.Request) {
	t.Helper()
	e, err := env.Load(env.Options{Environ: environ, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	seen := &exchange.Request{}
	log := logging.New(logging.Config{Level: "error", Style: "raw"}, io.Discard)
	eng := New(Options{Env: e, Logger: log, Extensions: func(c *gin.Context) bool {
		*seen = *exchange.Get(c)
		if strings.HasPrefix(c.Request.URL.Path, "/nope") {
			return false
		}
		c.Header("Content-Type", "text/html; charset=utf-8")
		c.String(http.StatusOK, "ok")
		return true
	}})
	return eng, seen
}

func do(eng http.Handler, method, target string, body io.Reader, headers map[string]string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, body)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	eng.ServeHTTP(w, req)
	return w
}

// Spec 02 §4: the headers every extension response carries with the default env (verified on 12.4.1).
func TestSecurityHeadersOnPlainResponse(t *testing.T) {
	eng, _ := engine(t)
	w := do(eng, "GET", "/hello", nil, nil)
	want := map[string]string{
		"Content-Security-Policy":    "script-src 'self' 'unsafe-eval';worker-src 'self' blob:;child-src 'self' blob:;img-src 'self' data: blob: https://raw.githubusercontent.com https://avatars.githubusercontent.com;media-src 'self';connect-src 'self' https://* wss://*;default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';object-src 'none';script-src-attr 'none';style-src 'self' https: 'unsafe-inline'",
		"Cross-Origin-Opener-Policy": "same-origin-allow-popups",
		"X-Powered-By":               "Directus",
	}
	for k, v := range want {
		if got := w.Header().Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if w.Body.String() != "ok" || w.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("body %q, CORS must be off by default", w.Body.String())
	}
}

// Spec 03 §5 (verified): GET /nope/x?y=1 → 404 ROUTE_NOT_FOUND with the path, no query string.
func TestNotFound(t *testing.T) {
	eng, _ := engine(t)
	w := do(eng, "GET", "/nope/x?y=1", nil, nil)
	want := `{"errors":[{"message":"Route /nope/x doesn't exist.","extensions":{"path":"/nope/x","code":"ROUTE_NOT_FOUND"}}]}`
	if w.Code != 404 || w.Body.String() != want {
		t.Fatalf("got %d %s", w.Code, w.Body)
	}
	if w.Header().Get("X-Powered-By") != "Directus" || w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Fatalf("headers: %v", w.Header())
	}
}

// testdata/bodies.json: express.json({ limit: "1mb" }) recorded under Node 20 (record-bodies.cjs).
func TestJSONBodyMatchesExpress(t *testing.T) {
	data, err := os.ReadFile("testdata/bodies.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Body     string `json:"body"`
		Type     string `json:"type"`
		Encoding string `json:"encoding"` // when set, Body is base64
		Result   struct {
			OK      bool            `json:"ok"`
			Body    json.RawMessage `json:"body"`
			Message string          `json:"message"`
		} `json:"result"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	eng, seen := engine(t)
	for _, c := range cases {
		body := c.Body
		if body == "<1mb+1 bytes>" {
			body = strings.Repeat("x", 1<<20+1)
		}
		headers := map[string]string{"Content-Type": c.Type}
		if c.Encoding != "" {
			raw, err := base64.StdEncoding.DecodeString(body)
			if err != nil {
				t.Fatal(err)
			}
			body = string(raw)
			headers["Content-Encoding"] = c.Encoding
		}
		*seen = exchange.Request{}
		w := do(eng, "POST", "/echo", strings.NewReader(body), headers)
		if !c.Result.OK {
			want, _ := json.Marshal(map[string]any{"errors": []any{map[string]any{
				"message":    "Invalid payload. " + c.Result.Message + ".",
				"extensions": map[string]any{"reason": c.Result.Message, "code": "INVALID_PAYLOAD"},
			}}})
			var got, exp any
			_ = json.Unmarshal(w.Body.Bytes(), &got)
			_ = json.Unmarshal(want, &exp)
			if w.Code != 400 || !jsonEqual(got, exp) {
				t.Errorf("body %q (%s): got %d %s\nwant reason %q", short(c.Body), c.Type, w.Code, w.Body, c.Result.Message)
			}
			continue
		}
		if w.Code != 200 {
			t.Errorf("body %q (%s): got %d %s", short(c.Body), c.Type, w.Code, w.Body)
			continue
		}
		var want any
		_ = json.Unmarshal(c.Result.Body, &want)
		got := seen.Body
		if got == nil {
			got = map[string]any{}
		}
		if !jsonEqual(normalize(got), want) {
			t.Errorf("body %q (%s): parsed %#v, want %s", short(c.Body), c.Type, got, c.Result.Body)
		}
	}
}

func short(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

func normalize(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var out any
	_ = json.Unmarshal(b, &out)
	return out
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}

// testdata/cors.json: the cors package as Directus configures it, recorded under Node 20.
func TestCORSMatchesCorsPackage(t *testing.T) {
	data, err := os.ReadFile("testdata/cors.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Origin  string `json:"origin"`
		Request struct {
			Method  string            `json:"method"`
			Headers map[string]string `json:"headers"`
		} `json:"request"`
		Response struct {
			Status  int               `json:"status"`
			Headers map[string]string `json:"headers"`
		} `json:"response"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	origins := map[string]string{
		"true": "true", "false": "false", "string": "https://app.example.com", "star": "*",
		"array": "https://a.example.com,https://b.example.com", "regex": `regex:\.example\.org$`,
	}
	engines := map[string]*gin.Engine{}
	for name, v := range origins {
		engines[name], _ = engine(t, "CORS_ENABLED=true", "CORS_ORIGIN="+v)
	}
	for _, c := range cases {
		w := do(engines[c.Origin], c.Request.Method, "/x", nil, c.Request.Headers)
		if w.Code != c.Response.Status {
			t.Errorf("%s %s %v: status %d, want %d", c.Origin, c.Request.Method, c.Request.Headers, w.Code, c.Response.Status)
		}
		got := map[string]string{}
		for k := range w.Header() {
			lk := strings.ToLower(k)
			if strings.HasPrefix(lk, "access-control-") || lk == "vary" {
				got[lk] = w.Header().Get(k)
			}
		}
		if w.Code == 204 {
			got["content-length"] = w.Header().Get("Content-Length")
		} else {
			got["content-length"] = "2"
		}
		if !jsonEqual(got, c.Response.Headers) {
			t.Errorf("%s %s %v:\n got %v\nwant %v", c.Origin, c.Request.Method, c.Request.Headers, got, c.Response.Headers)
		}
	}
}

// testdata/express.json: Express 4.22's answers for the pre-auth routes, recorded under Node 20.
func TestPreAuthRoutesMatchExpress(t *testing.T) {
	data, err := os.ReadFile("testdata/express.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Method   string            `json:"method"`
		Path     string            `json:"path"`
		Headers  map[string]string `json:"headers"`
		Response struct {
			Status  int               `json:"status"`
			Headers map[string]string `json:"headers"`
			Body    string            `json:"body"`
		} `json:"response"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	eng, _ := engine(t)
	for _, c := range cases {
		if c.Method == "POST" {
			continue // Express's own 404 page; Directus answers ROUTE_NOT_FOUND there (TestNotFound)
		}
		w := do(eng, c.Method, c.Path, nil, c.Headers)
		if w.Code != c.Response.Status || w.Body.String() != c.Response.Body {
			t.Errorf("%s %s %v: got %d %q, want %d %q", c.Method, c.Path, c.Headers, w.Code, w.Body, c.Response.Status, c.Response.Body)
		}
		for k, v := range c.Response.Headers {
			if got := w.Header().Get(k); got != v {
				t.Errorf("%s %s %v: header %s = %q, want %q", c.Method, c.Path, c.Headers, k, got, v)
			}
		}
	}
}

// Spec 02 §3: token sources and the two-sources error.
func TestTokenExtraction(t *testing.T) {
	tests := []struct {
		name, target string
		headers      map[string]string
		token        string
		source       string
		status       int
	}{
		{"none", "/x", nil, "", "", 200},
		{"query", "/x?access_token=q1", nil, "q1", "query", 200},
		{"header", "/x", map[string]string{"Authorization": "Bearer h1"}, "h1", "header", 200},
		{"header scheme any case", "/x", map[string]string{"Authorization": "bEaReR h2"}, "h2", "header", 200},
		{"header three parts ignored", "/x", map[string]string{"Authorization": "Bearer a b"}, "", "", 200},
		{"basic ignored", "/x", map[string]string{"Authorization": "Basic abc"}, "", "", 200},
		{"cookie", "/x", map[string]string{"Cookie": "directus_session_token=c1"}, "c1", "cookie", 200},
		{"header wins over cookie", "/x", map[string]string{"Authorization": "Bearer h3", "Cookie": "directus_session_token=c1"}, "h3", "header", 200},
		{"query and header", "/x?access_token=q1", map[string]string{"Authorization": "Bearer h1"}, "", "", 400},
	}
	eng, seen := engine(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			*seen = exchange.Request{}
			w := do(eng, "GET", tt.target, nil, tt.headers)
			if w.Code != tt.status {
				t.Fatalf("status %d %s", w.Code, w.Body)
			}
			if tt.status == 400 {
				want := `{"errors":[{"message":"Invalid payload. The request uses more than one method for including an access token.","extensions":{"reason":"The request uses more than one method for including an access token","code":"INVALID_PAYLOAD"}}]}`
				if w.Body.String() != want {
					t.Fatalf("body %s", w.Body)
				}
				return
			}
			got := ""
			if seen.Token != nil {
				got = *seen.Token
			}
			if got != tt.token || seen.TokenSource != tt.source {
				t.Fatalf("token %q/%q, want %q/%q", got, seen.TokenSource, tt.token, tt.source)
			}
		})
	}
}

// Spec 02 §3 (verified): the accountability of an unauthenticated request.
func TestAnonymousAccountability(t *testing.T) {
	eng, seen := engine(t)
	do(eng, "GET", "/x", nil, map[string]string{"User-Agent": "curl/7.88.1"})
	want := map[string]any{"role": nil, "user": nil, "roles": []any{}, "admin": false, "app": false, "ip": "192.0.2.1", "userAgent": "curl/7.88.1"}
	if !jsonEqual(seen.Accountability, want) {
		t.Fatalf("accountability %v", seen.Accountability)
	}
	if seen.ID < 1 {
		t.Fatalf("request id %d", seen.ID)
	}
}

func TestRequestIDsCountFromOne(t *testing.T) {
	eng, seen := engine(t)
	for i := int64(1); i <= 3; i++ {
		do(eng, "GET", "/x", nil, nil)
		if seen.ID != i {
			t.Fatalf("request %d got id %d", i, seen.ID)
		}
	}
}

func TestCookies(t *testing.T) {
	for header, want := range map[string]map[string]string{
		`a=1; b="two"; a=3`:    {"a": "1", "b": "two"},
		` c = x%20y ; d=%zz;e`: {"c": "x y", "d": "%zz"},
		`noeq; f=1`:            {"f": "1"},
		`g=a=b`:                {"g": "a=b"},
	} {
		if got := parseCookies(header); !jsonEqual(got, want) {
			t.Errorf("parseCookies(%q) = %v, want %v", header, got, want)
		}
	}
}

func TestParseBytes(t *testing.T) {
	for in, want := range map[any]int64{"1mb": 1048576, "100kb": 102400, "1.5KB": 1536, "2 gb": 2 << 30, "512": 512, "100b": 100, 2048.0: 2048} {
		if got, ok := parseBytes(in); !ok || got != want {
			t.Errorf("parseBytes(%v) = %d, want %d", in, got, want)
		}
	}
	if _, ok := parseBytes("abc"); ok {
		t.Error("abc is not a size")
	}
}

// Spec 02 §3/§4 (verified): bad query parameters are rejected before the route; unknown keys dropped.
func TestSanitizedQuery(t *testing.T) {
	eng, seen := engine(t)
	w := do(eng, "GET", "/x?limit=abc", nil, nil)
	want := `{"errors":[{"message":"Invalid query. \"limit\" must be a number.","extensions":{"reason":"\"limit\" must be a number","code":"INVALID_QUERY"}}]}`
	if w.Code != 400 || w.Body.String() != want {
		t.Fatalf("limit=abc: %d %s", w.Code, w.Body)
	}
	w = do(eng, "GET", "/x?filter=notjson", nil, nil)
	if w.Code != 400 || !strings.Contains(w.Body.String(), `"reason":"Invalid JSON for filter object"`) {
		t.Fatalf("filter=notjson: %d %s", w.Code, w.Body)
	}
	do(eng, "GET", "/x?limit=5&foo=bar", nil, nil)
	if !jsonEqual(seen.SanitizedQuery, map[string]any{"limit": 5, "fields": []string{"*"}}) {
		t.Fatalf("sanitized %v", seen.SanitizedQuery)
	}
	do(eng, "GET", "/x", nil, nil)
	if len(seen.SanitizedQuery) != 0 {
		t.Fatalf("no query string must give {}: %v", seen.SanitizedQuery)
	}
}

// Directus's order: body parsing (9) before token extraction (11) before query sanitising (21).
func TestMiddlewareOrder(t *testing.T) {
	eng, _ := engine(t)
	headers := map[string]string{"Content-Type": "application/json", "Authorization": "Bearer h"}
	w := do(eng, "POST", "/x?access_token=q&limit=abc", strings.NewReader("{bad"), headers)
	if !strings.Contains(w.Body.String(), "Expected property name") {
		t.Fatalf("body error must come first: %s", w.Body)
	}
	w = do(eng, "POST", "/x?access_token=q&limit=abc", strings.NewReader("{}"), headers)
	if !strings.Contains(w.Body.String(), "more than one method") {
		t.Fatalf("token error must come before the query error: %s", w.Body)
	}
	// The pre-auth routes answer even with a request the later steps would reject.
	w = do(eng, "GET", "/server/ping?limit=abc", nil, nil)
	if w.Code != 200 || w.Body.String() != "pong" {
		t.Fatalf("ping before sanitising: %d %s", w.Code, w.Body)
	}
}

// helmet 8's Strict-Transport-Security (its source: max-age default 365 days, includeSubDomains unless
// false, preload when true), as Directus sets it when HSTS_ENABLED.
func TestHSTS(t *testing.T) {
	tests := []struct {
		environ []string
		want    string
	}{
		{nil, ""},
		{[]string{"HSTS_ENABLED=true"}, "max-age=31536000; includeSubDomains"},
		{[]string{"HSTS_ENABLED=true", "HSTS_MAX_AGE=600", "HSTS_INCLUDE_SUB_DOMAINS=false", "HSTS_PRELOAD=true"}, "max-age=600; preload"},
	}
	for _, tt := range tests {
		eng, _ := engine(t, tt.environ...)
		if got := do(eng, "GET", "/x", nil, nil).Header().Get("Strict-Transport-Security"); got != tt.want {
			t.Errorf("%v: %q, want %q", tt.environ, got, tt.want)
		}
	}
}

// testdata/ip.json: Express 4.22's req.ip under `trust proxy` values, recorded under Node (record-ip.cjs).
func TestClientIPMatchesExpress(t *testing.T) {
	data, err := os.ReadFile("testdata/ip.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Trust any     `json:"trust"`
		XFF   *string `json:"xff"`
		IP    string  `json:"ip"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		raw := env.ToJSString(c.Trust)
		e, err := env.Load(env.Options{Environ: []string{"IP_TRUST_PROXY=" + raw}, Dir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest("GET", "/", nil)
		req.RemoteAddr = "127.0.0.1:40000"
		if c.XFF != nil {
			req.Header.Set("X-Forwarded-For", *c.XFF)
		}
		if got := AnonymousAccountability(req, e)["ip"]; got != c.IP {
			t.Errorf("trust %v, XFF %v: ip %v, want %s", c.Trust, c.XFF, got, c.IP)
		}
	}
}

func TestCustomIPHeader(t *testing.T) {
	e, _ := env.Load(env.Options{Environ: []string{"IP_CUSTOM_HEADER=X-Real-IP"}, Dir: t.TempDir()})
	req := httptest.NewRequest("GET", "/", nil)
	req.RemoteAddr = "[::ffff:127.0.0.1]:1"
	if got := AnonymousAccountability(req, e)["ip"]; got != "127.0.0.1" {
		t.Errorf("::ffff: prefix must be removed: %v", got)
	}
	req.Header.Set("X-Real-IP", "203.0.113.9")
	if got := AnonymousAccountability(req, e)["ip"]; got != "203.0.113.9" {
		t.Errorf("custom header: %v", got)
	}
	req.Header.Set("X-Real-IP", "not an ip")
	if got := AnonymousAccountability(req, e)["ip"]; got != "127.0.0.1" {
		t.Errorf("an invalid custom header value is ignored: %v", got)
	}
}

// testdata/csp.json: helmet 8 + lodash merge as Directus configures them, recorded under Node
// (record-csp.mjs).
func TestContentSecurityPolicyMatchesHelmet(t *testing.T) {
	data, err := os.ReadFile("testdata/csp.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Env map[string]string `json:"env"`
		CSP string            `json:"csp"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		var environ []string
		for k, v := range c.Env {
			environ = append(environ, k+"="+v)
		}
		e, err := env.Load(env.Options{Environ: environ, Dir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		if got := contentSecurityPolicy(e); got != c.CSP {
			t.Errorf("%v:\n got %s\nwant %s", c.Env, got, c.CSP)
		}
	}
}

// pino-http's "request completed" line with Directus's raw-mode redactions.
func TestRequestLogLine(t *testing.T) {
	e, err := env.Load(env.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	log := logging.New(logging.Config{Style: "raw"}, &out)
	eng := New(Options{Env: e, Logger: log})
	do(eng, "GET", "/nope?access_token=secret&x=1", nil, map[string]string{"Authorization": "Basic zzz", "Cookie": "a=b"})
	var line struct {
		Level int    `json:"level"`
		Msg   string `json:"msg"`
		Req   struct {
			ID      int               `json:"id"`
			Method  string            `json:"method"`
			URL     string            `json:"url"`
			Query   map[string]string `json:"query"`
			Headers map[string]string `json:"headers"`
		} `json:"req"`
		Res struct {
			StatusCode int `json:"statusCode"`
		} `json:"res"`
		ResponseTime *float64 `json:"responseTime"`
	}
	if err := json.Unmarshal(out.Bytes(), &line); err != nil {
		t.Fatalf("%v: %s", err, out.String())
	}
	if line.Level != 30 || line.Msg != "request completed" || line.Req.ID != 1 || line.Req.Method != "GET" ||
		line.Req.URL != "/nope?access_token=--redacted--&x=1" || line.Req.Query["access_token"] != "--redacted--" ||
		line.Req.Headers["authorization"] != "--redacted--" || line.Req.Headers["cookie"] != "--redacted--" ||
		line.Res.StatusCode != 404 || line.ResponseTime == nil {
		t.Fatalf("log line: %s", out.String())
	}
	if strings.Contains(out.String(), "secret") || strings.Contains(out.String(), "zzz") {
		t.Fatalf("secrets leaked: %s", out.String())
	}
}
