// Package stringdecoder is Node's string_decoder module: the npm port of Node's StringDecoder.
package stringdecoder

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed string_decoder.gen.js
var source string

var asset = jsmod.New("node:string_decoder", source)

func init() {
	jsrt.RegisterModule("string_decoder", Require)
}

// Require loads the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	asset.Load(rt, module, host.Require, nil)
}
