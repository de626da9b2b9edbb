// Package diagnosticschannel is Node's diagnostics_channel: named channels libraries publish to.
package diagnosticschannel

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed diagnostics_channel.gen.js
var source string

var asset = jsmod.New("node:diagnostics_channel", source)

func init() {
	jsrt.RegisterModule("diagnostics_channel", Require)
}

// Require loads the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	asset.Load(rt, module, host.Require, nil)
}
