package extension

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/dxhost/dxhost/jsrt/node"
	"github.com/gin-gonic/gin"
	"github.com/sirupsen/logrus"
	"github.com/sirupsen/logrus/hooks/test"
)

const manifest = `{"name":%q,"version":"1.0.0","directus:extension":{"type":"endpoint","path":"dist/index.js","source":"src/index.js","host":"^12.0.0"}}`

func writeExtension(t *testing.T, root, folder, name, code string) {
	t.Helper()
	dir := filepath.Join(root, folder)
	if err := os.MkdirAll(filepath.Join(dir, "dist"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(fmt.Sprintf(manifest, name)), 0o644); err != nil {
		t.Fatal(err)
	}
	// Write-then-rename so a concurrent reader never sees half a file.
	tmp := filepath.Join(dir, "dist", ".index.js.tmp")
	if err := os.WriteFile(tmp, []byte(code), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, "dist", "index.js")); err != nil {
		t.Fatal(err)
	}
}

// newTestServer serves h's extensions behind a bare Gin engine (404 when no extension answers).
func newTestServer(t *testing.T, h *Host) *httptest.Server {
	gin.SetMode(gin.ReleaseMode)
	engine := gin.New()
	handle := h.Handler()
	engine.NoRoute(func(c *gin.Context) {
		if !handle(c) {
			c.String(404, "no route")
		}
	})
	srv := httptest.NewServer(engine)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, client *http.Client, url string) (int, string) {
	t.Helper()
	resp, err := client.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func versionCode(v int) string {
	return fmt.Sprintf("module.exports = (router) => { router.get('/', (req, res) => res.send('v%d')); };", v)
}

// TestReloadUnderLoad is the acceptance test: 20 reloads during steady concurrent load, zero
// failed requests, and the last version serving at the end.
func TestReloadUnderLoad(t *testing.T) {
	root := t.TempDir()
	writeExtension(t, root, "ticker", "ticker", versionCode(0))
	h := New(Options{Dir: root, Logger: logrus.New()})
	h.LoadAll(context.Background())
	defer h.Close(context.Background())
	srv := newTestServer(t, h)

	var ok, failed atomic.Int64
	var firstFailure atomic.Value
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Timeout: 10 * time.Second}
			for {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := client.Get(srv.URL + "/ticker")
				if err != nil {
					failed.Add(1)
					firstFailure.CompareAndSwap(nil, err.Error())
					continue
				}
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 || !strings.HasPrefix(string(b), "v") {
					failed.Add(1)
					firstFailure.CompareAndSwap(nil, fmt.Sprintf("%d %s", resp.StatusCode, b))
					continue
				}
				ok.Add(1)
			}
		}()
	}
	for v := 1; v <= 20; v++ {
		time.Sleep(25 * time.Millisecond)
		writeExtension(t, root, "ticker", "ticker", versionCode(v))
		h.Reload(context.Background(), "ticker")
	}
	time.Sleep(50 * time.Millisecond)
	close(stop)
	wg.Wait()

	if n := failed.Load(); n != 0 {
		t.Fatalf("%d of %d requests failed during reloads; first: %v", n, n+ok.Load(), firstFailure.Load())
	}
	if ok.Load() < 100 {
		t.Fatalf("only %d requests completed: the load was not steady", ok.Load())
	}
	if code, body := get(t, http.DefaultClient, srv.URL+"/ticker"); code != 200 || body != "v20" {
		t.Fatalf("after reloads: %d %q, want 200 v20", code, body)
	}
	t.Logf("%d requests, 0 failed, across 20 reloads", ok.Load())
}

// TestBrokenReloadKeepsOldVersion: a change that fails to build or register leaves the previous
// version serving and logs the reason with file:line.
func TestBrokenReloadKeepsOldVersion(t *testing.T) {
	root := t.TempDir()
	writeExtension(t, root, "keep", "keep", versionCode(1))
	log, hook := test.NewNullLogger()
	h := New(Options{Dir: root, Logger: log})
	h.LoadAll(context.Background())
	defer h.Close(context.Background())
	srv := newTestServer(t, h)

	cases := []struct{ name, code, want string }{
		{"syntax error", "module.exports = (router) => { router.get('/', (req, res) => res.send('x') ;", "index.js:1"},
		{"register throws", "module.exports = (router) => {\n  throw new Error('nope');\n};", "index.js:2"},
		{"not a function", "module.exports = 42;", "neither a function"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hook.Reset()
			writeExtension(t, root, "keep", "keep", c.code)
			h.Reload(context.Background(), "keep")
			if code, body := get(t, http.DefaultClient, srv.URL+"/keep"); code != 200 || body != "v1" {
				t.Fatalf("after a broken reload: %d %q, want the old version", code, body)
			}
			var logged string
			for _, e := range hook.AllEntries() {
				logged += e.Message + "\n"
			}
			if !strings.Contains(logged, c.want) || !strings.Contains(logged, "previous version keeps serving") {
				t.Fatalf("log does not say %q and that the old version serves:\n%s", c.want, logged)
			}
		})
	}
}

