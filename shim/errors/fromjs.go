// Package errors turns what JavaScript throws into Directus errors and renders them as Directus's
// error-handler middleware does (spec 03 §3–§4). It also provides the built-in @directus/errors module.
package errors

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/services/errs"
)

// FromJS reads a thrown JS value the way Directus's error handler does. Call it on the instance's loop.
//
// Recognition is pure duck typing (spec 03 §3): any non-array object whose name is "DirectusError" is a
// Directus error — including those from an extension's own bundled copy of @directus/errors. Anything
// else is a plain error: rendered as 500, its message shown only to admins.
func FromJS(rt *goja.Runtime, v goja.Value) (e *errs.Error) {
	defer func() {
		// A throwing getter on the thrown value must not take the request down: it is then a plain error.
		if recover() != nil {
			e = &errs.Error{Code: errs.CodeInternal, Status: 500}
		}
	}()
	obj := asObject(rt, v)
	if obj != nil && isDirectusError(obj) {
		e = directusFromJS(rt, obj)
	} else {
		e = plainFromJS(rt, v, obj)
	}
	withPosition(rt, v, e)
	return e
}

// FromJSValue is FromJS for a value passed to next() or thrown, where Directus's handler accepts a list:
// a JS array becomes a List of its elements (each read by FromJS), anything else one *errs.Error.
func FromJSValue(rt *goja.Runtime, v goja.Value) error {
	if obj, ok := v.(*goja.Object); ok && obj.ClassName() == "Array" {
		n := int(obj.Get("length").ToInteger())
		list := make(List, 0, n)
		for i := 0; i < n; i++ {
			list = append(list, FromJS(rt, obj.Get(strconv.Itoa(i))))
		}
		return list
	}
	return FromJS(rt, v)
}

// List is several errors answered together (next([a, b]), a validation list): Respond renders each.
type List []error

func (l List) Error() string { return errors.Join(l...).Error() }

func (l List) Unwrap() []error { return l }

// withPosition attaches the source-mapped exception (file:line for the log line) when rt belongs to a
// jsrt instance, and uses its Node-style stack.
func withPosition(rt *goja.Runtime, v goja.Value, e *errs.Error) {
	inst := jsrt.FromRuntime(rt)
	if inst == nil {
		return
	}
	ex := inst.ExceptionOf(v)
	if js, ok := e.Cause.(*jsFields); ok {
		js.cause = ex
	} else {
		e.Cause = ex
	}
	if e.Stack != "" && ex.Stack != "" {
		e.Stack = ex.Text() + "\n" + ex.Stack
	}
}

func directusFromJS(rt *goja.Runtime, obj *goja.Object) *errs.Error {
	e := &errs.Error{Directus: true, Status: 500}
	if code, ok := exportProp(obj, "code").(string); ok {
		e.Code = code
	}
	if status, ok := toStatus(obj.Get("status")); ok {
		e.Status = status
	}
	if msg, ok := exportProp(obj, "message").(string); ok {
		e.Message = msg
	}
	e.Extensions, e.Order = spreadJSON(rt, obj.Get("extensions"))
	e.Stack = stackOf(rt, obj)
	// Directus renders {message: error.message, extensions: {..., code: error.code}} with JSON.stringify:
	// an undefined message or code disappears and a non-string one keeps its JSON type.
	stringify, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("stringify"))
	js := &jsFields{}
	js.message, js.hasMessage = stringifyValue(rt, stringify, obj.Get("message"))
	js.code, js.hasCode = stringifyValue(rt, stringify, obj.Get("code"))
	e.Cause = js
	return e
}

// jsFields carries the JSON of a duck-typed error's message and code as JavaScript would write them
// (absent when undefined). It sits in errs.Error.Cause, in front of the JS exception it wraps.
type jsFields struct {
	message, code       json.RawMessage
	hasMessage, hasCode bool
	cause               error
}

func (f *jsFields) Error() string {
	if f.cause != nil {
		return f.cause.Error()
	}
	return string(f.message)
}

func (f *jsFields) Unwrap() error { return f.cause }

