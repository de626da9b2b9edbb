// Package zlib is Node's zlib module over Go's compress/gzip, compress/zlib, compress/flate and
// andybalholm/brotli.
package zlib

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed zlib.gen.js
var source string

var asset = jsmod.New("node:zlib", source)

func init() {
	jsrt.RegisterModule("zlib", Require)
}

// Require loads the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	asset.Load(rt, module, host.Require, binding)
}
