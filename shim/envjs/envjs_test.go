package envjs

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dxhost/dxhost/services/env"
)

func load(t *testing.T, name, src string, environ ...string) (*env.Env, error) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	return env.Load(env.Options{Environ: append(environ, "CONFIG_PATH="+name), Dir: dir, JSConfig: Read})
}

// The export forms @directus/env accepts (spec 01 §10.1 step 2): an object, or a function of process.env;
// CommonJS or an ES module's default export. Values are cast like any other configuration.
func TestConfigForms(t *testing.T) {
	tests := []struct{ name, src string }{
		{"config.cjs", `module.exports = { PORT: 9000, FLAG: "true", LIST: "a,b" };`},
		{"config.js", `module.exports = function (env) { return { PORT: 9000, FLAG: env.FROM_PROCESS, LIST: ["a", "b"] }; };`},
		{"config.mjs", `export default { PORT: 9000, FLAG: true, LIST: "a,b" };`},
		{"fn.mjs", `export default (env) => ({ PORT: 9000, FLAG: env.FROM_PROCESS === "true", LIST: "a,b" });`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := load(t, tt.name, tt.src, "FROM_PROCESS=true", "PORT=1")
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := e.Get("PORT"); got != "9000" {
				t.Errorf("PORT = %#v (the config file wins and PORT is a string)", got)
			}
			if !e.Bool("FLAG") {
				t.Errorf("FLAG = %#v", e.Map()["FLAG"])
			}
			if got, _ := e.Get("LIST"); !reflect.DeepEqual(got, []any{"a", "b"}) {
				t.Errorf("LIST = %#v", got)
			}
		})
	}
}

// Directus 12.4.1's message names "undefined" whatever was exported (its template reads an out-of-scope
// variable) — checked by running @directus/env 6.3.0 under Node with `module.exports = 42`.
func TestInvalidExport(t *testing.T) {
	_, err := load(t, "bad.js", `module.exports = 42;`)
	if err == nil || !strings.Contains(err.Error(), `Invalid JS configuration file export type. Requires one of "function", "object", received: "undefined"`) {
		t.Fatalf("got %v", err)
	}
	_, err = load(t, "req.js", `const x = require("dotenv"); module.exports = {};`)
	if err == nil || !strings.Contains(err.Error(), "Cannot find module 'dotenv'") {
		t.Fatalf("require: %v", err)
	}
}
