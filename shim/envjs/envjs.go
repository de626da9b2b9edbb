// Package envjs evaluates a JavaScript CONFIG_PATH file (.js, .cjs, .mjs) the way @directus/env does:
// the module's default export (or module.exports) is either an object of variables or a function called
// with process.env that returns one. It implements services/env's Options.JSConfig.
package envjs

import (
	"errors"
	"fmt"
	"os"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"

	"github.com/dxhost/dxhost/services/query"
)

// Read evaluates the file at path with processEnv as process.env. The file may not require other
// modules (dxhost gives config files no module system).
func Read(path string, processEnv map[string]string) ([]string, map[string]any, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	// esbuild turns an ES module (export default …) into CommonJS; CommonJS passes through.
	res := api.Transform(string(src), api.TransformOptions{
		Format: api.FormatCommonJS, Platform: api.PlatformNode, Target: api.ES2020, Sourcefile: path, Loader: api.LoaderJS,
	})
	if len(res.Errors) > 0 {
		e := res.Errors[0]
		if e.Location != nil {
			return nil, nil, fmt.Errorf("%s:%d:%d: %s", path, e.Location.Line, e.Location.Column, e.Text)
		}
		return nil, nil, errors.New(e.Text)
	}

	rt := goja.New()
	envObj := rt.NewObject()
	for k, v := range processEnv {
		_ = envObj.Set(k, v)
	}
	process := rt.NewObject()
	_ = process.Set("env", envObj)
	_ = rt.Set("process", process)

	wrapped := "(function (module, exports, require) {" + string(res.Code) + "\n})"
	fnVal, err := rt.RunScript(path, wrapped)
	if err != nil {
		return nil, nil, err
	}
	fn, _ := goja.AssertFunction(fnVal)
	module := rt.NewObject()
	exports := rt.NewObject()
	_ = module.Set("exports", exports)
	require := rt.ToValue(func(call goja.FunctionCall) goja.Value {
		panic(rt.NewGoError(fmt.Errorf("Cannot find module '%s' (dxhost config files cannot require modules)", call.Argument(0).String())))
	})
	if _, err := fn(goja.Undefined(), module, exports, require); err != nil {
		return nil, nil, err
	}

	exported := module.Get("exports")
	obj, ok := exported.(*goja.Object)
	if !ok {
		return nil, nil, invalidExport(rt, exported)
	}
	if def := obj.Get("default"); def != nil && hasOwnOrIn(rt, obj, "default") {
		exported = def
	}
	if call, ok := goja.AssertFunction(exported); ok {
		if exported, err = call(goja.Undefined(), envObj); err != nil {
			return nil, nil, err
		}
	} else if o, ok := exported.(*goja.Object); !ok || !isPlainObject(rt, o) {
		return nil, nil, invalidExport(rt, exported)
	}
	return toConfig(rt, exported)
}

func hasOwnOrIn(rt *goja.Runtime, obj *goja.Object, key string) bool {
	in, err := rt.RunString("(function (o, k) { return k in o; })")
	if err != nil {
		return false
	}
	f, _ := goja.AssertFunction(in)
	v, err := f(goja.Undefined(), obj, rt.ToValue(key))
	return err == nil && v.ToBoolean()
}

func isPlainObject(rt *goja.Runtime, o *goja.Object) bool {
	check, err := rt.RunString("(function (o) { var p = Object.getPrototypeOf(o); return p === null || p === Object.prototype; })")
	if err != nil {
		return false
	}
	f, _ := goja.AssertFunction(check)
	v, err := f(goja.Undefined(), o)
	return err == nil && v.ToBoolean()
}

// invalidExport is Directus's message, which always says "undefined": its template reads a variable
// that is not in scope (typeof of an undeclared name).
func invalidExport(*goja.Runtime, goja.Value) error {
	return errors.New(`Invalid JS configuration file export type. Requires one of "function", "object", received: "undefined"`)
}

// toConfig turns the configuration object into ordered keys and JSON-like Go values (via JSON, so
// functions and undefined values are dropped).
func toConfig(rt *goja.Runtime, v goja.Value) ([]string, map[string]any, error) {
	stringify, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("stringify"))
	s, err := stringify(goja.Undefined(), v)
	if err != nil {
		return nil, nil, err
	}
	if s == nil || goja.IsUndefined(s) {
		return nil, nil, errors.New("configuration is not an object")
	}
	parsed, err := query.DecodeJSON([]byte(s.String()))
	if err != nil {
		return nil, nil, err
	}
	o, ok := parsed.(*query.Object)
	if !ok {
		return nil, nil, errors.New("configuration is not an object")
	}
	keys := o.Keys()
	values := make(map[string]any, len(keys))
	for _, k := range keys {
		val, _ := o.Get(k)
		values[k] = query.Plain(val)
	}
	return keys, values, nil
}