// TestFolderAddedAndRemoved: the watcher picks up a new folder and unloads a removed one.
func TestFolderAddedAndRemoved(t *testing.T) {
	root := t.TempDir()
	h := New(Options{Dir: root, Logger: logrus.New()})
	h.LoadAll(context.Background())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := h.Watch(ctx); err != nil {
		t.Fatal(err)
	}
	defer h.Close(context.Background())
	srv := newTestServer(t, h)

	writeExtension(t, root, "late", "late", versionCode(7))
	waitFor(t, func() bool {
		code, body := get(t, http.DefaultClient, srv.URL+"/late")
		return code == 200 && body == "v7"
	})
	if err := os.RemoveAll(filepath.Join(root, "late")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { code, _ := get(t, http.DefaultClient, srv.URL+"/late"); return code == 404 })
}

// TestOneBadExtensionCostsOnlyItself: a broken folder next to good ones.
func TestOneBadExtensionCostsOnlyItself(t *testing.T) {
	root := t.TempDir()
	writeExtension(t, root, "good", "good", versionCode(3))
	writeExtension(t, root, "bad", "bad", "module.exports = (router) => { undefinedFunction(); };")
	if err := os.MkdirAll(filepath.Join(root, "invalid"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "invalid", "package.json"), []byte(`{"name":"invalid","directus:extension":{}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	h := New(Options{Dir: root, Logger: logrus.New()})
	reports := h.LoadAll(context.Background())
	defer h.Close(context.Background())
	srv := newTestServer(t, h)
	if code, body := get(t, http.DefaultClient, srv.URL+"/good"); code != 200 || body != "v3" {
		t.Fatalf("good extension: %d %q", code, body)
	}
	failures := map[string]string{}
	for _, r := range reports {
		if r.Err != nil {
			failures[r.Folder] = r.Err.Error()
		}
	}
	if !strings.Contains(failures["bad"], "undefinedFunction is not defined") || !strings.Contains(failures["bad"], "index.js:1") {
		t.Errorf("bad: %q", failures["bad"])
	}
	if !strings.Contains(failures["invalid"], `The manifest of the extension "invalid"`) {
		t.Errorf("invalid: %q", failures["invalid"])
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestEmitterBetweenExtensions: context.emitter is shared by all extensions (spec 02 §2.5): a filter
// registered by one extension transforms what another emits; actions run; listeners go away with
// their extension on unload.
func TestEmitterBetweenExtensions(t *testing.T) {
	root := t.TempDir()
	writeExtension(t, root, "listener", "listener", `module.exports = (router, { emitter }) => {
  emitter.onFilter('demo.*', async (payload, meta) => ({ ...payload, by: 'listener', event: meta.event }));
  emitter.onFilter('demo.same', (payload) => { payload.mutated = true; });
  emitter.onAction('demo.ping', (meta) => { globalThis.pinged = meta.n; });
  router.get('/pinged', (req, res) => res.json({ pinged: globalThis.pinged ?? null }));
};`)
	writeExtension(t, root, "emitter", "emitter", `module.exports = (router, { emitter }) => {
  router.get('/filter', async (req, res) => res.json(await emitter.emitFilter('demo.create', { a: 1 }, { collection: 'x' })));
  router.get('/same', async (req, res) => {
    const p = { b: 2 };
    const out = await emitter.emitFilter('demo.same', p, {});
    res.json({ out, count: emitter.countFilterListeners('demo.same') });
  });
  router.get('/ping', (req, res) => { emitter.emitAction('demo.ping', { n: 7 }); res.send('ok'); });
  router.get('/throws', async (req, res, next) => {
    emitter.onFilter('demo.fail', () => { throw new Error('refused by filter'); });
    try { await emitter.emitFilter('demo.fail', {}, {}); res.send('no'); } catch (e) { res.status(409).json({ message: e.message }); }
  });
};`)
	h := New(Options{Dir: root, Logger: logrus.New()})
	h.LoadAll(context.Background())
	defer h.Close(context.Background())
	srv := newTestServer(t, h)

	if code, body := get(t, http.DefaultClient, srv.URL+"/emitter/filter"); code != 200 || body != `{"a":1,"by":"listener","event":"demo.create"}` {
		t.Fatalf("filter across extensions: %d %s", code, body)
	}
	// eventemitter2 order: the exact `demo.same` listener first (mutates in place, returns undefined),
	// then `demo.*`, which spreads the mutated payload into a new one.
	if code, body := get(t, http.DefaultClient, srv.URL+"/emitter/same"); code != 200 || body != `{"out":{"b":2,"mutated":true,"by":"listener","event":"demo.same"},"count":2}` {
		t.Fatalf("filter chain: %d %s", code, body)
	}
	get(t, http.DefaultClient, srv.URL+"/emitter/ping")
	waitFor(t, func() bool {
		_, body := get(t, http.DefaultClient, srv.URL+"/listener/pinged")
		return body == `{"pinged":7}`
	})
	if code, body := get(t, http.DefaultClient, srv.URL+"/emitter/throws"); code != 409 || body != `{"message":"refused by filter"}` {
		t.Fatalf("throwing filter: %d %s", code, body)
	}

	// Unloading the listener's extension removes its listeners.
	if err := os.RemoveAll(filepath.Join(root, "listener")); err != nil {
		t.Fatal(err)
	}
	h.Reload(context.Background(), "listener")
	if code, body := get(t, http.DefaultClient, srv.URL+"/emitter/filter"); code != 200 || body != `{"a":1}` {
		t.Fatalf("after unload: %d %s", code, body)
	}
}
