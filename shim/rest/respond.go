package rest

import (
	"encoding/json"
	"math"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/query"
	"github.com/dxhost/dxhost/shim/server"
)

// member is one key of an ordered JSON object; an absent value (undefined in JS) is left out.
type member struct {
	key   string
	value any
}

// object is an ordered JSON object (res.locals.payload's key order).
type object []member

// respond is Directus's respond middleware without the response cache and exports: Cache-Control
// and Vary, then res.json(payload) — or 204 when there is no payload.
func respond(c *gin.Context, payload object) {
	h := c.Writer.Header()
	h.Set("Cache-Control", "no-cache")
	h.Set("Vary", "Origin, Cache-Control")
	if format := exportFormat(c); format != "" {
		respondExport(c, format, payload)
		return
	}
	if payload == nil {
		c.Status(http.StatusNoContent)
		c.Writer.WriteHeaderNow()
		c.Abort()
		return
	}
	bp := bufPool.Get().(*[]byte)
	b := appendJS((*bp)[:0], payload)
	sendJSON(c, http.StatusOK, "application/json; charset=utf-8", b)
	if cap(b) <= 1<<20 { // a rare huge answer is not kept alive
		*bp = b
		bufPool.Put(bp)
	}
}

// bufPool recycles answer buffers: sendJSON has written the bytes when it returns.
var bufPool = sync.Pool{New: func() any { return new([]byte) }}

// sendJSON is Express's res.send for a JSON body (server.Send: weak ETag, 304, HEAD).
func sendJSON(c *gin.Context, status int, contentType string, body []byte) {
	server.Send(c, status, contentType, body)
}

// marshalJS writes v as JSON.stringify would: item key order kept, no HTML escaping, numbers
// formatted like JavaScript, Dates as toJSON's ISO string.
func marshalJS(v any) []byte {
	return appendJS(nil, v)
}

// appendJS appends v as JSON.stringify writes it.
func appendJS(b []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...)
	case object:
		b = append(b, '{')
		first := true
		for _, m := range x {
			if _, skip := m.value.(undefined); skip {
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = appendString(b, m.key)
			b = append(b, ':')
			b = appendJS(b, m.value)
		}
		return append(b, '}')
	case *items.Item:
		if x == nil {
			return append(b, "null"...)
		}
		return appendMembers(b, x.Keys(), x.Values())
	case *query.Object: // an ordered JSON object (e.g. a JSON column decoded in order)
		if x == nil {
			return append(b, "null"...)
		}
		o := make(object, 0, x.Len())
		for _, k := range x.Keys() {
			val, _ := x.Get(k)
			o = append(o, member{k, val})
		}
		return appendJS(b, o)
	case []*items.Item:
		b = append(b, '[')
		for i, it := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJS(b, it)
		}
		return append(b, ']')
	case []any:
		b = append(b, '[')
		for i, e := range x {
			if i > 0 {
				b = append(b, ',')
			}
			if _, skip := e.(undefined); skip {
				e = nil // JSON.stringify writes undefined array elements as null
			}
			b = appendJS(b, e)
		}
		return append(b, ']')
	case []string:
		b = append(b, '[')
		for i, s := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, s)
		}
		return append(b, ']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		o := make(object, len(keys))
		for i, k := range keys {
			o[i] = member{k, x[k]}
		}
		return appendJS(b, o)
	case string:
		return appendString(b, x)
	case bool:
		return strconv.AppendBool(b, x)
	case int:
		return strconv.AppendInt(b, int64(x), 10)
	case int64:
		return strconv.AppendInt(b, x, 10)
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return append(b, "null"...)
		}
		return append(b, env.FormatJSNumber(x)...)
	case time.Time:
		return appendString(b, x.UTC().Format("2006-01-02T15:04:05.000Z"))
	case json.RawMessage:
		return append(b, x...)
	case json.Number:
		return append(b, x...)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return append(b, "null"...)
	}
	return append(b, raw...)
}

// appendMembers appends an object from parallel key and value lists (an item's rows: no copy into
// an object first).
func appendMembers(b []byte, keys []string, values []any) []byte {
	b = append(b, '{')
	first := true
	for i, k := range keys {
		if _, skip := values[i].(undefined); skip {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendString(b, k)
		b = append(b, ':')
		b = appendJS(b, values[i])
	}
	return append(b, '}')
}

// undefined is a value JSON.stringify leaves out of objects.
type undefined struct{}

// plainASCII marks the bytes appendString copies as they are: ASCII but control characters, " and \.
var plainASCII = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// appendString quotes s like JSON.stringify (well-formed: only ", \ and control characters escaped).
// Runs of bytes that need no escaping are copied in one append.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0 // s[start:i] is pending, unescaped
	for i := 0; i < len(s); {
		c := s[i]
		if plainASCII[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"':
				b = append(b, `\"`...)
			case '\\':
				b = append(b, `\\`...)
			case '\b':
				b = append(b, `\b`...)
			case '\f':
				b = append(b, `\f`...)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			case '\t':
				b = append(b, `\t`...)
			default:
				b = append(b, `\u00`...)
				b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i++
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
