// Package punycode is Node's deprecated punycode module (the npm package it was taken from); old
// dependencies such as whatwg-url 5 (node-fetch 2) still require it.
package punycode

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed punycode.gen.js
var source string

var asset = jsmod.New("node:punycode", source)

func init() {
	jsrt.RegisterModule("punycode", Require)
}

// Require loads the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	asset.Load(rt, module, host.Require, nil)
}
