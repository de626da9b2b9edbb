package logging

import (
	"bytes"
	"encoding/json"
	"os"
	"sort"
	"strconv"
	"time"

	"github.com/sirupsen/logrus"
)

// OrderKey is a Fields key holding a []string: the order in which the other fields are written (JSON
// key order of the object a JS caller logged). Fields not listed follow, sorted. It is never written.
const OrderKey = "\x00order"

// Redacted replaces req.headers.authorization and req.headers.cookie, as Directus's pino redact option.
const Redacted = "--redacted--"

var now = time.Now

// PinoFormatter writes pino's JSON lines: {"level":30,"time":<ms>,"pid":…,"hostname":…,<fields>,"msg":…}.
type PinoFormatter struct {
	pid      int
	hostname string
	severity map[string]string // LOGGER_LEVELS; nil = no severity field
}

// NewPinoFormatter reads pid and hostname once, as pino does.
func NewPinoFormatter() *PinoFormatter {
	host, _ := os.Hostname()
	return &PinoFormatter{pid: os.Getpid(), hostname: host}
}

// Format implements logrus.Formatter.
func (f *PinoFormatter) Format(e *logrus.Entry) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{`)
	if f.severity != nil {
		sev, ok := f.severity[PinoLevelName(e.Level)]
		if !ok || sev == "" {
			sev = "info"
		}
		b.WriteString(`"severity":`)
		b.Write(jsonValue(sev))
		b.WriteByte(',')
	}
	b.WriteString(`"level":`)
	b.WriteString(strconv.Itoa(PinoLevel(e.Level)))
	b.WriteString(`,"time":`)
	b.WriteString(strconv.FormatInt(e.Time.UnixMilli(), 10))
	b.WriteString(`,"pid":`)
	b.WriteString(strconv.Itoa(f.pid))
	b.WriteString(`,"hostname":`)
	b.Write(jsonValue(f.hostname))
	for _, k := range FieldOrder(e.Data) {
		b.WriteByte(',')
		b.Write(jsonValue(k))
		b.WriteByte(':')
		b.Write(jsonValue(redact(k, e.Data[k])))
	}
	if e.Message != "" {
		b.WriteString(`,"msg":`)
		b.Write(jsonValue(e.Message))
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// FieldOrder returns the keys of data to write, in order (see OrderKey).
func FieldOrder(data logrus.Fields) []string {
	order, _ := data[OrderKey].([]string)
	seen := make(map[string]bool, len(order))
	keys := make([]string, 0, len(data))
	for _, k := range order {
		if _, ok := data[k]; ok && !seen[k] {
			keys = append(keys, k)
			seen[k] = true
		}
	}
	var rest []string
	for k := range data {
		if k != OrderKey && !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(keys, rest...)
}

// jsonValue marshals like JSON.stringify (no HTML escaping); errors become their message.
func jsonValue(v any) []byte {
	if err, ok := v.(error); ok {
		v = err.Error()
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return []byte(`"[unserializable]"`)
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}

// redact censors the request headers Directus redacts, when the field is a Go "req" object (the JS
// logger redacts before it serialises).
func redact(key string, v any) any {
	if key != "req" {
		return v
	}
	switch req := v.(type) {
	case map[string]any:
		headers, ok := req["headers"].(map[string]any)
		if !ok {
			return v
		}
		copied := make(map[string]any, len(headers))
		for hk, hv := range headers {
			if hk == "authorization" || hk == "cookie" {
				hv = Redacted
			}
			copied[hk] = hv
		}
		out := make(map[string]any, len(req))
		for rk, rv := range req {
			out[rk] = rv
		}
		out["headers"] = copied
		return out
	}
	return v
}
