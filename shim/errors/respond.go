package errors

import (
	"bytes"
	"encoding/json"
	stderrors "errors"
	"fmt"

	"os"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/gin-gonic/gin"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/logging"
	"github.com/dxhost/dxhost/shim/exchange"
)

const unexpectedMessage = "An unexpected error occurred."

// Respond is Directus's error-handler middleware (spec 03 §4): it renders errs as
// {"errors":[{message, extensions}]} with Directus's status rules and the admin rule for plain errors.
// Errors that are not *errs.Error (anywhere in their chain) are plain errors. JS values must be turned
// into *errs.Error with FromJS on their loop first.
//
// When a filter is set (SetErrorFilter) the list goes through it (the `request.error` filter hook).
func Respond(c *gin.Context, errors ...error) {
	log := logging.From(c.Request.Context())
	if c.Writer.Written() {
		// Express defers to its final handler, which closes the connection.
		log.Error("Unexpected error in error handler: headers already sent")
		c.Abort()
		return
	}
	admin := false
	if acc := exchange.Get(c).Accountability; acc != nil {
		admin, _ = acc["admin"].(bool)
	}
	development := os.Getenv("NODE_ENV") == "development"

	var entries []entry
	status := 0
	for _, err := range flatten(errors) {
		e := errs.As(err)
		if e == nil {
			e = errs.Internal(err)
		}
		ext, order := e.Extensions, e.Order
		if development {
			if stack := stackFor(e); stack != "" {
				ext, order = withKey(ext, order, "stack", stack)
			}
		}
		if e.Directus {
			log.WithField("code", e.Code).Debug(e.Message)
			if status == 0 {
				status = e.Status
			} else if status != e.Status {
				status = 500
			}
			en := entry{message: marshal(e.Message), ext: ext, order: order, code: marshal(e.Code)}
			if js := jsFieldsOf(e); js != nil {
				en.message, en.code = js.message, js.code
			}
			entries = append(entries, en)
			if e.Code == errs.CodeMethodNotAllowed {
				c.Header("Allow", joinAllowed(ext["allowed"]))
			}
			continue
		}
		logPlain(log, e)
		status = 500
		if admin {
			msg := e.Message
			if msg == "" {
				msg = unexpectedMessage
			}
			entries = []entry{{message: marshal(msg), ext: ext, order: order, code: marshal(errs.CodeInternal), codeFirst: true}}
		} else {
			entries = []entry{{message: marshal(unexpectedMessage), code: marshal(errs.CodeInternal)}}
		}
	}
	if status == 0 {
		status = 500
	}
	body := render(entries)
	if f := errorFilter.Load(); f != nil {
		body = filtered(c, *f, body, &status)
	}
	c.Header("Content-Type", "application/json; charset=utf-8")
	c.Header("ETag", WeakETag(body))
	c.Status(status)
	_, _ = c.Writer.Write(body)
	c.Abort()
}

// entry is one element of the "errors" array before rendering.
type entry struct {
	message   json.RawMessage // nil: left out (a duck-typed error without a message)
	ext       map[string]any
	order     []string
	code      json.RawMessage // nil: left out
	codeFirst bool            // plain errors for admins: {code, ...ext}; Directus errors: {...ext, code}
}

// flatten expands lists (next([a, b]), validation lists: anything with Unwrap() []error that is not
// itself one error) into their elements, as Directus's handler does with toArray.
func flatten(list []error) []error {
	var out []error
	for _, err := range list {
		if _, single := err.(*errs.Error); !single {
			if many, ok := err.(interface{ Unwrap() []error }); ok {
				out = append(out, flatten(many.Unwrap())...)
				continue
			}
		}
		out = append(out, err)
	}
	return out
}

func jsFieldsOf(e *errs.Error) *jsFields {
	var js *jsFields
	if stderrors.As(e.Cause, &js) {
		return js
	}
	return nil
}

// logPlain logs a plain error at error level, naming the extension's file:line when it came from JS.
func logPlain(log *logrus.Entry, e *errs.Error) {
	if e.Cause != nil {
		log.Error(jsrt.Describe(e.Cause))
		return
	}
	log.Error(e.Message)
}

