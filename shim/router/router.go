// Package router is the express.Router() an endpoint extension receives: Express 4.22 routing
// (path-to-regexp 0.1.x paths, layers, routes, params, error middleware, automatic HEAD and OPTIONS)
// implemented in Go, calling the extension's JS handlers with the req/res of shim/httpjs.
//
// Where it knowingly differs from Express 4.22 inside Directus:
//   - a handler's rejected promise goes to next(err) (Express ignores it and Node then kills Directus);
//     a warning is logged once per route;
//   - JS running longer than the instance's time limit answers 503 SERVICE_UNAVAILABLE (or drops the
//     connection when headers were sent);
//   - nested routers (router.use(path, anotherExpressRouter)) are not supported: use() takes functions;
//   - a RegExp path's g/y flags (lastIndex state between requests) are ignored.
package router

import (
	"fmt"
	"strings"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/shim/httpjs"
)

// Router is one extension's router: the layers its register function added, in order.
type Router struct {
	rt     *goja.Runtime
	obj    *goja.Object
	stack  []*layer
	params map[string][]goja.Value // router.param(name, fn)
	// paramHooks are the deprecated router.param(fn) transformers.
	paramHooks []goja.Callable
	warned     map[*layer]bool     // async-rejection warning given (once per route)
	mounts     map[string]*Pattern // compiled mount prefixes (Serve's mountPath)

	onListenerError func(error)   // logs a throwing req/res event listener (made on first request)
	kit             *httpjs.Kit   // the runtime's req/res kit (found on first request)
	fnToString      goja.Callable // Function.prototype.toString, as the runtime had it
}

// layer is an entry of a router stack (use or route) or of a route stack (method handler).
type layer struct {
	pattern *Pattern
	handle  goja.Value
	call    goja.Callable
	arity   int
	// nextUnseen: the handler cannot see a third argument (see nextUnseen); called with (req, res).
	nextUnseen bool
	name       string
	route      *route // router layers made by route(); nil for use()
	method     string // route layers: lower-case method, "" for all()
	owner      *layer // route layers: the router layer of their route (for warnings)
}

type route struct {
	path    goja.Value
	stack   []*layer
	methods []string // Object.keys(route.methods) order, "_all" included as Express does
	obj     *goja.Object
}

// methods are Node's http.METHODS (lower case): each is a router and route method.
var methods = []string{"acl", "bind", "checkout", "connect", "copy", "delete", "get", "head", "link", "lock",
	"m-search", "merge", "mkactivity", "mkcalendar", "mkcol", "move", "notify", "options", "patch", "post",
	"propfind", "proppatch", "purge", "put", "query", "rebind", "report", "search", "source", "subscribe",
	"trace", "unbind", "unlink", "unlock", "unsubscribe"}

// New builds a router and its JS object (loop only): the object is what the register function receives.
func New(rt *goja.Runtime) (*Router, *goja.Object) {
	// Build the runtime's req/res prototypes now, at load time, rather than in the first request's time
	// budget; a failure here is reported by that request.
	_, _ = httpjs.KitFor(rt)
	r := &Router{rt: rt, params: map[string][]goja.Value{}, warned: map[*layer]bool{}}
	if fp, ok := rt.Get("Function").(*goja.Object); ok {
		if proto, ok := fp.Get("prototype").(*goja.Object); ok {
			r.fnToString, _ = goja.AssertFunction(proto.Get("toString"))
		}
	}
	o := rt.NewObject()
	r.obj = o
	for _, m := range append(append([]string(nil), methods...), "all") {
		m := m
		_ = o.Set(m, jsrt.Safe(rt, func(call goja.FunctionCall) goja.Value {
			rte := r.addRoute(call.Argument(0))
			rte.add(r, m, call.Arguments[min(1, len(call.Arguments)):])
			return call.This
		}))
	}
	_ = o.Set("del", o.Get("delete"))
	_ = o.Set("use", jsrt.Safe(rt, func(call goja.FunctionCall) goja.Value {
		r.use(call.Arguments)
		return call.This
	}))
	_ = o.Set("route", jsrt.Safe(rt, func(call goja.FunctionCall) goja.Value {
		return r.addRoute(call.Argument(0)).obj
	}))
	_ = o.Set("param", jsrt.Safe(rt, func(call goja.FunctionCall) goja.Value {
		r.param(call.Argument(0), call.Argument(1))
		return call.This
	}))
	_ = o.Set("caseSensitive", false)
	_ = o.Set("strict", false)
	_ = o.Set("mergeParams", false)
	_ = o.DefineAccessorProperty("stack", rt.ToValue(func(goja.FunctionCall) goja.Value { return r.stackJS() }), nil, goja.FLAG_TRUE, goja.FLAG_TRUE)
	return r, o
}

