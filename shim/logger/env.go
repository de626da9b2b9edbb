package logger

import (
	"math"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/services/env"
)

// EnvObject is context.env for one runtime: a plain object of the cast values in Directus's key order
// (regex values are RegExp objects, JSON values objects/arrays). Each runtime gets its own copy; in
// Directus all extensions share one mutable object.
func EnvObject(rt *goja.Runtime, e *env.Env) goja.Value {
	obj := rt.NewObject()
	for _, k := range e.Keys() {
		v, _ := e.Get(k)
		_ = obj.Set(k, toJS(rt, v))
	}
	return obj
}

func toJS(rt *goja.Runtime, v any) goja.Value {
	switch x := v.(type) {
	case nil:
		return goja.Null()
	case env.Regex:
		re, err := rt.New(rt.Get("RegExp"), rt.ToValue(x.Source))
		if err != nil {
			return rt.ToValue(x.Source)
		}
		return re
	case float64:
		if math.IsInf(x, 1) {
			return rt.ToValue(math.Inf(1))
		}
		return rt.ToValue(x)
	case []any:
		items := make([]any, len(x))
		for i, el := range x {
			items[i] = toJS(rt, el)
		}
		return rt.NewArray(items...)
	case map[string]any:
		o := rt.NewObject()
		for k, el := range x {
			_ = o.Set(k, toJS(rt, el))
		}
		return o
	}
	return rt.ToValue(v)
}
