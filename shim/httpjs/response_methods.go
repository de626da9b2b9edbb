package httpjs

import (
	"strconv"
	"strings"

	"github.com/dop251/goja"
)

func (k *Kit) defineResponse() {
	rt, p := k.rt, k.resProto
	resOf := func(this goja.Value) *Response { return ownState[*Response](rt, this) }

	k.accessor(p, "statusCode", func(this goja.Value) goja.Value { return rt.ToValue(resOf(this).StatusCode) },
		func(this, v goja.Value) { resOf(this).StatusCode = jsNumberToStatus(v) })
	k.accessor(p, "statusMessage", func(this goja.Value) goja.Value { return rt.ToValue(resOf(this).StatusMessage) },
		func(this, v goja.Value) { resOf(this).StatusMessage = v.String() })
	k.getter(p, "headersSent", func(this goja.Value) goja.Value { return rt.ToValue(resOf(this).HeadersSent) })
	ended := func(this goja.Value) goja.Value { return rt.ToValue(resOf(this).Ended) }
	k.getter(p, "finished", ended)
	k.getter(p, "writableEnded", ended)
	k.getter(p, "writableFinished", ended)
	k.getter(p, "writable", func(this goja.Value) goja.Value { return rt.ToValue(!resOf(this).Ended) })
	k.getter(p, "req", func(this goja.Value) goja.Value { return resOf(this).req.obj })
	k.getter(p, "writableHighWaterMark", func(this goja.Value) goja.Value { return rt.ToValue(highWaterMark) })
	k.getter(p, "writableNeedDrain", func(this goja.Value) goja.Value {
		c := resOf(this).conn
		c.mu.Lock()
		defer c.mu.Unlock()
		return rt.ToValue(c.needDrain)
	})
	k.accessor(p, "locals", func(this goja.Value) goja.Value {
		res := resOf(this)
		if res.locals == nil {
			o := rt.NewObject()
			_ = o.SetPrototype(nil) // express's init middleware: Object.create(null)
			res.locals = o
		}
		return res.locals
	}, func(this, v goja.Value) { resOf(this).locals = v })

	k.method(p, "status", func(call goja.FunctionCall) goja.Value {
		resOf(call.This).StatusCode = jsNumberToStatus(call.Argument(0))
		return call.This
	})
	k.method(p, "setHeader", func(call goja.FunctionCall) goja.Value {
		res := resOf(call.This)
		name := call.Argument(0).String()
		v := call.Argument(1)
		if goja.IsUndefined(v) {
			panic(k.nodeError("TypeError", "ERR_HTTP_INVALID_HEADER_VALUE", `Invalid value "undefined" for header "`+name+`"`))
		}
		var val any = v
		if s, ok := v.Export().(string); ok {
			val = s
		}
		res.checkedSet(name, val)
		return call.This
	})
	getHeader := func(call goja.FunctionCall) goja.Value {
		res := resOf(call.This)
		if i := res.find(strings.ToLower(call.Argument(0).String())); i >= 0 {
			return res.headerJS(res.headers[i])
		}
		return goja.Undefined()
	}
	k.method(p, "getHeader", getHeader)
	k.method(p, "get", getHeader)
	k.method(p, "getHeaders", func(call goja.FunctionCall) goja.Value {
		res := resOf(call.This)
		o := rt.NewObject()
		_ = o.SetPrototype(nil)
		for _, e := range res.headers {
			_ = o.Set(e.lower, res.headerJS(e))
		}
		return o
	})
	k.method(p, "getHeaderNames", func(call goja.FunctionCall) goja.Value {
		res := resOf(call.This)
		names := make([]any, len(res.headers))
		for i, e := range res.headers {
			names[i] = e.lower
		}
		return rt.NewArray(names...)
	})
	k.method(p, "hasHeader", func(call goja.FunctionCall) goja.Value {
		return rt.ToValue(resOf(call.This).hasHeader(strings.ToLower(call.Argument(0).String())))
	})
	k.method(p, "removeHeader", func(call goja.FunctionCall) goja.Value {
		resOf(call.This).removeHeader(strings.ToLower(call.Argument(0).String()))
		return goja.Undefined()
	})
	set := func(call goja.FunctionCall) goja.Value {
		res := resOf(call.This)
		if len(call.Arguments) >= 2 {
			res.set(call.Argument(0).String(), call.Argument(1))
			return call.This
		}
		if o, ok := call.Argument(0).(*goja.Object); ok {
			setFn, _ := goja.AssertFunction(call.This.ToObject(rt).Get("set"))
			for _, key := range forInKeys(rt, o) {
				if _, err := setFn(call.This, rt.ToValue(key), o.Get(key)); err != nil {
					panic(err)
				}
			}
		}
		return call.This
	}
	k.method(p, "set", set)
	k.method(p, "header", set)
	k.method(p, "writeHead", func(call goja.FunctionCall) goja.Value {
		res := resOf(call.This)
		if res.HeadersSent {
			panic(k.nodeError("Error", "ERR_HTTP_HEADERS_SENT", "Cannot write headers after they are sent to the client"))
		}
		res.StatusCode = jsNumberToStatus(call.Argument(0))
		hdrs := call.Argument(1)
		if s, ok := hdrs.Export().(string); ok {
			res.StatusMessage = s
			hdrs = call.Argument(2)
		}
		if o, ok := hdrs.(*goja.Object); ok {
			if o.ClassName() == "Array" { // flat [name, value, name, value...]
				var flat []goja.Value
				rt.ForOf(o, func(v goja.Value) bool { flat = append(flat, v); return true })
				for i := 0; i+1 < len(flat); i += 2 {
					res.checkedSet(flat[i].String(), flat[i+1].String())
				}
			} else {
				for _, key := range o.Keys() {
					v := o.Get(key)
					if goja.IsUndefined(v) {
						continue
					}
					var val any = v
					if s, ok := v.Export().(string); ok {
						val = s
					}
					res.checkedSet(key, val)
				}
			}
		}
		res.head()
		return call.This
	})
	k.method(p, "flushHeaders", func(call goja.FunctionCall) goja.Value {
		resOf(call.This).head()
		return goja.Undefined()
	})
	k.method(p, "write", func(call goja.FunctionCall) goja.Value {
		res := resOf(call.This)
		chunk, enc, cb := call.Argument(0), call.Argument(1), call.Argument(2)
		if _, isFn := goja.AssertFunction(enc); isFn {
			cb, enc = enc, goja.Undefined()
		}
		if goja.IsNull(chunk) {
			panic(k.nodeError("TypeError", "ERR_STREAM_NULL_VALUES", "May not write null values to stream"))
		}
		data := res.chunkBytes(chunk, enc)
		if res.Ended {
			return rt.ToValue(false)
		}
		res.head()
		ok := res.write(data, true)
		k.later(res, cb)
		return rt.ToValue(ok)
	})
	k.method(p, "end", func(call goja.FunctionCall) goja.Value {
		res := resOf(call.This)
		chunk, enc, cb := call.Argument(0), call.Argument(1), call.Argument(2)
		if _, isFn := goja.AssertFunction(chunk); isFn {
			cb, chunk, enc = chunk, goja.Undefined(), goja.Undefined()
		} else if _, isFn := goja.AssertFunction(enc); isFn {
			cb, enc = enc, goja.Undefined()
		}
		var data []byte
		if !goja.IsUndefined(chunk) && !goja.IsNull(chunk) {
			data = res.chunkBytes(chunk, enc)
		}
		if res.Ended {
			return call.This
		}
		res.end(data)
		k.later(res, cb)
		return call.This
	})
	k.method(p, "send", func(call goja.FunctionCall) goja.Value {
		resOf(call.This).send(call)
		return call.This
	})
	k.sendFn = p.Get("send")
	k.method(p, "json", func(call goja.FunctionCall) goja.Value {
		resOf(call.This).json(call)
		return call.This
	})
}

