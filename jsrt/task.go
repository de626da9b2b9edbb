package jsrt

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/dop251/goja"
)

// Task is a unit of work JS time is attributed to (a request, a hook event). Promise continuations
// and timers started while a Task is current inherit it. When the TimeLimit watchdog interrupts
// JS whose current task is t, t.OnInterrupt runs on the loop with a *TimeoutError.
type Task struct {
	OnInterrupt func(err error)
	// OnRejection (optional) receives, as an *Exception, a promise rejection that was rejected while
	// t was current and is still unhandled after that job's microtasks — e.g. an async Express
	// handler that throws. Node would crash the process (spec 02 §5); a host can answer the request
	// with it instead. It runs on the loop; the rejection is logged as a warning either way.
	OnRejection func(err error)
}

// TimeoutError says a JS run exceeded Options.TimeLimit and where it was interrupted.
type TimeoutError struct {
	Limit  time.Duration
	File   string // empty when the interrupted call did not pass through jsrt (see Instance.Call)
	Line   int
	Column int
	Stack  string
}

func (e *TimeoutError) Error() string {
	msg := "script ran longer than " + e.Limit.String()
	if e.File != "" {
		msg += " (" + e.File + ":" + strconv.Itoa(e.Line) + ":" + strconv.Itoa(e.Column) + ")"
	}
	return msg
}

// RunTask runs fn on the loop with t as the current task (call from the loop).
func (i *Instance) RunTask(t *Task, fn func(rt *goja.Runtime)) {
	prev := i.current
	i.current = t
	fn(i.rt)
	if i.wd.firedNow() {
		i.attributeInterrupt()
	}
	i.current = prev
}

// CurrentTask is the task JS is running for right now, or nil (loop only).
func (i *Instance) CurrentTask() *Task { return i.current }

// taskTracker carries the current Task across promise jobs (goja's AsyncContextTracker).
type taskTracker struct{ i *Instance }

func (t taskTracker) Grab() any { return t.i.current }

func (t taskTracker) Resumed(ctx any) {
	t.i.taskStack = append(t.i.taskStack, t.i.current)
	t.i.current, _ = ctx.(*Task)
}

func (t taskTracker) Exited() {
	n := len(t.i.taskStack) - 1
	if n < 0 {
		t.i.current = nil
		return
	}
	t.i.current = t.i.taskStack[n]
	t.i.taskStack = t.i.taskStack[:n]
}

// interruptNote remembers, within one job, the interrupt seen by jsrt code and whether it has been
// attributed yet.
type interruptNote struct {
	err        *goja.InterruptedError
	attributed bool
}

// noteErr records an InterruptedError passing through jsrt so the attribution can name file:line.
func (i *Instance) noteErr(err error) {
	var ie *goja.InterruptedError
	if errors.As(err, &ie) && i.interrupt.err == nil {
		i.interrupt.err = ie
	}
}

// attributeInterrupt hands the watchdog's interrupt to the task that was running (once per job).
// goja skips Exited() when an interrupt unwinds a promise job, so i.current still names the task
// whose code was stuck.
func (i *Instance) attributeInterrupt() {
	if i.interrupt.attributed {
		return
	}
	i.interrupt.attributed = true
	terr := &TimeoutError{Limit: i.wd.limit}
	if ie := i.interrupt.err; ie != nil {
		if f, ok := firstFrame(ie.Stack()); ok {
			p := f.Position()
			terr.File, terr.Line, terr.Column = p.Filename, p.Line, p.Column
		}
		terr.Stack = formatStack(ie.Stack())
	}
	entry := i.log.WithField("limit", terr.Limit.String())
	if terr.File != "" {
		entry = entry.WithField("file", terr.File).WithField("line", terr.Line)
	}
	entry.Errorf("jsrt: %s: JavaScript interrupted", terr.Error())
	if t := i.current; t != nil && t.OnInterrupt != nil {
		func() {
			defer func() {
				if r := recover(); r != nil {
					i.log.Errorf("jsrt: panic in Task.OnInterrupt: %v", r)
				}
			}()
			t.OnInterrupt(terr)
		}()
	}
}

func firstFrame(stack []goja.StackFrame) (goja.StackFrame, bool) {
	for _, f := range stack {
		if f.SrcName() != "<native>" && f.Position().Filename != "" {
			return f, true
		}
	}
	return goja.StackFrame{}, false
}

// jsFrames drops the native frames on top of a captured stack (the Go function capturing it).
func jsFrames(stack []goja.StackFrame) []goja.StackFrame {
	for len(stack) > 0 && stack[0].SrcName() == "<native>" {
		stack = stack[1:]
	}
	return stack
}

// formatStack renders frames as Node prints them ("    at fn (file:line:col)").
func formatStack(stack []goja.StackFrame) string {
	var b []byte
	for _, f := range stack {
		if f.SrcName() == "<native>" {
			b = append(b, "    at "...)
			b = append(b, f.FuncName()...)
			b = append(b, " (native)\n"...)
			continue
		}
		p := f.Position()
		b = append(b, "    at "...)
		if name := f.FuncName(); name != "" && name != "<anonymous>" {
			b = append(b, name...)
			b = append(b, " ("...)
			b = fmt.Appendf(b, "%s:%d:%d)", p.Filename, p.Line, p.Column)
		} else {
			b = fmt.Appendf(b, "%s:%d:%d", p.Filename, p.Line, p.Column)
		}
		b = append(b, '\n')
	}
	return string(b)
}
