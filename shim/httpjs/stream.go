package httpjs

import (
	"io"

	"github.com/dop251/goja"
)

// bodyStream feeds req's 'data'/'end' events from the request body, once someone listens. It is a
// minimal readable (events, pipe, async iteration in prelude.js), not a full stream.Readable.
type bodyStream struct {
	started bool
}

const bodyChunk = 64 << 10

func (k *Kit) defineBodyStream() {
	rt := k.rt
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
	body := r.gin.Request.Body
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
				loop.RunOnLoop(func(*goja.Runtime) { _ = kit.emitEvent(obj, "data", kit.bytesValue(chunk)) })
			}
			if err != nil {
				loop.RunOnLoop(func(*goja.Runtime) {
					if err == io.EOF {
						_ = kit.emitEvent(obj, "end")
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
