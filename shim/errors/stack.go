package errors

import (
	stderrors "errors"
	"fmt"
	"runtime"
	"strings"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/services/errs"
)

// stackFor is what NODE_ENV=development shows as extensions.stack (spec 03 §4 step 2): the JS stack of
// a thrown Error; nothing for a thrown non-Error (a duck-typed object has no stack); and for an error
// dxhost raised itself — Directus's own errors are real Errors with a stack — Node's first line
// ("DirectusError: <message>", "Error: <message>") over the Go frames that answered it, in V8's
// "    at fn (file:line)" shape. The frames are Go's, so only the first line can equal Directus's.
func stackFor(e *errs.Error) string {
	if e.Stack != "" {
		return e.Stack
	}
	var ex *jsrt.Exception
	if stderrors.As(e, &ex) {
		return ""
	}
	name := "Error"
	if e.Directus {
		name = "DirectusError"
	}
	var b strings.Builder
	b.WriteString(name)
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	pcs := make([]uintptr, stackTraceLimit)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)]) // skip Callers, stackFor, Respond
	for {
		f, more := frames.Next()
		if f.Function != "" {
			fmt.Fprintf(&b, "\n    at %s (%s:%d)", f.Function, f.File, f.Line)
		}
		if !more {
			break
		}
	}
	return b.String()
}

// stackTraceLimit is V8's default Error.stackTraceLimit.
const stackTraceLimit = 10
