// Package stream is Node's stream module: readable-stream v4, the port of Node 18's streams.
package stream

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed stream.gen.js
var source string

var asset = jsmod.New("node:stream", source)

func init() {
	jsrt.RegisterModule("stream", Require)
	for sub, prop := range map[string]string{"stream/promises": "promises", "stream/consumers": "consumers"} {
		prop := prop
		jsrt.RegisterModule(sub, func(rt *goja.Runtime, module *goja.Object) {
			module.Set("exports", host.Require(rt, "stream").ToObject(rt).Get(prop))
		})
	}
}

// Require loads the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	asset.Load(rt, module, host.Require, nil)
}
