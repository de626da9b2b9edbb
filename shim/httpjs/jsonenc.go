package httpjs

import (
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/services/env"
)

// JSONAppender is a Go-backed JS object (goja.NewDynamicObject) that writes itself as
// JSON.stringify would, reading its Go values directly instead of turning them into JS values.
// res.json finds it through Export, so the package that makes such objects (servicesjs) needs no
// import from here other than this interface.
type JSONAppender interface {
	goja.DynamicObject
	AppendJSON(e *JSONEncoder)
}

// JSONEncoder is the runtime's JSON.stringify (no replacer, no indent) done in Go: for ordinary
// objects, arrays, Dates, functions and Go-backed objects it performs the same observable steps in
// the same order (toJSON lookups and calls, getters through Get, key lists, the cycle check); any
// other value (Proxy, boxed primitive, BigInt, Map, Error, typed array, wrapped Go value, an object
// with a lone-surrogate key) is written by goja's own JSON.stringify, under the same key.
type JSONEncoder struct {
	buf      []byte
	kit      *Kit
	stack    []*goja.Object // the objects being written, for the cycle check
	stackBuf [8]*goja.Object

	// What the last prototype checks found; any call into JS may change it (checked* false).
	objectClean, objectChecked bool // Object.prototype has no own toJSON
	arrayClean, arrayChecked   bool // nor Array.prototype, which inherits from Object.prototype
}

// Key is a property key: a string, or an array index formatted only if a toJSON asks for it.
type Key struct {
	s string
	i int
}

// StrKey is the key of an object member.
func StrKey(s string) Key { return Key{s: s, i: -1} }

// IndexKey is the key of an array element.
func IndexKey(i int) Key { return Key{i: i} }

func (k Key) String() string {
	if k.i >= 0 {
		return strconv.Itoa(k.i)
	}
	return k.s
}

var (
	typeInt64   = reflect.TypeOf(int64(0))
	typeBool    = reflect.TypeOf(true)
	typeMap     = reflect.TypeOf(map[string]any(nil))
	typeArray   = reflect.TypeOf([]any(nil))
	typeTime    = reflect.TypeOf(time.Time{})
	maxSafeInt  = int64(1) << 53
	emptyObject = "{}"
)

// JSON is JSON.stringify(v) as res.json writes it (in Go, see JSONEncoder); ok is false when v
// serialises to undefined. It throws (panics with the JS error) where JSON.stringify throws: call it
// from a function JS called.
func (k *Kit) JSON(v goja.Value) (out []byte, ok bool) {
	e := &JSONEncoder{kit: k, buf: make([]byte, 0, k.jsonSize)}
	e.stack = e.stackBuf[:0]
	if !e.Value(StrKey(""), v) {
		return nil, false
	}
	// Start the next buffer near the recent answers' size (a moving average, so that one huge
	// answer does not make every small one allocate as much) instead of growing to it again.
	k.jsonSize = min(max((3*k.jsonSize+len(e.buf)+len(e.buf)/8)/4, 512), 256<<10)
	return e.buf, true
}

// Byte writes a structural character ({, }, [, ], ,).
func (e *JSONEncoder) Byte(c byte) { e.buf = append(e.buf, c) }

// Null writes null.
func (e *JSONEncoder) Null() { e.buf = append(e.buf, "null"...) }

// Bool writes a boolean.
func (e *JSONEncoder) Bool(b bool) { e.buf = strconv.AppendBool(e.buf, b) }

// Int writes an integer as goja holds it: exactly within ±2^53, as a JS double beyond.
func (e *JSONEncoder) Int(i int64) {
	if i >= -maxSafeInt && i <= maxSafeInt {
		e.buf = strconv.AppendInt(e.buf, i, 10)
		return
	}
	e.Float(float64(i))
}

// Float writes a number as JSON.stringify does (Number#toString; null when not finite).
func (e *JSONEncoder) Float(f float64) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		e.Null()
		return
	}
	e.buf = env.AppendJSNumber(e.buf, f)
}

// Member starts an object member: a comma unless it is the first, the quoted key and a colon. It
// returns the length before it, to Truncate to when the value turns out to be undefined.
func (e *JSONEncoder) Member(first bool, key string) int {
	mark := len(e.buf)
	if !first {
		e.buf = append(e.buf, ',')
	}
	e.String(key)
	e.buf = append(e.buf, ':')
	return mark
}

// Truncate drops what was written after mark.
func (e *JSONEncoder) Truncate(mark int) { e.buf = e.buf[:mark] }

// GoObjectPlain reports whether an object that JS has not seen yet (a Go value that toJS would
// turn into an ordinary object, prototype Object.prototype) can be written from Go: true while no
// toJSON is reachable from Object.prototype. When false, the caller converts the value and calls
// Value. The check asks hasOwnProperty, so it runs no getter.
func (e *JSONEncoder) GoObjectPlain() bool {
	if !e.objectChecked {
		e.objectChecked = true
		e.objectClean = !e.kit.hasOwn(e.kit.objectProto, "toJSON")
	}
	return e.objectClean
}

