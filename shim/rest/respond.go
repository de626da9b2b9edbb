package rest

import (
	"bytes"
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
	b := bufPool.Get().(*bytes.Buffer)
	b.Reset()
	writeJS(b, payload)
	sendJSON(c, http.StatusOK, "application/json; charset=utf-8", b.Bytes())
	if b.Cap() <= 1<<20 { // a rare huge answer is not kept alive
		bufPool.Put(b)
	}
}

// bufPool recycles answer buffers: sendJSON has written the bytes when it returns.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// sendJSON is Express's res.send for a JSON body (server.Send: weak ETag, 304, HEAD).
func sendJSON(c *gin.Context, status int, contentType string, body []byte) {
	server.Send(c, status, contentType, body)
}

// marshalJS writes v as JSON.stringify would: item key order kept, no HTML escaping, numbers
// formatted like JavaScript, Dates as toJSON's ISO string.
func marshalJS(v any) []byte {
	var b bytes.Buffer
	writeJS(&b, v)
	return b.Bytes()
}

func writeJS(b *bytes.Buffer, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case object:
		b.WriteByte('{')
		first := true
		for _, m := range x {
			if _, skip := m.value.(undefined); skip {
				continue
			}
			if !first {
				b.WriteByte(',')
			}
			first = false
			writeString(b, m.key)
			b.WriteByte(':')
			writeJS(b, m.value)
		}
		b.WriteByte('}')
	case *items.Item:
		if x == nil {
			b.WriteString("null")
			return
		}
		writeMembers(b, x.Keys(), x.Values())
	case *query.Object: // an ordered JSON object (e.g. a JSON column decoded in order)
		if x == nil {
			b.WriteString("null")
			return
		}
		o := make(object, 0, x.Len())
		for _, k := range x.Keys() {
			val, _ := x.Get(k)
			o = append(o, member{k, val})
		}
		writeJS(b, o)
	case []*items.Item:
		b.WriteByte('[')
		for i, it := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJS(b, it)
		}
		b.WriteByte(']')
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			if _, skip := e.(undefined); skip {
				e = nil // JSON.stringify writes undefined array elements as null
			}
			writeJS(b, e)
		}
		b.WriteByte(']')
	case []string:
		list := make([]any, len(x))
		for i, s := range x {
			list[i] = s
		}
		writeJS(b, list)
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
		writeJS(b, o)
	case string:
		writeString(b, x)
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int:
		b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(x), 10))
	case int64:
		b.Write(strconv.AppendInt(b.AvailableBuffer(), x, 10))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			b.WriteString("null")
			return
		}
		b.WriteString(env.FormatJSNumber(x))
	case time.Time:
		writeString(b, x.UTC().Format("2006-01-02T15:04:05.000Z"))
	case json.RawMessage:
		b.Write(x)
	case json.Number:
		b.WriteString(string(x))
	default:
		raw, err := json.Marshal(x)
		if err != nil {
			b.WriteString("null")
			return
		}
		b.Write(raw)
	}
}

// writeMembers writes an object from parallel key and value lists (an item's rows: no copy into an
// object first).
func writeMembers(b *bytes.Buffer, keys []string, values []any) {
	b.WriteByte('{')
	first := true
	for i, k := range keys {
		if _, skip := values[i].(undefined); skip {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		writeString(b, k)
		b.WriteByte(':')
		writeJS(b, values[i])
	}
	b.WriteByte('}')
}

// undefined is a value JSON.stringify leaves out of objects.
type undefined struct{}

// writeString quotes s like JSON.stringify (well-formed: only ", \ and control characters escaped).
// Runs of bytes that need no escaping are copied in one write.
func writeString(b *bytes.Buffer, s string) {
	b.WriteByte('"')
	start := 0 // s[start:i] is pending, unescaped
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b.WriteString(s[start:i])
			switch c {
			case '"':
				b.WriteString(`\"`)
			case '\\':
				b.WriteString(`\\`)
			case '\b':
				b.WriteString(`\b`)
			case '\f':
				b.WriteString(`\f`)
			case '\n':
				b.WriteString(`\n`)
			case '\r':
				b.WriteString(`\r`)
			case '\t':
				b.WriteString(`\t`)
			default:
				b.WriteString(`\u00`)
				b.WriteByte("0123456789abcdef"[c>>4])
				b.WriteByte("0123456789abcdef"[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteString(s[start:i])
			b.WriteString(`\ufffd`)
			i++
			start = i
			continue
		}
		i += size
	}
	b.WriteString(s[start:])
	b.WriteByte('"')
}
