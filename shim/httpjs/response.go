package httpjs

import (
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"math"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/dop251/goja"
)

// Response is the Go side of one JS `res`: Node's ServerResponse state plus Express's methods.
// Bytes leave through conn; nothing here touches the network.
type Response struct {
	ownProps
	kit  *Kit
	obj  *goja.Object
	req  *Request
	conn *Conn
	loop Loop

	StatusCode    int
	StatusMessage string
	headers       []headerEntry
	HeadersSent   bool
	Ended         bool
	locals        goja.Value
	closed        bool
	// OnListenerError receives an error thrown by a 'finish'/'close' listener (Node would crash).
	OnListenerError func(err error)
}

type headerEntry struct {
	name, lower string
	str         string // the value, when val is nil (the common case: no boxing)
	val         any    // []string, or a goja.Value for other JS values (kept as given)
}

// drained is called from Pump's goroutine once queued bytes went below the high-water mark after a
// res.write returned false: 'drain' is emitted on the loop.
func (res *Response) drained() {
	res.loop.RunOnLoop(func(*goja.Runtime) {
		if res.conn.drainReached() && res.listened() {
			if err := res.kit.emitEvent(res.obj, "drain"); err != nil && res.OnListenerError != nil {
				res.OnListenerError(err)
			}
		}
	})
}

// Object is the JS value of res.
func (res *Response) Object() *goja.Object { return res.obj }

func (res *Response) find(lower string) int {
	for i := range res.headers {
		if res.headers[i].lower == lower {
			return i
		}
	}
	return -1
}

func (res *Response) headerString(lower string) string {
	if i := res.find(lower); i >= 0 {
		if res.headers[i].val == nil {
			return res.headers[i].str
		}
		switch v := res.headers[i].val.(type) {
		case string:
			return v
		case []string:
			return strings.Join(v, ", ")
		case goja.Value:
			return v.String()
		}
	}
	return ""
}

func (res *Response) hasHeader(lower string) bool { return res.find(lower) >= 0 }

func (res *Response) setHeader(name string, val any) {
	e := headerEntry{name: name}
	if s, ok := val.(string); ok {
		e.str = s
	} else {
		e.val = val
	}
	res.setEntry(e)
}

func (res *Response) setEntry(e headerEntry) {
	if res.HeadersSent {
		panic(res.kit.nodeError("Error", "ERR_HTTP_HEADERS_SENT", "Cannot set headers after they are sent to the client"))
	}
	e.lower = lowerFieldName(e.name)
	if i := res.find(e.lower); i >= 0 {
		res.headers[i] = e
		return
	}
	res.headers = append(res.headers, e)
}

// lowerFieldName is the lower-case form of a header name, without an allocation for the names
// Express's own methods set on most responses.
func lowerFieldName(name string) string {
	switch name {
	case "Content-Type":
		return "content-type"
	case "Content-Length":
		return "content-length"
	case "ETag":
		return "etag"
	}
	return lowerASCII(name)
}

// lowerASCII is strings.ToLower without an allocation for names already in lower case.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

func (res *Response) removeHeader(lower string) {
	if res.HeadersSent {
		panic(res.kit.nodeError("Error", "ERR_HTTP_HEADERS_SENT", "Cannot remove headers after they are sent to the client"))
	}
	if i := res.find(lower); i >= 0 {
		res.headers = append(res.headers[:i], res.headers[i+1:]...)
	}
}

func (res *Response) headerJS(e headerEntry) goja.Value {
	if e.val == nil {
		return res.kit.rt.ToValue(e.str)
	}
	switch v := e.val.(type) {
	case string:
		return res.kit.rt.ToValue(v)
	case []string:
		arr := make([]any, len(v))
		for i, s := range v {
			arr[i] = s
		}
		return res.kit.rt.NewArray(arr...)
	case goja.Value:
		return v
	}
	return goja.Undefined()
}

// set is Express's res.set(field, value) for one field: String() values, charset added to Content-Type.
func (res *Response) set(field string, v goja.Value) {
	rt := res.kit.rt
	if arr, ok := v.(*goja.Object); ok && arr.ClassName() == "Array" {
		if strings.EqualFold(field, "content-type") {
			panic(rt.NewTypeError("Content-Type cannot be set to an Array"))
		}
		var vals []string
		rt.ForOf(arr, func(el goja.Value) bool { vals = append(vals, el.String()); return true })
		res.checkedSet(field, vals)
		return
	}
	res.setString(field, v.String())
}

