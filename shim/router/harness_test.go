package router

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/jsrttest"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/shim/exchange"
)

// testServer serves one router at /ext the way the recording app mounts Express's (see
// testdata/record/record-router.js): fall-through → 404 {"fallthrough":true}, error → 599 {"error": msg}.
type testServer struct {
	inst    *jsrt.Instance
	router  *Router
	srv     *httptest.Server
	lastErr chan error // errors Serve returned, newest last
	prepare func(c *gin.Context, ex *exchange.Request)
}

func newTestServer(t testing.TB, setup string) *testServer {
	return newTestServerWith(t, jsrt.Options{}, setup)
}

func newTestServerWith(t testing.TB, opts jsrt.Options, setup string) *testServer {
	t.Helper()
	return newTestServerFiles(t, opts, nil, setup)
}

// newTestServerFiles writes files into the extension folder before running setup.
func newTestServerFiles(t testing.TB, opts jsrt.Options, files map[string]string, setup string) *testServer {
	t.Helper()
	gin.SetMode(gin.ReleaseMode)
	ts := &testServer{inst: jsrttest.NewWith(t, opts), lastErr: make(chan error, 100)}
	ts.writeFiles(t, files, time.Now())
	err := ts.inst.Do(context.Background(), func(rt *goja.Runtime) error {
		r, obj := New(rt)
		ts.router = r
		_ = rt.Set("require", ts.inst.RequireFunc(filepath.Join(ts.inst.Dir(), "index.js")))
		_ = rt.Set("EXT_DIR", ts.inst.Dir())
		fn, err := rt.RunString("(" + setup + ")")
		if err != nil {
			return err
		}
		call, _ := goja.AssertFunction(fn)
		_, err = call(goja.Undefined(), obj)
		return err
	})
	if err != nil {
		t.Fatalf("setup: %s", jsrt.Describe(err))
	}
	engine := gin.New()
	engine.NoRoute(func(c *gin.Context) {
		ex := &exchange.Request{ID: 1}
		if strings.HasPrefix(c.GetHeader("Content-Type"), "application/json") {
			raw, _ := io.ReadAll(c.Request.Body)
			if len(raw) > 0 {
				ex.RawBody = raw
				_ = json.Unmarshal(raw, &ex.Body)
			}
		}
		if ts.prepare != nil {
			ts.prepare(c, ex)
		}
		exchange.Set(c, ex)
		handled, err := ts.router.Serve(c.Request.Context(), ts.inst, c, "/ext")
		switch {
		case err != nil:
			ts.lastErr <- err
			msg := err.Error()
			if e := errs.As(err); e != nil {
				msg = e.Message
			}
			c.JSON(599, gin.H{"error": msg})
		case !handled:
			c.JSON(404, gin.H{"fallthrough": true})
		}
	})
	ts.srv = httptest.NewServer(engine)
	t.Cleanup(ts.srv.Close)
	return ts
}

type response struct {
	status int
	header http.Header
	body   string
}

func (ts *testServer) do(t testing.TB, method, url string, headers map[string]string, body *string) response {
	t.Helper()
	h := make(map[string]any, len(headers))
	for k, v := range headers {
		h[k] = v
	}
	return ts.doMulti(t, method, url, h, body)
}

// doMulti is do with header values that may be lists (sent as repeated lines, as Node's client does).
func (ts *testServer) doMulti(t testing.TB, method, url string, headers map[string]any, body *string) response {
	t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewBufferString(*body)
	}
	req, err := http.NewRequest(method, ts.srv.URL+"/", rd)
	if err != nil {
		t.Fatal(err)
	}
	req.URL.Opaque = url                    // sent as is, even with malformed escapes
	req.Header["User-Agent"] = []string{""} // Node's client sends none
	for k, v := range headers {
		switch v := v.(type) {
		case string:
			if strings.EqualFold(k, "host") {
				req.Host = v
				continue
			}
			req.Header.Set(k, v)
		case []any:
			req.Header.Del(k)
			for _, s := range v {
				req.Header.Add(k, s.(string))
			}
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	client := &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     noGzip, // Node's client sends no Accept-Encoding
	}
	resp, err := client.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{status: resp.StatusCode, header: resp.Header, body: string(b)}
}

var noGzip = &http.Transport{DisableCompression: true}

// writeFiles puts files (name → content) into the extension folder with the given modification time.
func (ts *testServer) writeFiles(t testing.TB, files map[string]string, mtime time.Time) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(ts.inst.Dir(), filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
}
