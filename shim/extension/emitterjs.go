package extension

import (
	"context"
	"errors"
	"fmt"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/services/emitter"
)

// newEmitterObject is context.emitter: Directus's Emitter API (spec 02 §2.5) over the shared Go emitter.
// Listeners may live in other extensions' instances: each call hops to the listener's own loop, and
// values cross between instances as exported Go values (objects are copied, functions are not).
func newEmitterObject(rt *goja.Runtime, inst *jsrt.Instance, em *emitter.Emitter) *goja.Object {
	a := &emitterAdapter{rt: rt, inst: inst, em: em}
	o := rt.NewObject()
	methods := []struct {
		name string
		fn   func(goja.FunctionCall) goja.Value
	}{
		{"emitFilter", a.emitFilter},
		{"emitAction", a.emitAction},
		{"emitInit", a.emitInit},
		{"onFilter", a.on(emitter.Filter)},
		{"onAction", a.on(emitter.Action)},
		{"onInit", a.on(emitter.Init)},
		{"offFilter", a.off(emitter.Filter)},
		{"offAction", a.off(emitter.Action)},
		{"offInit", a.off(emitter.Init)},
		{"offAll", func(goja.FunctionCall) goja.Value { em.OffAll(); return goja.Undefined() }},
		{"countFilterListeners", a.count(emitter.Filter)},
		{"countActionListeners", a.count(emitter.Action)},
		{"countInitListeners", a.count(emitter.Init)},
	}
	for _, m := range methods {
		_ = o.Set(m.name, m.fn)
	}
	return o
}

type emitterAdapter struct {
	rt   *goja.Runtime
	inst *jsrt.Instance
	em   *emitter.Emitter
	subs []subscription // this instance's listeners, to find them again for off*
}

type subscription struct {
	kind    emitter.Kind
	pattern string
	fn      goja.Value
	l       *emitter.Listener
}

// jsPayload keeps a JS value next to a portable copy of it, so listeners in the emitting instance get
// the very same object (in-place mutation works, as in Directus) and others get a copy.
type jsPayload struct {
	inst  *jsrt.Instance
	value goja.Value
	copy  any
}

func newPayload(inst *jsrt.Instance, v goja.Value) *jsPayload {
	return &jsPayload{inst: inst, value: v, copy: capture(v)}
}

func (a *emitterAdapter) wrap(v goja.Value) any {
	if v == nil || goja.IsUndefined(v) {
		return nil
	}
	return newPayload(a.inst, v)
}

// toJS turns a payload back into a value of rt (the runtime of inst).
func toJS(rt *goja.Runtime, inst *jsrt.Instance, v any) goja.Value {
	switch p := v.(type) {
	case nil:
		return goja.Undefined()
	case *jsPayload:
		if p.inst == inst {
			return p.value
		}
		return rebuild(rt, p.copy)
	case map[string]any:
		o := rt.NewObject()
		for _, k := range sortedKeys(p) {
			_ = o.Set(k, toJS(rt, inst, p[k]))
		}
		return o
	default:
		return rebuild(rt, v)
	}
}

func eventNames(v goja.Value) []string {
	if o, ok := v.(*goja.Object); ok && o.ClassName() == "Array" {
		var out []string
		for _, x := range o.Export().([]any) {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	return []string{v.String()}
}

func (a *emitterAdapter) metaOf(v goja.Value) map[string]any {
	m := map[string]any{}
	if o, ok := v.(*goja.Object); ok {
		for _, k := range o.Keys() {
			m[k] = a.wrap(o.Get(k))
		}
	}
	return m
}

// emitFilter(events, payload, meta, context) → Promise<payload>.
func (a *emitterAdapter) emitFilter(call goja.FunctionCall) goja.Value {
	events := eventNames(call.Argument(0))
	payload, meta, evctx := a.wrap(call.Argument(1)), a.metaOf(call.Argument(2)), a.contextArg(call.Argument(3))
	p, resolve, reject := a.inst.NewPromise()
	go func() {
		out, err := a.em.EmitFilter(context.Background(), events, payload, meta, evctx)
		if err != nil {
			reject(func(rt *goja.Runtime) goja.Value { return errorToJS(rt, a.inst, err) })
			return
		}
		resolve(func(rt *goja.Runtime) goja.Value { return toJS(rt, a.inst, out) })
	}()
	return a.rt.ToValue(p)
}

// emitAction(events, meta, context) → undefined (fire and forget).
func (a *emitterAdapter) emitAction(call goja.FunctionCall) goja.Value {
	a.em.EmitAction(eventNames(call.Argument(0)), a.metaOf(call.Argument(1)), a.contextArg(call.Argument(2)))
	return goja.Undefined()
}

// emitInit(event, meta) → Promise<void>.
func (a *emitterAdapter) emitInit(call goja.FunctionCall) goja.Value {
	event, meta := call.Argument(0).String(), a.metaOf(call.Argument(1))
	p, resolve, _ := a.inst.NewPromise()
	go func() {
		a.em.EmitInit(context.Background(), event, meta)
		resolve(nil)
	}()
	return a.rt.ToValue(p)
}

// contextArg is the listener context: the caller's, or Directus's default `{ accountability: null,
// schema: null }` (its `database` comes with the data layer).
func (a *emitterAdapter) contextArg(v goja.Value) any {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return map[string]any{"accountability": nil, "schema": nil}
	}
	return a.wrap(v)
}

func (a *emitterAdapter) on(kind emitter.Kind) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		pattern := call.Argument(0).String()
		fnVal := call.Argument(1)
		fn, ok := goja.AssertFunction(fnVal)
		if !ok {
			panic(a.rt.NewTypeError("listener must be a function"))
		}
		l := &emitter.Listener{Pattern: pattern, Owner: a.inst, Handle: a.handler(kind, fn)}
		a.subs = append(a.subs, subscription{kind: kind, pattern: pattern, fn: fnVal, l: l})
		a.em.On(kind, l)
		return goja.Undefined()
	}
}

