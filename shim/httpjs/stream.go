package httpjs

import (
	"io"

	"github.com/dop251/goja"
)

// bodyStream feeds req's body to JS once someone reads: into the runtime's stream.Readable when the
// instance has the stream module, else as 'data'/'end' events of a minimal readable (prelude.js).
type bodyStream struct {
	started bool
}

const bodyChunk = 64 << 10

func (k *Kit) defineBodyStream() {
	rt := k.rt
	k.method(k.reqProto, "_dxBodyConsumed", func(call goja.FunctionCall) goja.Value {
		return rt.ToValue(ownState[*Request](rt, call.This).ex.RawBody != nil)
	})
	k.method(k.reqProto, "_dxListenerAdded", func(call goja.FunctionCall) goja.Value {
		r := ownState[*Request](rt, call.This)
		switch call.Argument(0).String() {
		case "data", "end", "readable":
			r.startBody()
		}
		return goja.Undefined()
	})
}

// startBody begins reading the body off the loop. When Directus's JSON parser already consumed the body
// the stream has ended, as in Node, and no event follows.
func (r *Request) startBody() {
	if r.stream == nil {
		r.stream = &bodyStream{}
	}
	if r.stream.started || r.loop == nil {
		return
	}
	r.stream.started = true
	if r.ex.RawBody != nil {
		return
	}
	body := r.in.Request.Body
	obj, loop, kit := r.obj, r.loop, r.kit
	go func() {
		buf := make([]byte, bodyChunk)
		for {
			var n int
			var err error
			if body != nil {
				n, err = body.Read(buf)
			} else {
				err = io.EOF
			}
			if n > 0 {
				chunk := append([]byte(nil), buf[:n]...)
				loop.RunOnLoop(func(*goja.Runtime) { kit.push(obj, kit.bytesValue(chunk)) })
			}
			if err != nil {
				loop.RunOnLoop(func(*goja.Runtime) {
					if err == io.EOF {
						kit.push(obj, goja.Null())
					} else {
						_ = kit.emitEvent(obj, "aborted")
						_ = kit.emitEvent(obj, "close")
					}
				})
				return
			}
		}
	}()
}

// push hands a body chunk (null at the end) to req._dxPush: Readable.push, or data/end events.
func (k *Kit) push(obj *goja.Object, chunk goja.Value) {
	if fn, ok := goja.AssertFunction(obj.Get("_dxPush")); ok {
		_, _ = fn(obj, chunk)
	}
}
