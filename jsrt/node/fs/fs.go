// Package fs is Node's fs and fs/promises: Go's os package does the I/O (off the event loop for the
// callback and promise forms), the JS half gives Node's API shape, errors, Stats and streams.
package fs

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed fs.gen.js
var source string

var asset = jsmod.New("node:fs", source)

func init() {
	jsrt.RegisterModule("fs", Require)
	jsrt.RegisterModule("fs/promises", func(rt *goja.Runtime, module *goja.Object) {
		module.Set("exports", host.Require(rt, "fs").ToObject(rt).Get("promises"))
	})
}

// Require loads the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	asset.Load(rt, module, host.Require, binding)
}