// render writes {"errors":[...]} with JS key order and without Go's HTML escaping (as JSON.stringify).
func render(entries []entry) []byte {
	var b bytes.Buffer
	b.WriteString(`{"errors":[`)
	for i, en := range entries {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('{')
		if en.message != nil {
			b.WriteString(`"message":`)
			b.Write(en.message)
			b.WriteByte(',')
		}
		b.WriteString(`"extensions":{`)
		keys := orderedKeys(en.ext, en.order)
		first := true
		field := func(k string, v any) {
			if !first {
				b.WriteByte(',')
			}
			first = false
			b.Write(marshal(k))
			b.WriteByte(':')
			b.Write(marshal(v))
		}
		// Directus errors are { ...ext, code }: a key "code" inside extensions keeps its position, only
		// its value is replaced.
		hasCode := false
		for _, k := range keys {
			if k == "code" {
				hasCode = true
			}
		}
		// Plain errors for admins are { code: "INTERNAL_SERVER_ERROR", ...ext }: code stays the first key
		// and the extensions' own code, if any, overrides its value.
		if en.codeFirst {
			if hasCode {
				field("code", en.ext["code"])
			} else {
				field("code", en.code)
			}
		}
		for _, k := range keys {
			if k == "code" {
				if !en.codeFirst && en.code != nil {
					field(k, en.code)
				}
				continue
			}
			field(k, en.ext[k])
		}
		if !en.codeFirst && !hasCode && en.code != nil {
			field("code", en.code)
		}
		b.WriteString("}}")
	}
	b.WriteString("]}")
	return b.Bytes()
}

func orderedKeys(ext map[string]any, order []string) []string {
	keys := make([]string, 0, len(ext))
	seen := make(map[string]bool, len(order))
	for _, k := range order {
		if _, ok := ext[k]; ok && !seen[k] {
			keys = append(keys, k)
			seen[k] = true
		}
	}
	var rest []string
	for k := range ext {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(keys, rest...)
}

// withKey is `{ ...ext, key: value }` on a copy.
func withKey(ext map[string]any, order []string, key string, value any) (map[string]any, []string) {
	out := make(map[string]any, len(ext)+1)
	for k, v := range ext {
		out[k] = v
	}
	keys := orderedKeys(ext, order)
	if _, exists := out[key]; !exists {
		keys = append(keys, key)
	}
	out[key] = value
	return out, keys
}

func marshal(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return []byte("null")
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}

// joinAllowed renders extensions.allowed.join(", ") for the Allow header.
func joinAllowed(v any) string {
	switch list := v.(type) {
	case []string:
		return strings.Join(list, ", ")
	case []any:
		parts := make([]string, len(list))
		for i, m := range list {
			parts[i] = fmt.Sprint(m)
		}
		return strings.Join(parts, ", ")
	case json.RawMessage:
		var parts []any
		if json.Unmarshal(list, &parts) == nil {
			return joinAllowed(parts)
		}
	}
	return ""
}

// ErrorFilter is Directus's `request.error` filter hook: it receives the errors array (each element the
// exact JSON of one error) and returns the array to send (any JSON-marshalable value).
type ErrorFilter func(c *gin.Context, errors []any) (any, error)

var errorFilter atomic.Pointer[ErrorFilter]

// SetErrorFilter installs the request.error filter for every later Respond (nil removes it).
func SetErrorFilter(f ErrorFilter) {
	if f == nil {
		errorFilter.Store(nil)
		return
	}
	errorFilter.Store(&f)
}

// filtered runs the filter over the rendered errors; a failing filter gives Directus's fallback 500.
func filtered(c *gin.Context, f ErrorFilter, body []byte, status *int) []byte {
	var doc struct {
		Errors []json.RawMessage `json:"errors"`
	}
	_ = json.Unmarshal(body, &doc)
	list := make([]any, len(doc.Errors))
	for i, e := range doc.Errors {
		list[i] = e
	}
	result, err := f(c, list)
	if err == nil {
		var b bytes.Buffer
		b.WriteString(`{"errors":`)
		if raw := marshal(result); raw != nil {
			b.Write(raw)
			b.WriteString("}")
			return b.Bytes()
		}
	}
	logging.From(c.Request.Context()).WithError(err).Error("Unexpected error in error handler")
	*status = 500
	return []byte(`{"errors":[{"message":"An unexpected error occurred.","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}`)
}
