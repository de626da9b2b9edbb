package env

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// load builds an env from the given environment only (no config file unless dir has one).
func load(t *testing.T, dir string, environ ...string) *Env {
	t.Helper()
	if dir == "" {
		dir = t.TempDir()
	}
	e, err := Load(Options{Environ: environ, Dir: dir})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return e
}

// The verified examples of spec 01 §10.1 (each row checked against @directus/env with Node).
func TestCastVerifiedExamples(t *testing.T) {
	tests := []struct {
		key, raw string
		want     any
	}{
		{"X", "42", 42.0},
		{"X", "0", 0.0},
		{"X", "0123", "0123"},
		{"X", "1.5", 1.5},
		{"X", "-5", -5.0},
		{"X", "1e3", 1000.0},
		{"X", "12345678901234567890", 12345678901234567890.0},
		{"X", "false", false},
		{"X", "1", 1.0},
		{"X", "a,b,,c", []any{"a", "b", "c"}},
		{"X", "1,2,3", []any{1.0, 2.0, 3.0}},
		{"X", "a,", []any{"a"}},
		{"X", `{"x":[1,2]}`, []any{`{"x":[1`, `2]}`}},
		{"X", `json:{"a":1}`, map[string]any{"a": 1.0}},
		{"X", "null", nil},
		{"X", "hello", "hello"},
		{"X", "", ""},
		{"X", "string:42", "42"},
		{"X", "array:1,true,x", []any{1.0, true, "x"}},
		{"X", "regex:^a.*$", Regex{Source: "^a.*$"}},
		{"X", "http://x:1", "http://x:1"},
		{"PORT", "8055", "8055"},
		{"DB_PORT", "5432", 5432.0},
		{"DB_PASSWORD", "12345", "12345"},
	}
	for _, tt := range tests {
		t.Run(tt.key+"="+tt.raw, func(t *testing.T) {
			e := load(t, "", tt.key+"="+tt.raw)
			got, ok := e.Get(tt.key)
			if !ok || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("%s=%q → %#v, want %#v", tt.key, tt.raw, got, tt.want)
			}
		})
	}
}

// More casting rules, each confirmed by running @directus/env 6.3.0 under Node (testdata/check-cast.mjs).
func TestCastRules(t *testing.T) {
	tests := []struct {
		raw  string
		want any
	}{
		{"true", true},
		{"boolean:1", true},
		{"boolean:yes", false},
		{"number:0x1f", 31.0},
		{"number:abc", math.NaN()},
		{"Infinity", "Infinity"}, // beyond MAX_SAFE_INTEGER: not a number guess, JSON fails
		{"9007199254740992", 9007199254740992.0},
		{"json:[1,2]", []any{1.0, 2.0}},
		{`json:{"__proto__":{"x":1},"a":2}`, map[string]any{"a": 2.0}},
		{"array:", []any{}},
		{".5", 0.5},
	}
	for _, tt := range tests {
		got := cast(tt.raw, "")
		if f, ok := tt.want.(float64); ok && math.IsNaN(f) {
			if g, ok := got.(float64); !ok || !math.IsNaN(g) {
				t.Errorf("cast(%q) = %#v, want NaN", tt.raw, got)
			}
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("cast(%q) = %#v, want %#v", tt.raw, got, tt.want)
		}
	}
}

func TestDefaults(t *testing.T) {
	dir := t.TempDir()
	e := load(t, dir)
	checks := map[string]any{
		"PORT":                               "8055",
		"HOST":                               "0.0.0.0",
		"MAX_PAYLOAD_SIZE":                   "1mb",
		"CORS_METHODS":                       "GET,POST,PATCH,DELETE",
		"CORS_ORIGIN":                        false,
		"CORS_MAX_AGE":                       18000.0,
		"DB_EXCLUDE_TABLES":                  []any{"spatial_ref_sys", "sysdiagrams"},
		"MAX_BATCH_MUTATION":                 math.Inf(1),
		"ROOT_REDIRECT":                      "./admin",
		"DB_CLIENT":                          "sqlite3",
		"DB_FILENAME":                        "./data/data.db",
		"EXTENSIONS_PATH":                    "./extensions",
		"EXTENSIONS_AUTO_RELOAD":             true,
		"EXTENSIONS_JS_TIME_LIMIT":           5000.0,
		"CONFIG_PATH":                        filepath.Join(dir, ".env"),
		"MCP_OAUTH_ALLOWED_REDIRECT_DOMAINS": []any{},
	}
	for k, want := range checks {
		if got, _ := e.Get(k); !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", k, got, want)
		}
	}
	if _, ok := e.Get("LOG_LEVEL"); ok {
		t.Error("LOG_LEVEL must not be in the defaults")
	}
	if e.Int("PORT", 0) != 8055 || e.Bool("CORS_ENABLED") || !e.Bool("SERVE_APP") {
		t.Error("typed getters")
	}
}