// setString is set for a string value, without a trip through JS values.
func (res *Response) setString(field, s string) {
	if len(field) == len("content-type") && strings.EqualFold(field, "content-type") {
		s = withDefaultCharset(s)
	}
	res.checkHeader(field, s)
	res.setEntry(headerEntry{name: field, str: s})
}

// checkHeader applies Node's name and value checks (setHeader throws on bad ones).
func (res *Response) checkHeader(name, value string) {
	if !validToken(name) {
		panic(res.kit.nodeError("TypeError", "ERR_INVALID_HTTP_TOKEN", "Header name must be a valid HTTP token [\""+name+"\"]"))
	}
	if !validHeaderValue(value) {
		panic(res.kit.nodeError("TypeError", "ERR_INVALID_CHAR", "Invalid character in header content [\""+name+"\"]"))
	}
}

func (res *Response) checkedSet(name string, val any) {
	if !validToken(name) {
		panic(res.kit.nodeError("TypeError", "ERR_INVALID_HTTP_TOKEN", "Header name must be a valid HTTP token [\""+name+"\"]"))
	}
	check := func(s string) {
		if !validHeaderValue(s) {
			panic(res.kit.nodeError("TypeError", "ERR_INVALID_CHAR", "Invalid character in header content [\""+name+"\"]"))
		}
	}
	switch v := val.(type) {
	case string:
		check(v)
	case []string:
		for _, s := range v {
			check(s)
		}
	}
	res.setHeader(name, val)
}

// withDefaultCharset adds "; charset=utf-8" to text/*, application/javascript and application/json
// types that name no charset (mime 1.x charsets.lookup, as Express's res.set does).
func withDefaultCharset(ct string) string {
	switch ct { // the types Express's own methods set: no concatenation per response
	case "text/html":
		return "text/html; charset=utf-8"
	case "text/plain":
		return "text/plain; charset=utf-8"
	case "application/json":
		return "application/json; charset=utf-8"
	}
	if charsetParam(ct) {
		return ct
	}
	base := ct
	if i := strings.IndexByte(base, ';'); i >= 0 {
		base = base[:i]
	}
	if strings.HasPrefix(base, "text/") || strings.HasPrefix(base, "application/javascript") || strings.HasPrefix(base, "application/json") {
		return ct + "; charset=utf-8"
	}
	return ct
}

// charsetParam is /;\s*charset\s*=/.
func charsetParam(ct string) bool {
	for i := 0; i < len(ct); i++ {
		if ct[i] != ';' {
			continue
		}
		j := i + 1
		for j < len(ct) && isJSSpace(ct[j]) {
			j++
		}
		if strings.HasPrefix(ct[j:], "charset") {
			j += len("charset")
			for j < len(ct) && isJSSpace(ct[j]) {
				j++
			}
			if j < len(ct) && ct[j] == '=' {
				return true
			}
		}
	}
	return false
}

func isJSSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// setCharset is Express's utils.setCharset(type, "utf-8") via the content-type package's parse/format.
func setCharset(ct string) (string, bool) {
	if ct == "text/html; charset=utf-8" || ct == "application/json; charset=utf-8" || ct == "text/plain; charset=utf-8" {
		return ct, true // already in the form content-type's format() gives
	}
	parts := strings.Split(ct, ";")
	typ := strings.ToLower(strings.TrimSpace(parts[0]))
	if !validMediaType(typ) {
		return "", false
	}
	var b strings.Builder
	b.WriteString(typ)
	params := map[string]string{}
	var names []string
	for _, p := range parts[1:] {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		eq := strings.IndexByte(p, '=')
		if eq <= 0 {
			return "", false
		}
		k := strings.ToLower(strings.TrimSpace(p[:eq]))
		v := strings.TrimSpace(p[eq+1:])
		if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
			v = v[1 : len(v)-1]
		}
		if _, dup := params[k]; !dup {
			names = append(names, k)
		}
		params[k] = v
	}
	if _, ok := params["charset"]; !ok {
		names = append(names, "charset")
	}
	params["charset"] = "utf-8"
	sortStrings(names)
	for _, k := range names {
		b.WriteString("; ")
		b.WriteString(k)
		b.WriteByte('=')
		v := params[k]
		if validToken(v) {
			b.WriteString(v)
		} else {
			b.WriteString(quoteParam(v))
		}
	}
	return b.String(), true
}

