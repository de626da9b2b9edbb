package jsrt

import (
	"regexp"
	"strconv"

	"github.com/dop251/goja"
)

// Unhandled rejections are reported like Node reports them: after the job that rejected the promise
// and all its microtasks, only if no handler was attached meanwhile. They are logged, never fatal.

type rejection struct {
	p     *goja.Promise
	stack []goja.StackFrame // where the rejection happened, for non-Error reasons
	task  *Task             // current when it was rejected
}

func (i *Instance) trackRejection(p *goja.Promise, op goja.PromiseRejectionOperation) {
	switch op {
	case goja.PromiseRejectionReject:
		i.rejections = append(i.rejections, rejection{p: p, stack: jsFrames(i.rt.CaptureCallStack(0, nil)), task: i.current})
	case goja.PromiseRejectionHandle:
		for n, r := range i.rejections {
			if r.p == p {
				i.rejections = append(i.rejections[:n], i.rejections[n+1:]...)
				break
			}
		}
	}
}

func (i *Instance) reportRejections() {
	if len(i.rejections) == 0 {
		return
	}
	list := i.rejections
	i.rejections = nil
	for _, r := range list {
		ex := i.thrownException(r.p.Result(), r.stack)
		entry := i.log
		if ex.File != "" {
			entry = entry.WithField("file", ex.File).WithField("line", ex.Line)
		}
		if t := r.task; t != nil && t.OnRejection != nil {
			entry.Warnf("Unhandled promise rejection (handed to its task): %s\n%s", Describe(ex), ex.Stack)
			i.contain(func() { t.OnRejection(ex) })
			continue
		}
		entry.Errorf("Unhandled promise rejection: %s\n%s", Describe(ex), ex.Stack)
	}
}

// reportThrown logs a value thrown where nothing can catch it.
func (i *Instance) reportThrown(what string, v goja.Value) {
	ex := i.thrownException(v, jsFrames(i.rt.CaptureCallStack(0, nil)))
	entry := i.log
	if ex.File != "" {
		entry = entry.WithField("file", ex.File).WithField("line", ex.Line)
	}
	entry.Errorf("Uncaught exception in %s: %s\n%s", what, Describe(ex), ex.Stack)
}

// stackLine finds the first "file:line:col" of a goja stack string ("at f (file:3:5(12))").
var stackLine = regexp.MustCompile(`(?m)^\s*at (?:.*? \()?(.+?):(\d+):(\d+)(?:\(\d+\))?\)?$`)

// thrownException describes a thrown or rejected value: an Error's own stack (taken where it was
// created) or, for other values, the stack captured where it was thrown.
func (i *Instance) thrownException(v goja.Value, fallback []goja.StackFrame) *Exception {
	ex := &Exception{Value: v}
	ex.Name, ex.Message = errorText(v)
	if o, ok := v.(*goja.Object); ok {
		if s := o.Get("stack"); s != nil && !goja.IsUndefined(s) {
			st := s.String()
			if m := stackLine.FindStringSubmatch(st); m != nil {
				ex.File = m[1]
				ex.Line, _ = strconv.Atoi(m[2])
				ex.Column, _ = strconv.Atoi(m[3])
				ex.Stack = nodeStack(st)
				return ex
			}
		}
	}
	if f, ok := firstFrame(fallback); ok {
		p := f.Position()
		ex.File, ex.Line, ex.Column = p.Filename, p.Line, p.Column
	}
	ex.Stack = formatStack(fallback)
	return ex
}

// pcSuffix is goja's "(pc)" after a position, which Node does not print.
var pcSuffix = regexp.MustCompile(`:(\d+):(\d+)\(\d+\)`)

// nodeStack keeps only the "at" lines of a goja stack string, in Node's spelling.
func nodeStack(s string) string {
	lines := stackLine.FindAllString(s, -1)
	out := make([]byte, 0, len(s))
	for _, l := range lines {
		out = append(out, "    "...)
		out = append(out, trimLeft(pcSuffix.ReplaceAllString(l, ":$1:$2"))...)
		out = append(out, '\n')
	}
	return string(out)
}

func trimLeft(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	return s
}
