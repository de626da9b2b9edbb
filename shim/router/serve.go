package router

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"sync/atomic"

	"github.com/dop251/goja"
	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/shim/exchange"
	"github.com/dxhost/dxhost/shim/httpjs"
)

// Serve runs one request through this router mounted at mountPath (e.g. "/greet") on inst's loop and
// waits: (true, nil) the response was completed (or the client went away); (false, nil) the router
// called next() past its end; (false, err) the router passed an error out (render it with
// shim/errors.Respond). The loop never blocks on the client: bytes go through an httpjs.Conn that this
// goroutine drains. If a handler neither responds nor calls next, Serve waits for the client to leave,
// as Express does.
func (r *Router) Serve(ctx context.Context, inst *jsrt.Instance, c *gin.Context, mountPath string) (bool, error) {
	// One allocation holds what both goroutines share for this request.
	s := &serving{r: r, inst: inst, ex: exchange.Get(c), mountPath: mountPath}
	s.conn.Init()
	s.in.Capture(c) // the loop must not touch c: it may outlive this call
	s.task.OnInterrupt = s.interrupted
	if !inst.RunOnLoop(s.run) {
		return false, errs.ServiceUnavailable(inst.Name(), "The extension is shutting down")
	}
	out := s.conn.Pump(ctx, c.Writer, func() { abortConnection(c) })
	if !s.quiet.Load() {
		inst.RunOnLoop(s.closed)
	}
	return out.Handled, out.Err
}

// serving is one request's state, shared by the Gin goroutine (Serve) and the loop.
type serving struct {
	r         *Router
	inst      *jsrt.Instance
	ex        *exchange.Request
	mountPath string
	in        httpjs.Incoming
	conn      httpjs.Conn
	task      jsrt.Task
	res       *httpjs.Response // loop only; set as soon as it exists (the time-limit handler needs it)
	host      requestHost      // loop only
	// quiet is set by the loop when the response was completed and nobody listened for the events
	// that follow ('finish', 'close'): Serve then skips the loop turn that would emit them.
	quiet atomic.Bool
}

func (s *serving) run(*goja.Runtime) { s.inst.RunTask(&s.task, s.start) }

// interrupted is the task's time-limit handler (loop only).
func (s *serving) interrupted(err error) {
	if s.res != nil && s.res.HeadersSent {
		s.conn.Abort()
		return
	}
	limit := "time"
	var terr *jsrt.TimeoutError
	if errors.As(err, &terr) {
		limit = terr.Limit.String()
	}
	s.conn.Finish(httpjs.Outcome{Err: errs.ServiceUnavailable(s.inst.Name(), "JavaScript ran longer than the "+limit+" limit").WithCause(err)})
}

// closed tells res the exchange is over, on a loop turn after Pump returned (loop only).
func (s *serving) closed(*goja.Runtime) {
	if s.res != nil {
		s.res.Closed()
	}
}

// start builds req/res and dispatches (loop only). A setup failure is reported through conn.
func (s *serving) start(rt *goja.Runtime) {
	r, inst, conn := s.r, s.inst, &s.conn
	if conn.Closed() {
		return // the client left before the loop got to this request
	}
	kit := r.kit
	if kit == nil {
		var err error
		if kit, err = httpjs.KitFor(rt); err != nil {
			conn.Finish(httpjs.Outcome{Err: errs.Internal(err)})
			return
		}
		r.kit = kit // a router belongs to one runtime
	}
	req, res := kit.NewExchange(&s.in, s.ex, conn, inst)
	s.res = res
	if !r.mount(req, s.mountPath) {
		conn.Finish(httpjs.Outcome{})
		return
	}
	log := inst.Logger()
	if r.onListenerError == nil { // a router belongs to one instance: made once
		r.onListenerError = func(err error) {
			log.Warnf("a req/res event listener threw (Node would crash here): %s", jsrt.Describe(inst.Wrap(err)))
		}
	}
	res.OnListenerError = r.onListenerError
	s.host = requestHost{inst: inst, rt: rt, conn: conn, res: res}
	h := &s.host
	func() {
		defer func() {
			if p := recover(); p != nil {
				// A throw from our own Go→JS plumbing (e.g. next() itself failing): answer as next(err).
				if v, ok := p.(goja.Value); ok {
					h.out(v)
					return
				}
				// A Go panic of ours: contain it to this request (500) rather than leave it hanging.
				log.Errorf("router: Go panic while dispatching %s %s: %v\n%s", req.Method, req.OriginalURL, p, debug.Stack())
				conn.Finish(httpjs.Outcome{Err: errs.Internal(fmt.Errorf("router: %v", p))})
			}
		}()
		r.handle(req, res, h)
	}()
	// The handler's microtasks have run (this was the outermost JS call). A response completed in this
	// job with no 'finish'/'close' listener on res or req by now is closed quietly: the loop turn after
	// Pump would emit to nobody. (A listener attached in a later job races the socket in Node as well.)
	if res.Ended && res.QuietClose() {
		s.quiet.Store(true)
	}
}

