// Package module is Node's module module: createRequire (a require resolving from any file, through
// the instance's own resolver), builtinModules and isBuiltin.
package module

import (
	"net/url"
	"sort"
	"strings"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
)

// builtins are the Node 22 core module names dxhost answers for (require('module').builtinModules).
var builtins = []string{"assert", "assert/strict", "buffer", "child_process", "crypto", "diagnostics_channel", "dns", "dns/promises",
	"events", "fs", "fs/promises", "http", "http2", "https", "module", "net", "os", "path", "path/posix", "perf_hooks", "process", "punycode", "querystring", "readline", "readline/promises", "stream", "stream/consumers", "stream/promises", "stream/web",
	"string_decoder", "sys", "timers", "timers/promises", "tls", "tty", "url", "util", "util/types", "zlib"}

func init() {
	jsrt.RegisterModule("module", Require)
}

// Require builds the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	exports := module.Get("exports").ToObject(rt)
	names := append([]string(nil), builtins...)
	sort.Strings(names)
	exports.Set("builtinModules", names)
	exports.Set("isBuiltin", func(name string) bool {
		n := strings.TrimPrefix(name, "node:")
		for _, b := range builtins {
			if b == n {
				return true
			}
		}
		return false
	})
	exports.Set("createRequire", func(call goja.FunctionCall) goja.Value {
		from := call.Argument(0)
		var path string
		if o, ok := from.(*goja.Object); ok && !goja.IsUndefined(o.Get("href")) {
			path = o.Get("href").String()
		} else {
			path = from.String()
		}
		if strings.HasPrefix(path, "file:") {
			u, err := url.Parse(path)
			if err != nil {
				panic(rt.NewTypeError("The argument 'filename' must be a file URL object, file URL string, or absolute path string. Received " + path))
			}
			path = u.Path
		}
		if !strings.HasPrefix(path, "/") {
			e := rt.NewTypeError("The argument 'filename' must be a file URL object, file URL string, or absolute path string. Received '" + path + "'")
			e.Set("code", "ERR_INVALID_ARG_VALUE")
			panic(e)
		}
		return host.Instance(rt).RequireFunc(path)
	})
	exports.Set("syncBuiltinESMExports", func() {})
}
