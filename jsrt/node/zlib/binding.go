package zlib

import (
	"errors"

	"github.com/dop251/goja"
)

// binding is the Go half of zlib.gen.js: one-shot decompress, and compressor handles.
func binding(rt *goja.Runtime) *goja.Object {
	b := rt.NewObject()
	ab := func(p []byte) goja.Value { return rt.ToValue(rt.NewArrayBuffer(p)) }
	fail := func(err error) {
		msg, code, errno := zlibError(err)
		e := rt.NewGoError(err)
		e.Set("message", msg)
		e.Set("code", code)
		e.Set("errno", errno)
		panic(e)
	}
	b.Set("decompress", func(f string, in goja.ArrayBuffer) goja.Value {
		out, err := decompress(format(f), in.Bytes())
		if err != nil {
			fail(err)
		}
		return ab(out)
	})
	b.Set("inflater", func(f string, out, done goja.Callable) *goja.Object {
		z := newInflater(rt, format(f), out, done)
		h := rt.NewObject()
		h.Set("write", func(in goja.ArrayBuffer, ack goja.Callable) {
			z.input <- inflaterInput{data: append([]byte(nil), in.Bytes()...), ack: ack}
		})
		h.Set("end", func() { z.input <- inflaterInput{end: true} })
		h.Set("destroy", func() { _ = z.pw.CloseWithError(errors.New("destroyed")) })
		return h
	})
	b.Set("compressor", func(f string, level int) *goja.Object {
		c, err := newCompressor(format(f), level)
		if err != nil {
			panic(rt.NewGoError(err))
		}
		h := rt.NewObject()
		call := func(fn func() ([]byte, error)) goja.Value {
			out, err := fn()
			if err != nil {
				fail(err)
			}
			return ab(out)
		}
		h.Set("write", func(in goja.ArrayBuffer) goja.Value {
			return call(func() ([]byte, error) { return c.write(in.Bytes()) })
		})
		h.Set("flush", func() goja.Value { return call(c.flush) })
		h.Set("close", func() goja.Value { return call(c.close) })
		return h
	})
	return b
}