// GoArrayPlain is GoObjectPlain for a Go value toJS would turn into an array.
func (e *JSONEncoder) GoArrayPlain() bool {
	if !e.arrayChecked {
		e.arrayChecked = true
		e.arrayClean = !e.kit.hasOwn(e.kit.arrayProto, "toJSON") && e.kit.arrayProto.Prototype() == e.kit.objectProto
	}
	return e.arrayClean && e.GoObjectPlain()
}

// hasOwn tells whether an ordinary object has an own property name, enumerable or not, without
// reading it: through the instance's built-in hasOwnProperty, else (a bare runtime) by listing
// the names, which allocates more.
func (k *Kit) hasOwn(o *goja.Object, name string) bool {
	if k.inst != nil {
		return k.inst.HasOwnProperty(o, name)
	}
	for _, n := range o.GetOwnPropertyNames() {
		if n == name {
			return true
		}
	}
	return false
}

// ranJS notes that JS code may have run (a getter, a toJSON), so prototypes may have changed.
func (e *JSONEncoder) ranJS() { e.objectChecked, e.arrayChecked = false, false }

// Value serialises v, the value of property key, as SerializeJSONProperty does; false when it
// serialises to undefined (nothing is written then).
func (e *JSONEncoder) Value(key Key, v goja.Value) bool {
	obj, isObj := v.(*goja.Object)
	if !isObj {
		if v != nil && goja.IsBigInt(v) { // BigInt.prototype.toJSON may exist: goja decides
			return e.delegate(key, v)
		}
		return e.primitive(v)
	}
	c := e.kind(obj)
	if c.kind == kindOther {
		return e.delegate(key, v)
	}
	if c.kind == kindAppender && e.GoObjectPlain() && obj.Prototype() == e.kit.objectProto && !c.appender.Has("toJSON") {
		// no toJSON to find: skip the lookup, which would run no JS here
		return e.object(key, obj, c)
	}
	e.ranJS() // the lookup may run a getter
	if tj := obj.Get("toJSON"); tj != nil {
		if fn, ok := goja.AssertFunction(tj); ok {
			e.ranJS()
			r, err := fn(obj, e.kit.rt.ToValue(key.String()))
			if err != nil {
				panic(err)
			}
			return e.resolved(key, r)
		}
	}
	return e.object(key, obj, c)
}

type objKind int

const (
	kindOther objKind = iota
	kindAppender
	kindOrdinary
	kindArray
	kindFunction
)

// class is what kind found out about an object.
type class struct {
	kind     objKind
	appender JSONAppender // a Go-backed object's handler
}

// kind classifies obj without running JS.
func (e *JSONEncoder) kind(obj *goja.Object) class {
	switch t := obj.ExportType(); {
	case t == typeMap && obj.ClassName() == "Object", t == typeTime && obj.ClassName() == "Date":
		return class{kind: kindOrdinary} // a Date is one once its toJSON is called (or gone)
	case t == typeArray:
		if obj.ClassName() == "Array" {
			return class{kind: kindArray}
		}
	case t != nil && t.Kind() == reflect.Pointer:
		if a, ok := obj.Export().(JSONAppender); ok {
			return class{kind: kindAppender, appender: a}
		}
	case t != nil && t.Kind() == reflect.Func:
		if obj.ClassName() == "Function" {
			return class{kind: kindFunction}
		}
	}
	return class{}
}

// resolved writes what a toJSON returned (no second toJSON lookup, as in SerializeJSONProperty).
func (e *JSONEncoder) resolved(key Key, r goja.Value) bool {
	obj, isObj := r.(*goja.Object)
	if !isObj {
		if r != nil && goja.IsBigInt(r) {
			panic(e.kit.rt.NewTypeError("Do not know how to serialize a BigInt"))
		}
		return e.primitive(r)
	}
	c := e.kind(obj)
	if c.kind == kindOther {
		return e.delegate(key, r)
	}
	return e.object(key, obj, c)
}

func (e *JSONEncoder) primitive(v goja.Value) bool {
	switch {
	case v == nil || goja.IsUndefined(v):
		return false
	case goja.IsNull(v):
		e.Null()
		return true
	}
	switch x := v.(type) {
	case goja.String:
		e.jsString(x)
		return true
	case *goja.Symbol:
		return false
	}
	switch v.ExportType() {
	case typeInt64:
		e.buf = strconv.AppendInt(e.buf, v.ToInteger(), 10)
	case typeBool:
		e.Bool(v.ToBoolean())
	default:
		e.Float(v.ToFloat())
	}
	return true
}

