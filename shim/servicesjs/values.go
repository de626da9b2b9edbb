package servicesjs

import (
	"encoding/json"
	"errors"
	"sort"
	"strconv"
	"time"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/query"
	"github.com/dxhost/dxhost/services/validation"
)

// toJS converts a service result into JS values: items and JSON objects become Go-backed rows
// (see row) that keep the item key order (never through a Go map for items); arrays become real JS
// arrays. Call on the loop.
func toJS(rt *goja.Runtime, v any) goja.Value {
	switch x := v.(type) {
	case nil:
		return goja.Null()
	case *items.Item:
		if x == nil {
			return goja.Null()
		}
		return newRow(rt, x.Keys(), x.Values())
	case *query.Object: // an ordered JSON object (e.g. a JSON column decoded in order)
		if x == nil {
			return goja.Null()
		}
		return newRow(rt, x.Keys(), objectValues(x))
	case []*items.Item:
		list := make([]any, len(x))
		slab := make([]row, len(x)) // one allocation for a page of rows
		for i, it := range x {
			if it == nil {
				list[i] = goja.Null()
				continue
			}
			list[i] = initRow(&slab[i], rt, it.Keys(), it.Values())
		}
		return rt.NewArray(list...)
	case map[string]any:
		// JSON column values decoded in Go; their key order is already lost, keep it stable.
		keys, vals := sortedMap(x)
		return newRow(rt, keys, vals)
	case []any:
		list := make([]any, len(x))
		for i, e := range x {
			list[i] = toJS(rt, e)
		}
		return rt.NewArray(list...)
	case json.RawMessage:
		var parsed any
		if json.Unmarshal(x, &parsed) != nil {
			return goja.Undefined()
		}
		return toJS(rt, parsed)
	}
	return plainJS(rt, v) // primitives, Dates
}

// plainJS is toJS making ordinary JS objects (for error extensions, which leave through code that
// exports them).
func plainJS(rt *goja.Runtime, v any) goja.Value {
	switch x := v.(type) {
	case nil:
		return goja.Null()
	case *items.Item:
		if x == nil {
			return goja.Null()
		}
		obj := rt.NewObject()
		for _, k := range x.Keys() {
			val, _ := x.Get(k)
			_ = obj.Set(k, plainJS(rt, val))
		}
		return obj
	case *query.Object:
		if x == nil {
			return goja.Null()
		}
		obj := rt.NewObject()
		for _, k := range x.Keys() {
			val, _ := x.Get(k)
			_ = obj.Set(k, plainJS(rt, val))
		}
		return obj
	case []*items.Item:
		list := make([]any, len(x))
		for i, it := range x {
			list[i] = plainJS(rt, it)
		}
		return rt.NewArray(list...)
	case []any:
		list := make([]any, len(x))
		for i, e := range x {
			list[i] = plainJS(rt, e)
		}
		return rt.NewArray(list...)
	case []string:
		list := make([]any, len(x))
		for i, e := range x {
			list[i] = e
		}
		return rt.NewArray(list...)
	case map[string]any:
		keys, vals := sortedMap(x)
		obj := rt.NewObject()
		for i, k := range keys {
			_ = obj.Set(k, plainJS(rt, vals[i]))
		}
		return obj
	case time.Time:
		d, err := rt.New(rt.Get("Date"), rt.ToValue(x.UnixMilli()))
		if err != nil {
			return goja.Null()
		}
		return d
	case json.Number:
		f, _ := x.Float64()
		return rt.ToValue(f)
	case json.RawMessage:
		var parsed any
		if json.Unmarshal(x, &parsed) != nil {
			return goja.Undefined()
		}
		return plainJS(rt, parsed)
	case int:
		return rt.ToValue(int64(x))
	}
	return rt.ToValue(v)
}

// fromJS exports a JS argument into the plain Go values the services take (maps, slices, numbers,
// strings, booleans, time.Time for Dates). undefined and null become nil.
func fromJS(v goja.Value) any {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	return plainExport(v.Export())
}

// payloadFromJS exports a write payload (an object, or an array of them): like fromJS, except that
// the objects inside each payload become *items.Item in the JS object's key order, so a JSON
// column is written with the keys in the order JSON.stringify gives them in Directus.
func payloadFromJS(v goja.Value) any {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	obj, ok := v.(*goja.Object)
	if !ok {
		return fromJS(v)
	}
	switch obj.ClassName() {
	case "Array":
		n := int(obj.Get("length").ToInteger())
		out := make([]any, n)
		for i := range n {
			out[i] = payloadFromJS(obj.Get(strconv.Itoa(i)))
		}
		return out
	case "Object":
		keys := obj.Keys()
		m := make(map[string]any, len(keys))
		for _, k := range keys {
			m[k] = orderedFromJS(obj.Get(k))
		}
		return m
	}
	return fromJS(v)
}

