package extension

import (
	"sort"
	"time"

	"github.com/dop251/goja"
)

// Values cross from one extension's VM to another's as an ordered deep copy: objects keep their key
// order (Go maps would not), dates stay dates, functions are dropped (as structured cloning would).

// orderedObject is a captured plain object.
type orderedObject struct {
	keys []string
	vals []any
}

// capture copies v out of its runtime; call it on v's own loop.
func capture(v goja.Value) any {
	return captureDepth(v, 0)
}

func captureDepth(v goja.Value, depth int) any {
	if v == nil || goja.IsUndefined(v) {
		return nil
	}
	if goja.IsNull(v) {
		return goja.Null()
	}
	o, ok := v.(*goja.Object)
	if !ok {
		return v.Export()
	}
	if depth > 64 {
		return nil // cycles and absurd depth end here rather than overflowing the stack
	}
	switch o.ClassName() {
	case "Function":
		return nil
	case "Date":
		if t, ok := o.Export().(time.Time); ok {
			return t
		}
	case "Array":
		n := int(o.Get("length").ToInteger())
		arr := make([]any, n)
		for i := 0; i < n; i++ {
			arr[i] = captureDepth(o.Get(itoa(i)), depth+1)
		}
		return arr
	case "Object", "Error":
		out := &orderedObject{}
		for _, k := range o.Keys() {
			out.keys = append(out.keys, k)
			out.vals = append(out.vals, captureDepth(o.Get(k), depth+1))
		}
		if o.ClassName() == "Error" {
			if m := o.Get("message"); m != nil && !goja.IsUndefined(m) && !hasKey(out.keys, "message") {
				out.keys = append(out.keys, "message")
				out.vals = append(out.vals, m.String())
			}
		}
		return out
	}
	return o.Export()
}

// rebuild makes a captured value a value of rt.
func rebuild(rt *goja.Runtime, x any) goja.Value {
	switch v := x.(type) {
	case nil:
		return goja.Undefined()
	case goja.Value:
		return v // null and other primitives are runtime-independent
	case *orderedObject:
		o := rt.NewObject()
		for i, k := range v.keys {
			if v.vals[i] == nil {
				continue
			}
			_ = o.Set(k, rebuild(rt, v.vals[i]))
		}
		return o
	case []any:
		items := make([]any, len(v))
		for i, e := range v {
			items[i] = rebuild(rt, e)
		}
		return rt.NewArray(items...)
	case time.Time:
		d, err := rt.New(rt.Get("Date"), rt.ToValue(float64(v.UnixNano())/1e6))
		if err != nil {
			return goja.Undefined()
		}
		return d
	case map[string]any:
		o := rt.NewObject()
		for k, e := range v {
			_ = o.Set(k, rebuild(rt, e))
		}
		return o
	default:
		return rt.ToValue(v)
	}
}

func hasKey(keys []string, k string) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// sortedKeys orders a Go map's keys for JS: "event" first (Directus builds meta as { event, ...meta }),
// then alphabetically, so that the order is at least stable.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		if k != "event" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	if _, ok := m["event"]; ok {
		keys = append([]string{"event"}, keys...)
	}
	return keys
}
