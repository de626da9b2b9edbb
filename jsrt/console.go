package jsrt

import (
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"
	"github.com/sirupsen/logrus"
)

// console writes to the Instance's logger: log/info → info, warn → warn, error → error,
// debug → debug, trace → trace (with the call stack, as Node's console.trace prints it).
// Messages are formatted by the registered "util" module's format when there is one (so they match
// Node's util.format), else by a small built-in subset of it.

type consoleState struct {
	indent string // console.group nesting, two spaces per level
	counts map[string]int
	timers map[string]time.Time

	stringify  goja.Callable // built-ins taken before user code runs
	parseInt   goja.Callable
	parseFloat goja.Callable
	format     goja.Callable
	resolved   bool
}

func (i *Instance) installConsole() {
	rt := i.rt
	i.console = &consoleState{}
	i.console.parseInt, _ = goja.AssertFunction(rt.Get("parseInt"))
	i.console.parseFloat, _ = goja.AssertFunction(rt.Get("parseFloat"))
	if j, ok := rt.Get("JSON").(*goja.Object); ok {
		i.console.stringify, _ = goja.AssertFunction(j.Get("stringify"))
	}
	c := rt.NewObject()
	level := func(l logrus.Level, trace bool) func(goja.FunctionCall) goja.Value {
		return Safe(rt, func(call goja.FunctionCall) goja.Value {
			if !i.log.Logger.IsLevelEnabled(l) {
				return goja.Undefined()
			}
			msg := i.formatArgs(call.Arguments)
			if trace {
				msg = "Trace: " + msg + "\n" + formatStack(jsFrames(rt.CaptureCallStack(0, nil)))
			}
			i.consoleLog(l, msg)
			return goja.Undefined()
		})
	}
	st := i.console
	st.counts, st.timers = map[string]int{}, map[string]time.Time{}
	label := func(v goja.Value) string {
		if v == nil || goja.IsUndefined(v) {
			return "default"
		}
		return v.String()
	}
	fn := func(f func(call goja.FunctionCall)) func(goja.FunctionCall) goja.Value {
		return Safe(rt, func(call goja.FunctionCall) goja.Value { f(call); return goja.Undefined() })
	}
	c.Set("assert", fn(func(call goja.FunctionCall) {
		if call.Argument(0).ToBoolean() {
			return
		}
		msg := "Assertion failed"
		if len(call.Arguments) > 1 {
			msg += ": " + i.formatArgs(call.Arguments[1:])
		}
		i.consoleLog(logrus.ErrorLevel, msg)
	}))
	c.Set("count", fn(func(call goja.FunctionCall) {
		l := label(call.Argument(0))
		st.counts[l]++
		i.consoleLog(logrus.InfoLevel, l+": "+strconv.Itoa(st.counts[l]))
	}))
	c.Set("countReset", fn(func(call goja.FunctionCall) { delete(st.counts, label(call.Argument(0))) }))
	group := fn(func(call goja.FunctionCall) {
		if len(call.Arguments) > 0 {
			i.consoleLog(logrus.InfoLevel, i.formatArgs(call.Arguments))
		}
		st.indent += "  "
	})
	c.Set("group", group)
	c.Set("groupCollapsed", group)
	c.Set("groupEnd", fn(func(goja.FunctionCall) {
		if len(st.indent) >= 2 {
			st.indent = st.indent[2:]
		}
	}))
	c.Set("time", fn(func(call goja.FunctionCall) { st.timers[label(call.Argument(0))] = time.Now() }))
	timeLog := func(end bool) func(goja.FunctionCall) goja.Value {
		return fn(func(call goja.FunctionCall) {
			l := label(call.Argument(0))
			start, ok := st.timers[l]
			if !ok {
				i.consoleLog(logrus.WarnLevel, "Warning: No such label '"+l+"' for console.time"+map[bool]string{true: "End", false: "Log"}[end]+"()")
				return
			}
			if end {
				delete(st.timers, l)
			}
			ms := float64(time.Since(start).Microseconds()) / 1000
			msg := l + ": " + strconv.FormatFloat(ms, 'f', 3, 64) + "ms"
			if !end && len(call.Arguments) > 1 {
				msg += " " + i.formatArgs(call.Arguments[1:])
			}
			i.consoleLog(logrus.InfoLevel, msg)
		})
	}
	c.Set("timeEnd", timeLog(true))
	c.Set("timeLog", timeLog(false))
	c.Set("table", level(logrus.InfoLevel, false))
	c.Set("log", level(logrus.InfoLevel, false))
	c.Set("info", level(logrus.InfoLevel, false))
	c.Set("dir", level(logrus.InfoLevel, false))
	c.Set("warn", level(logrus.WarnLevel, false))
	c.Set("error", level(logrus.ErrorLevel, false))
	c.Set("debug", level(logrus.DebugLevel, false))
	c.Set("trace", level(logrus.TraceLevel, true))
	rt.Set("console", c)
}

