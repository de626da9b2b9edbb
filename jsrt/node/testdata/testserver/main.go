// Command testserver serves internal/testserver on a loopback port (printed on stdout) while
// record.sh records Node's answers to the snippets that need a server.
package main

import (
	"fmt"
	"net"
	"net/http"
	"os"

	"github.com/dxhost/dxhost/jsrt/node/internal/testserver"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("http://%s\n", ln.Addr())
	_ = http.Serve(ln, testserver.Handler()) //nolint:gosec // loopback test server
}