// quoteParam quotes a parameter value as the content-type package does (only " and \ escaped).
func quoteParam(v string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

func validMediaType(t string) bool {
	slash := strings.IndexByte(t, '/')
	return slash > 0 && slash < len(t)-1 && validToken(t[:slash]) && validToken(t[slash+1:])
}

func validToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !tokenChar[s[i]] {
			return false
		}
	}
	return true
}

// tokenChar is RFC 7230's tchar: visible ASCII except the separators "(),/:;<=>?@[\]{}.
var tokenChar = func() (t [256]bool) {
	for c := '!'; c <= '~'; c++ {
		t[c] = !strings.ContainsRune("()<>@,;:\\\"/[]?={}", c)
	}
	return t
}()

func validHeaderValue(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

// WeakETag is the etag package's weak tag of a body: W/"<length hex>-<sha1 base64, 27 chars>".
func WeakETag(body []byte) string {
	if len(body) == 0 {
		return `W/"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"`
	}
	sum := sha1.Sum(body)
	var b [3 + 16 + 1 + 28 + 1]byte // built on the stack: one allocation, the string itself
	out := append(b[:0], `W/"`...)
	out = strconv.AppendInt(out, int64(len(body)), 16)
	out = append(out, '-')
	out = base64.StdEncoding.AppendEncode(out, sum[:])
	out = append(out[:len(out)-1], '"') // 27 characters: the padding '=' dropped
	return string(out)
}

// Header is the response headers as they would be sent now.
func (res *Response) Header() http.Header { return res.headerMap() }

// head freezes status and headers and hands them to the connection (Node's implicit writeHead).
func (res *Response) head() {
	if res.HeadersSent {
		return
	}
	res.conn.push(res.headEvent())
}

// headEvent validates the status, freezes the headers and returns them as the head event.
func (res *Response) headEvent() event {
	if res.StatusCode < 100 || res.StatusCode > 999 {
		panic(res.kit.nodeError("RangeError", "ERR_HTTP_INVALID_STATUS_CODE", "Invalid status code: "+strconv.Itoa(res.StatusCode)))
	}
	e := event{kind: evHead, status: res.StatusCode}
	if res.plainHeaders() {
		e.entries = res.headers // frozen from now on: setEntry and removeHeader refuse once sent
	} else {
		e.fields = res.headerFields()
	}
	res.HeadersSent = true
	e.flush = res.bodyAllowed() && !res.hasHeader("content-length") // chunked
	return e
}

// plainHeaders reports whether every header value is a plain string (the common case).
func (res *Response) plainHeaders() bool {
	for i := range res.headers {
		if res.headers[i].val != nil {
			return false
		}
	}
	return true
}

// headerFields resolves the headers to strings (JS array values read on the loop), with one backing
// array for the single-valued ones.
func (res *Response) headerFields() []headerField {
	fields := make([]headerField, len(res.headers))
	for i, e := range res.headers {
		fields[i].name = e.name
		if e.val == nil {
			fields[i].one[0] = e.str
			fields[i].vals = fields[i].one[:1:1]
			continue
		}
		fields[i].vals = res.entryValues(e)
	}
	return fields
}

func (res *Response) entryValues(e headerEntry) []string {
	switch v := e.val.(type) {
	case string:
		return []string{v}
	case []string:
		return v
	case goja.Value:
		if o, ok := v.(*goja.Object); ok && o.ClassName() == "Array" {
			var vals []string
			res.kit.rt.ForOf(o, func(el goja.Value) bool { vals = append(vals, el.String()); return true })
			return vals
		}
		return []string{v.String()}
	}
	return nil
}

func (res *Response) headerMap() http.Header {
	h := make(http.Header, len(res.headers))
	plain := make([]string, len(res.headers)) // one backing array for the single-valued headers
	for i, e := range res.headers {
		if e.val == nil {
			plain[i] = e.str
			h[e.name] = plain[i : i+1 : i+1]
			continue
		}
		h[e.name] = res.entryValues(e)
	}
	return h
}

// bodyAllowed mirrors Node: HEAD requests and 204/304 responses carry no body bytes.
func (res *Response) bodyAllowed() bool {
	return res.req.Method != "HEAD" && res.StatusCode != 204 && res.StatusCode != 304
}

// write queues body bytes; false means the client is behind (Node's res.write result).
func (res *Response) write(data []byte, flush bool) bool {
	if len(data) == 0 || !res.bodyAllowed() {
		return true
	}
	return res.conn.pushData(data, flush)
}

// end completes the response; data (may be nil) is the last chunk.
func (res *Response) end(data []byte) {
	if res.Ended {
		return
	}
	if !res.HeadersSent && !res.hasHeader("content-length") && !res.hasHeader("transfer-encoding") && res.bodyAllowed() {
		res.headers = append(res.headers, headerEntry{name: "Content-Length", lower: "content-length", str: strconv.Itoa(len(data))})
	}
	if !res.HeadersSent {
		// The whole response at once (res.send, res.json, res.end): one event for Pump.
		head := res.headEvent()
		res.Ended = true
		if len(data) > 0 && res.bodyAllowed() {
			head.data = data
		}
		head.end = true
		res.conn.push(head)
		return
	}
	res.write(data, false)
	res.Ended = true
	res.conn.push(event{kind: evEnd})
}

// chunkBytes converts a write/end chunk (string with encoding, Buffer or Uint8Array) to bytes.
func (res *Response) chunkBytes(chunk, encoding goja.Value) []byte {
	if s, ok := chunk.(goja.String); ok {
		enc := "utf8"
		if encoding != nil && !goja.IsUndefined(encoding) && !goja.IsNull(encoding) {
			enc = strings.ToLower(encoding.String())
		}
		return encodeString(s.String(), enc)
	}
	if o, ok := chunk.(*goja.Object); ok {
		switch b := o.Export().(type) {
		case []byte:
			return append([]byte(nil), b...)
		case goja.ArrayBuffer:
			return append([]byte(nil), b.Bytes()...)
		}
	}
	typ := "type " + typeOf(chunk)
	panic(res.kit.nodeError("TypeError", "ERR_INVALID_ARG_TYPE", `The "chunk" argument must be of type string or an instance of Buffer or Uint8Array. Received `+typ))
}

func typeOf(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	switch v.Export().(type) {
	case int64, float64:
		return "number (" + v.String() + ")"
	case bool:
		return "boolean (" + v.String() + ")"
	}
	return "object"
}

func encodeString(s, enc string) []byte {
	switch enc {
	case "latin1", "binary", "ascii":
		out := make([]byte, 0, len(s))
		for _, u := range utf16.Encode([]rune(s)) {
			out = append(out, byte(u))
		}
		return out
	case "hex":
		b, _ := hex.DecodeString(s)
		return b
	case "base64":
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			b, _ = base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
		}
		return b
	}
	return []byte(s)
}

