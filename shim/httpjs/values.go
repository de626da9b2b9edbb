package httpjs

import (
	"bytes"
	"encoding/json"
	"math"
	"sort"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
)

// accountabilityOrder is the key order of Directus's accountability object (spec 02 §3, verified).
var accountabilityOrder = []string{"role", "user", "roles", "admin", "app", "ip", "userAgent", "origin", "share", "session", "oauth"}

func (k *Kit) accessor(obj *goja.Object, name string, get func(this goja.Value) goja.Value, set func(this, v goja.Value)) {
	g := k.rt.ToValue(jsrt.Safe(k.rt, func(call goja.FunctionCall) goja.Value { return get(call.This) }))
	var s goja.Value
	if set != nil {
		s = k.rt.ToValue(jsrt.Safe(k.rt, func(call goja.FunctionCall) goja.Value { set(call.This, call.Argument(0)); return goja.Undefined() }))
	}
	_ = obj.DefineAccessorProperty(name, g, s, goja.FLAG_TRUE, goja.FLAG_TRUE)
}

func (k *Kit) getter(obj *goja.Object, name string, get func(this goja.Value) goja.Value) {
	k.accessor(obj, name, get, nil)
}

func (k *Kit) method(obj *goja.Object, name string, fn func(call goja.FunctionCall) goja.Value) {
	// jsrt.Safe: a Go panic in a method becomes a catchable JS error instead of unwinding the loop job.
	_ = obj.DefineDataProperty(name, k.rt.ToValue(jsrt.Safe(k.rt, fn)), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
}

func (k *Kit) jsonParse(s string) (goja.Value, error) {
	parse, _ := goja.AssertFunction(k.rt.Get("JSON").ToObject(k.rt).Get("parse"))
	return parse(goja.Undefined(), k.rt.ToValue(s))
}

// jsonValue turns JSON-ready Go data into plain JS values (objects get sorted keys).
func jsonValue(rt *goja.Runtime, v any) goja.Value {
	if v == nil {
		return goja.Null()
	}
	b, err := json.Marshal(v)
	if err != nil {
		return goja.Undefined()
	}
	parse, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("parse"))
	out, err := parse(goja.Undefined(), rt.ToValue(string(b)))
	if err != nil {
		return goja.Undefined()
	}
	return out
}

// orderedJSONValue is jsonValue with the top-level keys in the given order (others after, sorted).
func orderedJSONValue(rt *goja.Runtime, m map[string]any, order []string) goja.Value {
	if v, ok := plainOrderedValue(rt, m, order); ok {
		return v
	}
	return orderedJSONRoundTrip(rt, m, order)
}

// orderedJSONRoundTrip is orderedJSONValue through JSON text and JSON.parse: any value.
func orderedJSONRoundTrip(rt *goja.Runtime, m map[string]any, order []string) goja.Value {
	var buf bytes.Buffer
	buf.WriteByte('{')
	first := true
	write := func(k string) {
		v, ok := m[k]
		if !ok {
			return
		}
		b, err := json.Marshal(v)
		if err != nil {
			return
		}
		if !first {
			buf.WriteByte(',')
		}
		first = false
		kb, _ := json.Marshal(k)
		buf.Write(kb)
		buf.WriteByte(':')
		buf.Write(b)
	}
	seen := map[string]bool{}
	for _, k := range order {
		seen[k] = true
		write(k)
	}
	rest := make([]string, 0)
	for k := range m {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		write(k)
	}
	buf.WriteByte('}')
	parse, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("parse"))
	out, err := parse(goja.Undefined(), rt.ToValue(buf.String()))
	if err != nil {
		return goja.Undefined()
	}
	return out
}

// plainOrderedValue is orderedJSONValue built directly, without JSON text, for the common shape (req.accountability
// of every request): only keys of order, whose values are null, booleans, finite numbers, valid UTF-8 strings
// or lists of such strings. Anything else reports false and takes the JSON round trip.
func plainOrderedValue(rt *goja.Runtime, m map[string]any, order []string) (goja.Value, bool) {
	known := 0
	for _, k := range order {
		if _, ok := m[k]; ok {
			known++
		}
	}
	if known != len(m) {
		return nil, false
	}
	obj := rt.NewObject()
	for _, k := range order {
		v, ok := m[k]
		if !ok {
			continue
		}
		jv, ok := plainValue(rt, v)
		if !ok {
			return nil, false
		}
		_ = obj.Set(k, jv)
	}
	return obj, true
}

func plainValue(rt *goja.Runtime, v any) (goja.Value, bool) {
	switch x := v.(type) {
	case nil:
		return goja.Null(), true
	case bool:
		return rt.ToValue(x), true
	case string:
		return rt.ToValue(x), utf8.ValidString(x)
	case float64:
		return rt.ToValue(x), !math.IsNaN(x) && !math.IsInf(x, 0)
	case int: // as JSON.parse reads the digits: the nearest float64
		return rt.ToValue(float64(x)), true
	case int64:
		return rt.ToValue(float64(x)), true
	case []any:
		list := make([]any, len(x))
		for i, e := range x {
			s, ok := e.(string)
			if !ok || !utf8.ValidString(s) {
				return nil, false
			}
			list[i] = s
		}
		return rt.NewArray(list...), true
	case []string:
		list := make([]any, len(x))
		for i, s := range x {
			if !utf8.ValidString(s) {
				return nil, false
			}
			list[i] = s
		}
		return rt.NewArray(list...), true
	}
	return nil, false
}

func freeze(rt *goja.Runtime, o *goja.Object) {
	if f, ok := goja.AssertFunction(rt.Get("Object").ToObject(rt).Get("freeze")); ok {
		_, _ = f(goja.Undefined(), o)
	}
}

// bytesValue is a Buffer holding b when the runtime has Buffer, else a Uint8Array.
func (k *Kit) bytesValue(b []byte) goja.Value {
	ab := k.rt.NewArrayBuffer(append([]byte(nil), b...))
	if k.bufferFrom != nil {
		if v, err := k.bufferFrom(k.bufferCtor, k.rt.ToValue(ab)); err == nil {
			return v
		}
	}
	u8, _ := k.rt.New(k.rt.Get("Uint8Array"), k.rt.ToValue(ab))
	return u8
}

func freezeObj(rt *goja.Runtime, o *goja.Object) goja.Value {
	freeze(rt, o)
	return o
}
