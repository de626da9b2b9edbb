package extension

import (
	"context"
	"fmt"
	"strings"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/loader"
	"github.com/dxhost/dxhost/shim/router"
)

// ContextParts are the register context's keys that come from outside this package; a nil value is
// absent from the object (spec 02 §2 lists services, env, database, emitter, logger, getSchema).
type ContextParts struct {
	Services, Env, Database, Logger, GetSchema goja.Value
	// LoadDatabase, when Database is nil, makes context.database the first time it is read (on the
	// loop). The knex instance costs ~3 MB of heap per extension, and most extensions never use it.
	LoadDatabase func() (goja.Value, error)
}

// ContextBuilder makes the ContextParts for one instance, on its loop.
type ContextBuilder func(rt *goja.Runtime, inst *jsrt.Instance) (ContextParts, error)

// start builds ext, starts an instance for it and runs its register functions. It returns the running
// generation (nil for extensions that have nothing to run) and its mounts.
func (h *Host) start(ctx context.Context, ext *loader.Extension) (*running, []*mount, error) {
	if !ext.IsAPI() {
		return nil, nil, nil // app extensions are listed, never run (spec 01 §4)
	}
	switch ext.Type {
	case "hook", "operation":
		return nil, nil, fmt.Errorf("Couldn't register %s %q: %s extensions are not supported by dxhost yet", ext.Type, ext.Name, ext.Type)
	}
	b, err := loader.BuildExtension(ext)
	if err != nil {
		return nil, nil, fmt.Errorf("Couldn't register %s %q: %w", ext.Type, ext.Name, err)
	}
	for _, w := range b.Warnings {
		h.log.Warnf("Extension %q: %v", ext.Name, w)
	}
	inst, err := jsrt.New(jsrt.Options{
		Name:      ext.Name,
		Dir:       ext.Dir,
		Logger:    h.log.WithField("extension", ext.Name),
		TimeLimit: h.opts.TimeLimit,
	})
	if err != nil {
		return nil, nil, fmt.Errorf("Couldn't register %s %q: %w", ext.Type, ext.Name, err)
	}
	r := &running{folder: ext.Folder, name: ext.Name, inst: inst}
	var mounts []*mount
	err = inst.Do(ctx, func(rt *goja.Runtime) error {
		exports, err := inst.RunModule(b.Filename, b.Code, b.SourceMap)
		if err != nil {
			return err
		}
		regCtx, err := h.registerContext(rt, inst)
		if err != nil {
			return err
		}
		mounts, err = h.register(rt, inst, ext, unwrap(exports, b.ESM), regCtx)
		return err
	})
	for _, m := range mounts {
		m.ext = r
	}
	if err != nil {
		err = fmt.Errorf("Couldn't register %s %q: %s", ext.Type, ext.Name, jsrt.Describe(err))
		if len(mounts) == 0 {
			_ = inst.Close(context.Background())
			return nil, nil, err
		}
		// Like Directus, routes registered before the failure stay mounted (its sub-routers are
		// mounted before the register function runs).
		return r, mounts, err
	}
	return r, mounts, nil
}

// unwrap is Directus's import unwrapping (spec 01 §4.1): an ES module's `default` if it has one,
// otherwise the namespace; for CommonJS, module.exports itself (Node exposes it as `default`).
func unwrap(exports goja.Value, esm bool) goja.Value {
	if !esm {
		return exports
	}
	if o, ok := exports.(*goja.Object); ok {
		if d := o.Get("default"); d != nil && !goja.IsUndefined(d) {
			return d
		}
	}
	return exports
}

