package host

import "github.com/dop251/goja"

// Ordered is a JS object whose keys keep the order given (a Go map's order is random, and Node's
// objects print their keys in creation order).
type Ordered []KV

// KV is one key of an Ordered object.
type KV struct {
	Key   string
	Value any
}

// Obj builds an Ordered from alternating keys and values.
func Obj(kv ...any) Ordered {
	o := make(Ordered, 0, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		o = append(o, KV{Key: kv[i].(string), Value: kv[i+1]})
	}
	return o
}

// Value converts v for JS: Ordered becomes an object with its key order, slices of them arrays;
// anything else goes through rt.ToValue. Loop only.
func Value(rt *goja.Runtime, v any) goja.Value {
	switch x := v.(type) {
	case Ordered:
		obj := rt.NewObject()
		for _, kv := range x {
			_ = obj.Set(kv.Key, Value(rt, kv.Value))
		}
		return obj
	case []Ordered:
		items := make([]any, len(x))
		for i, o := range x {
			items[i] = Value(rt, o)
		}
		return rt.NewArray(items...)
	case []byte:
		return rt.ToValue(rt.NewArrayBuffer(append([]byte(nil), x...)))
	case []any:
		items := make([]any, len(x))
		for i, e := range x {
			items[i] = Value(rt, e)
		}
		return rt.NewArray(items...)
	}
	return rt.ToValue(v)
}
