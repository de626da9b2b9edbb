package router

import (
	"errors"
	"strings"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/shim/httpjs"
)

// host connects a dispatch to what runs it (Serve): errors from JS calls, deferred steps, warnings
// and the router's outcome.
type host interface {
	// classify turns an error from a JS call into the value for next(err), or stop=true when JS was
	// interrupted (watchdog, shutdown) and nothing more may run.
	classify(err error) (v goja.Value, stop bool)
	later(fn func()) // run fn on a later loop turn (Express's setImmediate)
	warn(format string, args ...any)
	out(err goja.Value) // the router finished: err is nil/falsy to pass on
}

// dispatch is one run of Router.prototype.handle for one request.
type dispatch struct {
	r            *Router
	rt           *goja.Runtime
	req          *httpjs.Request
	res          *httpjs.Response
	reqV, resV   goja.Value
	h            host
	idx          int
	protohost    string
	removed      string
	slashAdded   bool
	parentURL    string
	parentParams goja.Value
	saved        struct {
		baseURL      string
		next, params goja.Value
	}
	options  []string
	called   map[string]*paramCall
	next     goja.Value
	finished bool
	firstRun routeRun
}

type paramCall struct {
	err   goja.Value
	match string
	value goja.Value
}

// handle starts dispatching req/res through the router (loop only).
func (r *Router) handle(req *httpjs.Request, res *httpjs.Response, h host) {
	d := &dispatch{r: r, rt: r.rt, req: req, res: res, reqV: req.Object(), resV: res.Object(), h: h}
	d.protohost = getProtohost(req.URL)
	d.parentURL = req.BaseURL
	d.parentParams = req.Params
	d.saved.baseURL, d.saved.next, d.saved.params = req.BaseURL, req.Next, req.Params
	req.Next, req.NextLazy = nil, d // req.next is made when read, or when a handler is given it
	d.nextLayer(nil)
}

// NextValue is the router's next function, made on first use (httpjs.Request.NextLazy).
func (d *dispatch) NextValue() goja.Value {
	if d.next == nil {
		d.next = d.rt.ToValue(func(call goja.FunctionCall) goja.Value {
			d.nextLayer(call.Argument(0))
			return goja.Undefined()
		})
	}
	return d.next
}

// orNext is next, or the router's own next when next is nil (how the router's next is passed around
// before anything needed it made).
func (d *dispatch) orNext(next goja.Value) goja.Value {
	if next == nil {
		return d.NextValue()
	}
	return next
}

// done restores req and leaves the router; OPTIONS without a handler gets Express's automatic answer.
func (d *dispatch) done(err goja.Value) {
	if d.finished {
		return
	}
	d.req.BaseURL, d.req.Next, d.req.Params, d.req.LazyParams = d.saved.baseURL, d.saved.next, d.saved.params, nil
	d.req.NextLazy = nil
	if d.req.Method == "OPTIONS" && !truthy(err) && len(d.options) > 0 {
		if ferr := d.sendOptions(); ferr != nil {
			err = ferr
		} else {
			return
		}
	}
	d.finished = true
	d.h.out(err)
}

func (d *dispatch) sendOptions() goja.Value {
	body := d.rt.ToValue(strings.Join(d.options, ","))
	res := d.resV.ToObject(d.rt)
	set, _ := goja.AssertFunction(res.Get("set"))
	send, _ := goja.AssertFunction(res.Get("send"))
	if set == nil || send == nil {
		return d.rt.NewTypeError("res.set/res.send are not functions")
	}
	if _, err := set(res, d.rt.ToValue("Allow"), body); err != nil {
		return d.thrown(err)
	}
	if _, err := send(res, body); err != nil {
		return d.thrown(err)
	}
	return nil
}

func truthy(v goja.Value) bool { return v != nil && v.ToBoolean() }

func isString(v goja.Value, s string) bool {
	if v == nil || isObj(v) {
		return false
	}
	str, ok := v.Export().(string)
	return ok && str == s
}

