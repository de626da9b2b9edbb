package jsrt

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"
)

// require() resolves, in order: host modules registered with RegisterModule (with or without
// "node:"), then files and packages as Node's CommonJS resolver does — relative and absolute paths
// (X, X.js, X.json, directory package.json "main", index.js, index.json) and bare names from the
// node_modules folders between the requiring file and the extension folder (package.json "exports"
// with the "node", "require" and "default" conditions, else "main"). Node built-ins nobody
// registered fail with a clear "not available in dxhost" error.

// Require loads a module as if required from the extension folder (loop only).
func (i *Instance) Require(name string) (v goja.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = i.recoveredError(r)
		}
	}()
	return i.require(filepath.Join(i.dir, "index.js"), name), nil
}

// RequireFunc returns a JS require function resolving relative to the file from (loop only).
func (i *Instance) RequireFunc(from string) goja.Value { return i.requireFor(from) }

// requireFor builds the require function handed to the module in file from.
func (i *Instance) requireFor(from string) goja.Value {
	rt := i.rt
	req := rt.ToValue(Safe(rt, func(c goja.FunctionCall) goja.Value {
		return i.require(from, i.specifier(c.Argument(0)))
	})).(*goja.Object)
	req.Set("resolve", Safe(rt, func(c goja.FunctionCall) goja.Value {
		spec := i.specifier(c.Argument(0))
		if name, ok := builtinName(spec); ok {
			return rt.ToValue(name)
		}
		p, ok, rerr := i.resolve(from, spec)
		if rerr != nil {
			panic(i.resolveFailure(rerr))
		}
		if !ok {
			panic(i.notFound(spec, from))
		}
		return rt.ToValue(p)
	}))
	req.Set("cache", rt.NewObject())
	return req
}

func (i *Instance) specifier(v goja.Value) string {
	s, ok := v.Export().(string)
	if !ok || !goja.IsString(v) {
		panic(nodeTypeError(i.rt, "ERR_INVALID_ARG_TYPE",
			`The "id" argument must be of type string. Received `+describeReceived(v)))
	}
	if s == "" {
		panic(nodeTypeError(i.rt, "ERR_INVALID_ARG_VALUE", "The argument 'id' must be a non-empty string. Received ''"))
	}
	return s
}

// require returns the exports of spec required from file from; failures panic with a JS error.
func (i *Instance) require(from, spec string) goja.Value {
	if name, ok := builtinName(spec); ok {
		return i.loadBuiltin(name)
	}
	if isNodeBuiltin(spec) {
		panic(i.unavailable(spec))
	}
	p, ok, rerr := i.resolve(from, spec)
	if rerr != nil {
		panic(i.resolveFailure(rerr))
	}
	if !ok {
		panic(i.notFound(spec, from))
	}
	return i.loadFile(p)
}

// builtinName reports whether spec names a registered host module.
func builtinName(spec string) (string, bool) {
	name := strings.TrimPrefix(spec, "node:")
	_, ok := registeredModule(name)
	return name, ok
}

func (i *Instance) loadBuiltin(name string) goja.Value {
	key := "node:" + name
	if m, ok := i.modules[key]; ok {
		return m.Get("exports")
	}
	loader, _ := registeredModule(name)
	m := i.rt.NewObject()
	m.Set("id", name)
	m.Set("exports", i.rt.NewObject())
	i.modules[key] = m
	func() {
		defer func() {
			if r := recover(); r != nil {
				delete(i.modules, key)
				if isGojaPanic(r) {
					panic(r)
				}
				panic(i.rt.NewGoError(fmt.Errorf("loading module %q: Go panic: %w", name, panicError(r))))
			}
		}()
		loader(i.rt, m)
	}()
	m.Set("loaded", true)
	return m.Get("exports")
}

func (i *Instance) loadFile(p string) goja.Value {
	if m, ok := i.modules[p]; ok {
		return m.Get("exports") // cached, or a cycle in progress, as in Node
	}
	m := i.newModule(p)
	i.modules[p] = m
	if strings.EqualFold(filepath.Ext(p), ".json") {
		data, err := os.ReadFile(p)
		if err != nil {
			delete(i.modules, p)
			panic(i.rt.NewGoError(err))
		}
		v, err := i.parseJSON(string(data))
		if err != nil {
			delete(i.modules, p)
			panic(i.rt.NewGoError(fmt.Errorf("%s: %w", p, err)))
		}
		m.Set("exports", v)
		m.Set("loaded", true)
		return v
	}
	prg, err := cachedProgram(p)
	if err == nil {
		err = i.execModule(prg, m, p)
	}
	if err != nil {
		delete(i.modules, p)
		var ex *Exception
		if errors.As(err, &ex) && ex.Value != nil {
			panic(ex.Value)
		}
		var ie *goja.InterruptedError
		if errors.As(err, &ie) {
			panic(ie)
		}
		if errors.As(err, &ex) {
			e := i.rt.NewGoError(err)
			e.Set("name", ex.Name)
			panic(e)
		}
		panic(i.rt.NewGoError(err))
	}
	return m.Get("exports")
}

func (i *Instance) parseJSON(s string) (goja.Value, error) {
	j, ok := i.rt.Get("JSON").(*goja.Object)
	if !ok {
		return nil, errors.New("JSON is not available")
	}
	parse, ok := goja.AssertFunction(j.Get("parse"))
	if !ok {
		return nil, errors.New("JSON.parse is not available")
	}
	v, err := parse(j, i.rt.ToValue(strings.TrimPrefix(s, "\ufeff")))
	if err != nil {
		return nil, i.wrapError(err)
	}
	return v, nil
}

// notFound is Node's MODULE_NOT_FOUND error.
func (i *Instance) notFound(spec, from string) *goja.Object {
	e := i.newError("MODULE_NOT_FOUND", fmt.Sprintf("Cannot find module '%s'\nRequire stack:\n- %s", spec, from))
	e.Set("requireStack", i.rt.NewArray(from))
	return e
}

func (i *Instance) resolveFailure(rerr *resolveError) *goja.Object {
	return i.newError(rerr.code, rerr.message)
}

// unavailable is the error for a Node built-in dxhost does not provide.
func (i *Instance) unavailable(spec string) *goja.Object {
	name := strings.TrimPrefix(spec, "node:")
	where := ""
	if f, ok := firstFrame(i.rt.CaptureCallStack(0, nil)); ok {
		p := f.Position()
		where = fmt.Sprintf(" (required at %s:%d)", p.Filename, p.Line)
	}
	return i.newError("ERR_DXHOST_MODULE_UNAVAILABLE", fmt.Sprintf("Module %q is not available in dxhost%s", name, where))
}

// recoveredError turns a JS error panicked by require into a Go error.
func (i *Instance) recoveredError(r any) error {
	switch x := r.(type) {
	case goja.Value:
		return i.thrownException(x, nil)
	case *goja.Exception:
		return exceptionFrom(x)
	case error:
		return i.wrapError(x)
	}
	return panicError(r)
}

// cachedProgram compiles a file once per process (per size and modification time): node_modules
// packages are shared by instances and reloads.
func cachedProgram(p string) (*goja.Program, error) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	key := programKey{path: p, size: st.Size(), mod: st.ModTime()}
	if prg, ok := programs.Load(key); ok {
		return prg.(*goja.Program), nil
	}
	src, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	prg, err := compileModule(p, string(src), nil)
	if err != nil {
		return nil, err
	}
	programs.Store(key, prg)
	return prg, nil
}

type programKey struct {
	path string
	size int64
	mod  time.Time
}

var programs sync.Map // programKey → *goja.Program
