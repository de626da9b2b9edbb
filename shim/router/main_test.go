package router

import (
	"fmt"
	"net/http"
	"os"
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the package when goroutines outlive the tests: body readers, pumps and loops must all
// end with their request or instance.
func TestMain(m *testing.M) {
	code := m.Run()
	noGzip.CloseIdleConnections()
	http.DefaultTransport.(*http.Transport).CloseIdleConnections()
	if code == 0 {
		if err := goleak.Find(); err != nil {
			fmt.Fprintln(os.Stderr, "goleak:", err)
			code = 1
		}
	}
	os.Exit(code)
}
