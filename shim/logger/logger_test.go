package logger

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/logging"
)

// run evaluates src with `logger` bound to a raw-JSON logger at level, returning the output lines.
func run(t *testing.T, level, src string) []map[string]any {
	t.Helper()
	var out bytes.Buffer
	log := logging.New(logging.Config{Level: level, Style: "raw"}, &out)
	rt := goja.New()
	_ = rt.Set("logger", New(rt, log))
	if _, err := rt.RunString(src); err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not JSON: %q", l)
		}
		lines = append(lines, m)
	}
	return lines
}

// Expected shapes follow pino 9's documented output (level numbers, msg, err serializer, child bindings).
func TestLoggerAPI(t *testing.T) {
	lines := run(t, "info", `
		logger.debug("hidden");
		logger.info("hello %s, %d items %j", "bob", 3.7, {a: 1});
		logger.warn({ user: 7 }, "with object");
		logger.error(new Error("boom"));
		logger.child({ ext: "x" }).info({ k: 1 }, "child");
		logger.info({ req: { headers: { authorization: "Bearer t", cookie: "c=1", host: "h" } } }, "redact");
	`)
	if len(lines) != 5 {
		t.Fatalf("want 5 lines, got %d: %v", len(lines), lines)
	}
	if lines[0]["level"] != 30.0 || lines[0]["msg"] != `hello bob, 3 items {"a":1}` {
		t.Errorf("printf: %v", lines[0])
	}
	if lines[1]["level"] != 40.0 || lines[1]["user"] != 7.0 || lines[1]["msg"] != "with object" {
		t.Errorf("object then message: %v", lines[1])
	}
	errObj, _ := lines[2]["err"].(map[string]any)
	if lines[2]["level"] != 50.0 || lines[2]["msg"] != "boom" || errObj["type"] != "Error" || errObj["message"] != "boom" || errObj["stack"] == nil {
		t.Errorf("error serialisation: %v", lines[2])
	}
	if lines[3]["ext"] != "x" || lines[3]["k"] != 1.0 || lines[3]["msg"] != "child" {
		t.Errorf("child: %v", lines[3])
	}
	headers := lines[4]["req"].(map[string]any)["headers"].(map[string]any)
	if headers["authorization"] != "--redacted--" || headers["cookie"] != "--redacted--" || headers["host"] != "h" {
		t.Errorf("redaction: %v", headers)
	}
}

func TestLoggerLevels(t *testing.T) {
	lines := run(t, "info", `
		if (logger.level !== "info" || logger.isLevelEnabled("debug") || !logger.isLevelEnabled("warn")) throw new Error("level " + logger.level);
		const c = logger.child({ a: 1 });
		c.level = "debug";
		c.debug("child debug");
		logger.debug("root still info");
		if (JSON.stringify(c.bindings()) !== '{"a":1}') throw new Error("bindings");
		logger.level = "trace";
		logger.trace("now trace");
		logger.flush();
	`)
	if len(lines) != 2 || lines[0]["msg"] != "child debug" || lines[0]["level"] != 20.0 || lines[1]["level"] != 10.0 {
		t.Fatalf("levels: %v", lines)
	}
}

func TestRawLineOrder(t *testing.T) {
	var out bytes.Buffer
	log := logging.New(logging.Config{Style: "raw"}, &out)
	rt := goja.New()
	_ = rt.Set("logger", New(rt, log))
	if _, err := rt.RunString(`logger.child({ z: 1 }).info({ b: 2, a: 3 }, "m")`); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^\{"level":30,"time":\d+,"pid":\d+,"hostname":"[^"]*","z":1,"b":2,"a":3,"msg":"m"\}\n$`).MatchString(out.String()) {
		t.Fatalf("pino key order: %s", out.String())
	}
}

func TestEnvObject(t *testing.T) {
	e, err := env.Load(env.Options{Environ: []string{"R=regex:^a.*$", "N=42", "L=a,b", "J=json:{\"x\":[1]}"}, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	rt := goja.New()
	_ = rt.Set("env", EnvObject(rt, e))
	v, err := rt.RunString(`[env.R instanceof RegExp, env.R.test("abc"), env.N === 42, env.L.join("|"), env.J.x[0], env.PORT, env.MAX_BATCH_MUTATION === Infinity, Object.keys(env)[0]].join(",")`)
	if err != nil {
		t.Fatal(err)
	}
	if got := v.String(); got != "true,true,true,a|b,1,8055,true,CONFIG_PATH" {
		t.Fatalf("env object: %s", got)
	}
}
