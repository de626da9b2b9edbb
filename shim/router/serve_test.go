package router

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
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

// Behaviour Express has no recording for: our documented deviations and the Go-side plumbing.

func TestAsyncRejectionGoesToNext(t *testing.T) {
	ts := newTestServer(t, `function (router) {
		router.get('/async', async () => { await null; throw new Error('async boom'); });
		router.get('/caught', async () => { throw new Error('to handler'); });
		router.use('/caught', (err, req, res, next) => res.status(409).json({ caught: err.message }));
	}`)
	for i := 0; i < 2; i++ {
		got := ts.do(t, "GET", "/ext/async", nil, nil)
		if got.status != 599 || got.body != `{"error":"async boom"}` {
			t.Fatalf("async rejection: %d %s", got.status, got.body)
		}
	}
	got := ts.do(t, "GET", "/ext/caught", nil, nil)
	if got.status != 409 || got.body != `{"caught":"to handler"}` {
		t.Fatalf("rejection to error middleware: %d %s", got.status, got.body)
	}
	warnings := 0
	for _, e := range jsrttest.Logs(ts.inst).AllEntries() {
		if strings.Contains(e.Message, "returned a rejected promise") && strings.Contains(e.Message, "/ext/async") {
			warnings++
		}
	}
	if warnings != 1 {
		t.Fatalf("want one warning for the route, got %d", warnings)
	}
}

func TestTimeLimitAnswers503(t *testing.T) {
	ts := newTestServerWith(t, jsrt.Options{TimeLimit: 400 * time.Millisecond}, `function (router) {
		router.get('/spin', () => { for (;;) {} });
		router.get('/spin-after-write', (req, res) => { res.write('partial'); for (;;) {} });
		router.get('/spin-async', async (req, res) => { await new Promise((r) => setTimeout(r, 10)); for (;;) {} });
		router.get('/ok', (req, res) => res.send('still alive'));
	}`)
	got := ts.do(t, "GET", "/ext/spin", nil, nil)
	if got.status != 599 {
		t.Fatalf("spin: %d %s", got.status, got.body)
	}
	err := <-ts.lastErr
	e := errs.As(err)
	if e == nil || e.Code != "SERVICE_UNAVAILABLE" || e.Status != 503 || !strings.Contains(e.Message, "JavaScript ran longer than the 400ms limit") {
		t.Fatalf("spin error: %#v", err)
	}
	// A continuation of the handler (after an await on a timer) is still this request's time.
	if got := ts.do(t, "GET", "/ext/spin-async", nil, nil); got.status != 599 {
		t.Fatalf("spin-async: %d %s", got.status, got.body)
	}
	if e := errs.As(<-ts.lastErr); e == nil || e.Code != "SERVICE_UNAVAILABLE" {
		t.Fatalf("spin-async error: %#v", e)
	}
	// Headers already sent: the connection is dropped instead.
	if _, err := ts.try("GET", "/ext/spin-after-write"); err == nil {
		t.Fatalf("spin after write: want a broken response")
	}
	if got := ts.do(t, "GET", "/ext/ok", nil, nil); got.body != "still alive" {
		t.Fatalf("after interrupts: %d %s", got.status, got.body)
	}
}

func TestStreamingFlushesEachWrite(t *testing.T) {
	ts := newTestServer(t, `function (router) {
		router.get('/sse', (req, res) => {
			res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
			res.write('data: one\n\n');
			setTimeout(() => { res.write('data: two\n\n'); res.end(); }, 1500);
		});
	}`)
	start := time.Now()
	resp, err := http.Get(ts.srv.URL + "/ext/sse")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("content-type %q", ct)
	}
	rd := bufio.NewReader(resp.Body)
	line, _ := rd.ReadString('\n')
	if line != "data: one\n" || time.Since(start) > 1200*time.Millisecond {
		t.Fatalf("first event %q after %v: not flushed as written", line, time.Since(start))
	}
	rest, _ := io.ReadAll(rd)
	if string(rest) != "\ndata: two\n\n" {
		t.Fatalf("rest %q", rest)
	}
}

