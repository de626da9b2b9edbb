// Package buffer is Node's buffer module (feross/buffer, the port bundlers use, plus base64url and
// Node's later helpers) and the Go side's way to hand bytes to JS as a Buffer and to read them back.
package buffer

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed buffer.gen.js
var source string

var asset = jsmod.New("node:buffer", source)

func init() {
	jsrt.RegisterModule("buffer", Require)
}

// Require loads the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	asset.Load(rt, module, host.Require, binding)
}

// New returns a Buffer viewing b (no copy: b must not be reused by Go afterwards). Loop only.
func New(rt *goja.Runtime, b []byte) goja.Value {
	ctor := host.Require(rt, "buffer").ToObject(rt).Get("Buffer").ToObject(rt)
	from, _ := goja.AssertFunction(ctor.Get("from"))
	v, err := from(ctor, rt.ToValue(rt.NewArrayBuffer(b)))
	if err != nil {
		panic(err)
	}
	return v
}

// Bytes returns the bytes a Buffer, TypedArray, DataView or ArrayBuffer views (shared, not copied),
// or ok=false for anything else. Loop only.
func Bytes(rt *goja.Runtime, v goja.Value) (b []byte, ok bool) {
	obj, isObj := v.(*goja.Object)
	if !isObj {
		return nil, false
	}
	switch x := obj.Export().(type) {
	case goja.ArrayBuffer:
		return x.Bytes(), true
	case []byte:
		return x, true
	}
	// Other views (Uint16Array, DataView...): their buffer's bytes in range.
	buf, isAB := obj.Get("buffer").Export().(goja.ArrayBuffer)
	if !isAB {
		return nil, false
	}
	off := obj.Get("byteOffset").ToInteger()
	n := obj.Get("byteLength").ToInteger()
	all := buf.Bytes()
	if off < 0 || n < 0 || off+n > int64(len(all)) {
		return nil, false
	}
	return all[off : off+n], true
}

// BytesOrString returns v's bytes when it is binary data, or the UTF-8 bytes of its string form
// (what Node's APIs accept as "string | Buffer | TypedArray | DataView"). Loop only.
func BytesOrString(rt *goja.Runtime, v goja.Value) []byte {
	if b, ok := Bytes(rt, v); ok {
		return b
	}
	return []byte(v.String())
}
