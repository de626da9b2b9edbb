package jsrt

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"

	"github.com/dop251/goja"
)

// Exception is a JavaScript throw (or a syntax error) seen from Go, with positions already mapped
// back to the extension's own files through its source map.
type Exception struct {
	Name    string // the Error's name ("TypeError"), empty when a non-Error value was thrown
	Message string // the Error's message, or the thrown value as a string
	Stack   string // "    at fn (file:line:col)" lines, source-mapped
	File    string // where it was thrown (first JS frame)
	Line    int
	Column  int
	Value   goja.Value // the thrown value; use only on the loop
	Cause   error      // the goja error it came from
}

func (e *Exception) Error() string { return Describe(e) }
func (e *Exception) Unwrap() error { return e.Cause }

// Text is "Name: Message" as Node prints an error's first line.
func (e *Exception) Text() string {
	if e.Name == "" {
		return e.Message
	}
	if e.Message == "" {
		return e.Name
	}
	return e.Name + ": " + e.Message
}

// Describe renders err for a log line: "message (file:line:col)" when err carries a JS position.
func Describe(err error) string {
	if err == nil {
		return ""
	}
	var ex *Exception
	if errors.As(err, &ex) {
		if ex.File == "" {
			return ex.Text()
		}
		return ex.Text() + " (" + ex.File + ":" + strconv.Itoa(ex.Line) + ":" + strconv.Itoa(ex.Column) + ")"
	}
	return err.Error()
}

// Wrap converts an error returned by goja (a JS call, RunScript) into jsrt's errors: *Exception
// with source-mapped positions for a throw, *TimeoutError for the watchdog's interrupt. Go code that
// calls JS itself should pass errors through Wrap (loop only): it also lets the watchdog name the
// interrupted file:line in Task.OnInterrupt.
func (i *Instance) Wrap(err error) error { return i.wrapError(err) }

// ExceptionOf describes a thrown or rejected JS value (loop only).
func (i *Instance) ExceptionOf(v goja.Value) *Exception { return i.thrownException(v, nil) }

// wrapError turns what goja returns into jsrt's errors: *Exception for throws, *TimeoutError for
// the watchdog's interrupt. Loop only (it reads JS values).
func (i *Instance) wrapError(err error) error {
	if err == nil {
		return nil
	}
	var done *Exception
	var terr *TimeoutError
	if errors.As(err, &done) || errors.As(err, &terr) {
		return err
	}
	var ie *goja.InterruptedError
	if errors.As(err, &ie) {
		i.noteErr(ie)
		if tl, ok := ie.Value().(timeLimitExceeded); ok {
			terr := &TimeoutError{Limit: tl.limit, Stack: formatStack(ie.Stack())}
			if f, ok := firstFrame(ie.Stack()); ok {
				p := f.Position()
				terr.File, terr.Line, terr.Column = p.Filename, p.Line, p.Column
			}
			return terr
		}
		return err
	}
	var so *goja.StackOverflowError
	if errors.As(err, &so) {
		ex := &Exception{Name: "RangeError", Message: "Maximum call stack size exceeded", Cause: err,
			Stack: formatStack(so.Stack())}
		if f, ok := firstFrame(so.Stack()); ok {
			p := f.Position()
			ex.File, ex.Line, ex.Column = p.Filename, p.Line, p.Column
		}
		return ex
	}
	var gex *goja.Exception
	if errors.As(err, &gex) {
		return exceptionFrom(gex)
	}
	return err
}

func exceptionFrom(gex *goja.Exception) *Exception {
	ex := &Exception{Value: gex.Value(), Cause: gex, Stack: formatStack(gex.Stack())}
	if f, ok := firstFrame(gex.Stack()); ok {
		p := f.Position()
		ex.File, ex.Line, ex.Column = p.Filename, p.Line, p.Column
	}
	ex.Name, ex.Message = errorText(gex.Value())
	return ex
}

// errorText reads an Error-like value's name and message; other values are shown as strings.
func errorText(v goja.Value) (name, message string) {
	if v == nil {
		return "", "undefined"
	}
	if o, ok := v.(*goja.Object); ok {
		if m := o.Get("message"); m != nil && !goja.IsUndefined(m) {
			if n := o.Get("name"); n != nil && !goja.IsUndefined(n) {
				name = n.String()
			}
			return name, m.String()
		}
	}
	return "", v.String()
}

// Safe wraps a Go function exposed to JS so that a Go panic becomes a JS Error the script can catch,
// instead of unwinding the whole loop job. JS throws raised with panic(goja.Value) pass through.
func Safe(rt *goja.Runtime, fn func(goja.FunctionCall) goja.Value) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) (ret goja.Value) {
		defer func() {
			if r := recover(); r != nil {
				if isGojaPanic(r) {
					panic(r)
				}
				panic(rt.NewGoError(fmt.Errorf("Go panic: %w", panicError(r))))
			}
		}()
		return fn(call)
	}
}

// isGojaPanic tells goja's own control flow (JS throws, interrupts, its internal error kinds) from
// a genuine Go panic.
func isGojaPanic(r any) bool {
	switch r.(type) {
	case goja.Value, *goja.Exception, *goja.InterruptedError, *goja.StackOverflowError:
		return true
	}
	t := reflect.TypeOf(r)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t != nil && t.PkgPath() == "github.com/dop251/goja"
}

func panicError(r any) error {
	if err, ok := r.(error); ok {
		return err
	}
	return fmt.Errorf("%v", r)
}

// newError builds a plain JS Error with a Node-style code.
func (i *Instance) newError(code, msg string) *goja.Object {
	e, err := i.rt.New(i.errorCtor, i.rt.ToValue(msg))
	if err != nil {
		e = i.rt.NewGoError(errors.New(msg))
	}
	e.Set("code", code)
	return e
}

// nodeTypeError builds a TypeError with a Node error code, as Node's argument validation throws.
func nodeTypeError(rt *goja.Runtime, code, msg string) *goja.Object {
	e := rt.NewTypeError(msg)
	e.Set("code", code)
	return e
}

// describeReceived follows Node's "Received ..." suffix for ERR_INVALID_ARG_TYPE.
func describeReceived(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	switch e := v.Export().(type) {
	case string:
		s := e
		if len(s) > 28 {
			s = s[:25] + "..."
		}
		return "type string (" + strconv.Quote(s) + ")"
	case int64, float64:
		return "type number (" + v.String() + ")"
	case bool:
		return "type boolean (" + v.String() + ")"
	}
	if o, ok := v.(*goja.Object); ok {
		if c, ok := o.Get("constructor").(*goja.Object); ok {
			if n := c.Get("name"); n != nil && n.String() != "" {
				return "an instance of " + n.String()
			}
		}
	}
	return "type " + v.ExportType().String()
}

// reportCallbackError logs an exception thrown by a callback the loop itself called (timers,
// immediates, microtasks). Node would crash the process; one extension must not.
func (i *Instance) reportCallbackError(what string, err error) {
	if err == nil {
		return
	}
	err = i.wrapError(err)
	var terr *TimeoutError
	if errors.As(err, &terr) || errors.Is(err, errTerminated) {
		return // the watchdog's attribution or Close reports these
	}
	var ie *goja.InterruptedError
	if errors.As(err, &ie) {
		return
	}
	entry := i.log
	var ex *Exception
	if errors.As(err, &ex) && ex.File != "" {
		entry = entry.WithField("file", ex.File).WithField("line", ex.Line)
		entry.Errorf("Uncaught exception in %s: %s\n%s", what, Describe(err), ex.Stack)
		return
	}
	entry.Errorf("Uncaught exception in %s: %s", what, Describe(err))
}
