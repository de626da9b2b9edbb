// Package http2 registers http2 so that packages importing it at load time (axios ≥ 1.8's Node
// adapter) still load. dxhost has no HTTP/2 client for extensions yet: connect() and the servers
// throw ERR_DXHOST_UNAVAILABLE naming the caller's file:line; HTTP/1.1 clients are unaffected.
package http2

import (
	"fmt"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
)

// headers are Node's http2.constants.HTTP2_HEADER_* names.
var headers = map[string]string{
	"STATUS": ":status", "METHOD": ":method", "AUTHORITY": ":authority", "SCHEME": ":scheme", "PATH": ":path", "PROTOCOL": ":protocol",
	"ACCEPT_ENCODING": "accept-encoding", "ACCEPT_LANGUAGE": "accept-language", "ACCEPT_RANGES": "accept-ranges", "ACCEPT": "accept",
	"AUTHORIZATION": "authorization", "CACHE_CONTROL": "cache-control", "CONTENT_ENCODING": "content-encoding", "CONTENT_LENGTH": "content-length",
	"CONTENT_TYPE": "content-type", "COOKIE": "cookie", "DATE": "date", "ETAG": "etag", "HOST": "host", "LOCATION": "location",
	"SET_COOKIE": "set-cookie", "USER_AGENT": "user-agent", "CONNECTION": "connection", "TRANSFER_ENCODING": "transfer-encoding",
}

func init() {
	jsrt.RegisterModule("http2", Require)
}

// Require builds the module into module.exports (a jsrt.ModuleLoader).
func Require(rt *goja.Runtime, module *goja.Object) {
	exports := module.Get("exports").ToObject(rt)
	for _, name := range []string{"connect", "createServer", "createSecureServer"} {
		name := name
		exports.Set(name, func(goja.FunctionCall) goja.Value {
			where := ""
			for _, f := range rt.CaptureCallStack(4, nil) {
				if p := f.Position(); p.Filename != "" {
					where = fmt.Sprintf(" (called at %s:%d)", p.Filename, p.Line)
					break
				}
			}
			e := rt.NewGoError(fmt.Errorf("http2.%s() is not available in dxhost: use HTTP/1.1 (http/https, fetch)%s", name, where))
			e.Set("code", "ERR_DXHOST_UNAVAILABLE")
			panic(e)
		})
	}
	c := rt.NewObject()
	for k, v := range headers {
		c.Set("HTTP2_HEADER_"+k, v)
	}
	for k, v := range map[string]string{"GET": "GET", "POST": "POST", "PUT": "PUT", "DELETE": "DELETE", "HEAD": "HEAD", "OPTIONS": "OPTIONS", "PATCH": "PATCH", "CONNECT": "CONNECT"} {
		c.Set("HTTP2_METHOD_"+k, v)
	}
	for k, v := range map[string]int{"OK": 200, "NO_CONTENT": 204, "MOVED_PERMANENTLY": 301, "FOUND": 302, "NOT_MODIFIED": 304, "BAD_REQUEST": 400,
		"UNAUTHORIZED": 401, "FORBIDDEN": 403, "NOT_FOUND": 404, "INTERNAL_SERVER_ERROR": 500} {
		c.Set("HTTP_STATUS_"+k, v)
	}
	c.Set("NGHTTP2_NO_ERROR", 0)
	c.Set("NGHTTP2_CANCEL", 8)
	exports.Set("constants", c)
	exports.Set("sensitiveHeaders", goja.NewSymbol("nodejs.http2.sensitiveHeaders"))
	exports.Set("getDefaultSettings", func() map[string]any {
		return map[string]any{"headerTableSize": 4096, "enablePush": true, "initialWindowSize": 65535, "maxFrameSize": 16384, "maxConcurrentStreams": 4294967295, "maxHeaderListSize": 65535}
	})
}
