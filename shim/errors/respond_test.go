package errors

import (
	stderrors "errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/shim/exchange"
)

func init() { gin.SetMode(gin.ReleaseMode) }

// respond runs Respond on a fresh Gin context and returns status, body and headers.
func respond(t *testing.T, admin bool, errors ...error) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	c, _ := gin.CreateTestContext(w)
	c.Request = httptest.NewRequest(http.MethodGet, "/x", nil)
	exchange.Set(c, &exchange.Request{Accountability: map[string]any{"admin": admin}})
	Respond(c, errors...)
	return w
}

// fromJS evaluates src (an expression) in a fresh runtime and converts it.
func fromJS(t *testing.T, src string) *errs.Error {
	t.Helper()
	rt := goja.New()
	v, err := rt.RunString("(" + src + ")")
	if err != nil {
		t.Fatalf("eval %s: %v", src, err)
	}
	return FromJS(rt, v)
}

// directusLike builds an object shaped like an @directus/errors instance (own name/extensions/code/status,
// message on the Error) — the shape spec 03 §1 describes.
const directusLike = `(function(code, status, message, extensions) {
	var e = new Error(message);
	e.name = "DirectusError"; e.extensions = extensions; e.code = code; e.status = status;
	return e;
})`

// Expected bodies: spec 03 §4 examples, recorded against Directus 12.4.1.
func TestRespondEnvelope(t *testing.T) {
	tests := []struct {
		name   string
		admin  bool
		thrown string // JS expression
		status int
		body   string
	}{
		{"forbidden", false, directusLike + `("FORBIDDEN", 403, "You don't have permission to access this.")`, 403,
			`{"errors":[{"message":"You don't have permission to access this.","extensions":{"code":"FORBIDDEN"}}]}`},
		{"invalid payload", false, directusLike + `("INVALID_PAYLOAD", 400, "Invalid payload. Bad.", {reason: "Bad"})`, 400,
			`{"errors":[{"message":"Invalid payload. Bad.","extensions":{"reason":"Bad","code":"INVALID_PAYLOAD"}}]}`},
		{"plain non-admin", false, `new Error("boom")`, 500,
			`{"errors":[{"message":"An unexpected error occurred.","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}`},
		{"plain admin", true, `new Error("boom")`, 500,
			`{"errors":[{"message":"boom","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}`},
		{"custom createError", false, directusLike + `("MY_CODE", 418, "Nope")`, 418,
			`{"errors":[{"message":"Nope","extensions":{"code":"MY_CODE"}}]}`},
		{"duck typed", false, `{name: "DirectusError", code: "MY_CODE", status: 418, message: "Custom teapot", extensions: {a: 1}}`, 418,
			`{"errors":[{"message":"Custom teapot","extensions":{"a":1,"code":"MY_CODE"}}]}`},
		{"thrown string admin", true, `"just a string"`, 500,
			`{"errors":[{"message":"just a string","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}`},
		{"string extensions quirk", false, directusLike + `("INVALID_PAYLOAD", 400, "Invalid payload. undefined.", "Bad")`, 400,
			`{"errors":[{"message":"Invalid payload. undefined.","extensions":{"0":"B","1":"a","2":"d","code":"INVALID_PAYLOAD"}}]}`},
		{"legacy BaseException is plain", false, `Object.assign(new Error("old"), {status: 403, code: "FORBIDDEN"})`, 500,
			`{"errors":[{"message":"An unexpected error occurred.","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}`},
		{"array is not a DirectusError", true, `Object.assign([], {name: "DirectusError"})`, 500,
			`{"errors":[{"message":"An unexpected error occurred.","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}`},
		{"plain admin extensions override code", true, `Object.assign(new Error("x"), {extensions: {code: "MINE", b: 2}})`, 500,
			`{"errors":[{"message":"x","extensions":{"code":"MINE","b":2}}]}`},
		{"extensions code loses to error code", false, directusLike + `("REAL", 400, "m", {code: "FAKE", z: 1})`, 400,
			`{"errors":[{"message":"m","extensions":{"code":"REAL","z":1}}]}`},
		{"date extension as ISO", false, directusLike + `("X", 429, "m", {reset: new Date(0), f: function(){}})`, 429,
			`{"errors":[{"message":"m","extensions":{"reset":"1970-01-01T00:00:00.000Z","code":"X"}}]}`},
		{"no html escaping", false, directusLike + `("X", 400, "<a&b>", {})`, 400,
			`{"errors":[{"message":"<a&b>","extensions":{"code":"X"}}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := respond(t, tt.admin, fromJS(t, tt.thrown))
			if w.Code != tt.status || w.Body.String() != tt.body {
				t.Fatalf("got %d %s\nwant %d %s", w.Code, w.Body.String(), tt.status, tt.body)
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Fatalf("content type %q", ct)
			}
		})
	}
}

func TestRespondSeveral(t *testing.T) {
	same := respond(t, false, errs.InvalidQuery("a"), errs.InvalidPayload("b"))
	if same.Code != 400 || !strings.Contains(same.Body.String(), `"Invalid query. a."`) || !strings.Contains(same.Body.String(), `"Invalid payload. b."`) {
		t.Fatalf("same status: %d %s", same.Code, same.Body)
	}
	mixed := respond(t, false, errs.InvalidQuery("a"), errs.Forbidden())
	if mixed.Code != 500 {
		t.Fatalf("differing statuses must give 500, got %d", mixed.Code)
	}
	plainThenDirectus := respond(t, false, fmt.Errorf("x"), errs.Forbidden())
	want := `{"errors":[{"message":"An unexpected error occurred.","extensions":{"code":"INTERNAL_SERVER_ERROR"}},{"message":"You don't have permission to access this.","extensions":{"code":"FORBIDDEN"}}]}`
	if plainThenDirectus.Code != 500 || plainThenDirectus.Body.String() != want {
		t.Fatalf("plain then directus: %d %s", plainThenDirectus.Code, plainThenDirectus.Body)
	}
}

func TestRespondGoErrors(t *testing.T) {
	w := respond(t, false, errs.RouteNotFound("/nope/x"))
	want := `{"errors":[{"message":"Route /nope/x doesn't exist.","extensions":{"path":"/nope/x","code":"ROUTE_NOT_FOUND"}}]}`
	if w.Code != 404 || w.Body.String() != want {
		t.Fatalf("404: %d %s", w.Code, w.Body)
	}
	w = respond(t, false, errs.MethodNotAllowed([]string{"GET", "POST"}, "PUT"))
	if w.Code != 405 || w.Header().Get("Allow") != "GET, POST" {
		t.Fatalf("405: %d Allow=%q", w.Code, w.Header().Get("Allow"))
	}
	w = respond(t, true, fmt.Errorf("wrapped: %w", errs.Forbidden()))
	if w.Code != 403 {
		t.Fatalf("wrapped Directus error must be found in the chain, got %d", w.Code)
	}
}

func TestRespondDevelopmentStack(t *testing.T) {
	t.Setenv("NODE_ENV", "development")
	e := fromJS(t, directusLike+`("X", 400, "m", {a: 1})`)
	w := respond(t, false, e)
	body := w.Body.String()
	if !strings.HasPrefix(body, `{"errors":[{"message":"m","extensions":{"a":1,"stack":"`) || !strings.HasSuffix(body, `","code":"X"}}]}`) {
		t.Fatalf("development stack missing: %s", body)
	}
	// Non-admins never see a plain error's details, stack included.
	w = respond(t, false, fromJS(t, `new Error("boom")`))
	if strings.Contains(w.Body.String(), "stack") {
		t.Fatalf("stack leaked to non-admin: %s", w.Body)
	}
}

func TestWeakETag(t *testing.T) {
	// Values from Node: require('etag')(Buffer.from(''), {weak:true}) and of 'hello'.
	for body, want := range map[string]string{
		"":      `W/"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"`,
		"hello": `W/"5-qvTGHdzF6KLavt4PO0gs2a6pQ00"`,
	} {
		if got := WeakETag([]byte(body)); got != want {
			t.Errorf("WeakETag(%q) = %s, want %s", body, got, want)
		}
	}
}

func TestErrorFilter(t *testing.T) {
	defer SetErrorFilter(nil)
	SetErrorFilter(func(c *gin.Context, errors []any) (any, error) {
		return append(errors, map[string]any{"message": "added"}), nil
	})
	w := respond(t, false, errs.Forbidden())
	want := `{"errors":[{"message":"You don't have permission to access this.","extensions":{"code":"FORBIDDEN"}},{"message":"added"}]}`
	if w.Code != 403 || w.Body.String() != want {
		t.Fatalf("filtered: %d %s", w.Code, w.Body)
	}
	SetErrorFilter(func(c *gin.Context, errors []any) (any, error) { return nil, fmt.Errorf("hook failed") })
	w = respond(t, false, errs.Forbidden())
	if w.Code != 500 || w.Body.String() != `{"errors":[{"message":"An unexpected error occurred.","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}` {
		t.Fatalf("failing filter: %d %s", w.Code, w.Body)
	}
}

// Bodies recorded from Directus 12.4.1 (fixtures/errors: array-*, duck-*, throw-with-extensions-admin).
func TestRespondRecordedShapes(t *testing.T) {
	forbidden := directusLike + `("FORBIDDEN", 403, "You don't have permission to access this.")`
	tests := []struct {
		name   string
		admin  bool
		thrown string // JS expression, read with FromJSValue as next(value) does
		status int
		body   string
	}{
		{"array same status", false, `[` + forbidden + `, ` + directusLike + `("FORBIDDEN", 403, "Second", {reason: "Second"})]`, 403,
			`{"errors":[{"message":"You don't have permission to access this.","extensions":{"code":"FORBIDDEN"}},{"message":"Second","extensions":{"reason":"Second","code":"FORBIDDEN"}}]}`},
		{"array mixed status", false, `[` + forbidden + `, ` + directusLike + `("INVALID_PAYLOAD", 400, "Invalid payload. Bad.", {reason: "Bad"})]`, 500,
			`{"errors":[{"message":"You don't have permission to access this.","extensions":{"code":"FORBIDDEN"}},{"message":"Invalid payload. Bad.","extensions":{"reason":"Bad","code":"INVALID_PAYLOAD"}}]}`},
		{"array with a plain error, admin", true, `[` + forbidden + `, new Error("plain in a list")]`, 500,
			`{"errors":[{"message":"plain in a list","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}`},
		{"duck without code and message", false, `{name: "DirectusError", status: 409}`, 409,
			`{"errors":[{"extensions":{}}]}`},
		{"duck with a string status", false, `{name: "DirectusError", code: "STR", status: "429", message: "String status"}`, 429,
			`{"errors":[{"message":"String status","extensions":{"code":"STR"}}]}`},
		{"plain admin, own code after other keys", true, `Object.assign(new Error("has extensions"), {extensions: {foo: "bar", code: "OWN_CODE"}})`, 500,
			`{"errors":[{"message":"has extensions","extensions":{"code":"OWN_CODE","foo":"bar"}}]}`},
		{"empty array", false, `[]`, 500, `{"errors":[]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt := goja.New()
			v, err := rt.RunString("(" + tt.thrown + ")")
			if err != nil {
				t.Fatalf("eval: %v", err)
			}
			w := respond(t, tt.admin, FromJSValue(rt, v))
			if w.Code != tt.status || w.Body.String() != tt.body {
				t.Errorf("got %d %s\nwant %d %s", w.Code, w.Body.String(), tt.status, tt.body)
			}
		})
	}
}

// A Go list of errors (errors.Join, a validation list) is rendered element by element.
func TestRespondExpandsGoLists(t *testing.T) {
	a, b := errs.New("FAILED_VALIDATION", 400, "a", nil), errs.New("FAILED_VALIDATION", 400, "b", nil)
	w := respond(t, false, stderrors.Join(a, b))
	want := `{"errors":[{"message":"a","extensions":{"code":"FAILED_VALIDATION"}},{"message":"b","extensions":{"code":"FAILED_VALIDATION"}}]}`
	if w.Code != 400 || w.Body.String() != want {
		t.Errorf("got %d %s", w.Code, w.Body.String())
	}
}
