package node_test

import (
	"context"
	"net"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/jsrttest"
	"github.com/dxhost/dxhost/jsrt/node/internal/testserver"
)

// TestNoLeakAfterClose: an extension that leaves a response body unread, a socket, a file descriptor,
// a watcher and a decompression stream open loses them all when its instance closes; no goroutine of ours outlives it.
func TestNoLeakAfterClose(t *testing.T) {
	server := httptest.NewServer(testserver.Handler())
	defer server.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	// Pooled HTTP connections belong to the process-wide transport, not to the instance.
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent(),
		goleak.IgnoreTopFunction("net/http.(*persistConn).readLoop"),
		goleak.IgnoreTopFunction("net/http.(*persistConn).writeLoop"),
		goleak.IgnoreTopFunction("internal/poll.runtime_pollWait"))

	inst, err := jsrt.New(jsrt.Options{Name: "leak", Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	_, err = jsrttest.Eval(inst, `new Promise((resolve) => {
  require('http').get('`+server.URL+`/stream', () => resolve('response left unread'));
  require('net').connect(`+strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)+`, '127.0.0.1');
  require('fs').openSync('/dev/null', 'r');
  require('fs').watch(require('os').tmpdir());
  require('zlib').createGunzip().write(require('zlib').gzipSync('abandoned').subarray(0, 8));
})`)
	if err != nil {
		t.Fatal(jsrt.Describe(err))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	_ = inst.Close(ctx)
	<-inst.Done()
	time.Sleep(100 * time.Millisecond)
}
