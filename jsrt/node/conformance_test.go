package node_test

import (
	"context"
	"encoding/json"
	"io"
	"log"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/evanw/esbuild/pkg/api"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/jsrttest"
	_ "github.com/dxhost/dxhost/jsrt/node"
	"github.com/dxhost/dxhost/jsrt/node/internal/testserver"
)

// TestMain pins the time zone to UTC, as testdata/record.sh pins Node's: several answers are
// local times.
func TestMain(m *testing.M) {
	os.Setenv("TZ", "UTC")
	time.Local = time.UTC
	// A whole snippet file runs as one script; under -race goja is several times slower.
	jsrttest.Timeout = 2 * time.Minute
	os.Exit(m.Run())
}

// TestConformance runs every snippet of testdata/conformance in dxhost and compares each case's
// answer with what Node 22 answered (testdata/golden, recorded by testdata/record.sh).
func TestConformance(t *testing.T) {
	compareWithNode(t, "testdata/conformance", "testdata/golden")
}

// TestPackages runs real npm packages (testdata/packages/bundles, built from pinned versions by
// testdata/packages/build.go the way the loader bundles an extension) and compares with Node 22.
func TestPackages(t *testing.T) {
	compareWithNode(t, "testdata/packages/bundles", "testdata/packages/golden")
}

// needsService names the snippets that talk to a local server (the machine's Redis, PostgreSQL).
var needsService = map[string]string{"ioredis": "127.0.0.1:6379", "pg": "127.0.0.1:5432"}

func compareWithNode(t *testing.T, snippets, goldenDir string) {
	goldens, err := filepath.Glob(goldenDir + "/*.json")
	if err != nil || len(goldens) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	server := httptest.NewServer(testserver.Handler())
	defer server.Close()
	secure := httptest.NewUnstartedServer(testserver.Handler())
	secure.TLS = testserver.TLSConfig()
	secure.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are what some cases test
	secure.StartTLS()
	defer secure.Close()
	smtp, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer smtp.Close()
	go testserver.ServeSMTP(smtp)
	// process.env is copied from the host environment when an instance starts.
	t.Setenv("DXHOST_TEST_SERVER", server.URL)
	t.Setenv("DXHOST_TEST_SMTP", smtp.Addr().String())
	t.Setenv("DXHOST_TEST_TLS", secure.URL)
	dir, _ := filepath.Abs(snippets)
	known := map[string]string{}
	if raw, err := os.ReadFile("testdata/known-differences.json"); err == nil {
		if err := json.Unmarshal(raw, &known); err != nil {
			t.Fatalf("known-differences.json: %v", err)
		}
	}
	for _, golden := range goldens {
		name := strings.TrimSuffix(filepath.Base(golden), ".json")
		t.Run(name, func(t *testing.T) {
			if addr, ok := needsService[name]; ok {
				if c, err := net.DialTimeout("tcp", addr, time.Second); err != nil {
					t.Skipf("SKIPPED LOUDLY: %s needs %s, which is not reachable: %v", name, addr, err)
				} else {
					c.Close()
				}
			}
			var want struct {
				Node  string            `json:"node"`
				Cases map[string]string `json:"cases"`
			}
			raw, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(raw, &want); err != nil {
				t.Fatal(err)
			}
			got := runSnippet(t, dir, name)
			for label, expected := range want.Cases {
				t.Run(label, func(t *testing.T) {
					actual, ok := got[label]
					if !ok {
						t.Fatalf("case missing from dxhost's run")
					}
					if reason, ok := known[name+"/"+label]; ok {
						if actual == expected {
							t.Errorf("listed in known-differences.json but now matches Node: remove it")
						}
						t.Skipf("known difference from Node: %s", reason)
					}
					if actual != expected {
						t.Errorf("node %s said:\n%s\n\ndxhost said:\n%s", want.Node, expected, actual)
					}
				})
			}
		})
	}
}

// runSnippet calls every exported function of conformance/<name>.js, awaiting each, exactly as
// testdata/record.js does under Node.
func runSnippet(t *testing.T, dir, name string) map[string]string {
	t.Helper()
	inst := jsrttest.NewWith(t, jsrt.Options{Dir: dir})
	file := filepath.Join(dir, name+".js")
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// Lowered to ES2017 as the loader's build lowers extension code (goja lacks async generators).
	res := api.Transform(string(raw), api.TransformOptions{Loader: api.LoaderJS, Format: api.FormatCommonJS, Target: api.ES2017, Sourcefile: file})
	if len(res.Errors) > 0 {
		t.Fatalf("esbuild: %v", res.Errors[0].Text)
	}
	err = inst.Do(context.Background(), func(rt *goja.Runtime) error {
		exports, err := inst.RunModule(file, string(res.Code), nil)
		if err != nil {
			return err
		}
		return rt.Set("__snippet", exports)
	})
	if err != nil {
		t.Fatalf("loading %s: %s", name, jsrt.Describe(err))
	}
	src := `(async () => {
  const run = globalThis.__snippet;
  const cases = {};
  for (const [label, fn] of Object.entries(run)) {
    try {
      cases[label] = String(await fn());
    } catch (err) {
      cases[label] = 'THROWN ' + (err && err.name) + ' ' + (err && err.code) + ': ' + (err && err.message);
    }
  }
  return JSON.stringify(cases);
})()`
	v := jsrttest.Run(t, inst, src)
	got := map[string]string{}
	if err := json.Unmarshal([]byte(v.String()), &got); err != nil {
		t.Fatalf("snippet result: %v", err)
	}
	return got
}
