// Package jsrttest gives tests a ready jsrt.Instance and a way to run JavaScript on it and wait
// for the result, so a module test is a few lines.
package jsrttest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/sirupsen/logrus"
	"github.com/sirupsen/logrus/hooks/test"

	"github.com/dxhost/dxhost/jsrt"
)

// Timeout bounds every Run.
var Timeout = 10 * time.Second

// New returns an Instance named after the test, logging to a test hook (see Logs), closed when the
// test ends.
func New(t testing.TB) *jsrt.Instance {
	t.Helper()
	return NewWith(t, jsrt.Options{})
}

// NewWith is New with options; empty Name, Dir and Logger are filled in.
func NewWith(t testing.TB, opts jsrt.Options) *jsrt.Instance {
	t.Helper()
	if opts.Name == "" {
		opts.Name = t.Name()
	}
	if opts.Dir == "" {
		opts.Dir = t.TempDir()
	}
	if opts.Logger == nil {
		logger, hook := test.NewNullLogger()
		logger.SetLevel(logrus.TraceLevel)
		opts.Logger = logrus.NewEntry(logger)
		hooks.Store(opts.Logger.Logger, hook)
	}
	inst, err := jsrt.New(opts)
	if err != nil {
		t.Fatalf("jsrt.New: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := inst.Close(ctx); err != nil {
			t.Errorf("closing instance: %v", err)
		}
	})
	return inst
}

var hooks sync.Map // *logrus.Logger → *test.Hook

// Logs returns the log hook of an Instance made by New (nil for one given its own Logger).
func Logs(inst *jsrt.Instance) *test.Hook {
	h, _ := hooks.Load(inst.Logger().Logger)
	hook, _ := h.(*test.Hook)
	return hook
}

// Run evaluates src as a script (with a global require resolving from the instance folder) on the
// loop and returns its completion value; a returned promise is awaited. Failures fail the test.
func Run(t testing.TB, inst *jsrt.Instance, src string) goja.Value {
	t.Helper()
	v, err := Eval(inst, src)
	if err != nil {
		t.Fatalf("jsrttest.Run: %s", jsrt.Describe(err))
	}
	return v
}

// Eval is Run returning the error (a *jsrt.Exception for a throw or rejection) instead of failing.
// The value may be read on any goroutine only if it is a primitive; use inst.Do for objects.
func Eval(inst *jsrt.Instance, src string) (goja.Value, error) {
	type result struct {
		v   goja.Value
		err error
	}
	done := make(chan result, 1)
	ok := inst.RunOnLoop(func(rt *goja.Runtime) {
		defer func() {
			if r := recover(); r != nil {
				done <- result{err: fmt.Errorf("jsrttest: Go panic: %v", r)}
				panic(r) // the instance contains and logs it
			}
		}()
		rt.Set("require", inst.RequireFunc(filepath.Join(inst.Dir(), "test.js")))
		v, err := rt.RunScript("test.js", src)
		if err != nil {
			done <- result{err: inst.Wrap(err)}
			return
		}
		p, isPromise := v.Export().(*goja.Promise)
		if !isPromise {
			done <- result{v: v}
			return
		}
		settle := func(rt *goja.Runtime) bool {
			switch p.State() {
			case goja.PromiseStateFulfilled:
				done <- result{v: p.Result()}
			case goja.PromiseStateRejected:
				done <- result{err: rejection(inst, p.Result())}
			default:
				return false
			}
			return true
		}
		if settle(rt) {
			return
		}
		then := rt.ToValue(func(goja.FunctionCall) goja.Value { settle(rt); return goja.Undefined() })
		obj := rt.ToValue(p).(*goja.Object)
		thenFn, _ := goja.AssertFunction(obj.Get("then"))
		if _, err := thenFn(obj, then, then); err != nil {
			done <- result{err: err}
		}
	})
	if !ok {
		return nil, jsrt.ErrClosed
	}
	select {
	case r := <-done:
		// Wait for the job that produced the result to end, so what it logs after its microtasks
		// (unhandled rejections) is visible to the test.
		_ = inst.Do(context.Background(), func(*goja.Runtime) error { return nil })
		return r.v, r.err
	case <-time.After(Timeout):
		return nil, fmt.Errorf("jsrttest: script did not settle within %v", Timeout)
	}
}

func rejection(inst *jsrt.Instance, v goja.Value) error {
	if ex := inst.ExceptionOf(v); ex != nil {
		return ex
	}
	return errors.New(v.String())
}

// Module runs src as the CommonJS module filename (inst.RunModule, no source map) and returns
// its exports; failures fail the test. Use the exports on the loop only (inst.Do).
func Module(t testing.TB, inst *jsrt.Instance, filename, src string) goja.Value {
	t.Helper()
	var exports goja.Value
	err := inst.Do(context.Background(), func(*goja.Runtime) error {
		var err error
		exports, err = inst.RunModule(filename, src, nil)
		return err
	})
	if err != nil {
		t.Fatalf("jsrttest.Module %s: %s", filename, jsrt.Describe(err))
	}
	return exports
}
