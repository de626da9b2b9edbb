package jsrt

import (
	"fmt"
	"runtime/debug"
	"sync/atomic"

	"github.com/dop251/goja"
)

// Go runs work on its own goroutine; the func it returns (may be nil) then runs on the loop.
// The work counts as pending, so Close waits for it. A panic in work is logged and contained.
// Once the instance has terminated, work is not started.
func (i *Instance) Go(work func() func(rt *goja.Runtime)) {
	if i.terminated() {
		return
	}
	i.pending.Add(1)
	go func() {
		var then func(*goja.Runtime)
		func() {
			defer func() {
				if r := recover(); r != nil {
					i.log.Errorf("jsrt: Go panic contained in Instance.Go work: %v\n%s", r, debug.Stack())
				}
			}()
			then = work()
		}()
		ok := i.enqueue(func(rt *goja.Runtime) {
			defer i.pending.Add(-1)
			if then != nil {
				then(rt)
			}
		})
		if !ok {
			i.donePending()
		}
	}()
}

// donePending ends one unit of pending work off the loop and wakes the loop so a Close in
// progress notices.
func (i *Instance) donePending() {
	i.pending.Add(-1)
	i.kick()
}

// NewPromise returns a pending promise whose resolve/reject may be called from any goroutine, once
// (later calls are ignored); settling happens on the loop. Call it on the loop. The promise counts
// as pending work until settled. v may be a func(*goja.Runtime) goja.Value, called on the loop to
// build the value; a Go error given to reject becomes a JS Error (a GoError whose cause Go code can
// unwrap), an *Exception rejects with its original JS value.
func (i *Instance) NewPromise() (p *goja.Promise, resolve func(v any), reject func(v any)) {
	p, res, rej := i.rt.NewPromise()
	i.pending.Add(1)
	var settled atomic.Bool
	settle := func(v any, rejecting bool) {
		if !settled.CompareAndSwap(false, true) {
			return
		}
		ok := i.enqueue(func(rt *goja.Runtime) {
			defer i.pending.Add(-1)
			val, failed := i.settleValue(v, rejecting)
			var err error
			if rejecting || failed {
				err = rej(val)
			} else {
				err = res(val)
			}
			i.reportCallbackError("promise continuation", err)
		})
		if !ok {
			i.donePending()
		}
	}
	return p, func(v any) { settle(v, false) }, func(v any) { settle(v, true) }
}

// GoPromise runs work on a goroutine and returns a promise (call on the loop) settled with its
// result: resolved with the value, rejected with the error or with a contained panic.
func (i *Instance) GoPromise(work func() (any, error)) *goja.Promise {
	p, resolve, reject := i.NewPromise()
	i.Go(func() func(*goja.Runtime) {
		defer func() {
			if r := recover(); r != nil {
				reject(fmt.Errorf("Go panic: %w", panicError(r)))
			}
		}()
		v, err := work()
		if err != nil {
			reject(err)
		} else {
			resolve(v)
		}
		return nil
	})
	return p
}

// settleValue converts what Go handed to resolve/reject into a JS value; failed reports a panic in
// a value builder, which then rejects the promise.
func (i *Instance) settleValue(v any, rejecting bool) (val goja.Value, failed bool) {
	defer func() {
		if r := recover(); r != nil {
			if isGojaPanic(r) {
				if gv, ok := r.(goja.Value); ok {
					val, failed = gv, true
					return
				}
				if ex, ok := r.(*goja.Exception); ok {
					val, failed = ex.Value(), true
					return
				}
			}
			val, failed = i.rt.NewGoError(fmt.Errorf("Go panic: %w", panicError(r))), true
		}
	}()
	switch x := v.(type) {
	case func(*goja.Runtime) goja.Value:
		return x(i.rt), false
	case goja.Value:
		return x, false
	case *Exception:
		if x.Value != nil {
			return x.Value, false
		}
		return i.rt.NewGoError(x), false
	case error:
		if rejecting {
			return i.rt.NewGoError(x), false
		}
	}
	return i.rt.ToValue(v), false
}
