package logging

import (
	"bytes"
	"encoding/json"
	"github.com/dxhost/dxhost/services/env"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
)

func TestRawLinesHavePinoFields(t *testing.T) {
	var out bytes.Buffer
	l := New(Config{Level: "debug", Style: "raw"}, &out)
	l.WithFields(logrus.Fields{"reqId": 3}).Debug("hello <b>")
	line := out.String()
	var got map[string]any
	if err := json.Unmarshal([]byte(line), &got); err != nil {
		t.Fatalf("not JSON: %q", line)
	}
	host, _ := os.Hostname()
	if got["level"] != 20.0 || got["msg"] != "hello <b>" || got["pid"] != float64(os.Getpid()) || got["hostname"] != host || got["reqId"] != 3.0 {
		t.Fatalf("fields: %v", got)
	}
	if ms, ok := got["time"].(float64); !ok || time.Since(time.UnixMilli(int64(ms))) > time.Minute {
		t.Fatalf("time must be epoch ms: %v", got["time"])
	}
	if !strings.HasPrefix(line, `{"level":20,"time":`) || !strings.HasSuffix(line, `"msg":"hello <b>"}`+"\n") {
		t.Fatalf("pino key order: %s", line)
	}
}

func TestLevels(t *testing.T) {
	var out bytes.Buffer
	l := New(Config{Style: "raw"}, &out) // default info
	l.Debug("no")
	l.Info("yes")
	if strings.Contains(out.String(), `"no"`) || !strings.Contains(out.String(), `"yes"`) {
		t.Fatalf("default level must be info: %s", out.String())
	}
	out.Reset()
	New(Config{Level: "silent", Style: "raw"}, &out).Error("x")
	if out.Len() != 0 {
		t.Fatal("silent must log nothing")
	}
	for level, want := range map[logrus.Level]int{logrus.TraceLevel: 10, logrus.DebugLevel: 20, logrus.InfoLevel: 30, logrus.WarnLevel: 40, logrus.ErrorLevel: 50, logrus.FatalLevel: 60} {
		if PinoLevel(level) != want {
			t.Errorf("PinoLevel(%v) = %d, want %d", level, PinoLevel(level), want)
		}
	}
}

func TestRedactsRequestHeaders(t *testing.T) {
	var out bytes.Buffer
	l := New(Config{Style: "raw"}, &out)
	req := map[string]any{"headers": map[string]any{"authorization": "Bearer x", "cookie": "a=b", "host": "h"}}
	l.WithField("req", req).Info("r")
	if strings.Contains(out.String(), "Bearer x") || strings.Contains(out.String(), "a=b") || !strings.Contains(out.String(), `"authorization":"--redacted--"`) {
		t.Fatalf("not redacted: %s", out.String())
	}
	if req["headers"].(map[string]any)["authorization"] != "Bearer x" {
		t.Fatal("redaction must not modify the caller's object")
	}
}

func TestFieldOrderAndPretty(t *testing.T) {
	var out bytes.Buffer
	l := New(Config{Style: "raw"}, &out)
	l.WithFields(logrus.Fields{"b": 1, "a": 2, OrderKey: []string{"b", "a"}}).Info("m")
	if !strings.Contains(out.String(), `"b":1,"a":2,"msg":"m"`) {
		t.Fatalf("order: %s", out.String())
	}
	out.Reset()
	New(Config{}, &out).WithField("k", "v").Warn("careful")
	if !strings.Contains(out.String(), "] WARN: careful\n    k: v\n") {
		t.Fatalf("pretty: %q", out.String())
	}
}

func TestWriteBypassesLevel(t *testing.T) {
	var out bytes.Buffer
	l := New(Config{Level: "error", Style: "raw"}, &out)
	Write(l, logrus.DebugLevel, logrus.Fields{}, "child at debug")
	if !strings.Contains(out.String(), `"level":20`) {
		t.Fatalf("Write: %s", out.String())
	}
}

func TestPrettyHTTPLine(t *testing.T) {
	var out bytes.Buffer
	l := New(Config{}, &out)
	l.WithFields(logrus.Fields{"req": map[string]any{"id": 1, "method": "GET", "url": "/x?a=1"}, "res": map[string]any{"statusCode": 200}, "responseTime": int64(12)}).Info("request completed")
	if !regexp.MustCompile(`^\[\d\d:\d\d:\d\d\] GET /x\?a=1 200 12ms\n$`).MatchString(out.String()) {
		t.Fatalf("http line: %q", out.String())
	}
	// Values from pretty-ms under Node.
	for ms, want := range map[int64]string{999: "999ms", 1500: "1.5s", 2000: "2s", 61000: "1m 1s", 120000: "2m", 1049: "1s", 59999: "59.9s"} {
		if got := prettyMs(ms); got != want {
			t.Errorf("prettyMs(%d) = %s, want %s", ms, got, want)
		}
	}
}

// LOGGER_LEVELS adds pino's formatters.level output {severity, level} (Directus's logger setup).
func TestLoggerLevelsSeverity(t *testing.T) {
	e, err := env.Load(env.Options{Environ: []string{"LOG_STYLE=raw", "LOGGER_LEVELS=info:INFO,warn:WARNING"}, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	l := New(ConfigFromEnv(e), &out)
	l.Warn("w")
	l.Error("e")
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if !strings.HasPrefix(lines[0], `{"severity":"WARNING","level":40,`) || !strings.HasPrefix(lines[1], `{"severity":"info","level":50,`) {
		t.Fatalf("severity: %s", out.String())
	}
}
