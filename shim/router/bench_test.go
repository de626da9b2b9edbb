package router

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/dop251/goja"
	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/jsrt/jsrttest"
	"github.com/dxhost/dxhost/shim/exchange"
	"github.com/dxhost/dxhost/shim/httpjs"
)

// BenchmarkServeHello is the hello endpoint path: dispatch, req/res creation, res.send, the pipe to Gin.
func BenchmarkServeHello(b *testing.B) {
	gin.SetMode(gin.ReleaseMode)
	inst := jsrttest.New(b)
	var r *Router
	err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
		var obj *goja.Object
		r, obj = New(rt)
		fn, err := rt.RunString(`(function (router) { router.get('/', (req, res) => res.send('Hello, World!')); })`)
		if err != nil {
			return err
		}
		call, _ := goja.AssertFunction(fn)
		_, err = call(goja.Undefined(), obj)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	engine := gin.New()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := httptest.NewRecorder()
		c := gin.CreateTestContextOnly(w, engine)
		c.Request = httptest.NewRequest("GET", "/hello", nil)
		exchange.Set(c, &exchange.Request{ID: int64(i)})
		handled, err := r.Serve(context.Background(), inst, c, "/hello")
		if err != nil || !handled || w.Body.String() != "Hello, World!" {
			b.Fatalf("handled=%v err=%v body=%q", handled, err, w.Body.String())
		}
	}
}

// BenchmarkLoopSideHello is the part of a hello request that runs on the extension's loop (the
// single-threaded cost that caps req/s): req/res creation, dispatch, the handler and res.send.
func BenchmarkLoopSideHello(b *testing.B) {
	gin.SetMode(gin.ReleaseMode)
	inst := jsrttest.New(b)
	c := gin.CreateTestContextOnly(httptest.NewRecorder(), gin.New())
	c.Request = httptest.NewRequest("GET", "/hello", nil)
	ex := &exchange.Request{ID: 1}
	exchange.Set(c, ex)
	err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
		r, obj := New(rt)
		fn, err := rt.RunString(`(function (router) { router.get('/', (req, res) => res.send('Hello, World!')); })`)
		if err != nil {
			return err
		}
		call, _ := goja.AssertFunction(fn)
		if _, err = call(goja.Undefined(), obj); err != nil {
			return err
		}
		// What Serve sets up on the Gin side, then the loop's part alone.
		serve := func() *httpjs.Response {
			s := &serving{r: r, inst: inst, ex: ex, mountPath: "/hello"}
			s.conn.Init()
			s.in.Capture(c)
			s.start(rt)
			return s.res
		}
		serve() // warm up
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if res := serve(); res == nil || !res.Ended {
				b.Fatal("not answered")
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}
