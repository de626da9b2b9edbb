package logging

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/sirupsen/logrus"
)

// PrettyFormatter writes pino-pretty's layout as Directus configures it (hostname and pid hidden,
// no colours): "[HH:MM:ss.mmm] LEVEL: message" and then each field on its own indented line.
type PrettyFormatter struct{}

// Format implements logrus.Formatter.
func (PrettyFormatter) Format(e *logrus.Entry) ([]byte, error) {
	if line, ok := httpLine(e); ok {
		return line, nil
	}
	var b bytes.Buffer
	b.WriteString("[")
	b.WriteString(e.Time.Format("15:04:05.000"))
	b.WriteString("] ")
	b.WriteString(strings.ToUpper(PinoLevelName(e.Level)))
	b.WriteString(":")
	if e.Message != "" {
		b.WriteString(" ")
		b.WriteString(e.Message)
	}
	b.WriteByte('\n')
	for _, k := range FieldOrder(e.Data) {
		b.WriteString("    ")
		b.WriteString(k)
		b.WriteString(": ")
		v := redact(k, e.Data[k])
		if s, ok := v.(string); ok {
			b.WriteString(strings.ReplaceAll(s, "\n", "\n    "))
		} else {
			b.Write(jsonValue(v))
		}
		b.WriteByte('\n')
	}
	return b.Bytes(), nil
}

// httpLine is pino-http-print's line for a request log entry (Directus's pretty HTTP log, relative URL,
// time as HH:MM:ss): "[12:03:41] GET /path 200 12ms".
func httpLine(e *logrus.Entry) ([]byte, bool) {
	req, ok1 := fieldsOf(e.Data["req"])
	res, ok2 := fieldsOf(e.Data["res"])
	ms, ok3 := e.Data["responseTime"].(int64)
	if !ok1 || !ok2 || !ok3 {
		return nil, false
	}
	return []byte(fmt.Sprintf("[%s] %v %v %v %s\n", e.Time.Format("15:04:05"), req("method"), req("url"), res("statusCode"), prettyMs(ms))), true
}

// fieldsOf reads fields of a map or of an ordered object (anything with Get).
func fieldsOf(v any) (func(string) any, bool) {
	switch x := v.(type) {
	case map[string]any:
		return func(k string) any { return x[k] }, true
	case interface{ Get(string) (any, bool) }:
		return func(k string) any { v, _ := x.Get(k); return v }, true
	}
	return nil, false
}

// prettyMs is the pretty-ms package for whole milliseconds: "12ms", "1.5s", "1m 1s".
func prettyMs(ms int64) string {
	switch {
	case ms < 1000:
		return strconv.FormatInt(ms, 10) + "ms"
	case ms < 60000:
		return strconv.FormatFloat(math.Floor(float64(ms)/100)/10, 'f', -1, 64) + "s"
	}
	minutes := ms / 60000
	seconds := (ms % 60000) / 1000
	if seconds == 0 {
		return strconv.FormatInt(minutes, 10) + "m"
	}
	return strconv.FormatInt(minutes, 10) + "m " + strconv.FormatInt(seconds, 10) + "s"
}
