package httpjs

import (
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/dop251/goja"
	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/query"
	"github.com/dxhost/dxhost/shim/exchange"
)

// Request is the Go side of one JS `req`. The router reads and writes URL, BaseURL, Params, Route and
// Next directly; JS sees them through accessors on the shared prototype.
type Request struct {
	ownProps
	kit  *Kit
	obj  *goja.Object
	in   *Incoming
	ex   *exchange.Request
	res  *Response
	loop Loop

	Method, URL, OriginalURL, BaseURL string
	Params, Route, Next               goja.Value
	// LazyParams, when set and Params is nil, builds req.params on first access (the router sets it so
	// that requests nobody reads params of never build the object).
	LazyParams func() goja.Value
	// NextLazy, when set and Next is nil, gives req.next on first access (the router's next function,
	// made only when something reads or receives it).
	NextLazy interface{ NextValue() goja.Value }

	query, body, headers, cookies goja.Value // lazily built, or what JS assigned
	accountability, sanitized     goja.Value
	schema                        goja.Value
	rawBody, socket               goja.Value
	stream                        *bodyStream
}

// Incoming is what a request's JS objects read from the Gin side, captured on the Gin goroutine: the
// loop may still run after the handler returned (a client that left), when the pooled gin.Context
// already serves another request.
type Incoming struct {
	Request  *http.Request
	ClientIP string        // gin's ClientIP (honours the trusted-proxy setting)
	header   []headerEntry // headers already on the response (set by the middleware), seeding res
}

// IncomingFrom captures c (call on the Gin goroutine).
func IncomingFrom(c *gin.Context) *Incoming {
	in := &Incoming{}
	in.Capture(c)
	return in
}

// Capture fills in from c (call on the Gin goroutine), for callers that hold an Incoming by value.
func (in *Incoming) Capture(c *gin.Context) {
	in.Request, in.ClientIP, in.header = c.Request, c.ClientIP(), captureHeader(c.Writer.Header())
}

// captureHeader copies h into res's header entries, straight from the writer's map (no intermediate
// http.Header clone); single values are shared strings, several values get their own slice. Room is
// left for the three headers res.send adds (Content-Type, Content-Length, ETag).
func captureHeader(h http.Header) []headerEntry {
	entries := make([]headerEntry, 0, len(h)+3)
	for name, vals := range h {
		switch {
		case len(vals) == 1:
			entries = append(entries, headerEntry{name: name, lower: lowerHeaderName(name), str: vals[0]})
		case len(vals) > 1:
			entries = append(entries, headerEntry{name: name, lower: lowerHeaderName(name), val: append([]string(nil), vals...)})
		}
	}
	return entries
}

// exchangePair holds one request's req and res state in one allocation.
type exchangePair struct {
	req Request
	res Response
}

// NewExchange builds the JS req and res of one request (loop only). req.url starts as the whole
// request-target (raw, still percent-encoded); the router narrows it to the part below the mount path.
// res starts with the headers in carries (those the middleware set: X-Powered-By, CSP, CORS...), as
// they would be on Node's res; in gives its header entries to res, so it seeds one exchange only.
func (k *Kit) NewExchange(in *Incoming, ex *exchange.Request, conn *Conn, loop Loop) (*Request, *Response) {
	p := &exchangePair{}
	r, res := &p.req, &p.res
	*r = Request{kit: k, in: in, ex: ex, Method: in.Request.Method, loop: loop, res: res}
	r.OriginalURL = in.Request.RequestURI
	if r.OriginalURL == "" {
		r.OriginalURL = in.Request.URL.RequestURI()
	}
	r.URL = r.OriginalURL
	r.obj = k.rt.NewDynamicObject(r)
	_ = r.obj.SetPrototype(k.reqProto)

	*res = Response{kit: k, req: r, conn: conn, loop: loop, StatusCode: 200}
	// Multi-valued entries hold their own []string copy: taking the slice over needs no copy.
	res.headers, in.header = in.header, nil
	res.obj = k.rt.NewDynamicObject(res)
	conn.onDrain = res // no closure per request: most responses never drain
	_ = res.obj.SetPrototype(k.resProto)
	return r, res
}

// Object is the JS value of req.
func (r *Request) Object() *goja.Object { return r.obj }

// Pathname is parseurl(req).pathname: the URL before its query string.
func (r *Request) Pathname() string { return PathnameOf(r.URL) }

