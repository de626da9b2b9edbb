package router

import (
	"strings"
	"testing"
	"time"

	"github.com/dxhost/dxhost/jsrt/jsrttest"

	_ "github.com/dxhost/dxhost/jsrt/node" // the Node built-ins an extension gets in dxhost (Buffer, stream...)
)

// With the runtime's stream module present, req is a real stream.Readable.
func TestRequestIsReadable(t *testing.T) {
	ts := newTestServer(t, `function (router) {
		const { Readable, Writable } = require('stream');
		router.post('/pipe', (req, res) => {
			let size = 0;
			const sink = new Writable({ write(chunk, enc, cb) { size += chunk.length; cb(); } });
			sink.on('finish', () => res.json({ readable: req instanceof Readable, size }));
			req.pipe(sink);
		});
		router.post('/iterate', async (req, res) => {
			let size = 0;
			const it = req[Symbol.asyncIterator]();
			for (;;) { const { value, done } = await it.next(); if (done) break; size += value.length; }
			res.json({ size, ended: req.readableEnded });
		});
		router.post('/json', (req, res) => res.json({ ended: req.readableEnded, body: req.body }));
		router.get('/untouched', (req, res) => res.json({ own: Object.keys(req) }));
	}`)
	big := strings.Repeat("y", 150000)
	if got := ts.do(t, "POST", "/ext/pipe", map[string]string{"Content-Type": "application/octet-stream"}, &big); got.body != `{"readable":true,"size":150000}` {
		t.Fatalf("pipe: %d %s", got.status, got.body)
	}
	if got := ts.do(t, "POST", "/ext/iterate", map[string]string{"Content-Type": "text/plain"}, &big); got.body != `{"size":150000,"ended":true}` {
		t.Fatalf("iterate: %d %s", got.status, got.body)
	}
	body := `{"z":1}`
	if got := ts.do(t, "POST", "/ext/json", map[string]string{"Content-Type": "application/json"}, &body); got.body != `{"ended":true,"body":{"z":1}}` {
		t.Fatalf("json: %d %s", got.status, got.body)
	}
	if got := ts.do(t, "GET", "/ext/untouched", nil, nil); got.body != `{"own":[]}` {
		t.Fatalf("a request that never reads its stream should carry no stream state: %s", got.body)
	}
}

// Streams from the stream module pipe into res as into Node's ServerResponse.
func TestStreamsPipeIntoRes(t *testing.T) {
	ts := newTestServer(t, `function (router) {
		const { Readable, pipeline } = require('stream');
		globalThis.piped = [];
		router.get('/pipe', (req, res) => {
			res.type('text');
			Readable.from(['a', 'b', 'c']).pipe(res);
		});
		router.get('/pipeline', (req, res) => {
			pipeline(Readable.from(['x', 'y']), res, (err) => piped.push(err ? 'error ' + err.message : 'done'));
		});
	}`)
	if got := ts.do(t, "GET", "/ext/pipe", nil, nil); got.status != 200 || got.body != "abc" || got.header.Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Fatalf("pipe: %d %q %v", got.status, got.body, got.header)
	}
	if got := ts.do(t, "GET", "/ext/pipeline", nil, nil); got.status != 200 || got.body != "xy" {
		t.Fatalf("pipeline: %d %q", got.status, got.body)
	}
	var got string
	for deadline := time.Now().Add(3 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if got = jsrttest.Run(t, ts.inst, `piped.join(',')`).String(); got == "done" {
			return
		}
	}
	t.Fatalf("pipeline callback: %q", got)
}