// Object is the JS router object.
func (r *Router) Object() *goja.Object { return r.obj }

func (r *Router) pathSpec(v goja.Value) (PathSpec, error) {
	if o, ok := v.(*goja.Object); ok {
		switch o.ClassName() {
		case "RegExp":
			return PathSpec{Str: o.Get("source").String(), Flags: o.Get("flags").String(), IsRegExp: true}, nil
		case "Array":
			spec := PathSpec{IsArray: true}
			var err error
			r.rt.ForOf(o, func(el goja.Value) bool {
				var s PathSpec
				if s, err = r.pathSpec(el); err != nil {
					return false
				}
				spec.Array = append(spec.Array, s)
				return true
			})
			return spec, err
		}
	}
	if s, ok := v.Export().(string); ok && !isObj(v) {
		return PathSpec{Str: s}, nil
	}
	return PathSpec{}, fmt.Errorf("path must be a string, array of strings, or regular expression")
}

func isObj(v goja.Value) bool { _, ok := v.(*goja.Object); return ok }

func (r *Router) compile(path goja.Value, end, strict bool) *Pattern {
	spec, err := r.pathSpec(path)
	if err != nil {
		panic(r.rt.NewTypeError(err.Error()))
	}
	p, err := CompilePattern(spec, PatternOptions{End: end, Strict: strict})
	if err != nil {
		panic(r.rt.NewGoError(err))
	}
	return p
}

func (r *Router) newLayer(p *Pattern, fn goja.Value) *layer {
	call, _ := goja.AssertFunction(fn)
	l := &layer{pattern: p, handle: fn, call: call, name: "<anonymous>"}
	if o, ok := fn.(*goja.Object); ok {
		l.arity = int(o.Get("length").ToInteger())
		if n := o.Get("name"); n != nil && n.String() != "" {
			l.name = n.String()
		}
		if call != nil && l.arity < 3 {
			l.nextUnseen = nextUnseen(r.rt, r.fnToString, fn)
		}
	}
	return l
}

// flatten is array-flatten: nested arrays of handlers become one list.
func (r *Router) flatten(args []goja.Value) []goja.Value {
	var out []goja.Value
	for _, a := range args {
		if o, ok := a.(*goja.Object); ok && o.ClassName() == "Array" {
			var inner []goja.Value
			r.rt.ForOf(o, func(el goja.Value) bool { inner = append(inner, el); return true })
			out = append(out, r.flatten(inner)...)
			continue
		}
		out = append(out, a)
	}
	return out
}

// use is Router.prototype.use: an optional path (default "/") then middleware functions.
func (r *Router) use(args []goja.Value) {
	offset := 0
	path := goja.Value(r.rt.ToValue("/"))
	if len(args) > 0 {
		if _, isFn := goja.AssertFunction(args[0]); !isFn {
			first := args[0]
			for {
				o, ok := first.(*goja.Object)
				if !ok || o.ClassName() != "Array" || o.Get("length").ToInteger() == 0 {
					break
				}
				first = o.Get("0")
			}
			if _, isFn := goja.AssertFunction(first); !isFn {
				offset = 1
				path = args[0]
			}
		}
	}
	var callbacks []goja.Value
	if offset < len(args) {
		callbacks = r.flatten(args[offset:])
	}
	if len(callbacks) == 0 {
		panic(r.rt.NewTypeError("Router.use() requires a middleware function"))
	}
	for _, fn := range callbacks {
		if _, ok := goja.AssertFunction(fn); !ok {
			panic(r.rt.NewTypeError("Router.use() requires a middleware function but got a " + gettype(fn)))
		}
		r.stack = append(r.stack, r.newLayer(r.compile(path, false, false), fn))
	}
}

func gettype(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "Null"
	}
	if o, ok := v.(*goja.Object); ok {
		return o.ClassName()
	}
	switch v.Export().(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	case int64, float64:
		return "number"
	}
	return "object"
}

