// Package webstreams gives Node 22's WHATWG streams: the stream/web module and the ReadableStream,
// WritableStream, TransformStream... globals (web-streams-polyfill), loaded on first use.
package webstreams

import (
	_ "embed"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/jsmod"
)

//go:embed webstreams.gen.js
var source string

var asset = jsmod.New("node:stream/web", source)

var globals = []string{"ReadableStream", "ReadableStreamDefaultReader", "ReadableStreamBYOBReader", "ReadableStreamBYOBRequest",
	"ReadableByteStreamController", "ReadableStreamDefaultController", "WritableStream", "WritableStreamDefaultWriter",
	"WritableStreamDefaultController", "TransformStream", "TransformStreamDefaultController", "ByteLengthQueuingStrategy",
	"CountQueuingStrategy", "TextEncoderStream", "TextDecoderStream", "CompressionStream", "DecompressionStream"}

func init() {
	jsrt.RegisterModule("stream/web", func(rt *goja.Runtime, module *goja.Object) {
		asset.Load(rt, module, host.Require, nil)
	})
	jsrt.RegisterGlobals("node:webstreams", Install)
}

// Install defines the globals as lazy, assignable accessors.
func Install(_ *jsrt.Instance, rt *goja.Runtime) error {
	g := rt.GlobalObject()
	for _, name := range globals {
		name := name
		getter := rt.ToValue(func() goja.Value { return host.Require(rt, "stream/web").ToObject(rt).Get(name) })
		setter := rt.ToValue(func(v goja.Value) {
			_ = g.DefineDataProperty(name, v, goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
		})
		if err := g.DefineAccessorProperty(name, getter, setter, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return err
		}
	}
	return nil
}