func (a *emitterAdapter) off(kind emitter.Kind) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		pattern, fn := call.Argument(0).String(), call.Argument(1)
		for i, s := range a.subs {
			if s.kind == kind && s.pattern == pattern && s.fn.SameAs(fn) {
				a.em.Off(kind, s.l)
				a.subs = append(a.subs[:i], a.subs[i+1:]...)
				break
			}
		}
		return goja.Undefined()
	}
}

func (a *emitterAdapter) count(kind emitter.Kind) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		return a.rt.ToValue(a.em.Count(kind, call.Argument(0).String()))
	}
}

// handler adapts a JS listener: called on its own instance's loop, awaited if it returns a promise.
// Filters are called (payload, meta, context), actions (meta, context), inits (meta).
func (a *emitterAdapter) handler(kind emitter.Kind, fn goja.Callable) emitter.Handler {
	inst := a.inst
	return func(ctx context.Context, payload any, meta map[string]any, evctx any) (emitter.Result, error) {
		type outcome struct {
			res emitter.Result
			err error
		}
		done := make(chan outcome, 1)
		settle := func(o outcome) {
			select {
			case done <- o:
			default:
			}
		}
		ok := inst.RunOnLoop(func(rt *goja.Runtime) {
			inst.RunTask(&jsrt.Task{OnInterrupt: func(err error) { settle(outcome{err: err}) }}, func(rt *goja.Runtime) {
				var args []goja.Value
				switch kind {
				case emitter.Filter:
					args = []goja.Value{toJS(rt, inst, payload), toJS(rt, inst, meta), toJS(rt, inst, evctx)}
				case emitter.Action:
					args = []goja.Value{toJS(rt, inst, meta), toJS(rt, inst, evctx)}
				default:
					args = []goja.Value{toJS(rt, inst, meta)}
				}
				ret, err := fn(goja.Undefined(), args...)
				if err != nil {
					settle(outcome{err: newThrown(inst, err)})
					return
				}
				result := func(v goja.Value) emitter.Result {
					if v != nil && !goja.IsUndefined(v) {
						return emitter.Result{Value: newPayload(inst, v)}
					}
					// undefined keeps the payload; a listener in another VM got a copy, so what it
					// mutated in place is carried on as the new payload.
					if p, ok := payload.(*jsPayload); ok && p.inst != inst && kind == emitter.Filter {
						if _, isObj := args[0].(*goja.Object); isObj {
							return emitter.Result{Value: newPayload(inst, args[0])}
						}
					}
					return emitter.Result{Keep: true}
				}
				if _, isPromise := ret.Export().(*goja.Promise); !isPromise {
					settle(outcome{res: result(ret)})
					return
				}
				then, _ := goja.AssertFunction(ret.ToObject(rt).Get("then"))
				_, err = then(ret,
					rt.ToValue(func(v goja.Value) { settle(outcome{res: result(v)}) }),
					rt.ToValue(func(v goja.Value) { settle(outcome{err: thrownValue(inst, v)}) }))
				if err != nil {
					settle(outcome{err: err})
				}
			})
		})
		if !ok {
			return emitter.Result{Keep: true}, errors.New("the listening extension was unloaded")
		}
		select {
		case o := <-done:
			return o.res, o.err
		case <-ctx.Done():
			return emitter.Result{}, ctx.Err()
		}
	}
}

// thrown is a value a listener threw, kept with its instance so that the emitting extension gets the
// very value when it is the same instance, and an equivalent Error (same message and own properties,
// e.g. a DirectusError's code/status/extensions) otherwise.
type thrown struct {
	inst    *jsrt.Instance
	value   goja.Value
	message string
	props   *orderedObject // own enumerable properties (a DirectusError's name, code, status, extensions)
}

func (t *thrown) Error() string { return t.message }

func newThrown(inst *jsrt.Instance, err error) error {
	var ex *goja.Exception
	if errors.As(err, &ex) && ex.Value() != nil {
		return thrownValue(inst, ex.Value())
	}
	return err
}

func thrownValue(inst *jsrt.Instance, v goja.Value) error {
	t := &thrown{inst: inst, value: v, message: v.String()}
	if o, ok := v.(*goja.Object); ok {
		if m := o.Get("message"); m != nil && !goja.IsUndefined(m) {
			t.message = m.String()
		}
		if c, ok := capture(o).(*orderedObject); ok {
			t.props = c
		}
	}
	return t
}

// errorToJS rebuilds err as a value of rt (owned by inst).
func errorToJS(rt *goja.Runtime, inst *jsrt.Instance, err error) goja.Value {
	var t *thrown
	if !errors.As(err, &t) {
		return rt.NewGoError(err)
	}
	if t.inst == inst {
		return t.value
	}
	e := rt.NewGoError(errors.New(t.message))
	if t.props != nil {
		for i, k := range t.props.keys {
			if k != "message" {
				_ = e.Set(k, rebuild(rt, t.props.vals[i]))
			}
		}
	}
	return e
}
