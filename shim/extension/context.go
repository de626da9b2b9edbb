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
	set("database", parts.Database)
	set("emitter", newEmitterObject(rt, inst, h.opts.Emitter))
	set("logger", parts.Logger)
	set("getSchema", parts.GetSchema)
	return ctx, nil
}
