// Package readline is Node's readline and readline/promises for non-terminal use: lines from a
// stream (events or async iteration) and question() over an input/output pair.
package readline

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed readline.gen.js
var source string

var asset = jsmod.New("node:readline", source)

func init() {
	jsrt.RegisterModule("readline", Require)
	jsrt.RegisterModule("readline/promises", func(rt *goja.Runtime, module *goja.Object) {
		module.Set("exports", host.Require(rt, "readline").ToObject(rt).Get("promises"))
	})
}

// Require loads the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	asset.Load(rt, module, host.Require, nil)
}
