// Package timers is Node's timers module: Timeout/Immediate objects over the event loop's timers.
package timers

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed timers.gen.js
var source string

var asset = jsmod.New("node:timers", source)

func init() {
	jsrt.RegisterModule("timers", Require)
	jsrt.RegisterModule("timers/promises", func(rt *goja.Runtime, module *goja.Object) {
		module.Set("exports", host.Require(rt, "timers").ToObject(rt).Get("promises"))
	})
}

// Require loads the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	asset.Load(rt, module, host.Require, nil)
}