// orderedFromJS is fromJS keeping plain objects' key order (*items.Item).
func orderedFromJS(v goja.Value) any {
	obj, ok := v.(*goja.Object)
	if !ok {
		return fromJS(v)
	}
	switch obj.ClassName() {
	case "Array":
		n := int(obj.Get("length").ToInteger())
		out := make([]any, n)
		for i := range n {
			out[i] = orderedFromJS(obj.Get(strconv.Itoa(i)))
		}
		return out
	case "Object":
		it := items.NewItem()
		for _, k := range obj.Keys() {
			it.Set(k, orderedFromJS(obj.Get(k)))
		}
		return it
	}
	return fromJS(v)
}

// plainExport normalises goja's exports (typed slices, nested maps, rows) into []any /
// map[string]any.
func plainExport(v any) any {
	switch x := v.(type) {
	case *row:
		return x.export()
	case map[string]any:
		for k, e := range x {
			x[k] = plainExport(e)
		}
		return x
	case []any:
		for i, e := range x {
			x[i] = plainExport(e)
		}
		return x
	case []string:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = e
		}
		return out
	case []int64:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = e
		}
		return out
	case []float64:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = e
		}
		return out
	}
	return v
}

// thrownJS is a JS value that crossed into Go (e.g. opts.preMutationError) and must come back to JS
// as the very same value.
type thrownJS struct{ value goja.Value }

func (t *thrownJS) Error() string { return t.value.String() }

// errorBuilder turns a service error into the JS value the promise rejects with (built on the loop):
// Directus errors as DirectusError instances of @directus/errors (name, code, status, extensions,
// message), anything else as a plain Error.
func (b *Binding) errorBuilder(err error) func(*goja.Runtime) goja.Value {
	return func(rt *goja.Runtime) goja.Value { return b.errorValue(err) }
}

func (b *Binding) errorValue(err error) goja.Value {
	var thrown *thrownJS
	if errors.As(err, &thrown) {
		return thrown.value
	}
	var te *jsTypeError
	if errors.As(err, &te) {
		return newError(b.rt, "TypeError", te.msg)
	}
	rt := b.rt
	var list validation.Errors
	if errors.As(err, &list) && len(list) > 0 {
		// processPayload throws its FailedValidationErrors as an array
		out := make([]any, len(list))
		for i, e := range list {
			out[i] = b.errorValue(e)
		}
		return rt.NewArray(out...)
	}
	if e := errs.As(err); e != nil && e.Directus {
		if v, ok := b.directusError(e); ok {
			return v
		}
	}
	msg := err.Error()
	if e := errs.As(err); e != nil && !e.Directus && e.Message != "" {
		msg = e.Message
	}
	return newError(rt, "Error", msg)
}

// newError is `new <ctor>(msg)` of the runtime's own global constructor.
func newError(rt *goja.Runtime, ctor, msg string) goja.Value {
	v, err := rt.New(rt.Get(ctor), rt.ToValue(msg))
	if err != nil {
		return rt.ToValue(msg)
	}
	return v
}

// directusError builds `new (createError(code, message, status))(extensions)`.
func (b *Binding) directusError(e *errs.Error) (goja.Value, bool) {
	rt := b.rt
	create, ok := goja.AssertFunction(b.errors.Get("createError"))
	if !ok {
		return nil, false
	}
	class, err := create(goja.Undefined(), rt.ToValue(e.Code), rt.ToValue(e.Message), rt.ToValue(e.Status))
	if err != nil {
		return nil, false
	}
	ext := goja.Undefined()
	if e.Extensions != nil {
		ext = b.extensionsObject(e)
	}
	obj, err := rt.New(class, ext)
	if err != nil {
		return nil, false
	}
	return obj, true
}

// extensionsObject keeps the error's key order (Order first, the rest sorted).
func (b *Binding) extensionsObject(e *errs.Error) goja.Value {
	rt := b.rt
	obj := rt.NewObject()
	seen := map[string]bool{}
	keys := make([]string, 0, len(e.Extensions))
	for _, k := range e.Order {
		if _, ok := e.Extensions[k]; ok && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	var rest []string
	for k := range e.Extensions {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range append(keys, rest...) {
		_ = obj.Set(k, plainJS(rt, e.Extensions[k]))
	}
	return obj
}

// typeError is a JS TypeError raised from Go argument checks.
type jsTypeError struct{ msg string }

func (e *jsTypeError) Error() string { return e.msg }

func typeError(msg string) error { return &jsTypeError{msg: msg} }

func jsTypeName(v goja.Value) string {
	if v == nil || goja.IsUndefined(v) {
		return "undefined"
	}
	if goja.IsNull(v) {
		return "null"
	}
	return v.String()
}
