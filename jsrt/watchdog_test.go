package jsrt_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/jsrttest"
)

const limit = 100 * time.Millisecond

// interrupted collects OnInterrupt calls per task name.
type interrupted struct{ got chan string }

func (c interrupted) task(name string) *jsrt.Task {
	return &jsrt.Task{OnInterrupt: func(err error) {
		var terr *jsrt.TimeoutError
		if !errors.As(err, &terr) {
			c.got <- name + ": not a TimeoutError: " + err.Error()
			return
		}
		c.got <- name + ": " + terr.Error()
	}}
}

func (c interrupted) next(t *testing.T) string {
	t.Helper()
	select {
	case s := <-c.got:
		return s
	case <-time.After(5 * time.Second):
		t.Fatal("no OnInterrupt within 5s")
		return ""
	}
}

func TestWatchdogInterruptsStuckTask(t *testing.T) {
	inst := jsrttest.NewWith(t, jsrt.Options{TimeLimit: limit})
	c := interrupted{got: make(chan string, 4)}
	inst.RunOnLoop(func(rt *goja.Runtime) {
		inst.RunTask(c.task("req1"), func(rt *goja.Runtime) {
			_, err := inst.RunModule("/ext/stuck.js", "module.exports = 1; let n = 0;\nwhile (true) { n++ }\n", nil)
			var terr *jsrt.TimeoutError
			if !errors.As(err, &terr) {
				t.Errorf("RunModule error %v, want *TimeoutError", err)
			}
		})
	})
	got := c.next(t)
	if want := "req1: script ran longer than 100ms (/ext/stuck.js:2:"; !strings.HasPrefix(got, want) {
		t.Fatalf("got %q want prefix %q", got, want)
	}
	// The instance serves the next job, which is not interrupted by a stale flag.
	if v := jsrttest.Run(t, inst, `let n = 0; for (let i = 0; i < 1000; i++) n += i; n`); v.ToInteger() != 499500 {
		t.Fatalf("next job: %v", v)
	}
}

