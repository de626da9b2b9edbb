// Package childprocess registers child_process so that packages which only require it at load time
// (nodemailer's sendmail transport, for one) still load; dxhost never starts processes, so every
// function throws ERR_DXHOST_UNAVAILABLE naming itself and the caller's file:line.
package childprocess

import (
	"fmt"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
)

var functions = []string{"spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"}

func init() {
	jsrt.RegisterModule("child_process", Require)
}

// Require builds the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	exports := module.Get("exports").ToObject(rt)
	for _, name := range functions {
		name := name
		exports.Set(name, func(goja.FunctionCall) goja.Value {
			where := ""
			for _, f := range rt.CaptureCallStack(4, nil) {
				if p := f.Position(); p.Filename != "" {
					where = fmt.Sprintf(" (called at %s:%d)", p.Filename, p.Line)
					break
				}
			}
			e := rt.NewGoError(fmt.Errorf("child_process.%s() is not available in dxhost: extensions cannot start processes%s", name, where))
			e.Set("code", "ERR_DXHOST_UNAVAILABLE")
			panic(e)
		})
	}
	exports.Set("ChildProcess", exports.Get("spawn"))
}
