package httpjs_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/jsrttest"
	"github.com/dxhost/dxhost/shim/exchange"
	"github.com/dxhost/dxhost/shim/router"
)

// Without the Node built-ins (no stream module, no Buffer), req is the minimal readable of prelude.js
// and bodies arrive as Uint8Array chunks.
func TestMinimalReadableWithoutStreamModule(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	inst := jsrttest.New(t)
	var r *router.Router
	err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
		var obj *goja.Object
		r, obj = router.New(rt)
		fn, err := rt.RunString(`(function (router) {
			router.post('/events', (req, res) => {
				let size = 0, types = new Set();
				req.on('data', (c) => { size += c.length; types.add(Object.prototype.toString.call(c)); });
				req.on('end', () => res.json({ size, types: [...types] }));
			});
			router.post('/pipe', (req, res) => {
				let size = 0;
				req.pipe({ write(c) { size += c.length; return true; }, end() { res.json({ size }); } });
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
	srv := httptest.NewServer(engine)
	defer srv.Close()
	for path, want := range map[string]string{
		"/ext/events": `{"size":100000,"types":["[object Uint8Array]"]}`,
		"/ext/pipe":   `{"size":100000}`,
	} {
		resp, err := http.Post(srv.URL+path, "text/plain", strings.NewReader(strings.Repeat("z", 100000)))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if string(b) != want {
			t.Errorf("%s: %s, want %s", path, b, want)
		}
	}
}
