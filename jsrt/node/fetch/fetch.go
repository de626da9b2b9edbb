// Package fetch gives Node 22's global fetch, Request, Response, Headers and FormData (Blob and File
// come from the buffer module):
// node-fetch v2 over the Go-backed http/https/zlib modules, with Node 22's defaults and errors.
// The globals load on first use, so instances that never fetch pay nothing.
package fetch

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	_ "github.com/dxhost/dxhost/jsrt/node/http"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
	_ "github.com/dxhost/dxhost/jsrt/node/zlib"
)

//go:embed fetch.gen.js
var source string

var asset = jsmod.New("node:internal/fetch", source)

// moduleName is where the implementation is registered (not a Node module name).
const moduleName = "internal/dxhost/fetch"

func init() {
	jsrt.RegisterModule(moduleName, func(rt *goja.Runtime, module *goja.Object) {
		asset.Load(rt, module, host.Require, nil)
	})
	jsrt.RegisterGlobals("node:fetch", Install)
}

// Install defines the globals as lazy accessors (assignable, as Node's are).
func Install(_ *jsrt.Instance, rt *goja.Runtime) error {
	g := rt.GlobalObject()
	for _, name := range []string{"fetch", "Request", "Response", "Headers", "FormData"} {
		name := name
		getter := rt.ToValue(func() goja.Value {
			return host.Require(rt, moduleName).ToObject(rt).Get(name)
		})
		setter := rt.ToValue(func(v goja.Value) {
			_ = g.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		})
		if err := g.DefineAccessorProperty(name, getter, setter, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return err
		}
	}
	return nil
}