// register dispatches on the extension type and returns the routers it mounted.
func (h *Host) register(rt *goja.Runtime, inst *jsrt.Instance, ext *loader.Extension, mod goja.Value, regCtx *goja.Object) ([]*mount, error) {
	if ext.Type == "endpoint" {
		m, err := h.registerEndpoint(rt, inst, ext.Name, mod, regCtx)
		if m == nil {
			return nil, err
		}
		return []*mount{m}, err
	}
	// bundle: all three arrays must exist, entries registered hooks, endpoints, operations in that order.
	obj, _ := mod.(*goja.Object)
	if obj == nil {
		return nil, typeErrorf("bundle module exports nothing")
	}
	lists := map[string]*goja.Object{}
	for _, key := range []string{"hooks", "endpoints", "operations"} {
		l, _ := obj.Get(key).(*goja.Object)
		if l == nil {
			return nil, typeErrorf("Cannot read properties of undefined (reading '%s')", key)
		}
		lists[key] = l
	}
	for _, key := range []string{"hooks", "operations"} {
		if n := lists[key].Get("length").ToInteger(); n > 0 {
			inst.Logger().Warnf("Bundle %q: its %d %s entries are not run (dxhost does not support %s yet)", ext.Name, n, key, key)
		}
	}
	var mounts []*mount
	eps := lists["endpoints"]
	for i := int64(0); i < eps.Get("length").ToInteger(); i++ {
		entry, _ := eps.Get(fmt.Sprint(i)).(*goja.Object)
		if entry == nil {
			return mounts, typeErrorf("bundle endpoint entry %d is not an object", i)
		}
		m, err := h.registerEndpoint(rt, inst, entry.Get("name").String(), entry.Get("config"), regCtx)
		if m != nil {
			mounts = append(mounts, m)
		}
		if err != nil {
			return mounts, err // earlier entries stay registered, as in Directus
		}
	}
	return mounts, nil
}

// registerEndpoint calls one endpoint's register function with a fresh router (spec 02 §1, 01 §5.2).
func (h *Host) registerEndpoint(rt *goja.Runtime, inst *jsrt.Instance, name string, config goja.Value, regCtx *goja.Object) (*mount, error) {
	routeID := name
	fn, isFn := goja.AssertFunction(config)
	if isFn {
		if i := strings.IndexByte(routeID, ':'); i >= 0 {
			routeID = routeID[:i]
		}
	} else {
		obj, _ := config.(*goja.Object)
		if obj == nil {
			return nil, typeErrorf("endpoint %q exports neither a function nor { id, handler }", name)
		}
		if fn, isFn = goja.AssertFunction(obj.Get("handler")); !isFn {
			return nil, typeErrorf("endpoint %q exports neither a function nor { id, handler } (a CommonJS build with exports.default is unwrapped only once, as Directus does)", name)
		}
		routeID = fmt.Sprint(obj.Get("id").Export())
	}
	rtr, rtrObj := router.New(rt)
	m := &mount{prefix: "/" + routeID, router: rtr}
	ret, err := fn(goja.Undefined(), rtrObj, regCtx)
	if err != nil {
		return m, err
	}
	watchRegisterPromise(rt, inst, name, ret)
	return m, nil
}

// watchRegisterPromise logs the rejection of an async register function. Directus never awaits it and
// its rejection kills the Node process; dxhost logs it and keeps serving.
func watchRegisterPromise(rt *goja.Runtime, inst *jsrt.Instance, name string, ret goja.Value) {
	p, ok := ret.Export().(*goja.Promise)
	if !ok {
		return
	}
	obj := ret.ToObject(rt)
	then, ok := goja.AssertFunction(obj.Get("then"))
	if !ok || p == nil {
		return
	}
	onReject := rt.ToValue(func(reason goja.Value) {
		inst.Logger().Warnf("Couldn't register endpoint %q: its async register function rejected: %s", name, describeValue(reason))
	})
	_, _ = then(obj, goja.Undefined(), onReject)
}

func describeValue(v goja.Value) string {
	if o, ok := v.(*goja.Object); ok {
		if s := o.Get("stack"); s != nil && !goja.IsUndefined(s) {
			return s.String()
		}
	}
	return v.String()
}

// typeErrorf is a registration failure worded as the TypeError Node would throw for it.
func typeErrorf(format string, args ...any) error {
	return fmt.Errorf("TypeError: "+format, args...)
}
