package httpjs_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/dop251/goja"
	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/jsrttest"
	"github.com/dxhost/dxhost/shim/exchange"
	"github.com/dxhost/dxhost/shim/router"
)

// TestJSONSendsAsSendDoes: res.json hands its bytes to res.send's tail directly when res.send is
// Express's, and a JS string to a replaced res.send; both must answer alike (status, headers,
// ETag, 304, HEAD, 204), and the replacement must see the call.
func TestJSONSendsAsSendDoes(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	inst := jsrttest.New(t)
	var r *router.Router
	err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
		var obj *goja.Object
		r, obj = router.New(rt)
		fn, err := rt.RunString(`(function (router) {
			const answer = (res) => {
				const body = { b: 1, 1: 'é\u2028', list: [1.5, null, undefined, 'x'], d: new Date(0) };
				switch (res.req.query.how) {
					case 'status': return res.status(201).json(body);
					case 'two': return res.json(202, body);
					case 'type': return res.type('application/vnd.api+json').json(body);
					case 'nocontent': return res.status(204).json(body);
					case 'undef': return res.json(undefined);
					default: return res.json(body);
				}
			};
			router.all('/express', (req, res) => answer(res));
			router.all('/wrapped', (req, res) => {
				const send = res.send;
				res.send = function (chunk) {
					res.set('X-Saw', typeof chunk);
					return send.call(this, chunk);
				};
				answer(res);
			});
		})`)
		if err != nil {
			return err
		}
		call, _ := goja.AssertFunction(fn)
		_, err = call(goja.Undefined(), obj)
		return err
	})
	if err != nil {
		t.Fatal(jsrt.Describe(err))
	}
	engine := gin.New()
	engine.NoRoute(func(c *gin.Context) {
		exchange.Set(c, &exchange.Request{ID: 1})
		if handled, err := r.Serve(c.Request.Context(), inst, c, "/ext"); err != nil || !handled {
			c.String(500, "handled=%v err=%v", handled, err)
		}
	})
	do := func(method, path, etag string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, nil)
		if etag != "" {
			req.Header.Set("If-None-Match", etag)
		}
		w := httptest.NewRecorder()
		engine.ServeHTTP(w, req)
		return w
	}
	for _, q := range []string{"", "?how=status", "?how=two", "?how=type", "?how=nocontent", "?how=undef"} {
		for _, method := range []string{"GET", "HEAD"} {
			a := do(method, "/ext/express"+q, "")
			b := do(method, "/ext/wrapped"+q, "")
			if b.Header().Get("X-Saw") == "" {
				t.Errorf("%s %s: the replaced res.send was not called", method, q)
			}
			b.Header().Del("X-Saw")
			same(t, method+" "+q, a, b)
			if etag := a.Header().Get("ETag"); etag != "" {
				a, b = do(method, "/ext/express"+q, etag), do(method, "/ext/wrapped"+q, etag)
				b.Header().Del("X-Saw")
				if a.Code != http.StatusNotModified {
					t.Errorf("%s %s with If-None-Match: %d, want 304", method, q, a.Code)
				}
				same(t, method+" "+q+" If-None-Match", a, b)
			}
		}
	}
	if w := do("GET", "/ext/express", ""); w.Body.String() != `{"1":"é`+"\u2028"+`","b":1,"list":[1.5,null,null,"x"],"d":"1970-01-01T00:00:00.000Z"}` ||
		w.Header().Get("Content-Type") != "application/json; charset=utf-8" {
		t.Errorf("GET /express: %q %q", w.Header().Get("Content-Type"), w.Body.String())
	}
}

func same(t *testing.T, what string, a, b *httptest.ResponseRecorder) {
	t.Helper()
	if a.Code != b.Code || a.Body.String() != b.Body.String() {
		t.Errorf("%s: %d %q, through a replaced res.send %d %q", what, a.Code, a.Body.String(), b.Code, b.Body.String())
	}
	for k := range a.Header() {
		if a.Header().Get(k) != b.Header().Get(k) {
			t.Errorf("%s: %s %q, through a replaced res.send %q", what, k, a.Header().Get(k), b.Header().Get(k))
		}
	}
	if len(a.Header()) != len(b.Header()) {
		t.Errorf("%s: headers %v, through a replaced res.send %v", what, a.Header(), b.Header())
	}
}
