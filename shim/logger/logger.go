// Package logger gives extensions Directus's context.logger (a pino 9 API) writing through the process's
// logrus logger, and context.env (EnvObject).
package logger

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"github.com/dop251/goja"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/logging"
	"github.com/dxhost/dxhost/services/query"
)

//go:embed logger.js
var loggerSource string

var loggerProgram = goja.MustCompile("dxhost:logger.js", loggerSource, true)

// New returns the root JS logger for rt, writing to log. Call it on rt's loop. Its level is the
// process's level (setting logger.level changes it for everyone, as in Directus); child loggers keep
// their own.
func New(rt *goja.Runtime, log *logrus.Logger) goja.Value {
	factory, err := rt.RunProgram(loggerProgram)
	if err != nil {
		panic(fmt.Errorf("logger.js: %w", err))
	}
	fn, _ := goja.AssertFunction(factory)
	sink := rt.NewObject()
	_ = sink.Set("write", func(level int, fieldsJSON string, msg goja.Value) {
		write(log, level, fieldsJSON, msg)
	})
	_ = sink.Set("getLevel", func() string { return currentLevel(log) })
	_ = sink.Set("setLevel", func(name string) {
		level, silent := logging.ParseLevel(name)
		if silent {
			level = logrus.PanicLevel
		}
		log.SetLevel(level)
	})
	root, err := fn(goja.Undefined(), sink)
	if err != nil {
		panic(fmt.Errorf("logger.js: %w", err))
	}
	return root
}

func currentLevel(log *logrus.Logger) string {
	if log.GetLevel() == logrus.PanicLevel {
		return "silent"
	}
	return logging.PinoLevelName(log.GetLevel())
}

func write(log *logrus.Logger, level int, fieldsJSON string, msg goja.Value) {
	data := logrus.Fields{}
	if v, err := query.DecodeJSON([]byte(fieldsJSON)); err == nil {
		if o, ok := v.(*query.Object); ok {
			keys := o.Keys()
			for _, k := range keys {
				val, _ := o.Get(k)
				raw, err := json.Marshal(val)
				if err != nil {
					continue
				}
				data[k] = json.RawMessage(raw)
			}
			data[logging.OrderKey] = keys
		}
	}
	text := ""
	if msg != nil && !goja.IsUndefined(msg) && !goja.IsNull(msg) {
		text = msg.String()
	}
	logging.Write(log, logrusLevel(level), data, text)
}

func logrusLevel(pino int) logrus.Level {
	switch {
	case pino <= 10:
		return logrus.TraceLevel
	case pino <= 20:
		return logrus.DebugLevel
	case pino <= 30:
		return logrus.InfoLevel
	case pino <= 40:
		return logrus.WarnLevel
	case pino <= 50:
		return logrus.ErrorLevel
	}
	return logrus.FatalLevel
}
