package extension

import (
	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
)

// registerContext is the second argument of every register function: the keys of spec 02 §2 in
// Directus's order (services, env, database, emitter, logger, getSchema); parts dxhost does not
// provide yet are absent rather than faked.
func (h *Host) registerContext(rt *goja.Runtime, inst *jsrt.Instance) (*goja.Object, error) {
	var parts ContextParts
	if h.opts.Context != nil {
		var err error
		if parts, err = h.opts.Context(rt, inst); err != nil {
			return nil, err
		}
	}
	ctx := rt.NewObject()
	set := func(key string, v goja.Value) {
		if v != nil {
			_ = ctx.Set(key, v)
		}
	}
	set("services", parts.Services)
	set("env", parts.Env)
	if parts.Database == nil && parts.LoadDatabase != nil {
		if err := defineLazy(rt, ctx, "database", parts.LoadDatabase); err != nil {
			return nil, err
		}
	} else {
		set("database", parts.Database)
	}
	set("emitter", newEmitterObject(rt, inst, h.opts.Emitter))
	set("logger", parts.Logger)
	set("getSchema", parts.GetSchema)
	return ctx, nil
}

// defineLazy gives obj an enumerable key whose value load makes when it is first read; from then on
// (or once JS assigns it) it is a plain data property, in the same place among obj's keys.
func defineLazy(rt *goja.Runtime, obj *goja.Object, key string, load func() (goja.Value, error)) error {
	settle := func(v goja.Value) {
		_ = obj.DefineDataProperty(key, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE)
	}
	get := rt.ToValue(func(goja.FunctionCall) goja.Value {
		v, err := load()
		if err != nil {
			panic(rt.NewGoError(err))
		}
		settle(v)
		return v
	})
	set := rt.ToValue(func(call goja.FunctionCall) goja.Value {
		settle(call.Argument(0))
		return goja.Undefined()
	})
	return obj.DefineAccessorProperty(key, get, set, goja.FLAG_TRUE, goja.FLAG_TRUE)
}
