// Package httpjs gives JavaScript the Express 4 `req` and `res` objects of one request. Hot methods are
// Go functions on prototypes shared by every request of a runtime; rarer ones are small JS functions
// (prelude.js) over the very npm helpers Express uses (assets/helpers.js). Per-request state lives in
// Go (Request, Response) and is found from `this` through a hidden symbol.
package httpjs

import (
	_ "embed"
	"fmt"
	"net"
	"sync"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
)

// Loop schedules work on the runtime's event loop; *jsrt.Instance satisfies it.
type Loop interface {
	RunOnLoop(fn func(rt *goja.Runtime)) bool
}

//go:embed assets/helpers.js
var helpersSource string

//go:embed prelude.js
var preludeSource string

var (
	helpersOnce, preludeOnce       sync.Once
	helpersProgram, preludeProgram *goja.Program
	errHelpers, errPrelude         error
	kitSymbol                      = goja.NewSymbol("dxhost.httpjs.kit")
)

// helpers compiles the helper bundle once per process, the first time a runtime needs it (it is large:
// processes whose extensions never call such a method never pay for it).
func helpers() (*goja.Program, error) {
	helpersOnce.Do(func() {
		helpersProgram, errHelpers = goja.Compile("express-helpers.js", helpersSource, true)
		if errHelpers != nil {
			errHelpers = fmt.Errorf("compile express helpers: %w", errHelpers)
		}
	})
	return helpersProgram, errHelpers
}

func prelude() (*goja.Program, error) {
	preludeOnce.Do(func() {
		preludeProgram, errPrelude = goja.Compile("httpjs-prelude.js", preludeSource, true)
		if errPrelude != nil {
			errPrelude = fmt.Errorf("compile httpjs prelude: %w", errPrelude)
		}
	})
	return preludeProgram, errPrelude
}

// Kit holds one runtime's req/res prototypes and helpers. Build it with KitFor, on the loop.
type Kit struct {
	rt         *goja.Runtime
	reqProto   *goja.Object
	resProto   *goja.Object
	helpers    *goja.Object // lazily evaluated bundle
	stringify  goja.Callable
	sendFn     goja.Value   // res.send as defined here, to tell it from a replacement
	jsonSize   int          // capacity to start res.json's buffer with, from recent answers
	bufferCtor *goja.Object // global Buffer, when the runtime has one
	isBuffer   goja.Callable
	bufferFrom goja.Callable
	emit       goja.Callable // EventEmitter.prototype.emit of the prelude

	objectProto, arrayProto *goja.Object   // the intrinsics, whatever the globals now hold
	inst                    *jsrt.Instance // the runtime's instance, nil for a bare runtime
}

// KitFor returns rt's Kit, creating it on first use (loop only).
func KitFor(rt *goja.Runtime) (*Kit, error) {
	if v := rt.GlobalObject().GetSymbol(kitSymbol); v != nil {
		if k, ok := v.Export().(*Kit); ok {
			return k, nil
		}
	}
	k, err := newKit(rt)
	if err != nil {
		return nil, err
	}
	if err := rt.GlobalObject().DefineDataPropertySymbol(kitSymbol, rt.ToValue(k), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE); err != nil {
		return nil, fmt.Errorf("store httpjs kit: %w", err)
	}
	return k, nil
}

