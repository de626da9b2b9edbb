// Package assert is Node's assert module: the npm port of Node's assert.
package assert

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed assert.gen.js
var source string

var asset = jsmod.New("node:assert", source)

func init() {
	jsrt.RegisterModule("assert", Require)
	jsrt.RegisterModule("assert/strict", func(rt *goja.Runtime, module *goja.Object) {
		module.Set("exports", host.Require(rt, "assert").ToObject(rt).Get("strict"))
	})
}

// Require loads the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	asset.Load(rt, module, host.Require, nil)
}
