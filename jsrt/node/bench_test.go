package node_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/jsrttest"
)

// BenchmarkNewInstance measures what the Node globals add to starting an extension's instance.
func BenchmarkNewInstance(b *testing.B) {
	for i := 0; i < b.N; i++ {
		inst, err := jsrt.New(jsrt.Options{Name: "bench", Dir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		_ = inst.Close(context.Background())
	}
}

// BenchmarkBufferCodecs converts 1 MiB through every encoding and back.
func BenchmarkBufferCodecs(b *testing.B) {
	inst := jsrttest.New(b)
	for i := 0; i < b.N; i++ {
		jsrttest.Run(b, inst, `(() => {
  const b = Buffer.alloc(1 << 20, 'dxhost é ');
  for (const enc of ['utf8', 'hex', 'base64', 'latin1', 'ucs2']) Buffer.from(b.toString(enc), enc);
})()`)
	}
}

// BenchmarkHTTPDownload reads an 8 MiB response body through http.get (Go transport, pull-based
// IncomingMessage, readable-stream).
func BenchmarkHTTPDownload(b *testing.B) {
	body := bytes.Repeat([]byte("0123456789abcdef"), 1<<19)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write(body) }))
	defer srv.Close()
	inst := jsrttest.New(b)
	b.SetBytes(int64(len(body)))
	for i := 0; i < b.N; i++ {
		v := jsrttest.Run(b, inst, `new Promise((resolve, reject) => require('http').get('`+srv.URL+`', (res) => {
  let n = 0;
  res.on('data', (c) => { n += c.length; });
  res.on('end', () => resolve(n));
}).on('error', reject))`)
		if v.ToInteger() != int64(len(body)) {
			b.Fatalf("read %v bytes", v)
		}
	}
}
