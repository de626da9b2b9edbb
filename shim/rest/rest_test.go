package rest_test

import (
	"bytes"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/shim/rest/resttest"
)

// notServedHere are recorded routes other packages answer (listed so that they are not silently
// forgotten).
var notServedHere = []string{}

// knownGaps are recorded answers dxhost does not reproduce yet, with the reason (reported in the log).
// Keys are "<case>" (every database) or "<client>/<case>".
var knownGaps = map[string]string{
	"odd-pk-escape":             "Go's net/http answers a request-target with an invalid escape (/items/tags/%ZZ) with its own 400 before any handler; Directus answers 500 \"Failed to decode param\"",
	"sqlite3/collection-update": "after a column drop, services/schemasvc's SQLite table rebuild writes the CREATE TABLE text differently from Directus's (knex) rebuild, and directus reports that text as schema.sql",
}

// volatile are recorded answers with values that change per run (timings, pool counts): those
// values are zeroed on both sides before comparing.
var volatile = map[string]*regexp.Regexp{"server-health-admin": regexp.MustCompile(`"observedValue":\s*[0-9.]+`)}

// TestReplayDirectusRecording replays, in order, the exchanges recorded from Directus 12.4.1
// (testdata/peer/record.sh) against dxhost over a copy of the same database, per database client.
func TestReplayDirectusRecording(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	os.Unsetenv("NODE_ENV")
	for _, client := range []string{"sqlite3", "pg", "mysql"} {
		t.Run(client, func(t *testing.T) {
			stack := resttest.Recorded(t, client, "testdata/peer")
			engine := stack.Engine(nil)
			for _, x := range resttest.Load(t, "testdata/peer/rest-"+client+".json") {
				if stack.Name != "" { // MySQL reports the database name in collection schemas
					x.Response = bytes.ReplaceAll(x.Response, []byte(`"jsdata_peer"`), []byte(`"`+stack.Name+`"`))
					delete(x.Headers, "content-length") // the names' lengths differ
				}
				replay(t, client, engine, x)
			}
		})
	}
}

// TestReplayExportRecording replays ?export=csv|csv_utf8|xml|json|yaml answers recorded from
// Directus 12.4.1 (testdata/peer/export-cases.json): the files byte for byte (Content-Length).
func TestReplayExportRecording(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	os.Unsetenv("NODE_ENV")
	for _, client := range []string{"sqlite3", "pg", "mysql"} {
		t.Run(client, func(t *testing.T) {
			stack := resttest.Recorded(t, client, "testdata/peer")
			engine := stack.Engine(nil)
			for _, x := range resttest.Load(t, "testdata/peer/export-"+client+".json") {
				if reason, ok := errorContentType[x.Name]; ok {
					t.Logf("%s: content-type not compared: %s", x.Name, reason)
					delete(x.Headers, "content-type")
				}
				replay(t, client, engine, x)
			}
		})
	}
}

// errorContentType are export errors whose answer Directus sends with the export's Content-Type:
// the respond middleware sets text/xml before js2xmlparser throws, and Express's res.json keeps a
// Content-Type already set. dxhost's error handler always sends application/json (status and body
// are compared).
var errorContentType = map[string]string{
	"xml-tricky":      "Directus keeps text/xml on the error answer; dxhost sends application/json",
	"xml-numeric-key": "Directus keeps text/xml on the error answer; dxhost sends application/json",
	"xml-space-key":   "Directus keeps text/xml on the error answer; dxhost sends application/json",
}

func replay(t *testing.T, client string, engine http.Handler, x resttest.Exchange) {
	if skipped(x.Path) {
		t.Logf("%s: %s is not served by shim/rest", x.Name, x.Path)
		return
	}
	reason, ok := knownGaps[x.Name]
	if !ok {
		reason, ok = knownGaps[client+"/"+x.Name]
	}
	if ok && unsendable[x.Name] {
		t.Logf("%s: known gap, not sent: %s", x.Name, reason)
		return
	}
	if ok {
		// still run it: later exchanges depend on the same state
		if resttest.Matches(x, resttest.Do(engine, x)) {
			t.Logf("%s: now matches Directus — remove it from knownGaps", x.Name)
		} else {
			t.Logf("%s: known gap: %s", x.Name, reason)
		}
		return
	}
	w := resttest.Do(engine, x)
	if re := volatile[x.Name]; re != nil {
		x.Response = re.ReplaceAll(x.Response, []byte(`"observedValue":0`))
		body := re.ReplaceAll(w.Body.Bytes(), []byte(`"observedValue":0`))
		delete(x.Headers, "content-length") // the timings' digits vary
		w.Body.Reset()
		w.Body.Write(body)
	}
	resttest.Compare(t, x, w)
}

// unsendable are known gaps whose request cannot even be built in Go.
var unsendable = map[string]bool{"odd-pk-escape": true}

func skipped(path string) bool {
	for _, p := range notServedHere {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}
