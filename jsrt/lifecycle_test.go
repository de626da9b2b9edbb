package jsrt_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/jsrttest"
)

func newInstance(t *testing.T, opts jsrt.Options) *jsrt.Instance {
	t.Helper()
	inst, err := jsrt.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return inst
}

func closeWithin(t *testing.T, inst *jsrt.Instance, d time.Duration) (time.Duration, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	start := time.Now()
	err := inst.Close(ctx)
	return time.Since(start), err
}

func TestUnrefTimerDoesNotHoldClose(t *testing.T) {
	inst := newInstance(t, jsrt.Options{Name: "unref"})
	if _, err := jsrttest.Eval(inst, `setTimeout(() => {}, 60000).unref(); setInterval(() => {}, 10).unref(); 1`); err != nil {
		t.Fatal(err)
	}
	took, err := closeWithin(t, inst, 5*time.Second)
	if err != nil || took > time.Second {
		t.Fatalf("Close took %v, err %v", took, err)
	}
}

func TestCloseWaitsForPendingWorkThenStops(t *testing.T) {
	inst := newInstance(t, jsrt.Options{Name: "pending"})
	var order []string
	record := make(chan string, 10)
	release := make(chan struct{})
	err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
		rt.Set("record", func(s string) { record <- s })
		inst.Go(func() func(*goja.Runtime) {
			<-release
			return func(rt *goja.Runtime) { record <- "go-done" }
		})
		_, err := rt.RunString(`setTimeout(() => record('timer'), 50)`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	closed := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		closed <- inst.Close(ctx)
	}()
	time.Sleep(100 * time.Millisecond) // the timer has fired; Go work still blocks Close
	select {
	case err := <-closed:
		t.Fatalf("Close returned early: %v", err)
	default:
	}
	// Continuations of in-flight work are still taken while Close waits.
	if !inst.RunOnLoop(func(*goja.Runtime) { record <- "continuation" }) {
		t.Fatal("RunOnLoop refused a continuation while Close waits")
	}
	close(release)
	if err := <-closed; err != nil {
		t.Fatalf("Close: %v", err)
	}
	close(record)
	for s := range record {
		order = append(order, s)
	}
	if len(order) != 3 || order[0] != "timer" || order[1] != "continuation" || order[2] != "go-done" {
		t.Fatalf("work done before Close returned: %v", order)
	}
	if inst.RunOnLoop(func(*goja.Runtime) {}) {
		t.Fatal("RunOnLoop true after Close")
	}
	if err := inst.Do(context.Background(), func(*goja.Runtime) error { return nil }); !errors.Is(err, jsrt.ErrClosed) {
		t.Fatalf("Do after Close: %v", err)
	}
}

func TestCloseTerminatesWhenContextEnds(t *testing.T) {
	inst := newInstance(t, jsrt.Options{Name: "forever"})
	if _, err := jsrttest.Eval(inst, `setInterval(() => {}, 5); 1`); err != nil {
		t.Fatal(err)
	}
	// JS stuck in a loop is interrupted by termination too.
	inst.RunOnLoop(func(rt *goja.Runtime) { rt.RunString(`while (true) {}`) })
	took, err := closeWithin(t, inst, 100*time.Millisecond)
	if !errors.Is(err, context.DeadlineExceeded) || took > time.Second {
		t.Fatalf("Close: %v after %v", err, took)
	}
}