func TestWatchdogAttributesAsyncContinuation(t *testing.T) {
	inst := jsrttest.NewWith(t, jsrt.Options{TimeLimit: limit})
	c := interrupted{got: make(chan string, 4)}
	var resolveA func(any)
	okB := make(chan string, 1)
	err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
		exports, err := inst.RunModule("/ext/handlers.js", `
exports.a = async (gate) => {
  await gate; let n = 0;
  for (;;) { n++ }
};
exports.b = async (gate) => { await gate; return 'b done' };
`, nil)
		if err != nil {
			return err
		}
		obj := exports.(*goja.Object)
		a, _ := goja.AssertFunction(obj.Get("a"))
		b, _ := goja.AssertFunction(obj.Get("b"))
		gateA, resA, _ := inst.NewPromise()
		resolveA = resA
		inst.RunTask(c.task("A"), func(rt *goja.Runtime) { _, _ = a(nil, rt.ToValue(gateA)) })
		inst.RunTask(c.task("B"), func(rt *goja.Runtime) {
			gateB, resB, _ := inst.NewPromise()
			p, _ := b(nil, rt.ToValue(gateB))
			then, _ := goja.AssertFunction(p.ToObject(rt).Get("then"))
			_, _ = then(p, rt.ToValue(func(v goja.Value) { okB <- v.String() }))
			resB(nil)
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := <-okB; got != "b done" {
		t.Fatalf("B: %q", got)
	}
	resolveA(nil) // A's continuation runs in a job with no task of its own, then loops
	got := c.next(t)
	if want := "A: script ran longer than 100ms (/ext/handlers.js:4:"; !strings.HasPrefix(got, want) {
		t.Fatalf("got %q want prefix %q", got, want)
	}
	select {
	case s := <-c.got:
		t.Fatalf("second attribution: %s", s)
	case <-time.After(50 * time.Millisecond):
	}
	if v := jsrttest.Run(t, inst, `'alive'`); v.String() != "alive" {
		t.Fatal(v)
	}
}

func TestWatchdogInterruptsTimerCallback(t *testing.T) {
	inst := jsrttest.NewWith(t, jsrt.Options{TimeLimit: limit})
	c := interrupted{got: make(chan string, 4)}
	inst.RunOnLoop(func(rt *goja.Runtime) {
		inst.RunTask(c.task("T"), func(rt *goja.Runtime) {
			_, err := inst.RunModule("/ext/timer.js", "setTimeout(() => { let n = 0;\n  while (true) { n++ }\n}, 1);\n", nil)
			if err != nil {
				t.Error(err)
			}
		})
	})
	got := c.next(t)
	if want := "T: script ran longer than 100ms (/ext/timer.js:2:"; !strings.HasPrefix(got, want) {
		t.Fatalf("got %q want prefix %q", got, want)
	}
	if !logged(inst, "JavaScript interrupted") {
		t.Fatal("interrupt not logged")
	}
}

func TestWatchdogInterruptsAgainWhenGoCallsMoreStuckJS(t *testing.T) {
	inst := jsrttest.NewWith(t, jsrt.Options{TimeLimit: limit})
	c := interrupted{got: make(chan string, 4)}
	errs := make(chan error, 2)
	inst.RunOnLoop(func(rt *goja.Runtime) {
		inst.RunTask(c.task("R"), func(rt *goja.Runtime) {
			for n := 0; n < 2; n++ { // e.g. a handler, then an error handler, both stuck
				_, err := rt.RunString(`for (;;) {}`)
				errs <- inst.Wrap(err)
			}
		})
	})
	for n := 0; n < 2; n++ {
		var terr *jsrt.TimeoutError
		if err := <-errs; !errors.As(err, &terr) {
			t.Fatalf("run %d: %v", n, err)
		}
	}
	if got := c.next(t); !strings.HasPrefix(got, "R: script ran longer than 100ms") {
		t.Fatal(got)
	}
	select {
	case s := <-c.got:
		t.Fatalf("one job, attributed twice: %s", s)
	case <-time.After(20 * time.Millisecond):
	}
}

func TestUnhandledRejectionGoesToItsTask(t *testing.T) {
	inst := jsrttest.New(t)
	got := make(chan string, 2)
	err := inst.Do(t.Context(), func(rt *goja.Runtime) error {
		exports, err := inst.RunModule("/ext/dist/index.js", `
module.exports = async (gate) => {
  await gate;
  throw new Error('async handler failed');
};`, nil)
		if err != nil {
			return err
		}
		handler, _ := goja.AssertFunction(exports)
		gate, open, _ := inst.NewPromise()
		task := &jsrt.Task{OnRejection: func(err error) { got <- jsrt.Describe(err) }}
		inst.RunTask(task, func(rt *goja.Runtime) { _, _ = handler(nil, rt.ToValue(gate)) })
		// Another, task-less rejection is only logged.
		_, _ = rt.RunString(`Promise.reject(new Error('nobody'))`)
		open(nil)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-got:
		if want := "Error: async handler failed (/ext/dist/index.js:4:9)"; s != want {
			t.Fatalf("got %q want %q", s, want)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("OnRejection not called")
	}
	jsrttest.Run(t, inst, `1`)
	if !logged(inst, "Unhandled promise rejection: Error: nobody") {
		t.Fatal("task-less rejection not logged")
	}
	select {
	case s := <-got:
		t.Fatalf("extra OnRejection: %s", s)
	default:
	}
}

func TestTaskFollowsAsyncWork(t *testing.T) {
	inst := jsrttest.New(t)
	seen := make(chan string, 8)
	task := &jsrt.Task{}
	err := inst.Do(t.Context(), func(rt *goja.Runtime) error {
		rt.Set("mark", func(what string) {
			if inst.CurrentTask() == task {
				seen <- what + ":task"
			} else {
				seen <- what + ":none"
			}
		})
		inst.RunTask(task, func(rt *goja.Runtime) {
			_, err := rt.RunString(`
				(async () => { await null; mark('await') })();
				queueMicrotask(() => mark('microtask'));
				setTimeout(() => mark('timeout'), 1);
				setImmediate(() => mark('immediate'));`)
			if err != nil {
				t.Error(err)
			}
		})
		_, err := rt.RunString(`setTimeout(() => mark('outside'), 1)`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for n := 0; n < 5; n++ {
		select {
		case s := <-seen:
			got[s] = true
		case <-time.After(5 * time.Second):
			t.Fatalf("only %v", got)
		}
	}
	for _, want := range []string{"await:task", "microtask:task", "timeout:task", "immediate:task", "outside:none"} {
		if !got[want] {
			t.Errorf("missing %s in %v", want, got)
		}
	}
}
