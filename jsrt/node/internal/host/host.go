// Package host is the node modules' narrow door to the jsrt core: the module registry's require and
// the instance that owns a runtime.
package host

import (
	"errors"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
)

// Require returns the built-in module name for rt, throwing a JS error if it cannot be loaded.
func Require(rt *goja.Runtime, name string) goja.Value {
	inst := jsrt.FromRuntime(rt)
	if inst == nil {
		panic(rt.NewGoError(errors.New("node modules need a runtime created by jsrt.New")))
	}
	v, err := inst.Require(name)
	if err != nil {
		var ex *goja.Exception
		if errors.As(err, &ex) {
			panic(ex)
		}
		panic(rt.NewGoError(err))
	}
	return v
}

// Instance is the jsrt instance owning rt (nil for a bare runtime).
func Instance(rt *goja.Runtime) *jsrt.Instance {
	return jsrt.FromRuntime(rt)
}
