package servicesjs

import (
	"encoding/json"
	"sort"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/query"
	"github.com/dxhost/dxhost/shim/httpjs"
)

// row is a service result object (an item, a JSON column's object) as JS sees it: a Go-backed
// object (goja.NewDynamicObject) that turns a field into a JS value only when JS reads it, so a
// result that goes straight to res.json is written from Go without ever becoming JS objects.
// It behaves as the plain object toJS used to build: same keys in the same order (array-index keys
// first, ascending, as in any JS object), object values converted once and kept (identity and
// mutation hold), set/delete/has/keys as on a plain object.
type row struct {
	rt   *goja.Runtime
	keys []string
	// vals holds a Go value (as the service returned it) until JS reads or writes the field;
	// then a goja.Value.
	vals []any
	// owned: keys and vals are this row's own slices; until then they may be the source's.
	owned bool
}

// newRow wraps keys and vals (kept, not copied: they are copied on the first write).
func newRow(rt *goja.Runtime, keys []string, vals []any) *goja.Object {
	return initRow(new(row), rt, keys, vals)
}

// initRow is newRow into r.
func initRow(r *row, rt *goja.Runtime, keys []string, vals []any) *goja.Object {
	keys, vals, copied := jsOrder(keys, vals)
	*r = row{rt: rt, keys: keys, vals: vals, owned: copied}
	return rt.NewDynamicObject(r)
}

func (r *row) index(key string) int {
	for i, k := range r.keys {
		if k == key {
			return i
		}
	}
	return -1
}

func (r *row) own() {
	if !r.owned {
		r.keys = append([]string(nil), r.keys...)
		r.vals = append([]any(nil), r.vals...)
		r.owned = true
	}
}

// Get converts the field once and keeps the result: an object stays the same object (identity,
// mutations), a string is not converted again on every read (sort comparators read fields often).
func (r *row) Get(key string) goja.Value {
	i := r.index(key)
	if i < 0 {
		return nil
	}
	if v, ok := r.vals[i].(goja.Value); ok {
		return v
	}
	v := toJS(r.rt, r.vals[i])
	r.own()
	r.vals[i] = v
	return v
}

func (r *row) Set(key string, val goja.Value) bool {
	if i := r.index(key); i >= 0 {
		r.own()
		r.vals[i] = val
		return true
	}
	// a new key goes last, or among the array-index keys in numeric order
	keys := append(append(make([]string, 0, len(r.keys)+1), r.keys...), key)
	vals := append(append(make([]any, 0, len(r.keys)+1), r.vals...), val)
	r.keys, r.vals, _ = jsOrder(keys, vals)
	r.owned = true
	return true
}

func (r *row) Has(key string) bool { return r.index(key) >= 0 }

// Delete copies: a Keys() result handed to goja (for-in in progress) must not change under it.
func (r *row) Delete(key string) bool {
	i := r.index(key)
	if i < 0 {
		return true
	}
	r.keys = append(r.keys[:i:i], r.keys[i+1:]...)
	r.vals = append(r.vals[:i:i], r.vals[i+1:]...)
	r.owned = true
	return true
}

func (r *row) Keys() []string { return r.keys[:len(r.keys):len(r.keys)] }

// AppendJSON writes the row as JSON.stringify writes the plain object it stands for. Keys are
// taken once, as JSON.stringify does; each value is read when its turn comes.
func (r *row) AppendJSON(e *httpjs.JSONEncoder) {
	keys := r.keys
	e.Byte('{')
	n := 0
	for i, k := range keys {
		var v any
		if len(r.keys) == len(keys) && &r.keys[0] == &keys[0] { // unchanged so far
			v = r.vals[i]
		} else if j := r.index(k); j >= 0 {
			v = r.vals[j]
		} else {
			continue // deleted meanwhile: Get gives undefined
		}
		mark := e.Member(n == 0, k)
		if writeValue(e, r.rt, httpjs.StrKey(k), v) {
			n++
		} else {
			e.Truncate(mark)
		}
	}
	e.Byte('}')
}

// MarshalJSON is json.Marshal of what goja's Export gives for the plain object the row stands for
// (Export hands out the row itself). Like any use of the row, on the loop only.
func (r *row) MarshalJSON() ([]byte, error) { return json.Marshal(r.export()) }

