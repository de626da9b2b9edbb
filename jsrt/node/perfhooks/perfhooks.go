// Package perfhooks is Node's perf_hooks: the global performance object and its entry classes.
// (PerformanceObserver and monitorEventLoopDelay are not offered.)
package perfhooks

import (
	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
)

func init() {
	jsrt.RegisterModule("perf_hooks", Require)
}

// Require builds the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	exports := module.Get("exports").ToObject(rt)
	g := rt.GlobalObject()
	exports.Set("performance", g.Get("performance"))
	exports.Set("PerformanceEntry", g.Get("PerformanceEntry"))
	c := rt.NewObject()
	for k, v := range map[string]int{"NODE_PERFORMANCE_GC_MAJOR": 4, "NODE_PERFORMANCE_GC_MINOR": 1, "NODE_PERFORMANCE_GC_INCREMENTAL": 8, "NODE_PERFORMANCE_GC_WEAKCB": 16} {
		c.Set(k, v)
	}
	exports.Set("constants", c)
}
