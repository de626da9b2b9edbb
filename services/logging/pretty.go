package logging

import (
	"bytes"
	"strings"

	"github.com/sirupsen/logrus"
)

// PrettyFormatter writes pino-pretty's layout as Directus configures it (hostname and pid hidden,
// no colours): "[HH:MM:ss.mmm] LEVEL: message" and then each field on its own indented line.
type PrettyFormatter struct{}

// Format implements logrus.Formatter.
func (PrettyFormatter) Format(e *logrus.Entry) ([]byte, error) {
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