// plainFromJS keeps what the admin view needs: message (the value's message if a string, else the value
// itself if a string) and the spread extensions.
func plainFromJS(rt *goja.Runtime, v goja.Value, obj *goja.Object) *errs.Error {
	e := &errs.Error{Code: errs.CodeInternal, Status: 500}
	if obj != nil {
		if msg, ok := exportProp(obj, "message").(string); ok {
			e.Message = msg
		}
		if _, isString := v.Export().(string); isString && e.Message == "" {
			e.Message = v.String()
		}
		e.Extensions, e.Order = spreadJSON(rt, obj.Get("extensions"))
		e.Stack = stackOf(rt, obj)
	}
	return e
}

// asObject returns v as an object for property reads (a string becomes its String wrapper so that
// `value.message` reads undefined as in JS), or nil for undefined/null.
func asObject(rt *goja.Runtime, v goja.Value) *goja.Object {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	return v.ToObject(rt)
}

func isDirectusError(obj *goja.Object) bool {
	if obj.ClassName() == "Array" {
		return false
	}
	name, ok := exportProp(obj, "name").(string)
	return ok && name == "DirectusError"
}

// toStatus accepts a JS number, or a numeric string (Node's writeHead coerces "429" to 429), that is a
// valid HTTP status code.
func toStatus(v goja.Value) (int, bool) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return 0, false
	}
	switch n := v.Export().(type) {
	case string:
		if code, err := strconv.Atoi(n); err == nil && code >= 100 && code <= 999 {
			return code, true
		}
	case int64:
		if n >= 100 && n <= 999 {
			return int(n), true
		}
	case float64:
		if n == float64(int(n)) && n >= 100 && n <= 999 {
			return int(n), true
		}
	}
	return 0, false
}

// stackOf gives the stack of a real Error (instanceof Error), as the development-mode renderer shows it.
func stackOf(rt *goja.Runtime, obj *goja.Object) string {
	errorCtor, ok := rt.Get("Error").(*goja.Object)
	if !ok || !rt.InstanceOf(obj, errorCtor) {
		return ""
	}
	if s, ok := exportProp(obj, "stack").(string); ok {
		return s
	}
	return ""
}

// spreadJSON does `{ ...(ext ?? {}) }` followed by JSON.stringify, key by key: own enumerable keys in JS
// order (a string spreads into its characters), each value as the exact JSON JavaScript produces
// (toJSON honoured, so a Date becomes its ISO string). Keys whose value JSON drops (undefined,
// functions, symbols) are left out, as JSON.stringify does.
func spreadJSON(rt *goja.Runtime, ext goja.Value) (map[string]any, []string) {
	if ext == nil || goja.IsUndefined(ext) || goja.IsNull(ext) {
		return nil, nil
	}
	obj := ext.ToObject(rt)
	keys := obj.Keys()
	if len(keys) == 0 {
		return nil, nil
	}
	stringify, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("stringify"))
	out := make(map[string]any, len(keys))
	order := make([]string, 0, len(keys))
	for _, k := range keys {
		raw, ok := stringifyValue(rt, stringify, obj.Get(k))
		if !ok {
			continue
		}
		out[k] = raw
		order = append(order, k)
	}
	return out, order
}

func stringifyValue(rt *goja.Runtime, stringify goja.Callable, v goja.Value) (raw json.RawMessage, ok bool) {
	defer func() {
		// A throwing toJSON or a BigInt makes JSON.stringify throw; the key is then left out.
		if recover() != nil {
			raw, ok = nil, false
		}
	}()
	res, err := stringify(goja.Undefined(), v)
	if err != nil || res == nil || goja.IsUndefined(res) {
		return nil, false
	}
	s := res.String()
	if !json.Valid([]byte(s)) {
		return nil, false
	}
	return json.RawMessage(strings.Clone(s)), true
}

// exportProp exports obj[name]; nil when absent (goja's Get returns a nil Value then).
func exportProp(obj *goja.Object, name string) any {
	v := obj.Get(name)
	if v == nil {
		return nil
	}
	return v.Export()
}