// later calls cb (if a function) on a following loop turn, as Node calls write/end callbacks.
func (k *Kit) later(res *Response, cb goja.Value) {
	fn, ok := goja.AssertFunction(cb)
	if !ok {
		return
	}
	res.loop.RunOnLoop(func(*goja.Runtime) { _, _ = fn(goja.Undefined()) })
}

// forInKeys lists the enumerable string keys of o and its prototypes, as for...in does.
func forInKeys(rt *goja.Runtime, o *goja.Object) []string {
	var keys []string
	seen := map[string]bool{}
	for cur := o; cur != nil; cur = cur.Prototype() {
		for _, key := range cur.Keys() {
			if !seen[key] {
				seen[key] = true
				keys = append(keys, key)
			}
		}
	}
	return keys
}

// send is Express 4.22's res.send.
func (res *Response) send(call goja.FunctionCall) {
	chunk := call.Argument(0)
	if len(call.Arguments) == 2 {
		_, firstNum := numberArg(call.Arguments[0])
		_, secondNum := numberArg(call.Arguments[1])
		if !firstNum && secondNum {
			res.StatusCode = jsNumberToStatus(call.Arguments[1])
		} else {
			res.StatusCode = jsNumberToStatus(call.Arguments[0])
			chunk = call.Arguments[1]
		}
	}
	if _, isNum := numberArg(chunk); isNum && len(call.Arguments) == 1 {
		if !res.hasHeader("content-type") {
			res.setString("Content-Type", "text/plain")
		}
		res.StatusCode = jsNumberToStatus(chunk)
		chunk = res.kit.statusMessage(res.StatusCode)
	}
	var body []byte
	isString := false
	switch {
	case chunk == nil || goja.IsUndefined(chunk):
		chunk = nil
	case goja.IsNull(chunk):
		isString = true
	default:
		if s, ok := chunk.(goja.String); ok {
			res.sendString([]byte(s.String()))
			return
		}
		if res.kit.isBufferValue(chunk) {
			if !res.hasHeader("content-type") {
				res.setString("Content-Type", "application/octet-stream")
			}
			body = res.chunkBytes(chunk, nil)
		} else if isObject(chunk) || isBoolOrNumber(chunk) {
			jsonFn, _ := goja.AssertFunction(res.obj.Get("json"))
			if _, err := jsonFn(res.obj, chunk); err != nil {
				panic(err)
			}
			return
		} else {
			// symbols, bigints: Express passes them to end(), which rejects them
			body = res.chunkBytes(chunk, nil)
		}
	}
	res.finishSend(chunk != nil, body, isString)
}

