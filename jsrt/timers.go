package jsrt

import (
	"container/heap"
	"math"
	"time"

	"github.com/dop251/goja"
)

// Node's timers: setTimeout/setInterval return Timeout objects (ref, unref, hasRef, refresh, close,
// and a numeric Symbol.toPrimitive so clearTimeout(Number(t)) works); setImmediate returns an
// Immediate (ref, unref, hasRef). Ref'ed ones keep Close waiting, as they keep Node's process alive.

type timer struct {
	id       int64
	when     time.Duration // on the loop clock
	delay    time.Duration
	seq      uint64 // creation/refresh order breaks ties like Node's per-duration lists
	repeat   bool
	fn       goja.Callable
	args     []goja.Value
	obj      *goja.Object
	task     *Task
	ref      bool
	active   bool // in the heap
	index    int
	finished bool // fired (timeout) or cleared
	cleared  bool
}

type immediate struct {
	fn        goja.Callable
	args      []goja.Value
	obj       *goja.Object
	task      *Task
	ref       bool
	cancelled bool
}

// timeoutMax is Node's TIMEOUT_MAX (2^31-1 ms); larger or invalid delays become 1 ms.
const timeoutMax = math.MaxInt32

func (i *Instance) installTimers() {
	rt := i.rt
	i.idSym = goja.NewSymbol("dxhost.timerId")

	tp := rt.NewObject()
	i.timerProto = tp
	tp.Set("ref", Safe(rt, func(c goja.FunctionCall) goja.Value { i.setTimerRef(i.timerOf(c.This), true); return c.This }))
	tp.Set("unref", Safe(rt, func(c goja.FunctionCall) goja.Value { i.setTimerRef(i.timerOf(c.This), false); return c.This }))
	tp.Set("hasRef", Safe(rt, func(c goja.FunctionCall) goja.Value {
		t := i.timerOf(c.This)
		return rt.ToValue(t != nil && t.ref)
	}))
	tp.Set("refresh", Safe(rt, func(c goja.FunctionCall) goja.Value {
		// As in Node, refresh re-arms a timeout that already fired, but not a cleared one.
		if t := i.timerOf(c.This); t != nil && !t.cleared {
			if t.finished {
				t.finished = false
				i.timerIDs[t.id] = t
				if t.ref {
					i.refs++
				}
			}
			i.armTimer(t)
		}
		return c.This
	}))
	tp.Set("close", Safe(rt, func(c goja.FunctionCall) goja.Value { i.clearTimer(i.timerOf(c.This)); return c.This }))
	tp.SetSymbol(goja.SymToPrimitive, Safe(rt, func(c goja.FunctionCall) goja.Value {
		if t := i.timerOf(c.This); t != nil {
			return rt.ToValue(t.id)
		}
		return goja.NaN()
	}))
	tp.SetSymbol(goja.SymToStringTag, "Timeout")

	ip := rt.NewObject()
	i.immProto = ip
	ip.Set("ref", Safe(rt, func(c goja.FunctionCall) goja.Value { i.setImmediateRef(i.immediateOf(c.This), true); return c.This }))
	ip.Set("unref", Safe(rt, func(c goja.FunctionCall) goja.Value { i.setImmediateRef(i.immediateOf(c.This), false); return c.This }))
	ip.Set("hasRef", Safe(rt, func(c goja.FunctionCall) goja.Value {
		im := i.immediateOf(c.This)
		return rt.ToValue(im != nil && im.ref)
	}))
	ip.SetSymbol(goja.SymToStringTag, "Immediate")

	g := rt.GlobalObject()
	g.Set("setTimeout", Safe(rt, func(c goja.FunctionCall) goja.Value { return i.schedule(c, false) }))
	g.Set("setInterval", Safe(rt, func(c goja.FunctionCall) goja.Value { return i.schedule(c, true) }))
	clear := Safe(rt, func(c goja.FunctionCall) goja.Value {
		i.clearTimer(i.timerOf(c.Argument(0)))
		return goja.Undefined()
	})
	g.Set("clearTimeout", clear)
	g.Set("clearInterval", clear)
	g.Set("setImmediate", Safe(rt, i.setImmediate))
	g.Set("clearImmediate", Safe(rt, func(c goja.FunctionCall) goja.Value {
		if im := i.immediateOf(c.Argument(0)); im != nil && !im.cancelled {
			im.cancelled = true
			if im.ref {
				i.refs--
			}
		}
		return goja.Undefined()
	}))
}

func (i *Instance) callbackArg(c goja.FunctionCall) goja.Callable {
	fn, ok := goja.AssertFunction(c.Argument(0))
	if !ok {
		panic(nodeTypeError(i.rt, "ERR_INVALID_ARG_TYPE",
			`The "callback" argument must be of type function. Received `+describeReceived(c.Argument(0))))
	}
	return fn
}