// nextLayer is the router's next(err).
func (d *dispatch) nextLayer(err goja.Value) {
	layerError := err
	if isString(err, "route") {
		layerError = nil
	}
	if d.slashAdded {
		d.req.URL = sliceFrom(d.req.URL, 1)
		d.slashAdded = false
	}
	if d.removed != "" {
		d.req.BaseURL = d.parentURL
		d.req.URL = d.protohost + d.removed + sliceFrom(d.req.URL, len(d.protohost))
		d.removed = ""
	}
	if isString(layerError, "router") {
		d.h.later(func() { d.done(nil) })
		return
	}
	stack := d.r.stack
	if d.idx >= len(stack) {
		le := layerError
		d.h.later(func() { d.done(le) })
		return
	}
	path := pathname(d.req.URL)

	var l *layer
	var matched string
	var params []paramValue
	match := false
	for !match && d.idx < len(stack) {
		l = stack[d.idx]
		d.idx++
		var merr error
		matched, params, match, merr = layerMatch(l.pattern, path)
		if merr != nil {
			if !truthy(layerError) {
				layerError = d.decodeError(merr)
			}
			match = false
			continue
		}
		if !match || l.route == nil {
			continue
		}
		if truthy(layerError) {
			match = false
			continue
		}
		method := d.req.Method
		has := l.route.handlesMethod(method)
		if !has && method == "OPTIONS" {
			for _, m := range l.route.options() {
				if !contains(d.options, m) {
					d.options = append(d.options, m)
				}
			}
		}
		if !has && method != "HEAD" {
			match = false
		}
	}
	if !match {
		d.done(layerError)
		return
	}
	if l.route != nil {
		d.req.Route = l.route.obj
	}
	if len(params) == 0 {
		d.req.Params, d.req.LazyParams = nil, nil // an empty object, built if read
	} else {
		d.req.Params, d.req.LazyParams = nil, func() goja.Value { return d.paramsObject(params) }
	}
	if len(l.pattern.Keys()) == 0 || len(d.r.params) == 0 {
		d.afterParams(l, layerError, matched, path, nil) // no router.param callbacks: no closure either
		return
	}
	d.processParams(l, params, func(perr goja.Value) { d.afterParams(l, layerError, matched, path, perr) })
}

// afterParams continues nextLayer once the router.param callbacks are done.
func (d *dispatch) afterParams(l *layer, layerError goja.Value, matched, path string, perr goja.Value) {
	switch {
	case truthy(perr):
		if truthy(layerError) {
			d.nextLayer(layerError)
		} else {
			d.nextLayer(perr)
		}
	case l.route != nil:
		d.dispatchRoute(l)
	default:
		d.trimPrefix(l, layerError, matched, path)
	}
}

func (d *dispatch) paramsObject(params []paramValue) goja.Value {
	o := d.rt.NewObject()
	for _, p := range params {
		if p.Defined {
			_ = o.Set(p.Name, p.Value)
		} else {
			_ = o.Set(p.Name, goja.Undefined())
		}
	}
	return o
}

func (d *dispatch) decodeError(err error) goja.Value {
	e, cerr := d.rt.New(d.rt.Get("URIError"), d.rt.ToValue(err.Error()))
	if cerr != nil {
		return d.rt.NewGoError(err)
	}
	_ = e.Set("status", 400)
	_ = e.Set("statusCode", 400)
	return e
}

func (d *dispatch) trimPrefix(l *layer, layerError goja.Value, layerPath, path string) {
	if layerPath != "" {
		if !strings.HasPrefix(path, layerPath) {
			d.nextLayer(layerError)
			return
		}
		if len(path) > len(layerPath) {
			if c := path[len(layerPath)]; c != '/' && c != '.' {
				d.nextLayer(layerError)
				return
			}
		}
		d.removed = layerPath
		d.req.URL = d.protohost + sliceFrom(d.req.URL, len(d.protohost)+len(d.removed))
		if d.protohost == "" && !strings.HasPrefix(d.req.URL, "/") {
			d.req.URL = "/" + d.req.URL
			d.slashAdded = true
		}
		d.req.BaseURL = d.parentURL + strings.TrimSuffix(d.removed, "/") // no trailing slash
	}
	if truthy(layerError) {
		d.handleError(l, layerError, nil)
	} else {
		d.handleRequest(l, nil)
	}
}

// handleRequest is Layer.prototype.handle_request (plus: a returned promise's rejection goes to next).
// next nil is the router's own next.
func (d *dispatch) handleRequest(l *layer, next goja.Value) {
	if l.arity > 3 {
		d.callNext(d.orNext(next), nil)
		return
	}
	if next == nil && l.nextUnseen {
		d.invoke(l, nil, d.reqV, d.resV) // the handler cannot see next: made only if needed
		return
	}
	next = d.orNext(next)
	d.invoke(l, next, d.reqV, d.resV, next)
}

