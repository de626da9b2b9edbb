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
	dir := customReportsDir(t)
	engine := extensionEngine(t, resttest.Recorded(t, "sqlite3", "../rest/testdata/peer"), dir)
	for _, x := range resttest.Load(t, filepath.Join(customReportsSrc, "testdata/directus-sqlite3.json")) {
		resttest.Compare(t, x, resttest.Do(engine, x))
	}
}

// TestCustomReportsFirstUse runs the example on a freshly bootstrapped database (as `make run`
// starts): its first request creates the articles collection through CollectionsService.
func TestCustomReportsFirstUse(t *testing.T) {
	dir := customReportsDir(t)
	engine := extensionEngine(t, resttest.Bootstrapped(t), dir)
	for _, x := range resttest.Load(t, filepath.Join(customReportsSrc, "testdata/directus-fresh-sqlite3.json")) {
		resttest.Compare(t, x, resttest.Do(engine, x))
	}
}

const customReportsSrc = "../../extensions/custom-reports"

// customReportsDir copies the example into an extensions folder of its own.
func customReportsDir(t *testing.T) string {
	src := customReportsSrc
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
	return dir
}
