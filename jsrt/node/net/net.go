// Package net is Node's net and tls client sockets over Go's net and crypto/tls (what ioredis,
// nodemailer and pg need: connect, TLS, STARTTLS upgrade, backpressure). Servers are not offered.
package net

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed net.gen.js
var source string

var asset = jsmod.New("node:net", source)

// moduleName holds both halves (net and tls share the Socket class).
const moduleName = "internal/dxhost/net"

func init() {
	jsrt.RegisterModule(moduleName, func(rt *goja.Runtime, module *goja.Object) {
		asset.Load(rt, module, host.Require, binding)
	})
	for _, name := range []string{"net", "tls"} {
		name := name
		jsrt.RegisterModule(name, func(rt *goja.Runtime, module *goja.Object) {
			module.Set("exports", host.Require(rt, moduleName).ToObject(rt).Get(name))
		})
	}
}