func TestClientGoneEmitsClose(t *testing.T) {
	ts := newTestServer(t, `function (router) {
		globalThis.events = [];
		router.get('/hang', (req, res) => { globalThis.hangStarted = true; req.on('close', () => events.push('hang-req-close')); req.on('aborted', () => events.push('hang-req-aborted')); res.on('close', () => events.push('hang-res-close')); });
		router.get('/done', (req, res) => { req.on('close', () => events.push('req-close')); res.on('finish', () => events.push('res-finish')); res.on('close', () => events.push('res-close')); res.send('x'); });
	}`)
	// The client leaves only once the handler has run (a fixed timeout raced a busy machine).
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.srv.URL+"/ext/hang", nil)
	done := make(chan error, 1)
	go func() {
		_, err := http.DefaultClient.Do(req)
		done <- err
	}()
	for deadline := time.Now().Add(5 * time.Second); !jsrttest.Run(t, ts.inst, `globalThis.hangStarted === true`).ToBoolean(); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the /hang handler never ran")
		}
	}
	select {
	case err := <-done:
		t.Fatalf("a handler that never answers must keep the request open (got %v)", err)
	case <-time.After(50 * time.Millisecond):
	}
	cancel()
	if err := <-done; err == nil {
		t.Fatalf("the cancelled request must fail on the client")
	}
	ts.do(t, "GET", "/ext/done", nil, nil)
	// Node's order, recorded with express 4.22.3 on Node 20: finish, res close, req close; for a client
	// that leaves first: req aborted, res close, req close.
	want := "hang-req-aborted,hang-res-close,hang-req-close,res-finish,res-close,req-close"
	var got string
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		got = jsrttest.Run(t, ts.inst, `events.join(',')`).String()
		if got == want {
			return
		}
	}
	t.Fatalf("events %q, want %q", got, want)
}

func TestErrorAfterHeadersDropsConnection(t *testing.T) {
	ts := newTestServer(t, `function (router) {
		router.get('/x', (req, res, next) => { res.write('started'); next(new Error('late')); });
	}`)
	if _, err := ts.try("GET", "/ext/x"); err == nil {
		t.Fatalf("want the connection dropped")
	}
}

func TestDirectusRequestFields(t *testing.T) {
	ts := newTestServer(t, `function (router) {
		router.get('/f', (req, res) => {
			let frozen = Object.isFrozen(req.sanitizedQuery);
			res.json({ accountability: req.accountability, sanitizedQuery: req.sanitizedQuery, frozen, token: req.token,
				tokenSource: req.tokenSource, id: req.id, cookies: req.cookies, schema: req.schema, rawBody: req.rawBody === undefined });
		});
	}`)
	token := "abc"
	ts.prepare = func(c *gin.Context, ex *exchange.Request) {
		ex.ID = 7
		ex.Token = &token
		ex.TokenSource = "query"
		ex.Cookies = map[string]string{"b": "2", "a": "1"}
		ex.Accountability = map[string]any{"admin": false, "role": nil, "user": nil, "roles": []any{}, "app": false, "ip": "127.0.0.1", "userAgent": "curl/7.88.1"}
		ex.SanitizedQuery = map[string]any{"limit": 5, "fields": []any{"*"}}
	}
	got := ts.do(t, "GET", "/ext/f?limit=5&access_token=abc", nil, nil)
	want := `{"accountability":{"role":null,"user":null,"roles":[],"admin":false,"app":false,"ip":"127.0.0.1","userAgent":"curl/7.88.1"},` +
		`"sanitizedQuery":{"limit":5,"fields":["*"]},"frozen":true,"token":"abc","tokenSource":"query","id":7,"cookies":{"a":"1","b":"2"},"rawBody":true}`
	if got.body != want {
		t.Fatalf("got  %s\nwant %s", got.body, want)
	}
}

