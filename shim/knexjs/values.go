package knexjs

import (
	"math"
	"time"

	"github.com/dop251/goja"
)

// jsValues builds the JS values drivers hand out (Date, Buffer, parsed JSON) on the loop, looking
// the constructors up once per runtime.
type jsValues struct {
	rt        *goja.Runtime
	date      *goja.Object
	jsonParse goja.Callable
	bufFrom   goja.Callable
	bufCtor   goja.Value
	interval  goja.Callable // postgres-interval's parse, from the bundle
}

func newJSValues(rt *goja.Runtime) *jsValues {
	v := &jsValues{rt: rt, date: rt.Get("Date").ToObject(rt)}
	v.jsonParse, _ = goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("parse"))
	return v
}

// dateMillis is a JS Date at ms since the epoch (NaN gives an Invalid Date, as drivers do).
func (v *jsValues) dateMillis(ms float64) goja.Value {
	d, err := v.rt.New(v.date, v.rt.ToValue(ms))
	if err != nil {
		return goja.Null()
	}
	return d
}

// dateTime is a JS Date at t, truncated to milliseconds like the Date constructor.
func (v *jsValues) dateTime(t time.Time) goja.Value {
	return v.dateMillis(float64(t.UnixMilli()))
}

// invalidDate is new Date(NaN).
func (v *jsValues) invalidDate() goja.Value { return v.dateMillis(math.NaN()) }

// json parses text as JSON.parse would; text that is not JSON stays a string.
func (v *jsValues) json(text string) goja.Value {
	out, err := v.jsonParse(goja.Undefined(), v.rt.ToValue(text))
	if err != nil {
		return v.rt.ToValue(text)
	}
	return out
}

// buffer is a Node Buffer holding a copy of b.
func (v *jsValues) buffer(b []byte) goja.Value {
	if v.bufFrom == nil {
		buf := v.rt.Get("Buffer")
		if buf == nil || goja.IsUndefined(buf) {
			// Not a global in this runtime: a Uint8Array is the closest thing.
			return v.uint8Array(b)
		}
		v.bufCtor = buf
		v.bufFrom, _ = goja.AssertFunction(buf.ToObject(v.rt).Get("from"))
		if v.bufFrom == nil {
			return v.uint8Array(b)
		}
	}
	cp := make([]byte, len(b))
	copy(cp, b)
	out, err := v.bufFrom(v.bufCtor, v.rt.ToValue(v.rt.NewArrayBuffer(cp)))
	if err != nil {
		return v.uint8Array(b)
	}
	return out
}

func (v *jsValues) uint8Array(b []byte) goja.Value {
	cp := make([]byte, len(b))
	copy(cp, b)
	ctor, _ := goja.AssertConstructor(v.rt.Get("Uint8Array"))
	out, err := ctor(nil, v.rt.ToValue(v.rt.NewArrayBuffer(cp)))
	if err != nil {
		return goja.Null()
	}
	return out
}

// bytesOf returns the bytes of a Buffer, TypedArray or DataView (ArrayBuffer.isView), or ok=false.
func bytesOf(rt *goja.Runtime, val goja.Value) ([]byte, bool) {
	obj, ok := val.(*goja.Object)
	if !ok {
		return nil, false
	}
	isView, _ := goja.AssertFunction(rt.Get("ArrayBuffer").ToObject(rt).Get("isView"))
	if isView == nil {
		return nil, false
	}
	r, err := isView(goja.Undefined(), obj)
	if err != nil || !r.ToBoolean() {
		return nil, false
	}
	ab, ok := obj.Get("buffer").Export().(goja.ArrayBuffer)
	if !ok {
		return nil, false
	}
	off := int(obj.Get("byteOffset").ToInteger())
	n := int(obj.Get("byteLength").ToInteger())
	all := ab.Bytes()
	if off < 0 || n < 0 || off+n > len(all) {
		return nil, false
	}
	return append([]byte(nil), all[off:off+n]...), true
}

// isDate reports whether val is a JS Date and returns its time value (ms, may be NaN).
func isDate(val goja.Value) (float64, bool) {
	obj, ok := val.(*goja.Object)
	if !ok || obj.ClassName() != "Date" {
		return 0, false
	}
	getTime, ok := goja.AssertFunction(obj.Get("getTime"))
	if !ok {
		return 0, false
	}
	ms, err := getTime(obj)
	if err != nil {
		return 0, false
	}
	return ms.ToFloat(), true
}

// localTime is ms since the epoch in the process's zone (the zone JS Dates use here).
func localTime(ms float64) time.Time {
	sec := math.Floor(ms / 1000)
	return time.Unix(int64(sec), int64((ms-sec*1000)*1e6)).Local()
}

// str is a JS string.
func (v *jsValues) str(s string) goja.Value { return v.rt.ToValue(s) }

// pgInterval is postgres-interval's object for an interval's text (the string if unavailable).
func (v *jsValues) pgInterval(s string) goja.Value {
	if v.interval == nil {
		return v.str(s)
	}
	out, err := v.interval(goja.Undefined(), v.rt.ToValue(s))
	if err != nil {
		return v.str(s)
	}
	return out
}
