package node_test

import (
	"strings"
	"testing"

	"github.com/dxhost/dxhost/jsrt/jsrttest"
)

// TestUnavailable checks what dxhost refuses on purpose (a server process an extension must not
// fork, listen from or stop) fails with a clear error naming the call, instead of misbehaving.
func TestUnavailable(t *testing.T) {
	cases := []struct{ src, want string }{
		{`require('child_process').spawn('ls')`, "child_process.spawn() is not available in dxhost"},
		{`require('child_process').execSync('ls')`, "child_process.execSync() is not available in dxhost"},
		{`require('http').createServer()`, "http.createServer is not available in dxhost"},
		{`require('net').createServer()`, "net.createServer is not available in dxhost"},
		{`process.exit(1)`, "process.exit(1) is not allowed in dxhost"},
		{`process.chdir('/')`, "process.chdir() is not supported in dxhost"},
	}
	for _, c := range cases {
		t.Run(c.src, func(t *testing.T) {
			inst := jsrttest.New(t)
			_, err := jsrttest.Eval(inst, c.src)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want an error containing %q", err, c.want)
			}
		})
	}
}