func (k *Kit) nodeError(ctor, code, msg string) *goja.Object {
	e, err := k.rt.New(k.rt.Get(ctor), k.rt.ToValue(msg))
	if err != nil {
		return k.rt.NewGoError(err)
	}
	_ = e.Set("code", code)
	return e
}

// jsNumberToStatus reads a status code assignment the way Node stores it (numbers only matter).
func jsNumberToStatus(v goja.Value) int {
	f := v.ToFloat()
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return int(f)
}

// QuietClose marks the exchange over without emitting anything when no listener was ever added to res
// or req, and reports whether it did (loop only). Closed is then a no-op.
func (res *Response) QuietClose() bool {
	if res.closed || res.listened() || (res.req != nil && res.req.listened()) {
		return res.closed
	}
	res.closed = true
	return true
}

// Closed tells res the exchange is over (the response was written out or the client went away). It
// emits, once and only to listeners, what Node emits then: 'finish' on res (response completed) or
// 'aborted' on req (client gone first), then 'close' on res, then 'close' on req (loop only).
func (res *Response) Closed() {
	if res.closed {
		return
	}
	res.closed = true
	var reqObj *goja.Object
	if res.req != nil && res.req.listened() {
		reqObj = res.req.obj
	}
	resObj := res.obj
	if !res.listened() {
		resObj = nil
	}
	emit := func(obj *goja.Object, name string) {
		if obj == nil {
			return
		}
		if err := res.kit.emitEvent(obj, name); err != nil && res.OnListenerError != nil {
			res.OnListenerError(err)
		}
	}
	if res.Ended {
		emit(resObj, "finish")
	} else {
		emit(reqObj, "aborted")
	}
	emit(resObj, "close")
	emit(reqObj, "close")
}