// PathnameOf is parseurl(req).pathname for a request-target: the path before "?" or "#", without the
// scheme and host of an absolute-form target ("http://host/a?b" → "/a").
func PathnameOf(u string) string {
	if u != "" && u[0] != '/' {
		if i := strings.Index(u, "://"); i >= 0 && !strings.ContainsAny(u[:i], "/?#") {
			rest := u[i+3:]
			if j := strings.IndexAny(rest, "/?#"); j >= 0 {
				u = rest[j:]
			} else {
				u = ""
			}
			if u == "" || u[0] != '/' {
				u = "/" + u
			}
		}
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		return u[:i]
	}
	return u
}

func (k *Kit) defineRequest() {
	rt, p := k.rt, k.reqProto
	req := func(this goja.Value) *Request { return ownState[*Request](rt, this) }
	stringProp := func(name string, field func(*Request) *string) {
		k.accessor(p, name, func(this goja.Value) goja.Value { return rt.ToValue(*field(req(this))) },
			func(this, v goja.Value) { *field(req(this)) = v.String() })
	}
	stringProp("method", func(r *Request) *string { return &r.Method })
	stringProp("url", func(r *Request) *string { return &r.URL })
	stringProp("originalUrl", func(r *Request) *string { return &r.OriginalURL })
	stringProp("baseUrl", func(r *Request) *string { return &r.BaseURL })
	valueProp := func(name string, field func(*Request) *goja.Value, build func(*Request) goja.Value) {
		k.accessor(p, name, func(this goja.Value) goja.Value {
			r := req(this)
			f := field(r)
			if *f == nil {
				if build == nil {
					return goja.Undefined()
				}
				*f = build(r)
			}
			return *f
		}, func(this, v goja.Value) { *field(req(this)) = v })
	}
	valueProp("params", func(r *Request) *goja.Value { return &r.Params }, func(r *Request) goja.Value {
		if f := r.LazyParams; f != nil {
			r.LazyParams = nil
			return f()
		}
		return rt.NewObject()
	})
	valueProp("route", func(r *Request) *goja.Value { return &r.Route }, nil)
	valueProp("next", func(r *Request) *goja.Value { return &r.Next }, func(r *Request) goja.Value {
		if r.NextLazy != nil {
			return r.NextLazy.NextValue()
		}
		return goja.Undefined()
	})
	valueProp("query", func(r *Request) *goja.Value { return &r.query }, (*Request).buildQuery)
	valueProp("body", func(r *Request) *goja.Value { return &r.body }, (*Request).buildBody)
	valueProp("headers", func(r *Request) *goja.Value { return &r.headers }, (*Request).buildHeaders)
	valueProp("cookies", func(r *Request) *goja.Value { return &r.cookies }, (*Request).buildCookies)
	valueProp("accountability", func(r *Request) *goja.Value { return &r.accountability }, func(r *Request) goja.Value {
		if r.ex.Accountability == nil {
			return goja.Undefined()
		}
		return orderedJSONValue(rt, r.ex.Accountability, accountabilityOrder)
	})
	valueProp("sanitizedQuery", func(r *Request) *goja.Value { return &r.sanitized }, func(r *Request) goja.Value {
		if r.ex.SanitizedQuery == nil {
			return freezeObj(rt, rt.NewObject())
		}
		v := orderedJSONValue(rt, r.ex.SanitizedQuery, query.KeyOrder)
		if o, ok := v.(*goja.Object); ok {
			freeze(rt, o) // Directus freezes it (spec 02 §3)
		}
		return v
	})
	valueProp("schema", func(r *Request) *goja.Value { return &r.schema }, func(r *Request) goja.Value {
		if RequestSchema == nil {
			return goja.Undefined()
		}
		return RequestSchema(rt, r.ex)
	})
	valueProp("rawBody", func(r *Request) *goja.Value { return &r.rawBody }, (*Request).buildRawBody)
	valueProp("socket", func(r *Request) *goja.Value { return &r.socket }, (*Request).buildSocket)
	k.getter(p, "connection", func(this goja.Value) goja.Value { return this.ToObject(rt).Get("socket") })
	k.getter(p, "res", func(this goja.Value) goja.Value {
		if r := req(this); r.res != nil {
			return r.res.obj
		}
		return goja.Undefined()
	})
	k.getter(p, "token", func(this goja.Value) goja.Value {
		if t := req(this).ex.Token; t != nil {
			return rt.ToValue(*t)
		}
		return goja.Null()
	})
	k.getter(p, "tokenSource", func(this goja.Value) goja.Value {
		if s := req(this).ex.TokenSource; s != "" {
			return rt.ToValue(s)
		}
		return goja.Null()
	})
	k.getter(p, "id", func(this goja.Value) goja.Value { return rt.ToValue(req(this).ex.ID) })
	k.getter(p, "httpVersion", func(this goja.Value) goja.Value {
		hr := req(this).in.Request
		return rt.ToValue(strconv.Itoa(hr.ProtoMajor) + "." + strconv.Itoa(hr.ProtoMinor))
	})
	k.getter(p, "path", func(this goja.Value) goja.Value { return rt.ToValue(req(this).Pathname()) })
	k.getter(p, "protocol", func(this goja.Value) goja.Value { return rt.ToValue(req(this).protocol()) })
	k.getter(p, "secure", func(this goja.Value) goja.Value { return rt.ToValue(req(this).protocol() == "https") })
	k.getter(p, "ip", func(this goja.Value) goja.Value { return rt.ToValue(req(this).in.ClientIP) })
	k.getter(p, "ips", func(this goja.Value) goja.Value { return rt.ToValue(req(this).ips()) })
	hostname := func(this goja.Value) goja.Value {
		if h, ok := req(this).hostname(); ok {
			return rt.ToValue(h)
		}
		return goja.Undefined()
	}
	k.getter(p, "hostname", hostname)
	k.getter(p, "host", hostname) // Express 4: a deprecated alias of hostname
	k.getter(p, "xhr", func(this goja.Value) goja.Value {
		v, _ := req(this).header("x-requested-with")
		return rt.ToValue(strings.ToLower(v) == "xmlhttprequest")
	})
	k.getter(p, "fresh", func(this goja.Value) goja.Value { return rt.ToValue(req(this).Fresh()) })
	k.getter(p, "stale", func(this goja.Value) goja.Value { return rt.ToValue(!req(this).Fresh()) })
	k.getter(p, "signedCookies", func(this goja.Value) goja.Value { return rt.NewObject() })
	k.getter(p, "complete", func(this goja.Value) goja.Value { return rt.ToValue(true) })
	get := func(call goja.FunctionCall) goja.Value {
		name := call.Argument(0)
		if !name.ToBoolean() {
			panic(rt.NewTypeError("name argument is required to req.get"))
		}
		if _, ok := name.Export().(string); !ok {
			panic(rt.NewTypeError("name must be a string to req.get"))
		}
		r := req(call.This)
		lc := strings.ToLower(name.String())
		if lc == "referer" || lc == "referrer" {
			if v := r.headerValue("referrer"); !goja.IsUndefined(v) && v.ToBoolean() {
				return v
			}
			return r.headerValue("referer")
		}
		return r.headerValue(lc)
	}
	k.method(p, "get", get)
	k.method(p, "header", get)
	k.defineBodyStream()
}