func (e *JSONEncoder) object(key Key, obj *goja.Object, c class) bool {
	if c.kind == kindFunction {
		return false
	}
	for _, s := range e.stack {
		if s == obj {
			panic(e.kit.rt.NewTypeError("Converting circular structure to JSON"))
		}
	}
	e.stack = append(e.stack, obj)
	switch c.kind {
	case kindAppender:
		c.appender.AppendJSON(e)
	case kindOrdinary:
		keys := obj.Keys()
		for _, k := range keys {
			// a key JS holds with a lone surrogate reads back with U+FFFD, and no Go string
			// names it for Get: goja writes such an object (its toJSON was already looked up)
			if strings.Contains(k, "\uFFFD") {
				e.stack = e.stack[:len(e.stack)-1]
				return e.delegate(key, obj)
			}
		}
		e.buf = append(e.buf, '{')
		n := 0
		for _, k := range keys {
			mark := e.Member(n == 0, k)
			if e.Value(StrKey(k), obj.Get(k)) {
				n++
			} else {
				e.Truncate(mark)
			}
		}
		e.buf = append(e.buf, '}')
	case kindArray:
		n := obj.Get("length").ToInteger()
		e.buf = append(e.buf, '[')
		for i := int64(0); i < n; i++ {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			if !e.Value(IndexKey(int(i)), obj.Get(strconv.FormatInt(i, 10))) {
				e.Null()
			}
		}
		e.buf = append(e.buf, ']')
	}
	e.stack = e.stack[:len(e.stack)-1]
	return true
}

// delegate has goja's JSON.stringify write v as the member key of a prototype-less holder, so that
// toJSON gets the same key and nothing on Object.prototype is consulted for the holder.
func (e *JSONEncoder) delegate(key Key, v goja.Value) bool {
	e.ranJS()
	rt := e.kit.rt
	holder := rt.NewObject()
	_ = holder.SetPrototype(nil)
	ks := key.String()
	if err := holder.Set(ks, v); err != nil {
		panic(err)
	}
	r, err := e.kit.stringify(goja.Undefined(), holder)
	if err != nil {
		panic(err)
	}
	s := r.String()
	if s == emptyObject {
		return false
	}
	mark := len(e.buf)
	e.String(ks)
	prefix := 1 + len(e.buf) - mark + 1 // {"key":
	e.buf = append(e.buf[:mark], s[prefix:len(s)-1]...)
	return true
}

// jsString quotes a JS string. A JS string holding a lone surrogate reads back from goja with
// U+FFFD in its place, so only such strings are walked code unit by code unit.
func (e *JSONEncoder) jsString(s goja.String) {
	str := s.String()
	if !strings.Contains(str, "\uFFFD") {
		e.String(str)
		return
	}
	e.buf = append(e.buf, '"')
	n := s.Length()
	for i := 0; i < n; i++ {
		c := s.CharAt(i)
		r := rune(c)
		if utf16.IsSurrogate(r) {
			if c < 0xDC00 && i+1 < n {
				if c2 := s.CharAt(i + 1); c2 >= 0xDC00 && c2 <= 0xDFFF {
					e.buf = utf8.AppendRune(e.buf, utf16.DecodeRune(r, rune(c2)))
					i++
					continue
				}
			}
			e.buf = append(e.buf, '\\', 'u', hexDigit[c>>12], hexDigit[(c>>8)&0xF], hexDigit[(c>>4)&0xF], hexDigit[c&0xF])
			continue
		}
		if r < utf8.RuneSelf {
			e.asciiByte(byte(r))
			continue
		}
		e.buf = utf8.AppendRune(e.buf, r)
	}
	e.buf = append(e.buf, '"')
}

const hexDigit = "0123456789abcdef"

// String quotes a Go string as JSON.stringify quotes the JS string goja makes of it: invalid UTF-8
// bytes become U+FFFD (as goja's conversion does), only ", \ and control characters are escaped.
func (e *JSONEncoder) String(s string) {
	e.buf = append(e.buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			e.buf = append(e.buf, s[start:i]...)
			e.asciiByte(c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			e.buf = append(e.buf, s[start:i]...)
			e.buf = append(e.buf, "\uFFFD"...)
			i++
			start = i
			continue
		}
		i += size
	}
	e.buf = append(e.buf, s[start:]...)
	e.buf = append(e.buf, '"')
}

// asciiByte writes one ASCII character of a string, escaped as JSON.stringify escapes it.
func (e *JSONEncoder) asciiByte(c byte) {
	switch c {
	case '"', '\\':
		e.buf = append(e.buf, '\\', c)
	case '\b':
		e.buf = append(e.buf, '\\', 'b')
	case '\t':
		e.buf = append(e.buf, '\\', 't')
	case '\n':
		e.buf = append(e.buf, '\\', 'n')
	case '\f':
		e.buf = append(e.buf, '\\', 'f')
	case '\r':
		e.buf = append(e.buf, '\\', 'r')
	default:
		if c < 0x20 {
			e.buf = append(e.buf, '\\', 'u', '0', '0', hexDigit[c>>4], hexDigit[c&0xF])
			return
		}
		e.buf = append(e.buf, c)
	}
}
