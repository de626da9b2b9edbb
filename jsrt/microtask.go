package jsrt

import "github.com/dop251/goja"

// queueMicrotask rides on an already-resolved promise: its reaction job is queued at once, in the
// same FIFO as promise jobs, exactly where Node queues a microtask. An exception thrown by the
// callback is reported like Node's uncaught exception (logged, not fatal) instead of becoming a
// rejected promise.
const microtaskSource = `(function (invalid, report) {
	const resolved = Promise.resolve();
	return function queueMicrotask(callback) {
		if (typeof callback !== 'function') invalid(callback);
		resolved.then(() => { try { callback(); } catch (e) { report(e); } });
	};
})`

func (i *Instance) installMicrotask() {
	rt := i.rt
	factory, err := rt.RunScript("dxhost:queueMicrotask", microtaskSource)
	if err != nil {
		panic(err)
	}
	mk, _ := goja.AssertFunction(factory)
	invalid := rt.ToValue(func(c goja.FunctionCall) goja.Value {
		panic(nodeTypeError(rt, "ERR_INVALID_ARG_TYPE",
			`The "callback" argument must be of type function. Received `+describeReceived(c.Argument(0))))
	})
	report := rt.ToValue(Safe(rt, func(c goja.FunctionCall) goja.Value {
		i.reportThrown("microtask", c.Argument(0))
		return goja.Undefined()
	}))
	fn, err := mk(goja.Undefined(), invalid, report)
	if err != nil {
		panic(err)
	}
	rt.Set("queueMicrotask", fn)
}