// headerValue reads req.headers[lc], from Go until JS has built (or replaced) the headers object.
func (r *Request) headerValue(lc string) goja.Value {
	if r.headers != nil {
		if o, ok := r.headers.(*goja.Object); ok {
			if v := o.Get(lc); v != nil { // Get gives nil (not undefined) for an absent key
				return v
			}
		}
		return goja.Undefined()
	}
	if lc == "set-cookie" {
		return r.buildHeaders().ToObject(r.kit.rt).Get(lc)
	}
	if v, ok := r.header(lc); ok {
		return r.kit.rt.ToValue(v)
	}
	return goja.Undefined()
}

// header is req.headers[lc] as Node joins duplicates (set-cookie aside).
func (r *Request) header(lc string) (string, bool) {
	hr := r.in.Request
	if lc == "host" {
		return hr.Host, hr.Host != ""
	}
	vals := hr.Header[canonicalHeaderName(lc)]
	if len(vals) == 0 {
		return "", false
	}
	return joinHeader(lc, vals), true
}

// joinHeader applies Node's rules for repeated request headers.
func joinHeader(lc string, vals []string) string {
	if len(vals) == 1 {
		return vals[0]
	}
	switch lc {
	case "content-type", "content-length", "user-agent", "referer", "host", "authorization",
		"proxy-authorization", "if-modified-since", "if-unmodified-since", "from", "location",
		"max-forwards", "retry-after", "etag", "last-modified", "server", "age", "expires":
		return vals[0]
	case "cookie":
		return strings.Join(vals, "; ")
	}
	return strings.Join(vals, ", ")
}

