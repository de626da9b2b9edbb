// Package logging sets up the process logger (logrus) the way Directus sets up pino: LOG_LEVEL picks the
// level (default info), LOG_STYLE=raw writes pino's JSON lines, anything else a readable pretty line.
package logging

import (
	"io"
	"os"
	"strings"
	"sync"

	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/env"
)

// Config is what Directus's logger reads from the env.
type Config struct {
	Level string // pino level name: trace debug info warn error fatal silent (default info)
	Style string // "raw" = JSON lines; anything else = pretty
	// Severity maps pino level labels to a `severity` field written before `level` in raw lines
	// (LOGGER_LEVELS="info:INFO,warn:WARNING"); labels not listed get "info", as in Directus.
	Severity map[string]string
}

// ConfigFromEnv reads LOG_LEVEL, LOG_STYLE and LOGGER_LEVELS.
func ConfigFromEnv(e *env.Env) Config {
	cfg := Config{Level: e.String("LOG_LEVEL"), Style: e.String("LOG_STYLE")}
	if e.Has("LOGGER_LEVELS") {
		cfg.Severity = map[string]string{}
		for _, el := range e.Strings("LOGGER_LEVELS") {
			label, severity, _ := strings.Cut(el, ":")
			cfg.Severity[strings.TrimSpace(label)] = strings.TrimSpace(strings.Split(severity, ":")[0])
		}
	}
	return cfg
}

// New builds a logger writing to out (os.Stdout when nil).
func New(cfg Config, out io.Writer) *logrus.Logger {
	if out == nil {
		out = os.Stdout
	}
	l := logrus.New()
	l.SetOutput(out)
	if cfg.Style == "raw" {
		f := NewPinoFormatter()
		f.severity = cfg.Severity
		l.SetFormatter(f)
	} else {
		l.SetFormatter(&PrettyFormatter{})
	}
	level, silent := ParseLevel(cfg.Level)
	if silent {
		l.SetOutput(io.Discard)
	}
	l.SetLevel(level)
	return l
}

// ParseLevel maps a pino level name to logrus; unknown names fall back to info (as Directus does);
// "silent" logs nothing.
func ParseLevel(name string) (level logrus.Level, silent bool) {
	switch name {
	case "trace":
		return logrus.TraceLevel, false
	case "debug":
		return logrus.DebugLevel, false
	case "warn":
		return logrus.WarnLevel, false
	case "error":
		return logrus.ErrorLevel, false
	case "fatal":
		return logrus.FatalLevel, false
	case "silent":
		return logrus.PanicLevel, true
	}
	return logrus.InfoLevel, false
}

// PinoLevel is pino's number for a logrus level: trace 10, debug 20, info 30, warn 40, error 50, fatal 60.
func PinoLevel(l logrus.Level) int {
	switch l {
	case logrus.TraceLevel:
		return 10
	case logrus.DebugLevel:
		return 20
	case logrus.InfoLevel:
		return 30
	case logrus.WarnLevel:
		return 40
	case logrus.ErrorLevel:
		return 50
	}
	return 60
}

// PinoLevelName is pino's label for a logrus level.
func PinoLevelName(l logrus.Level) string {
	switch l {
	case logrus.TraceLevel:
		return "trace"
	case logrus.DebugLevel:
		return "debug"
	case logrus.InfoLevel:
		return "info"
	case logrus.WarnLevel:
		return "warn"
	case logrus.ErrorLevel:
		return "error"
	}
	return "fatal"
}

var writeMu sync.Mutex

// Write emits one entry through l's formatter and output without l's level check or hooks — for
// loggers that filter by their own level (pino child loggers whose level differs from the root).
func Write(l *logrus.Logger, level logrus.Level, data logrus.Fields, msg string) {
	e := logrus.NewEntry(l)
	e.Data = data
	e.Level = level
	e.Message = msg
	e.Time = now()
	b, err := l.Formatter.Format(e)
	if err != nil {
		return
	}
	// One Write call per line, as logrus does; writeMu keeps our own lines whole on shared writers.
	writeMu.Lock()
	defer writeMu.Unlock()
	_, _ = l.Out.Write(b)
}