func TestRequestBodyStream(t *testing.T) {
	ts := newTestServer(t, `function (router) {
		router.post('/events', (req, res) => {
			let n = 0, size = 0;
			req.on('data', (chunk) => { n++; size += chunk.length; });
			req.on('end', () => res.json({ size }));
		});
		router.post('/iterate', async (req, res) => {
			let size = 0;
			// goja has no for-await syntax; esbuild lowers it to this protocol for extension bundles.
			const it = req[Symbol.asyncIterator]();
			for (;;) { const { value, done } = await it.next(); if (done) break; size += value.length; }
			res.json({ size });
		});
		router.post('/json', (req, res) => { let ended = false; req.on('end', () => { ended = true; }); setTimeout(() => res.json({ ended, body: req.body }), 50); });
	}`)
	big := strings.Repeat("x", 200000)
	for _, path := range []string{"/ext/events", "/ext/iterate"} {
		got := ts.do(t, "POST", path, map[string]string{"Content-Type": "text/plain"}, &big)
		if got.body != `{"size":200000}` {
			t.Fatalf("%s: %d %s", path, got.status, got.body)
		}
	}
	body := `{"a":1}`
	// A body the JSON parser consumed has ended already: no 'end' event, as in Node.
	got := ts.do(t, "POST", "/ext/json", map[string]string{"Content-Type": "application/json"}, &body)
	if got.body != `{"ended":false,"body":{"a":1}}` {
		t.Fatalf("json: %s", got.body)
	}
}

