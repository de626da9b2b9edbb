// Package crypto is Node's crypto module: Go does the cryptography (crypto/*, x/crypto), the JS half
// gives Node's classes, streams and encodings. The global crypto is its webcrypto subset.
package crypto

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed crypto.gen.js
var source string

var asset = jsmod.New("node:crypto", source)

func init() {
	jsrt.RegisterModule("crypto", Require)
	jsrt.RegisterGlobals("node:crypto", func(i *jsrt.Instance, rt *goja.Runtime) error {
		cryptoKey := rt.ToValue(func() goja.Value { return host.Require(rt, "crypto").ToObject(rt).Get("CryptoKey") })
		if err := rt.GlobalObject().DefineAccessorProperty("CryptoKey", cryptoKey, nil, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return err
		}
		// Node's global crypto is webcrypto; loaded on first touch so instances that never use it pay nothing.
		return rt.GlobalObject().DefineAccessorProperty("crypto", rt.ToValue(func() goja.Value {
			return host.Require(rt, "crypto").ToObject(rt).Get("webcrypto")
		}), rt.ToValue(func(v goja.Value) {
			_ = rt.GlobalObject().DefineDataProperty("crypto", v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
		}), goja.FLAG_TRUE, goja.FLAG_TRUE)
	})
}

// Require loads the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	asset.Load(rt, module, host.Require, binding)
}
