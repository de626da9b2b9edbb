// Package url is Node's url module: the host's WHATWG URL with the npm port of Node's legacy url.
package url

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed url.gen.js
var source string

var asset = jsmod.New("node:url", source)

func init() {
	jsrt.RegisterModule("url", Require)
}

// Require loads the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	asset.Load(rt, module, host.Require, nil)
}
