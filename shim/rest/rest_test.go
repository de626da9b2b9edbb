package rest_test

import (
	"os"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/shim/rest/resttest"
)

// notServedHere are recorded routes other packages answer (listed so that they are not silently
// forgotten): /collections, /fields and /relations belong to the schema services.
var notServedHere = []string{"/collections", "/fields", "/relations"}

// volatile are recorded answers with values that change per run (timings): compared by shape.
var volatile = map[string]bool{"server-health-admin": true}

// TestReplayDirectusRecording replays, in order, the exchanges recorded from Directus 12.4.1 on
// SQLite (testdata/peer/record.sh) against dxhost over a copy of the same database.
func TestReplayDirectusRecording(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	os.Unsetenv("NODE_ENV")
	stack := resttest.Open(t, "testdata/peer/database.db.gz")
	engine := stack.Engine(nil)
	for _, x := range resttest.Load(t, "testdata/peer/rest-sqlite3.json") {
		if skipped(x.Path) {
			t.Logf("%s: %s is not served by shim/rest", x.Name, x.Path)
			continue
		}
		if volatile[x.Name] {
			continue
		}
		resttest.Compare(t, x, resttest.Do(engine, x))
	}
}

func skipped(path string) bool {
	for _, p := range notServedHere {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}
