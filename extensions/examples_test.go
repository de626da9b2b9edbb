// Package extensions holds the example extensions `make run` serves; this test serves them the same
// way (the dxhost binary on a fresh SQLite database) and checks what each example promises.
package extensions

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// serveExamples builds dxhost and serves the examples in this folder exactly as `make run` does (a
// fresh SQLite database, bootstrapped with an admin whose static token is "example-admin-token"), with
// extra environment settings.
func serveExamples(t *testing.T, environ ...string) *httptest.Server {
	t.Helper()
	bin := buildDxhost(t)
	dir := t.TempDir()
	ext, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	_, port, _ := net.SplitHostPort(addr)
	cmd := exec.Command(bin, "serve")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOST=127.0.0.1", "PORT="+port, "EXTENSIONS_PATH="+ext, "EXTENSIONS_AUTO_RELOAD=false",
		"DB_CLIENT=sqlite3", "DB_FILENAME="+filepath.Join(dir, "data.db"), "LOG_LEVEL=warn", "CONFIG_PATH="+filepath.Join(dir, "none.env"),
		"ADMIN_EMAIL=admin@example.com", "ADMIN_PASSWORD=admin-password", "ADMIN_TOKEN=example-admin-token", "HASH_MEMORY_COST=1024", "HASH_TIME_COST=1",
		// Loading api-proxy's 395 KB axios bundle under -race on a busy 2-core machine has taken over the
		// default 5 s; this test is about the examples' answers, not the time limit (jsrt tests that).
		"EXTENSIONS_JS_TIME_LIMIT=60000")
	cmd.Env = append(cmd.Env, environ...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
		}
		if t.Failed() {
			t.Logf("dxhost output:\n%s", out.String())
		}
	})
	base := "http://" + addr
	deadline := time.Now().Add(60 * time.Second)
	for {
		if resp, err := http.Get(base + "/server/ping"); err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("dxhost did not start within 60s:\n%s", out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	if strings.Contains(out.String(), "Couldn't register") {
		t.Errorf("an example did not load:\n%s", out.String())
	}
	return &httptest.Server{URL: base}
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// buildDxhost compiles ./cmd/dxhost once per test run.
func buildDxhost(t *testing.T) string {
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dxhost-examples")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "dxhost")
		out, err := exec.Command("go", "build", "-o", binPath, "../cmd/dxhost").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

func call(t *testing.T, method, url, contentType, body string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// TestHelloWorld is Directus's documented example: /greet, /greet/intro, /greet/goodbye.
func TestHelloWorld(t *testing.T) {
	srv := serveExamples(t)
	for path, want := range map[string]string{"/greet": "Hello, World!", "/greet/intro": "Nice to meet you.", "/greet/goodbye": "Goodbye!"} {
		code, h, body := call(t, "GET", srv.URL+path, "", "")
		if code != 200 || body != want || h.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("GET %s: %d %q %q, want 200 %q text/html", path, code, h.Get("Content-Type"), body, want)
		}
	}
}

// TestFeatureExamples checks the routes of extensions/features and the other small examples against
// what Express and Directus answer for the same code.
func TestFeatureExamples(t *testing.T) {
	srv := serveExamples(t)
	cases := []struct {
		method, path, ctype, body string
		status                    int
		want                      string
	}{
		{"GET", "/features/items/5", "", "", 200, `{"id":5}`},
		{"GET", "/features/items/0", "", "", 404, `{"missing":"0"}`},
		{"GET", "/features/errors/forbidden", "", "", 403, `{"errors":[{"message":"You don't have permission to access this.","extensions":{"code":"FORBIDDEN"}}]}`},
		{"POST", "/features/errors/payload", "application/json", `{}`, 400, `{"errors":[{"message":"Invalid payload. \"title\" is required.","extensions":{"reason":"\"title\" is required","code":"INVALID_PAYLOAD"}}]}`},
		{"GET", "/features/errors/teapot", "", "", 418, `{"errors":[{"message":"I refuse to brew coffee.","extensions":{"code":"I_AM_A_TEAPOT"}}]}`},
		{"GET", "/features/errors/plain", "", "", 500, `{"errors":[{"message":"An unexpected error occurred.","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}`},
		{"GET", "/features/async", "", "", 200, `{"waited":10}`},
		{"GET", "/features/stream", "", "", 200, "chunk 1\nchunk 2\nchunk 3\ndone\n"},
		{"GET", "/features/handled", "", "", 422, `{"handled":"handled locally"}`},
		{"POST", "/features/emit", "application/json", `{"x":1}`, 200, `{"x":1,"greeted":true}`},
		// PORT stays a string (Directus's type map), QUERY_LIMIT_DEFAULT is cast to a number.
		{"GET", "/features/env", "", "", 200, `{"PORT":"` + srv.URL[strings.LastIndexByte(srv.URL, ':')+1:] + `","QUERY_LIMIT_DEFAULT":100}`},
		{"GET", "/hello-ts/Ada", "", "", 200, `{"name":"Ada","greeting":"Hello, Ada!"}`},
		{"POST", "/hello-ts", "application/json", `{"name":"Bo"}`, 201, `{"name":"Bo","greeting":"Hello, Bo!"}`},
		{"GET", "/features/nope", "", "", 404, `{"errors":[{"message":"Route /features/nope doesn't exist.","extensions":{"path":"/features/nope","code":"ROUTE_NOT_FOUND"}}]}`},
	}
	for _, c := range cases {
		code, _, body := call(t, c.method, srv.URL+c.path, c.ctype, c.body)
		if code != c.status || body != c.want {
			t.Errorf("%s %s: %d %s\n want %d %s", c.method, c.path, code, body, c.status, c.want)
		}
	}
	code, _, body := call(t, "GET", srv.URL+"/uuid/3", "", "")
	var uuids struct{ Data []string }
	if err := json.Unmarshal([]byte(body), &uuids); code != 200 || err != nil || len(uuids.Data) != 3 || len(uuids.Data[0]) != 36 {
		t.Errorf("GET /uuid/3: %d %s", code, body)
	}
}

// TestAPIProxyExample is the guide's authenticated API proxy (extensions/api-proxy) against a loopback
// stand-in for the Twilio API: requests arrive with the account's basic auth, path, query and body;
// answers (including upstream errors) come back unchanged.
func TestAPIProxyExample(t *testing.T) {
	type seen struct{ method, uri, auth, ctype, body string }
	var mu sync.Mutex
	var got []seen
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		got = append(got, seen{r.Method, r.RequestURI, r.Header.Get("Authorization"), r.Header.Get("Content-Type"), string(b)})
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if strings.Contains(r.URL.Path, "Missing") {
			w.WriteHeader(404)
			_, _ = io.WriteString(w, `{"code":20404,"message":"The requested resource was not found"}`)
			return
		}
		_, _ = io.WriteString(w, `{"sid":"SM1","status":"queued"}`)
	}))
	defer upstream.Close()
	srv := serveExamples(t, "TWILIO_API_URL="+upstream.URL, "TWILIO_ACCOUNT_SID=AC123", "TWILIO_AUTH_TOKEN=secret-token")
	wantAuth := "Basic " + base64.StdEncoding.EncodeToString([]byte("AC123:secret-token"))

	code, _, body := call(t, "GET", srv.URL+"/twilio/2010-04-01/Accounts/AC123/Messages.json?PageSize=2", "", "")
	if code != 200 || body != `{"sid":"SM1","status":"queued"}` {
		t.Fatalf("GET relayed %d %s", code, body)
	}
	code, _, body = call(t, "POST", srv.URL+"/twilio/2010-04-01/Accounts/AC123/Messages.json", "application/json", `{"To":"+15550001","Body":"hi"}`)
	if code != 200 || body != `{"sid":"SM1","status":"queued"}` {
		t.Fatalf("POST relayed %d %s", code, body)
	}
	code, _, body = call(t, "GET", srv.URL+"/twilio/2010-04-01/Missing.json", "", "")
	if code != 404 || body != `{"code":20404,"message":"The requested resource was not found"}` {
		t.Fatalf("upstream 404 relayed as %d %s", code, body)
	}

	mu.Lock()
	defer mu.Unlock()
	want := []seen{
		{"GET", "/2010-04-01/Accounts/AC123/Messages.json?PageSize=2", wantAuth, "", ""},
		{"POST", "/2010-04-01/Accounts/AC123/Messages.json", wantAuth, "application/json", `{"To":"+15550001","Body":"hi"}`},
		{"GET", "/2010-04-01/Missing.json", wantAuth, "", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("upstream saw %d requests, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("upstream request %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}