func TestConfigFileWinsOverProcess(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ".env"), "# comment\nA=from-file\nexport B=\"x\\ny\"  # trailing\nC='single # kept'\nD: colon\nE=${A}\n")
	e := load(t, dir, "A=from-process", "F=only-process")
	want := map[string]any{"A": "from-file", "B": "x\ny", "C": "single # kept", "D": "colon", "E": "${A}", "F": "only-process"}
	for k, w := range want {
		if got, _ := e.Get(k); got != w {
			t.Errorf("%s = %#v, want %#v", k, got, w)
		}
	}
}

func TestConfigPathFormats(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "c.json"), `{"PORT": 9000, "N": 5, "L": ["a", "2"], "O": {"x": 1}}`)
	e := load(t, dir, "CONFIG_PATH=c.json")
	if got, _ := e.Get("PORT"); got != "9000" {
		t.Errorf("json PORT = %#v", got)
	}
	if got, _ := e.Get("L"); !reflect.DeepEqual(got, []any{"a", 2.0}) {
		t.Errorf("json L = %#v", got)
	}
	if got, _ := e.Get("O"); !reflect.DeepEqual(got, map[string]any{"x": 1.0}) {
		t.Errorf("json O = %#v", got)
	}
	writeFile(t, filepath.Join(dir, "c.yaml"), "PORT: 9001\nFLAG: true\nS: hello\n")
	e = load(t, dir, "CONFIG_PATH="+filepath.Join(dir, "c.yaml"))
	if got, _ := e.Get("PORT"); got != "9001" {
		t.Errorf("yaml PORT = %#v", got)
	}
	if !e.Bool("FLAG") || e.String("S") != "hello" {
		t.Error("yaml values")
	}
	if _, err := Load(Options{Environ: []string{"CONFIG_PATH=" + filepath.Join(dir, "missing.env")}, Dir: dir}); err != nil {
		t.Errorf("a missing config file must be ignored: %v", err)
	}
}

func TestFileSuffix(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "sec.txt"), "secret\n")
	writeFile(t, filepath.Join(dir, "port.txt"), "7")
	e := load(t, dir, "SECRET_FILE=sec.txt", "DB_PORT_FILE=number:port.txt", "KEY_FILE=sec.txt", "MY_FILE=sec.txt")
	if got, _ := e.Get("SECRET"); got != "secret\n" {
		t.Errorf("SECRET = %#v", got)
	}
	if got, _ := e.Get("DB_PORT"); got != 7.0 {
		t.Errorf("DB_PORT = %#v", got)
	}
	if got, _ := e.Get("KEY_FILE"); got != "sec.txt" || e.Has("KEY") {
		t.Errorf("KEY_FILE must stay literal (KEY is not on the allow-list): %#v", got)
	}
	if got, _ := e.Get("MY_FILE"); got != "sec.txt" {
		t.Errorf("MY_FILE = %#v", got)
	}
	_, err := Load(Options{Environ: []string{"SECRET_FILE=nope.txt"}, Dir: dir})
	if err == nil || err.Error()[:len(`Failed to read value from file "nope.txt", defined in environment variable "SECRET_FILE".`)] != `Failed to read value from file "nope.txt", defined in environment variable "SECRET_FILE".` {
		t.Errorf("missing _FILE: %v", err)
	}
}

func TestFormatJSNumber(t *testing.T) {
	for f, want := range map[float64]string{1: "1", 1.5: "1.5", 1e21: "1e+21", 1.5e-7: "1.5e-7", -0.25: "-0.25", 12345678901234567890: "12345678901234567000"} {
		if got := FormatJSNumber(f); got != want {
			t.Errorf("FormatJSNumber(%v) = %s, want %s", f, got, want)
		}
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