// requestHost is the host of one request's dispatch.
type requestHost struct {
	inst *jsrt.Instance
	rt   *goja.Runtime
	conn *httpjs.Conn
	res  *httpjs.Response
}

func (h *requestHost) classify(err error) (goja.Value, bool) {
	err = h.inst.Wrap(err)
	var terr *jsrt.TimeoutError
	if errors.As(err, &terr) {
		return nil, true
	}
	var ie *goja.InterruptedError
	if errors.As(err, &ie) {
		return nil, true
	}
	var jex *jsrt.Exception
	if errors.As(err, &jex) && jex.Value != nil {
		return jex.Value, false
	}
	var gex *goja.Exception
	if errors.As(err, &gex) {
		return gex.Value(), false
	}
	return h.rt.NewGoError(err), false
}

// later runs fn on a later loop turn: Express leaves the router on setImmediate.
func (h *requestHost) later(fn func()) { h.inst.RunOnLoop(func(*goja.Runtime) { fn() }) }

func (h *requestHost) warn(format string, args ...any) { h.inst.Logger().Warnf(format, args...) }

func (h *requestHost) out(v goja.Value) {
	res, conn := h.res, h.conn
	if !truthy(v) {
		if res.HeadersSent {
			conn.Finish(httpjs.Outcome{})
			return
		}
		conn.Finish(httpjs.Outcome{Header: res.Header()})
		return
	}
	if res.HeadersSent {
		h.inst.Logger().Warnf("error after the response started; closing the connection: %s", describe(v))
		conn.Abort()
		return
	}
	conn.Finish(httpjs.Outcome{Err: jsError(h.rt, v), Header: res.Header()})
}

// mount sets req.url/req.baseUrl as the endpoint router's use('/<prefix>', router) layer would.
func (r *Router) mount(req *httpjs.Request, mountPath string) bool {
	if mountPath == "" || mountPath == "/" {
		return true
	}
	p := r.mounts[mountPath] // loop only, like every Router field
	if p == nil {
		var err error
		if p, err = CompilePattern(PathSpec{Str: mountPath}, PatternOptions{End: false}); err != nil {
			return false
		}
		if r.mounts == nil {
			r.mounts = map[string]*Pattern{}
		}
		r.mounts[mountPath] = p
	}
	path := req.Pathname()
	matched, _, ok := p.Match(path)
	if !ok || !hasPrefix(path, matched) {
		return false
	}
	protohost := getProtohost(req.URL) // absolute-form targets keep their scheme and host, as in Express
	rest := req.URL[len(protohost)+len(matched):]
	if protohost == "" && (rest == "" || rest[0] != '/') {
		rest = "/" + rest
	}
	req.URL = protohost + rest
	if len(matched) > 0 && matched[len(matched)-1] == '/' {
		matched = matched[:len(matched)-1]
	}
	req.BaseURL = matched
	return true
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// abortConnection drops the client connection mid-response, as Node destroys the socket when an error
// arrives after headers were sent.
func abortConnection(c *gin.Context) {
	if hj, ok := c.Writer.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}
