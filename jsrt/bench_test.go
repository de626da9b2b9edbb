package jsrt_test

import (
	"context"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/jsrttest"
)

// BenchmarkRunOnLoopRoundTrip: a goroutine hands a job to the loop and waits for it to finish.
func BenchmarkRunOnLoopRoundTrip(b *testing.B) {
	inst := jsrttest.New(b)
	done := make(chan struct{})
	b.ReportAllocs()
	for b.Loop() {
		inst.RunOnLoop(func(*goja.Runtime) { done <- struct{}{} })
		<-done
	}
}

// BenchmarkRunOnLoopWithTimeLimit is the round trip with the watchdog on.
func BenchmarkRunOnLoopWithTimeLimit(b *testing.B) {
	inst := jsrttest.NewWith(b, jsrt.Options{TimeLimit: 30 * time.Second})
	done := make(chan struct{})
	b.ReportAllocs()
	for b.Loop() {
		inst.RunOnLoop(func(*goja.Runtime) { done <- struct{}{} })
		<-done
	}
}

// BenchmarkDo is the same through Do (context, result channel, panic guard).
func BenchmarkDo(b *testing.B) {
	inst := jsrttest.New(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		_ = inst.Do(ctx, func(*goja.Runtime) error { return nil })
	}
}

// BenchmarkCallJSFunction: one call of a JS function from Go on the loop, in a Task.
func BenchmarkCallJSFunction(b *testing.B) {
	inst := jsrttest.New(b)
	err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
		exports, err := inst.RunModule("/bench.js", `module.exports = (a, b) => a + b;`, nil)
		if err != nil {
			return err
		}
		fn, _ := goja.AssertFunction(exports)
		task := &jsrt.Task{}
		one, two := rt.ToValue(1), rt.ToValue(2)
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			inst.RunTask(task, func(rt *goja.Runtime) { _, _ = fn(goja.Undefined(), one, two) })
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkPromiseFromGo: NewPromise on the loop, resolved from another goroutine, awaited by JS.
func BenchmarkPromiseFromGo(b *testing.B) {
	inst := jsrttest.New(b)
	done := make(chan struct{})
	err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
		rt.Set("work", func() *goja.Promise {
			p, resolve, _ := inst.NewPromise()
			go resolve(1)
			return p
		})
		rt.Set("finished", func() { done <- struct{}{} })
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	var run goja.Callable
	_ = inst.Do(context.Background(), func(rt *goja.Runtime) error {
		v, err := rt.RunString(`(async () => { await work(); finished() })`)
		run, _ = goja.AssertFunction(v)
		return err
	})
	b.ReportAllocs()
	for b.Loop() {
		inst.RunOnLoop(func(*goja.Runtime) { _, _ = run(goja.Undefined()) })
		<-done
	}
}
