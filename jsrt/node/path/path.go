// Package path is Node's path module: path-browserify, the port of Node's POSIX path.
package path

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed path.gen.js
var source string

var asset = jsmod.New("node:path", source)

func init() {
	jsrt.RegisterModule("path", Require)
	jsrt.RegisterModule("path/posix", func(rt *goja.Runtime, module *goja.Object) {
		module.Set("exports", host.Require(rt, "path").ToObject(rt).Get("posix"))
	})
}

// Require loads the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	asset.Load(rt, module, host.Require, nil)
}