// sendString is res.send of a string chunk, given as its UTF-8 bytes.
func (res *Response) sendString(body []byte) {
	if !res.hasHeader("content-type") {
		res.setString("Content-Type", "text/html")
	}
	res.finishSend(true, body, true)
}

// finishSend is the rest of res.send once the chunk is bytes: charset, Content-Length, ETag,
// freshness, the statuses without a body, HEAD.
func (res *Response) finishSend(hasChunk bool, body []byte, isString bool) {
	rt := res.kit.rt
	if isString {
		if ct := res.find("content-type"); ct >= 0 {
			if e := res.headers[ct]; e.val == nil {
				s := e.str
				withCS, ok := setCharset(s)
				if !ok {
					panic(rt.NewTypeError("invalid media type"))
				}
				res.setString("Content-Type", withCS)
			}
		}
	}
	generateETag := !res.hasHeader("etag")
	if hasChunk {
		res.setString("Content-Length", strconv.Itoa(len(body)))
		if generateETag {
			res.setString("ETag", WeakETag(body))
		}
	}
	if res.req.Fresh() {
		res.StatusCode = 304
	}
	if res.StatusCode == 204 || res.StatusCode == 304 {
		res.removeHeader("content-type")
		res.removeHeader("content-length")
		res.removeHeader("transfer-encoding")
		body = []byte{}
	}
	if res.StatusCode == 205 {
		res.setString("Content-Length", "0")
		res.removeHeader("transfer-encoding")
		body = []byte{}
	}
	if res.Ended {
		return
	}
	if res.req.Method == "HEAD" {
		res.end(nil)
		return
	}
	if !hasChunk && body == nil {
		res.end(nil)
		return
	}
	if body == nil {
		body = []byte{}
	}
	res.end(body)
}

// json is Express 4.22's res.json (no app-level replacer/spaces/escape settings in Directus).
func (res *Response) json(call goja.FunctionCall) {
	val := call.Argument(0)
	if len(call.Arguments) == 2 {
		if _, ok := numberArg(call.Arguments[1]); ok {
			res.StatusCode = jsNumberToStatus(call.Arguments[1])
		} else {
			res.StatusCode = jsNumberToStatus(call.Arguments[0])
			val = call.Arguments[1]
		}
	}
	out, ok := res.kit.JSON(val) // JSON.stringify(val), in Go
	if !res.hasHeader("content-type") {
		res.setString("Content-Type", "application/json")
	}
	send := res.obj.Get("send")
	if ok && send == res.kit.sendFn { // res.send as Express has it: skip turning the bytes into a JS string
		res.sendString(out)
		return
	}
	body := goja.Undefined()
	if ok {
		body = res.kit.rt.ToValue(string(out))
	}
	sendFn, _ := goja.AssertFunction(send)
	if _, err := sendFn(res.obj, body); err != nil {
		panic(err)
	}
}

func (k *Kit) statusMessage(code int) goja.Value {
	h := k.loadHelpers().ToObject(k.rt).Get("statuses").ToObject(k.rt).Get("message").ToObject(k.rt)
	return h.Get(strconv.Itoa(code))
}

func numberArg(v goja.Value) (float64, bool) {
	if v == nil || !goja.IsNumber(v) { // IsNumber first: exporting a string would allocate
		return 0, false
	}
	switch n := v.Export().(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

func isObject(v goja.Value) bool { _, ok := v.(*goja.Object); return ok }

func isBoolOrNumber(v goja.Value) bool {
	switch v.Export().(type) {
	case bool, int64, float64:
		return !isObject(v)
	}
	return false
}
