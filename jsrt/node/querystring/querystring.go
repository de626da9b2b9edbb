// Package querystring is Node's querystring module: querystring-es3 with escape/unescape.
package querystring

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed querystring.gen.js
var source string

var asset = jsmod.New("node:querystring", source)

func init() {
	jsrt.RegisterModule("querystring", Require)
}

// Require loads the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	asset.Load(rt, module, host.Require, nil)
}
