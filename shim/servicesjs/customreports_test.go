package servicesjs_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dxhost/dxhost/shim/rest/resttest"
)

// TestCustomReportsExample runs extensions/custom-reports (the example `make run` serves) in dxhost
// and compares it with its answers recorded in Directus 12.4.1 (extensions/custom-reports/record.sh)
// over the same database.
func TestCustomReportsExample(t *testing.T) {
	src := "../../extensions/custom-reports"
	dir := t.TempDir()
	for _, f := range []string{"package.json", "src/index.js", "dist/index.js"} {
		raw, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, "custom-reports", f)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	engine := extensionEngine(t, "sqlite3", dir)
	for _, x := range resttest.Load(t, filepath.Join(src, "testdata/directus-sqlite3.json")) {
		resttest.Compare(t, x, resttest.Do(engine, x))
	}
}