func (i *Instance) schedule(c goja.FunctionCall, repeat bool) goja.Value {
	fn := i.callbackArg(c)
	delay := c.Argument(1).ToFloat()
	if !(delay >= 1 && delay <= timeoutMax) {
		delay = 1
	}
	i.nextTimer++
	t := &timer{
		id:     i.nextTimer,
		delay:  time.Duration(delay * float64(time.Millisecond)),
		repeat: repeat,
		fn:     fn,
		task:   i.current,
		ref:    true,
		index:  -1,
	}
	if len(c.Arguments) > 2 {
		t.args = append([]goja.Value(nil), c.Arguments[2:]...)
	}
	t.obj = i.rt.NewObject()
	t.obj.SetPrototype(i.timerProto)
	t.obj.DefineDataPropertySymbol(i.idSym, i.rt.ToValue(t), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	i.timerIDs[t.id] = t
	i.refs++
	i.armTimer(t)
	return t.obj
}

// armTimer (re)starts t's countdown from now.
func (i *Instance) armTimer(t *timer) {
	i.timerSeq++
	t.seq = i.timerSeq
	t.when = i.now() + t.delay
	if t.active {
		heap.Fix(&i.timers, t.index)
		return
	}
	t.active = true
	heap.Push(&i.timers, t)
}

// timerOf accepts what clearTimeout accepts: a Timeout object, or its numeric (or numeric string) id.
func (i *Instance) timerOf(v goja.Value) *timer {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	if o, ok := v.(*goja.Object); ok {
		h := o.GetSymbol(i.idSym)
		if h == nil {
			return nil
		}
		t, _ := h.Export().(*timer)
		return t
	}
	f := v.ToFloat()
	if f != math.Trunc(f) {
		return nil
	}
	return i.timerIDs[int64(f)]
}

func (i *Instance) clearTimer(t *timer) {
	if t == nil || t.finished {
		return
	}
	t.finished, t.cleared = true, true
	if t.ref {
		i.refs--
	}
	if t.active {
		heap.Remove(&i.timers, t.index)
		t.active = false
	}
	delete(i.timerIDs, t.id)
}

func (i *Instance) setTimerRef(t *timer, ref bool) {
	if t == nil || t.ref == ref {
		return
	}
	t.ref = ref
	if t.finished {
		return // a finished timer keeps nothing alive, whatever its flag says
	}
	if ref {
		i.refs++
	} else {
		i.refs--
	}
}

func (i *Instance) nextTimerDue() (time.Duration, bool) {
	if len(i.timers) == 0 {
		return 0, false
	}
	return i.timers[0].when, true
}

// runTimers fires every timer due now, earliest first; each callback is its own loop job.
func (i *Instance) runTimers() {
	if len(i.timers) == 0 {
		return
	}
	now := i.now()
	limit := len(i.timers) // timers re-armed in this phase wait for the next one
	for n := 0; n < limit && len(i.timers) > 0 && i.timers[0].when <= now; n++ {
		t := heap.Pop(&i.timers).(*timer)
		t.active = false
		if t.repeat {
			i.armTimer(t)
		} else {
			t.finished = true
			delete(i.timerIDs, t.id)
			if t.ref {
				i.refs--
			}
		}
		i.runJob(func(rt *goja.Runtime) {
			i.RunTask(t.task, func(rt *goja.Runtime) {
				_, err := t.fn(t.obj, t.args...)
				i.reportCallbackError("timer callback", err)
			})
		})
		if i.terminated() {
			return
		}
	}
}

func (i *Instance) setImmediate(c goja.FunctionCall) goja.Value {
	fn := i.callbackArg(c)
	im := &immediate{fn: fn, task: i.current, ref: true}
	if len(c.Arguments) > 1 {
		im.args = append([]goja.Value(nil), c.Arguments[1:]...)
	}
	im.obj = i.rt.NewObject()
	im.obj.SetPrototype(i.immProto)
	im.obj.DefineDataPropertySymbol(i.idSym, i.rt.ToValue(im), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_FALSE)
	i.immediates = append(i.immediates, im)
	i.refs++
	return im.obj
}

func (i *Instance) immediateOf(v goja.Value) *immediate {
	o, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	h := o.GetSymbol(i.idSym)
	if h == nil {
		return nil
	}
	im, _ := h.Export().(*immediate)
	return im
}

func (i *Instance) setImmediateRef(im *immediate, ref bool) {
	if im == nil || im.ref == ref {
		return
	}
	im.ref = ref
	if im.cancelled {
		return
	}
	if ref {
		i.refs++
	} else {
		i.refs--
	}
}

// runImmediates runs the immediates queued before this phase; ones they queue wait for the next turn.
func (i *Instance) runImmediates() {
	batch := i.immediates
	if len(batch) == 0 {
		return
	}
	i.immediates = nil
	for _, im := range batch {
		if im.cancelled {
			continue
		}
		im.cancelled = true
		if im.ref {
			i.refs--
		}
		i.runJob(func(rt *goja.Runtime) {
			i.RunTask(im.task, func(rt *goja.Runtime) {
				_, err := im.fn(im.obj, im.args...)
				i.reportCallbackError("immediate callback", err)
			})
		})
		if i.terminated() {
			return
		}
	}
}

// timerHeap orders timers by due time, then by arming order.
type timerHeap []*timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(a, b int) bool {
	if h[a].when != h[b].when {
		return h[a].when < h[b].when
	}
	return h[a].seq < h[b].seq
}
func (h timerHeap) Swap(a, b int) {
	h[a], h[b] = h[b], h[a]
	h[a].index = a
	h[b].index = b
}
func (h *timerHeap) Push(x any) {
	t := x.(*timer)
	t.index = len(*h)
	*h = append(*h, t)
}
func (h *timerHeap) Pop() any {
	old := *h
	t := old[len(old)-1]
	old[len(old)-1] = nil
	t.index = -1
	*h = old[:len(old)-1]
	return t
}