func (r *Request) buildHeaders() goja.Value {
	rt := r.kit.rt
	o := rt.NewObject()
	hr := r.in.Request
	keys := make([]string, 0, len(hr.Header)+1)
	for k := range hr.Header {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if hr.Host != "" {
		_ = o.Set("host", hr.Host)
	}
	for _, k := range keys {
		lc := strings.ToLower(k)
		if lc == "set-cookie" {
			_ = o.Set(lc, hr.Header[k])
			continue
		}
		_ = o.Set(lc, joinHeader(lc, hr.Header[k]))
	}
	return o
}

func (r *Request) buildQuery() goja.Value {
	rt := r.kit.rt
	search := ""
	if i := strings.IndexByte(r.OriginalURL, '?'); i >= 0 {
		search = r.OriginalURL[i+1:]
		if j := strings.IndexByte(search, '#'); j >= 0 {
			search = search[:j]
		}
	}
	if search == "" {
		return rt.NewObject()
	}
	qs := r.kit.loadHelpers().ToObject(rt).Get("qs").ToObject(rt)
	parse, _ := goja.AssertFunction(qs.Get("parse"))
	opts := rt.NewObject()
	_ = opts.Set("depth", QueryDepth)
	_ = opts.Set("arrayLimit", QueryArrayLimit)
	v, err := parse(qs, rt.ToValue(search), opts)
	if err != nil {
		panic(err)
	}
	return v
}

// QueryDepth and QueryArrayLimit are QUERYSTRING_MAX_PARSE_DEPTH and QUERYSTRING_ARRAY_LIMIT (Directus
// defaults 10 and 500); the server wiring may set them from the env before serving.
var (
	QueryDepth      = 10
	QueryArrayLimit = 500
)

func (r *Request) buildBody() goja.Value {
	if r.ex.RawBody != nil && r.ex.Body != nil {
		// Parsing the raw bytes in JS keeps the client's key order, as body-parser does.
		if v, err := r.kit.jsonParse(string(r.ex.RawBody)); err == nil {
			return v
		}
	}
	if r.ex.Body == nil {
		return r.kit.rt.NewObject()
	}
	return jsonValue(r.kit.rt, r.ex.Body)
}

func (r *Request) buildCookies() goja.Value {
	o := r.kit.rt.NewObject()
	names := make([]string, 0, len(r.ex.Cookies))
	for n := range r.ex.Cookies {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		_ = o.Set(n, r.ex.Cookies[n])
	}
	return o
}

func (r *Request) buildRawBody() goja.Value {
	if r.ex.RawBody == nil {
		return goja.Undefined()
	}
	return r.kit.bytesValue(r.ex.RawBody)
}

func (r *Request) buildSocket() goja.Value {
	o := r.kit.rt.NewObject()
	host, port, _ := net.SplitHostPort(r.in.Request.RemoteAddr)
	_ = o.Set("remoteAddress", host)
	if n, err := strconv.Atoi(port); err == nil {
		_ = o.Set("remotePort", n)
	}
	_ = o.Set("encrypted", r.in.Request.TLS != nil)
	return o
}

func (r *Request) trusted() bool {
	host, _, err := net.SplitHostPort(r.in.Request.RemoteAddr)
	if err != nil {
		host = r.in.Request.RemoteAddr
	}
	return TrustProxy(host)
}

func (r *Request) protocol() string {
	proto := "http"
	if r.in.Request.TLS != nil {
		proto = "https"
	}
	if !r.trusted() {
		return proto
	}
	h, ok := r.header("x-forwarded-proto")
	if !ok || h == "" {
		h = proto
	}
	if i := strings.IndexByte(h, ','); i >= 0 {
		h = h[:i]
	}
	return strings.TrimSpace(h)
}

func (r *Request) hostname() (string, bool) {
	host, ok := r.header("x-forwarded-host")
	if !ok || host == "" || !r.trusted() {
		host, ok = r.header("host")
	} else if i := strings.IndexByte(host, ','); i >= 0 {
		host = strings.TrimRight(host[:i], " \t")
	}
	if !ok || host == "" {
		return "", false
	}
	offset := 0
	if host[0] == '[' {
		offset = strings.IndexByte(host, ']') + 1
	}
	if i := strings.IndexByte(host[offset:], ':'); i >= 0 {
		return host[:offset+i], true
	}
	return host, true
}

// ips is proxyaddr.all minus the socket address, farthest first; empty unless the peer is trusted.
func (r *Request) ips() []string {
	out := []string{}
	if !r.trusted() {
		return out
	}
	xff, ok := r.header("x-forwarded-for")
	if !ok {
		return out
	}
	for _, part := range strings.Split(xff, ",") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Fresh is req.fresh: a conditional GET/HEAD whose validators match the response's.
func (r *Request) Fresh() bool {
	if r.Method != "GET" && r.Method != "HEAD" && r.Method != "QUERY" {
		return false
	}
	res := r.res
	if res == nil {
		return false
	}
	st := res.StatusCode
	if !(st >= 200 && st < 300 || st == 304) {
		return false
	}
	ims, _ := r.header("if-modified-since")
	inm, _ := r.header("if-none-match")
	cc, _ := r.header("cache-control")
	return fresh(ims, inm, cc, res.headerString("etag"), res.headerString("last-modified"))
}