// export is the row as goja exports a plain object: map[string]any of exported values.
func (r *row) export() map[string]any {
	m := make(map[string]any, len(r.keys))
	for _, k := range r.keys {
		m[k] = plainExport(r.Get(k).Export())
	}
	return m
}

// writeValue writes field value v (a Go value, or a goja.Value once JS has it) as JSON.stringify
// writes toJS(v). Go values that JS never saw are written directly; false for undefined.
func writeValue(e *httpjs.JSONEncoder, rt *goja.Runtime, key httpjs.Key, v any) bool {
	switch x := v.(type) {
	case goja.Value:
		return e.Value(key, x)
	case nil:
		e.Null()
	case string:
		e.String(x)
	case bool:
		e.Bool(x)
	case int64:
		e.Int(x)
	case int:
		e.Int(int64(x))
	case float64:
		e.Float(x)
	case json.Number:
		f, _ := x.Float64()
		e.Float(f)
	case *items.Item:
		if x == nil {
			e.Null()
			return true
		}
		if !e.GoObjectPlain() {
			return e.Value(key, toJS(rt, v))
		}
		keys, vals, _ := jsOrder(x.Keys(), x.Values())
		writeMembers(e, rt, keys, vals)
	case *query.Object:
		if x == nil {
			e.Null()
			return true
		}
		if !e.GoObjectPlain() {
			return e.Value(key, toJS(rt, v))
		}
		keys, vals, _ := jsOrder(x.Keys(), objectValues(x))
		writeMembers(e, rt, keys, vals)
	case map[string]any:
		if !e.GoObjectPlain() {
			return e.Value(key, toJS(rt, v))
		}
		keys, vals, _ := jsOrder(sortedMap(x))
		writeMembers(e, rt, keys, vals)
	case []*items.Item:
		if !e.GoArrayPlain() {
			return e.Value(key, toJS(rt, v))
		}
		e.Byte('[')
		for i, it := range x {
			if i > 0 {
				e.Byte(',')
			}
			writeValue(e, rt, httpjs.IndexKey(i), it)
		}
		e.Byte(']')
	case []any:
		if !e.GoArrayPlain() {
			return e.Value(key, toJS(rt, v))
		}
		e.Byte('[')
		for i, el := range x {
			if i > 0 {
				e.Byte(',')
			}
			if !writeValue(e, rt, httpjs.IndexKey(i), el) {
				e.Null()
			}
		}
		e.Byte(']')
	case []string:
		if !e.GoArrayPlain() {
			return e.Value(key, toJS(rt, v))
		}
		e.Byte('[')
		for i, s := range x {
			if i > 0 {
				e.Byte(',')
			}
			e.String(s)
		}
		e.Byte(']')
	default: // Dates, raw JSON and anything rarer: as the JS value toJS makes
		return e.Value(key, toJS(rt, v))
	}
	return true
}

func writeMembers(e *httpjs.JSONEncoder, rt *goja.Runtime, keys []string, vals []any) {
	e.Byte('{')
	n := 0
	for i, k := range keys {
		mark := e.Member(n == 0, k)
		if writeValue(e, rt, httpjs.StrKey(k), vals[i]) {
			n++
		} else {
			e.Truncate(mark)
		}
	}
	e.Byte('}')
}

func objectValues(o *query.Object) []any {
	keys := o.Keys()
	vals := make([]any, len(keys))
	for i, k := range keys {
		vals[i], _ = o.Get(k)
	}
	return vals
}

// sortedMap lists a Go map by sorted key: its order is already lost, keep it stable.
func sortedMap(m map[string]any) ([]string, []any) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	vals := make([]any, len(keys))
	for i, k := range keys {
		vals[i] = m[k]
	}
	return keys, vals
}

// jsOrder puts keys in the order a JS object built by setting them one by one lists them
// (items.JSKeyOrder: array-index keys first, ascending, then the others as given), values along.
// Without index keys (the usual case) the slices come back as they are (copied false).
func jsOrder(keys []string, vals []any) ([]string, []any, bool) {
	ordered := items.JSKeyOrder(keys)
	if len(ordered) == 0 || &ordered[0] == &keys[0] {
		return keys, vals, false
	}
	at := make(map[string]int, len(keys))
	for i, k := range keys {
		at[k] = i
	}
	out := make([]any, len(ordered))
	for i, k := range ordered {
		out[i] = vals[at[k]]
	}
	return ordered, out, true
}