func TestRouterRegistrationErrors(t *testing.T) {
	inst := jsrttest.New(t)
	err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
		_, obj := New(rt)
		_ = rt.Set("router", obj)
		for src, want := range map[string]string{
			`router.get('/x', undefined)`: "Route.get() requires a callback function but got a [object Undefined]",
			`router.all('/x', 'str')`:     "Route.all() requires a callback function but got a [object String]",
			`router.use()`:                "Router.use() requires a middleware function",
			`router.use('/x', 5)`:         "Router.use() requires a middleware function but got a number",
			`router.get(5, () => {})`:     "path must be a string, array of strings, or regular expression",
		} {
			_, err := rt.RunString(src)
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: err %v, want %q", src, err, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// try performs a request and reads the whole body, returning any transport error.
func (ts *testServer) try(method, path string) (string, error) {
	req, _ := http.NewRequest(method, ts.srv.URL+path, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	resp, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

// Headers the middleware put on the response before the extension ran (X-Powered-By, CSP...) are on
// Node's res: readable, removable, and sent.
func TestMiddlewareHeadersAreOnRes(t *testing.T) {
	ts := newTestServer(t, `function (router) {
		router.get('/keep', (req, res) => res.send(res.getHeader('x-powered-by')));
		router.get('/drop', (req, res) => { res.removeHeader('X-Powered-By'); res.send('dropped'); });
	}`)
	ts.prepare = func(c *gin.Context, ex *exchange.Request) { c.Header("X-Powered-By", "Directus") }
	got := ts.do(t, "GET", "/ext/keep", nil, nil)
	if got.body != "Directus" || got.header.Get("X-Powered-By") != "Directus" {
		t.Fatalf("keep: %q %v", got.body, got.header)
	}
	got = ts.do(t, "GET", "/ext/drop", nil, nil)
	if got.body != "dropped" || got.header.Get("X-Powered-By") != "" {
		t.Fatalf("drop: %q %v", got.body, got.header)
	}
}

// dxhost serves files from the extension's own folder only (Express would send any absolute path):
// anything else fails as send's forbidden path does.
func TestSendFileStaysInExtensionFolder(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "outside.txt")
	if err := os.WriteFile(outside, []byte("no"), 0o644); err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, `function (router) {
		router.get('/out', (req, res) => res.sendFile(OUTSIDE, (err) => res.status(err.status).json({ status: err.status, message: err.message })));
	}`)
	if err := ts.inst.Do(context.Background(), func(rt *goja.Runtime) error { return rt.Set("OUTSIDE", outside) }); err != nil {
		t.Fatal(err)
	}
	if got := ts.do(t, "GET", "/ext/out", nil, nil); got.status != 403 || got.body != `{"status":403,"message":"Forbidden"}` {
		t.Fatalf("%d %s", got.status, got.body)
	}
}

// res.write reports backpressure as Node's does (false past 16 KiB queued) and 'drain' follows, so a
// fast producer cannot queue without bound for a slow client.
func TestWriteBackpressureAndDrain(t *testing.T) {
	ts := newTestServer(t, `function (router) {
		router.get('/flood', (req, res) => {
			const chunk = 'x'.repeat(65536);
			let n = 0;
			while (n < 200 && res.write(chunk)) n++;
			n++;
			const needDrain = res.writableNeedDrain;
			res.once('drain', () => { res.end('|' + n + '|' + needDrain); });
		});
	}`)
	body, err := ts.try("GET", "/ext/flood")
	if err != nil {
		t.Fatal(err)
	}
	i := strings.LastIndexByte(body[:len(body)-1], '|')
	j := strings.LastIndexByte(body[:i], '|')
	var n int
	fmt.Sscan(body[j+1:i], &n)
	if n >= 200 || body[i+1:] != "true" || len(body) != n*65536+len(body[j:]) {
		t.Fatalf("n=%d tail=%q len=%d", n, body[j:], len(body))
	}
}

// Many requests in flight on one loop, interleaved at awaits, each keep their own req/res.
func TestConcurrentRequestsInterleave(t *testing.T) {
	ts := newTestServer(t, `function (router) {
		router.get('/echo', async (req, res) => {
			const n = req.query.n;
			await new Promise((r) => setTimeout(r, 20 + (n % 5) * 5));
			res.set('X-N', n).json({ n, url: req.originalUrl });
		});
	}`)
	const total = 40
	errs := make(chan string, total)
	for i := 0; i < total; i++ {
		go func(i int) {
			body, err := ts.try("GET", fmt.Sprintf("/ext/echo?n=%d", i))
			want := fmt.Sprintf(`{"n":"%d","url":"/ext/echo?n=%d"}`, i, i)
			if err != nil || body != want {
				errs <- fmt.Sprintf("%d: %q %v", i, body, err)
				return
			}
			errs <- ""
		}(i)
	}
	for i := 0; i < total; i++ {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}

func TestAsyncParamCallbackRejection(t *testing.T) {
	ts := newTestServer(t, `function (router) {
		router.param('id', async (req, res, next, id) => { if (id === 'bad') throw new Error('no such id'); req.found = id; next(); });
		router.get('/p/:id', (req, res) => res.send(req.found));
	}`)
	if got := ts.do(t, "GET", "/ext/p/ok", nil, nil); got.body != "ok" {
		t.Fatalf("ok: %d %s", got.status, got.body)
	}
	if got := ts.do(t, "GET", "/ext/p/bad", nil, nil); got.status != 599 || got.body != `{"error":"no such id"}` {
		t.Fatalf("bad: %d %s", got.status, got.body)
	}
}

// next([a, b]) leaves the router as a list, so the error handler renders every element (as Directus's
// toArray does; recorded in fixtures/errors array-*).
func TestNextWithArrayKeepsEveryError(t *testing.T) {
	ts := newTestServer(t, `function (router) {
		router.get('/two', (req, res, next) => next([{ name: 'DirectusError', code: 'A', status: 403 }, { name: 'DirectusError', code: 'B', status: 400 }]));
	}`)
	if got := ts.do(t, "GET", "/ext/two", nil, nil); got.status != 599 {
		t.Fatalf("two: %d %s", got.status, got.body)
	}
	err := <-ts.lastErr
	many, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("want a list of errors, got %#v", err)
	}
	var codes []string
	for _, e := range many.Unwrap() {
		codes = append(codes, errs.As(e).Code)
	}
	if strings.Join(codes, ",") != "A,B" {
		t.Fatalf("codes %v", codes)
	}
}
