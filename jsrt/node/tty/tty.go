// Package tty is Node's tty module as a server process sees it: no descriptor is a terminal (an
// extension's output goes to the log), so isatty is false and the stream classes are never TTYs.
package tty

import (
	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
)

func init() {
	jsrt.RegisterModule("tty", Require)
}

// Require builds the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	build, err := rt.RunString(`(function (exports, net) {
  exports.isatty = function isatty(fd) { return false; };
  class ReadStream extends net.Socket { constructor(fd, options) { super(options); this.fd = fd; this.isTTY = false; this.isRaw = false; } setRawMode() { return this; } }
  class WriteStream extends net.Socket {
    constructor(fd) { super(); this.fd = fd; this.isTTY = false; this.columns = 80; this.rows = 24; }
    getColorDepth() { return 1; }
    hasColors() { return false; }
    getWindowSize() { return [this.columns, this.rows]; }
  }
  exports.ReadStream = ReadStream;
  exports.WriteStream = WriteStream;
})`)
	if err != nil {
		panic(err)
	}
	fn, _ := goja.AssertFunction(build)
	if _, err := fn(goja.Undefined(), module.Get("exports"), host.Require(rt, "net")); err != nil {
		panic(err)
	}
}