func TestNewPromiseResolvedFromAnotherGoroutine(t *testing.T) {
	inst := jsrttest.New(t)
	err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
		rt.Set("later", func(v string) *goja.Promise {
			p, resolve, _ := inst.NewPromise()
			go func() {
				time.Sleep(10 * time.Millisecond)
				resolve(func(rt *goja.Runtime) goja.Value { return rt.ToValue(v + "!") })
				resolve("ignored: second call")
			}()
			return p
		})
		rt.Set("fails", func() *goja.Promise {
			p, _, reject := inst.NewPromise()
			go reject(errors.New("disk on fire"))
			return p
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got := jsrttest.Run(t, inst, `(async () => {
		const a = await later('hi');
		let b;
		try { await fails() } catch (e) { b = e instanceof Error ? e.message : 'not an Error' }
		return a + ' ' + b;
	})()`).String()
	if got != "hi! disk on fire" {
		t.Fatalf("got %q", got)
	}
}

func TestGoRunsWorkOffTheLoop(t *testing.T) {
	inst := jsrttest.New(t)
	var loopBusy atomic.Bool
	got := make(chan string, 1)
	inst.RunOnLoop(func(rt *goja.Runtime) {
		loopBusy.Store(true)
		inst.Go(func() func(*goja.Runtime) {
			// The loop finished the job that started us: work runs concurrently with the loop.
			for loopBusy.Load() {
				time.Sleep(time.Millisecond)
			}
			return func(rt *goja.Runtime) { got <- "settled on loop" }
		})
		loopBusy.Store(false)
	})
	select {
	case s := <-got:
		if s != "settled on loop" {
			t.Fatal(s)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Go work never settled")
	}
	// GoPromise: value, error and a contained panic.
	err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
		rt.Set("work", func(kind string) *goja.Promise {
			return inst.GoPromise(func() (any, error) {
				switch kind {
				case "err":
					return nil, errors.New("nope")
				case "panic":
					var m map[string]int
					m["x"] = 1
				}
				return 42, nil
			})
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	res := jsrttest.Run(t, inst, `(async () => {
		const out = [await work('ok')];
		for (const k of ['err', 'panic']) { try { await work(k) } catch (e) { out.push(e.message) } }
		return out.join('|');
	})()`).String()
	if res != "42|nope|Go panic: assignment to entry in nil map" {
		t.Fatalf("got %q", res)
	}
}

func TestGoPanicInCallbackIsContained(t *testing.T) {
	inst := jsrttest.New(t)
	err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
		rt.Set("guarded", jsrt.Safe(rt, func(goja.FunctionCall) goja.Value { panic("guarded boom") }))
		rt.Set("raw", func() { var p *struct{ x int }; _ = p.x })
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got := jsrttest.Run(t, inst, `try { guarded() } catch (e) { 'caught: ' + e.message }`).String()
	if got != "caught: Go panic: guarded boom" {
		t.Fatalf("got %q", got)
	}
	// An unguarded panic cannot be caught by JS, but it is contained in its loop job.
	if _, err := jsrttest.Eval(inst, `raw()`); err == nil || !strings.Contains(err.Error(), "nil pointer") {
		t.Fatalf("raw panic: %v", err)
	}
	if v := jsrttest.Run(t, inst, `1 + 1`); v.ToInteger() != 2 {
		t.Fatalf("instance unusable after a contained panic: %v", v)
	}
	if !logged(inst, "Go panic contained") {
		t.Fatal("contained panic was not logged")
	}
}

func logged(inst *jsrt.Instance, substr string) bool {
	for _, e := range jsrttest.Logs(inst).AllEntries() {
		if strings.Contains(e.Message, substr) {
			return true
		}
	}
	return false
}

func TestThrowingTimerIsLoggedAndContained(t *testing.T) {
	inst := jsrttest.New(t)
	err := inst.Do(t.Context(), func(rt *goja.Runtime) error {
		_, err := inst.RunModule("/ext/dist/index.js", "setTimeout(() => {\n  null.boom;\n}, 1);\n", nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got := jsrttest.Run(t, inst, `new Promise(r => setTimeout(() => r('still serving'), 10))`).String()
	if got != "still serving" {
		t.Fatal(got)
	}
	var msg string
	for _, e := range jsrttest.Logs(inst).AllEntries() {
		if strings.Contains(e.Message, "Uncaught exception in timer callback") {
			msg = e.Message
			if e.Data["file"] != "/ext/dist/index.js" || e.Data["line"] != 2 {
				t.Errorf("fields %v", e.Data)
			}
		}
	}
	if !strings.Contains(msg, "TypeError: Cannot read property 'boom' of") {
		t.Fatalf("log: %q", msg)
	}
}

func TestFromRuntimeAndDoErrors(t *testing.T) {
	inst := jsrttest.New(t)
	want := errors.New("from fn")
	err := inst.Do(t.Context(), func(rt *goja.Runtime) error {
		if jsrt.FromRuntime(rt) != inst {
			t.Error("FromRuntime does not find the instance")
		}
		return want
	})
	if !errors.Is(err, want) {
		t.Fatalf("Do returned %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := inst.Do(ctx, func(*goja.Runtime) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled Do: %v", err)
	}
	if jsrt.FromRuntime(goja.New()) != nil {
		t.Fatal("FromRuntime found an instance for a foreign runtime")
	}
}

func TestRunawayRecursionIsARangeError(t *testing.T) {
	inst := jsrttest.New(t)
	_, err := jsrttest.Eval(inst, `function f() { return f() + 1 }
f()`)
	var ex *jsrt.Exception
	if !errors.As(err, &ex) || ex.Name != "RangeError" || ex.Message != "Maximum call stack size exceeded" || ex.Line != 1 {
		t.Fatalf("got %v", err)
	}
	if v := jsrttest.Run(t, inst, `'ok'`); v.String() != "ok" {
		t.Fatal(v)
	}
}
