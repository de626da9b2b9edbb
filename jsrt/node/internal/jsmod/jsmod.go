// Package jsmod runs the embedded JavaScript half of a Node built-in module as a CommonJS module:
// compiled once per process, evaluated once per runtime by the module registry.
package jsmod

import (
	"fmt"
	"sync"

	"github.com/dop251/goja"
)

// Asset is one generated CommonJS module (see jsrt/node/gen).
type Asset struct {
	name   string
	source string

	once sync.Once
	prog *goja.Program
	err  error
}

// New describes the module name (e.g. "node:events", for stack traces) and its source.
func New(name, source string) *Asset {
	return &Asset{name: name, source: source}
}

// Binding builds the Go half of a module for one runtime; the JS half gets it from require("#binding").
type Binding func(rt *goja.Runtime) *goja.Object

// RequireFunc resolves a built-in module name for the JS half (the host registry's require).
type RequireFunc func(rt *goja.Runtime, name string) goja.Value

// Load evaluates the asset into module (its "exports" is replaced as CommonJS allows). It panics with a JS
// error, which is how a ModuleLoader reports failure to the require() that called it.
func (a *Asset) Load(rt *goja.Runtime, module *goja.Object, require RequireFunc, binding Binding) {
	prog, err := a.compile()
	if err != nil {
		panic(rt.NewGoError(err))
	}
	wrapper, err := rt.RunProgram(prog)
	if err != nil {
		panic(rt.NewGoError(fmt.Errorf("%s: %w", a.name, err)))
	}
	fn, ok := goja.AssertFunction(wrapper)
	if !ok {
		panic(rt.NewGoError(fmt.Errorf("%s: the module wrapper is not a function", a.name)))
	}
	var bound goja.Value = goja.Undefined()
	req := rt.ToValue(func(call goja.FunctionCall) goja.Value {
		name := call.Argument(0).String()
		if name == "#binding" {
			if bound == goja.Undefined() && binding != nil {
				bound = binding(rt)
			}
			return bound
		}
		return require(rt, name)
	})
	exports := module.Get("exports")
	if _, err := fn(exports, exports, req, module, rt.ToValue(a.name), rt.ToValue("/")); err != nil {
		panic(err)
	}
}

func (a *Asset) compile() (*goja.Program, error) {
	a.once.Do(func() {
		// The wrapper stays on the first line so line numbers in stack traces match the asset.
		src := "(function (exports, require, module, __filename, __dirname) {" + a.source + "\n})"
		a.prog, a.err = goja.Compile(a.name, src, true)
		if a.err != nil {
			a.err = fmt.Errorf("compile %s: %w", a.name, a.err)
		}
	})
	return a.prog, a.err
}