// objectTag is the tag of Object.prototype.toString.call(v).
func objectTag(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "Undefined"
	case goja.IsNull(v):
		return "Null"
	}
	if o, ok := v.(*goja.Object); ok {
		return o.ClassName()
	}
	switch v.Export().(type) {
	case string:
		return "String"
	case bool:
		return "Boolean"
	case int64, float64:
		return "Number"
	}
	return "Object"
}

func (r *Router) addRoute(path goja.Value) *route {
	rte := &route{path: path}
	l := r.newLayer(r.compile(path, true, false), goja.Undefined())
	l.name = "bound dispatch"
	l.arity = 3
	l.route = rte
	r.stack = append(r.stack, l)
	rte.obj = r.routeObject(rte, l)
	return rte
}

func (r *Router) routeObject(rte *route, owner *layer) *goja.Object {
	o := r.rt.NewObject()
	_ = o.Set("path", rte.path)
	for _, m := range append(append([]string(nil), methods...), "all") {
		m := m
		_ = o.Set(m, jsrt.Safe(r.rt, func(call goja.FunctionCall) goja.Value {
			rte.addHandlers(r, owner, m, call.Arguments)
			return call.This
		}))
	}
	_ = o.DefineAccessorProperty("methods", r.rt.ToValue(func(goja.FunctionCall) goja.Value {
		mo := r.rt.NewObject()
		for _, m := range rte.methods {
			_ = mo.Set(m, true)
		}
		return mo
	}), nil, goja.FLAG_TRUE, goja.FLAG_TRUE)
	return o
}

func (rte *route) add(r *Router, method string, handlers []goja.Value) {
	owner := r.stack[len(r.stack)-1]
	rte.addHandlers(r, owner, method, handlers)
}

// addHandlers is Route.prototype[method] / Route.prototype.all.
func (rte *route) addHandlers(r *Router, owner *layer, method string, args []goja.Value) {
	for _, fn := range r.flatten(args) {
		if _, ok := goja.AssertFunction(fn); !ok {
			name := method
			typ := "[object " + objectTag(fn) + "]"
			msg := "Route." + name + "() requires a callback function but got a " + typ
			if method == "all" {
				panic(r.rt.NewTypeError(msg))
			}
			panic(r.rt.NewGoError(fmt.Errorf("%s", msg)))
		}
		l := r.newLayer(nil, fn)
		l.owner = owner
		key := method
		if method == "all" {
			key = "_all"
		} else {
			l.method = method
		}
		if !contains(rte.methods, key) {
			rte.methods = append(rte.methods, key)
		}
		rte.stack = append(rte.stack, l)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (rte *route) handlesMethod(method string) bool {
	if contains(rte.methods, "_all") {
		return true
	}
	name := strings.ToLower(method)
	if name == "head" && !contains(rte.methods, "head") {
		name = "get"
	}
	return contains(rte.methods, name)
}

// options is Route.prototype._options: the upper-cased method keys, HEAD added after GET.
func (rte *route) options() []string {
	out := make([]string, 0, len(rte.methods)+1)
	for _, m := range rte.methods {
		out = append(out, strings.ToUpper(m))
	}
	if contains(rte.methods, "get") && !contains(rte.methods, "head") {
		out = append(out, "HEAD")
	}
	return out
}

// param is Router.prototype.param.
func (r *Router) param(name, fn goja.Value) {
	if hook, ok := goja.AssertFunction(name); ok {
		r.paramHooks = append(r.paramHooks, hook)
		return
	}
	n := name.String()
	if strings.HasPrefix(n, ":") {
		n = n[1:]
	}
	for _, hook := range r.paramHooks {
		ret, err := hook(goja.Undefined(), r.rt.ToValue(n), fn)
		if err != nil {
			panic(err)
		}
		if ret != nil && ret.ToBoolean() {
			fn = ret
		}
	}
	if _, ok := goja.AssertFunction(fn); !ok {
		panic(r.rt.NewGoError(fmt.Errorf("invalid param() call for %s, got %s", n, fn.String())))
	}
	r.params[n] = append(r.params[n], fn)
}

// stackJS exposes a read-only view of the stack (route path and methods), for code that lists routes.
func (r *Router) stackJS() goja.Value {
	items := make([]any, 0, len(r.stack))
	for _, l := range r.stack {
		o := r.rt.NewObject()
		_ = o.Set("name", l.name)
		if l.route != nil {
			_ = o.Set("route", l.route.obj)
		} else {
			_ = o.Set("handle", l.handle)
		}
		items = append(items, o)
	}
	return r.rt.NewArray(items...)
}
