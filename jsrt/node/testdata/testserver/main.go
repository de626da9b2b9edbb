// Command testserver serves internal/testserver on loopback ports while record.sh records Node's
// answers: it prints the environment the snippets read (DXHOST_TEST_SERVER, DXHOST_TEST_SMTP, DXHOST_TEST_TLS), one
// NAME=value per line, then serves until killed.
package main

import (
	"fmt"
	"net"
	"net/http"
	"os"

	"github.com/dxhost/dxhost/jsrt/node/internal/testserver"
)

func main() {
	web, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	smtp, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	go testserver.ServeSMTP(smtp)
	secure, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	go func() {
		srv := &http.Server{Handler: testserver.Handler(), TLSConfig: testserver.TLSConfig()} //nolint:gosec // loopback test server
		_ = srv.ServeTLS(secure, "", "")
	}()
	fmt.Printf("DXHOST_TEST_SMTP=%s\nDXHOST_TEST_TLS=https://%s\nDXHOST_TEST_SERVER=http://%s\n", smtp.Addr(), secure.Addr(), web.Addr())
	_ = http.Serve(web, testserver.Handler()) //nolint:gosec // loopback test server
}
