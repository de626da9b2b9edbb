package jsrt_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/jsrttest"
)

// TestConcurrentWorkDuringClose hammers an instance from many goroutines while it closes: every
// accepted job runs exactly once, nothing runs after Close returns, and no goroutine leaks (goleak).
func TestConcurrentWorkDuringClose(t *testing.T) {
	inst := newInstance(t, jsrt.Options{Name: "race"})
	var accepted, ran atomic.Int64
	var closed atomic.Bool
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; n < 200; n++ {
				ok := inst.RunOnLoop(func(rt *goja.Runtime) {
					if closed.Load() {
						t.Error("job ran after Close returned")
					}
					ran.Add(1)
					p, resolve, _ := inst.NewPromise()
					_ = p
					go resolve(n)
					if _, err := rt.RunString(`setTimeout(() => {}, 0); Promise.resolve().then(() => 1)`); err != nil {
						t.Error(err)
					}
				})
				if ok {
					accepted.Add(1)
				}
			}
		}()
	}
	time.Sleep(5 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := inst.Close(ctx); err != nil {
		t.Fatalf("Close: %v", err)
	}
	closed.Store(true)
	wg.Wait()
	if accepted.Load() != ran.Load() {
		t.Fatalf("accepted %d jobs, ran %d", accepted.Load(), ran.Load())
	}
}

func TestClearTimerFromTimerCallbacks(t *testing.T) {
	inst := jsrttest.New(t)
	got := jsrttest.Run(t, inst, `new Promise(done => {
		let fired = 0;
		const timers = [];
		for (let i = 0; i < 50; i++) timers.push(setTimeout(() => { fired++; timers.forEach(clearTimeout) }, 1));
		const iv = setInterval(() => { clearInterval(iv); clearInterval(iv); fired += 100 }, 1);
		setTimeout(() => done(fired), 20);
	})`).ToInteger()
	if got != 101 {
		t.Fatalf("fired %d, want 101 (one timeout, then the interval once)", got)
	}
}
