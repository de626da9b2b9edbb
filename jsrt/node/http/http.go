// Package http is Node's http and https client over Go's net/http (pooled connections, streaming
// bodies with backpressure). Servers are not offered: extensions serve HTTP through their routes.
package http

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed http.gen.js
var source string

var asset = jsmod.New("node:http", source)

func init() {
	jsrt.RegisterModule("internal/dxhost/http", func(rt *goja.Runtime, module *goja.Object) {
		asset.Load(rt, module, host.Require, binding)
	})
	jsrt.RegisterModule("http", func(rt *goja.Runtime, module *goja.Object) {
		module.Set("exports", host.Require(rt, "internal/dxhost/http").ToObject(rt).Get("http"))
	})
	jsrt.RegisterModule("https", func(rt *goja.Runtime, module *goja.Object) {
		module.Set("exports", host.Require(rt, "internal/dxhost/http").ToObject(rt).Get("https"))
	})
}
