package jsrt

import (
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"github.com/sirupsen/logrus"
)

// console writes to the Instance's logger: log/info → info, warn → warn, error → error,
// debug → debug, trace → trace (with the call stack, as Node's console.trace prints it).
// Messages are formatted by the registered "util" module's format when there is one (so they match
// Node's util.format), else by a small built-in subset of it.

type consoleState struct {
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
			i.log.Log(l, msg)
			return goja.Undefined()
		})
	}
	c.Set("log", level(logrus.InfoLevel, false))
	c.Set("info", level(logrus.InfoLevel, false))
	c.Set("dir", level(logrus.InfoLevel, false))
	c.Set("warn", level(logrus.WarnLevel, false))
	c.Set("error", level(logrus.ErrorLevel, false))
	c.Set("debug", level(logrus.DebugLevel, false))
	c.Set("trace", level(logrus.TraceLevel, true))
	rt.Set("console", c)
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