// consoleLog writes one console message, indented by console.group like Node indents every line.
func (i *Instance) consoleLog(l logrus.Level, msg string) {
	if ind := i.console.indent; ind != "" {
		msg = ind + strings.ReplaceAll(msg, "\n", "\n"+ind)
	}
	i.log.Log(l, msg)
}

// formatArgs renders console arguments like util.format.
func (i *Instance) formatArgs(args []goja.Value) string {
	st := i.console
	if !st.resolved {
		st.resolved = true
		if _, ok := registeredModule("util"); ok {
			if u, err := i.Require("util"); err == nil {
				if o, ok := u.(*goja.Object); ok {
					st.format, _ = goja.AssertFunction(o.Get("format"))
				}
			}
		}
	}
	if st.format != nil {
		if v, err := st.format(goja.Undefined(), args...); err == nil {
			return v.String()
		}
	}
	return i.fallbackFormat(args)
}

// fallbackFormat is util.format's specifiers (%s %d %i %f %j %o %O %c %%) with JSON for objects.
func (i *Instance) fallbackFormat(args []goja.Value) string {
	if len(args) == 0 {
		return ""
	}
	var b strings.Builder
	rest := args
	if s, ok := args[0].Export().(string); ok && goja.IsString(args[0]) {
		rest = args[1:]
		for n := 0; n < len(s); n++ {
			ch := s[n]
			if ch != '%' || n+1 == len(s) {
				b.WriteByte(ch)
				continue
			}
			spec := s[n+1]
			if spec == '%' {
				b.WriteByte('%')
				n++
				continue
			}
			if len(rest) == 0 || !strings.ContainsRune("sdifjoOc", rune(spec)) {
				b.WriteByte(ch)
				continue
			}
			v := rest[0]
			rest = rest[1:]
			n++
			switch spec {
			case 's':
				if _, isObj := v.(*goja.Object); isObj {
					b.WriteString(i.inspect(v))
				} else {
					b.WriteString(v.String())
				}
			case 'd':
				b.WriteString(i.rt.ToValue(v.ToFloat()).String())
			case 'i':
				b.WriteString(i.callBuiltin(i.console.parseInt, v))
			case 'f':
				b.WriteString(i.callBuiltin(i.console.parseFloat, v))
			case 'j':
				b.WriteString(i.jsonOf(v))
			case 'o', 'O':
				b.WriteString(i.inspect(v))
			case 'c':
			}
		}
	} else {
		b.WriteString(i.inspect(args[0]))
		rest = args[1:]
	}
	for _, v := range rest {
		b.WriteByte(' ')
		if goja.IsString(v) {
			b.WriteString(v.String())
		} else {
			b.WriteString(i.inspect(v))
		}
	}
	return b.String()
}

func (i *Instance) inspect(v goja.Value) string {
	o, ok := v.(*goja.Object)
	if !ok {
		if goja.IsString(v) {
			return strconv.Quote(v.String())
		}
		return v.String()
	}
	if _, isFn := goja.AssertFunction(o); isFn {
		name := o.Get("name")
		if name == nil || name.String() == "" {
			return "[Function (anonymous)]"
		}
		return "[Function: " + name.String() + "]"
	}
	if st := o.Get("stack"); st != nil && goja.IsString(st) {
		if _, isErr := o.Get("message").Export().(string); isErr {
			n, m := errorText(o)
			return n + ": " + m + "\n" + nodeStack(st.String())
		}
	}
	return i.jsonOf(v)
}

func (i *Instance) callBuiltin(fn goja.Callable, v goja.Value) string {
	if fn == nil {
		return "NaN"
	}
	r, err := fn(goja.Undefined(), v)
	if err != nil {
		return "NaN"
	}
	return r.String()
}

func (i *Instance) jsonOf(v goja.Value) string {
	if i.console.stringify == nil {
		return v.String()
	}
	s, err := i.console.stringify(goja.Undefined(), v)
	if err != nil || goja.IsUndefined(s) {
		return v.String()
	}
	return s.String()
}
