// Package events is Node's events module: the npm port of Node's EventEmitter, with errorMonitor and events.on.
package events

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed events.gen.js
var source string

var asset = jsmod.New("node:events", source)

func init() {
	jsrt.RegisterModule("events", Require)
}

// Require loads the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	asset.Load(rt, module, host.Require, nil)
}