func newKit(rt *goja.Runtime) (*Kit, error) {
	preludeProg, err := prelude()
	if err != nil {
		return nil, err
	}
	// Compile the helper bundle in the background now, so that the first req.query or res.cookie finds it
	// ready instead of compiling inside a request's time budget.
	go func() { _, _ = helpers() }()
	k := &Kit{rt: rt, reqProto: rt.NewObject(), resProto: rt.NewObject()}
	k.objectProto = k.reqProto.Prototype()
	k.arrayProto = rt.NewArray().Prototype()
	k.inst = jsrt.FromRuntime(rt)
	stringify, ok := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("stringify"))
	if !ok {
		return nil, fmt.Errorf("JSON.stringify is not a function")
	}
	k.stringify = stringify
	if b, ok := rt.Get("Buffer").(*goja.Object); ok {
		k.bufferCtor = b
		k.isBuffer, _ = goja.AssertFunction(b.Get("isBuffer"))
		k.bufferFrom, _ = goja.AssertFunction(b.Get("from"))
	}
	k.defineRequest()
	k.defineResponse()
	setup, err := rt.RunProgram(preludeProg)
	if err != nil {
		return nil, fmt.Errorf("run httpjs prelude: %w", err)
	}
	fn, ok := goja.AssertFunction(setup)
	if !ok {
		return nil, fmt.Errorf("httpjs prelude did not yield a function")
	}
	natives := rt.NewObject()
	if readable := streamReadable(rt); readable != nil {
		_ = natives.Set("Readable", readable)
	}
	_ = natives.Set("helpers", func() goja.Value { return k.loadHelpers() })
	_ = natives.Set("byteLength", func(s string) int { return len(s) })
	_ = natives.Set("isIP", func(s string) bool { return net.ParseIP(s) != nil })
	ee, err := fn(goja.Undefined(), k.reqProto, k.resProto, natives)
	if err != nil {
		return nil, fmt.Errorf("set up req/res prototypes: %w", err)
	}
	if err := k.defineSendFile(natives); err != nil {
		return nil, fmt.Errorf("set up res.sendFile: %w", err)
	}
	emit, ok := goja.AssertFunction(ee.ToObject(rt).Get("prototype").ToObject(rt).Get("emit"))
	if !ok {
		return nil, fmt.Errorf("prelude EventEmitter has no emit")
	}
	k.emit = emit
	return k, nil
}

// loadHelpers evaluates the helper bundle the first time a method needs it.
func (k *Kit) loadHelpers() goja.Value {
	if k.helpers != nil {
		return k.helpers
	}
	prog, err := helpers()
	if err != nil {
		panic(k.rt.NewGoError(err))
	}
	v, err := k.rt.RunProgram(prog)
	if err != nil {
		panic(k.rt.NewGoError(fmt.Errorf("load express helpers: %w", err)))
	}
	k.helpers = v.ToObject(k.rt)
	return k.helpers
}

// TrustProxy decides whether X-Forwarded-* headers from a peer are believed (Express's "trust proxy"
// for req.protocol, req.hostname, req.ips). Directus's default IP_TRUST_PROXY is true; the server wiring
// replaces this to follow the env before serving (it is read on every use, not copied). req.ip itself
// is gin's ClientIP.
var TrustProxy = func(remoteIP string) bool { return true }

// ownState finds the Go state of a req/res object.
func ownState[T any](rt *goja.Runtime, this goja.Value) T {
	var zero T
	if obj, ok := this.(*goja.Object); ok {
		if s, ok := obj.Export().(T); ok {
			return s
		}
	}
	_ = zero
	panic(rt.NewTypeError("Illegal invocation: not an Express request/response object"))
}

func (k *Kit) isBufferValue(v goja.Value) bool {
	if k.isBuffer == nil {
		return false
	}
	r, err := k.isBuffer(goja.Undefined(), v)
	return err == nil && r.ToBoolean()
}

// emitEvent calls obj.emit(name, ...args) — the object's own emit, so the stream module's
// EventEmitter and the prelude's both work; a throwing listener's error is returned for logging.
func (k *Kit) emitEvent(obj *goja.Object, name string, args ...goja.Value) error {
	emit, ok := goja.AssertFunction(obj.Get("emit"))
	if !ok {
		emit = k.emit
	}
	all := append([]goja.Value{k.rt.ToValue(name)}, args...)
	_, err := emit(obj, all...)
	return err
}

// streamReadable is require('stream').Readable of the instance owning rt, or nil (no instance, or no
// stream module): then req is a minimal readable.
func streamReadable(rt *goja.Runtime) goja.Value {
	inst := jsrt.FromRuntime(rt)
	if inst == nil {
		return nil
	}
	mod, err := inst.Require("stream")
	if err != nil || mod == nil {
		return nil
	}
	o, ok := mod.(*goja.Object)
	if !ok {
		return nil
	}
	r := o.Get("Readable")
	if _, ok := goja.AssertFunction(r); !ok {
		return nil
	}
	return r
}
