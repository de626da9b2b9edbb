// Package util is Node's util module: Node's own util.inspect (node-inspect-extracted) and the npm util port.
package util

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed util.gen.js
var source string

var asset = jsmod.New("node:util", source)

func init() {
	jsrt.RegisterModule("util", Require)
	jsrt.RegisterModule("sys", func(rt *goja.Runtime, module *goja.Object) { // Node's deprecated alias of util
		module.Set("exports", host.Require(rt, "util"))
	})
	jsrt.RegisterModule("util/types", func(rt *goja.Runtime, module *goja.Object) {
		module.Set("exports", host.Require(rt, "util").ToObject(rt).Get("types"))
	})
}

// Require loads the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	asset.Load(rt, module, host.Require, binding)
}

// binding lets util.inspect see a promise's state and value, as Node's does through V8.
func binding(rt *goja.Runtime) *goja.Object {
	b := rt.NewObject()
	b.Set("promiseState", func(v goja.Value) []any {
		p, ok := v.Export().(*goja.Promise)
		if !ok {
			return []any{0, goja.Undefined()}
		}
		switch p.State() {
		case goja.PromiseStateFulfilled:
			return []any{1, p.Result()}
		case goja.PromiseStateRejected:
			return []any{2, p.Result()}
		}
		return []any{0, goja.Undefined()}
	})
	return b
}