// handleError is Layer.prototype.handle_error. next nil is the router's own next.
func (d *dispatch) handleError(l *layer, err goja.Value, next goja.Value) {
	next = d.orNext(next)
	if l.arity != 4 {
		d.callNext(next, err)
		return
	}
	d.invoke(l, next, err, d.reqV, d.resV, next)
}

func (d *dispatch) callNext(next goja.Value, err goja.Value) {
	fn, _ := goja.AssertFunction(next)
	if err == nil {
		err = goja.Undefined()
	}
	if _, cerr := fn(goja.Undefined(), err); cerr != nil {
		d.propagate(cerr)
	}
}

// invoke calls the layer's handler; a throw or a rejection of the promise it returns goes to next
// (nil: the router's own).
func (d *dispatch) invoke(l *layer, next goja.Value, args ...goja.Value) {
	ret, err := l.call(goja.Undefined(), args...)
	if err != nil {
		if v := d.thrownOrStop(err); v != nil {
			d.callNext(d.orNext(next), v)
		}
		return
	}
	if o, then := thenable(ret); then != nil { // the closure only for a returned promise
		d.watchPromise(l, o, then, func(reason goja.Value) { d.callNext(d.orNext(next), reason) })
	}
}

// thenable is ret and its then method when ret is an object with one (a returned promise).
func thenable(ret goja.Value) (*goja.Object, goja.Callable) {
	o, ok := ret.(*goja.Object)
	if !ok {
		return nil, nil
	}
	then, ok := goja.AssertFunction(o.Get("then"))
	if !ok {
		return nil, nil
	}
	return o, then
}

// watchPromise sends a rejection of a handler's returned promise (o, with its then) to next(err).
// Express 4 ignores it (and Node then kills Directus); answering it like a thrown error is our
// documented deviation.
func (d *dispatch) watchPromise(l *layer, o *goja.Object, then goja.Callable, deliver func(reason goja.Value)) {
	onRejected := d.rt.ToValue(func(call goja.FunctionCall) goja.Value {
		reason := call.Argument(0)
		key := l
		if l.owner != nil {
			key = l.owner
		}
		if !d.r.warned[key] {
			d.r.warned[key] = true
			{
				d.h.warn("a handler (or param callback) of %s %s returned a rejected promise; answering it as next(err) (Express 4 would leave it unhandled): %s",
					d.req.Method, d.req.BaseURL+pathname(d.req.URL), describe(reason))
			}
		}
		if !truthy(reason) {
			e, _ := d.rt.New(d.rt.Get("Error"), d.rt.ToValue("Rejected promise"))
			reason = e
		}
		deliver(reason)
		return goja.Undefined()
	})
	if _, err := then(o, goja.Undefined(), onRejected); err != nil {
		d.propagate(err)
	}
}

func describe(v goja.Value) string {
	if o, ok := v.(*goja.Object); ok {
		if st := o.Get("stack"); st != nil && !goja.IsUndefined(st) {
			return st.String()
		}
	}
	if v == nil {
		return "undefined"
	}
	return v.String()
}

// thrownOrStop turns a call error into the JS value to pass to next, or nil when JS was interrupted
// (the watchdog or a shutdown): nothing more may run for this request.
func (d *dispatch) thrownOrStop(err error) goja.Value {
	v, stop := d.h.classify(err)
	if stop {
		return nil
	}
	return v
}

func (d *dispatch) thrown(err error) goja.Value {
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return ex.Value()
	}
	return d.rt.NewGoError(err)
}

// propagate handles an error escaping a Go→JS call made outside a handler (e.g. next itself threw).
func (d *dispatch) propagate(err error) {
	if v := d.thrownOrStop(err); v != nil {
		panic(v)
	}
}

