// Package globals installs Node 22's globals on every jsrt instance: global, process, Buffer, URL and
// URLSearchParams (whatwg-url), TextEncoder/TextDecoder, atob/btoa, structuredClone, AbortController/AbortSignal,
// Event/EventTarget, DOMException, performance, WeakRef/FinalizationRegistry, Error.captureStackTrace
// and the cheap language gaps (Promise.withResolvers, Object.groupBy, Symbol.asyncIterator...).
package globals

import (
	_ "embed"
	"fmt"
	"time"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	_ "github.com/dxhost/dxhost/jsrt/node/buffer"
	_ "github.com/dxhost/dxhost/jsrt/node/events"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
	_ "github.com/dxhost/dxhost/jsrt/node/process"
	_ "github.com/dxhost/dxhost/jsrt/node/timers"
)

//go:embed globals.gen.js
var source string

var asset = jsmod.New("node:internal/globals", source)

func init() {
	jsrt.RegisterGlobals("node", Install)
}

// Install sets the globals on rt (a jsrt.RegisterGlobals setup). Order matters: the JS modules loaded
// afterwards (process, buffer) capture URL, TextEncoder and friends at load time.
func Install(i *jsrt.Instance, rt *goja.Runtime) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if ex, ok := r.(*goja.Exception); ok {
				err = fmt.Errorf("node globals: %s", ex.String())
				return
			}
			err = fmt.Errorf("node globals: %v", r)
		}
	}()
	module := rt.NewObject()
	module.Set("exports", rt.NewObject())
	origin := time.Now()
	asset.Load(rt, module, host.Require, func(rt *goja.Runtime) *goja.Object { return binding(rt, origin) })
	g := rt.GlobalObject()
	g.Set("process", host.Require(rt, "process"))
	// util.promisify(setTimeout) and (setImmediate) give the timers/promises forms, as in Node.
	if v, err := rt.RunString(`Symbol.for('nodejs.util.promisify.custom')`); err == nil {
		sym, _ := v.(*goja.Symbol)
		timers := host.Require(rt, "timers").ToObject(rt).Get("promises").ToObject(rt)
		for _, name := range []string{"setTimeout", "setImmediate"} {
			if fn, ok := g.Get(name).(*goja.Object); ok {
				_ = fn.DefineDataPropertySymbol(sym, timers.Get(name), goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE)
			}
		}
	}
	buffer := host.Require(rt, "buffer").ToObject(rt)
	g.Set("Buffer", buffer.Get("Buffer"))
	for _, name := range []string{"Blob", "File"} {
		if err := g.DefineDataProperty(name, buffer.Get(name), goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE); err != nil {
			return err
		}
	}
	return nil
}