// processParams is Router.prototype.process_params: router.param callbacks, once per value.
func (d *dispatch) processParams(l *layer, params []paramValue, done func(err goja.Value)) {
	keys := l.pattern.Keys()
	if len(keys) == 0 || len(d.r.params) == 0 {
		done(nil)
		return
	}
	if d.called == nil {
		d.called = map[string]*paramCall{}
	}
	i := 0
	var param func(err goja.Value)
	param = func(err goja.Value) {
		if truthy(err) {
			done(err)
			return
		}
		if i >= len(keys) {
			done(nil)
			return
		}
		name := keys[i].Name
		i++
		paramsObj := d.reqV.ToObject(d.rt).Get("params").ToObject(d.rt)
		val := paramsObj.Get(name)
		callbacks := d.r.params[name]
		if val == nil || goja.IsUndefined(val) || len(callbacks) == 0 {
			param(nil)
			return
		}
		valStr := val.String()
		if pc := d.called[name]; pc != nil && (pc.match == valStr || (truthy(pc.err) && !isString(pc.err, "route"))) {
			_ = paramsObj.Set(name, pc.value)
			param(pc.err)
			return
		}
		pc := &paramCall{match: valStr, value: val}
		d.called[name] = pc
		idx := 0
		var cb func(err goja.Value)
		cb = func(err goja.Value) {
			pc.value = paramsObj.Get(name)
			if truthy(err) {
				pc.err = err
				param(err)
				return
			}
			if idx >= len(callbacks) {
				param(nil)
				return
			}
			fn, _ := goja.AssertFunction(callbacks[idx])
			idx++
			next := d.rt.ToValue(func(call goja.FunctionCall) goja.Value { cb(call.Argument(0)); return goja.Undefined() })
			ret, cerr := fn(goja.Undefined(), d.reqV, d.resV, next, val, d.rt.ToValue(name))
			if cerr != nil {
				if v := d.thrownOrStop(cerr); v != nil {
					cb(v)
				}
				return
			}
			if o, then := thenable(ret); then != nil { // an async param callback's rejection is its next(err), like handlers'
				d.watchPromise(l, o, then, cb)
			}
		}
		cb(nil)
	}
	param(nil)
}

// dispatchRoute is Route.prototype.dispatch: the route's method handlers in order.
func (d *dispatch) dispatchRoute(rl *layer) {
	rte := rl.route
	if len(rte.stack) == 0 {
		d.nextLayer(nil)
		return
	}
	method := strings.ToLower(d.req.Method)
	if method == "head" && !contains(rte.methods, "head") {
		method = "get"
	}
	d.req.Route = rte.obj
	// The first route run lives in the dispatch; a later one (a route's next reached another route)
	// gets its own, since the earlier one's next may still be called.
	rr := &d.firstRun
	if rr.d != nil {
		rr = &routeRun{}
	}
	*rr = routeRun{d: d, rte: rte, method: method}
	rr.step(nil)
}

// routeRun is one pass through a route's stack for one request.
type routeRun struct {
	d      *dispatch
	rte    *route
	method string
	idx    int
	next   goja.Value // the route's own next, made only when a handler can reach a later layer
}

// nextFor is the next handed to the handler at idx-1. Past the last layer for this method, the route's
// next(err) is exactly the router's next(err) ('route' and 'router' included), so the router's
// function is handed over as is: nil, made only when needed (see handleRequest).
func (rr *routeRun) nextFor() goja.Value {
	for _, l := range rr.rte.stack[rr.idx:] {
		if l.method == "" || l.method == rr.method {
			if rr.next == nil {
				rr.next = rr.d.rt.ToValue(func(call goja.FunctionCall) goja.Value {
					rr.step(call.Argument(0))
					return goja.Undefined()
				})
			}
			return rr.next
		}
	}
	return nil
}

func (rr *routeRun) step(err goja.Value) {
	d := rr.d
	if isString(err, "route") {
		d.nextLayer(nil)
		return
	}
	if isString(err, "router") {
		d.nextLayer(err)
		return
	}
	for {
		if rr.idx >= len(rr.rte.stack) {
			d.nextLayer(err)
			return
		}
		l := rr.rte.stack[rr.idx]
		rr.idx++
		if l.method != "" && l.method != rr.method {
			continue
		}
		if truthy(err) {
			d.handleError(l, err, rr.nextFor())
		} else {
			d.handleRequest(l, rr.nextFor())
		}
		return
	}
}

func pathname(u string) string { return httpjs.PathnameOf(u) }

// sliceFrom is String.prototype.slice(i): never out of range, whatever a middleware set req.url to.
func sliceFrom(s string, i int) string {
	if i >= len(s) {
		return ""
	}
	return s[i:]
}

// getProtohost is the "http://host" prefix of an absolute-form request URL, else "".
func getProtohost(u string) string {
	if u == "" || u[0] == '/' {
		return ""
	}
	pathLength := len(u)
	if i := strings.IndexByte(u, '?'); i >= 0 {
		pathLength = i
	}
	fqdn := strings.Index(u[:pathLength], "://")
	if fqdn < 0 {
		return ""
	}
	if j := strings.IndexByte(u[3+fqdn:], '/'); j >= 0 {
		return u[:3+fqdn+j]
	}
	return "" // substring(0, -1)
}
