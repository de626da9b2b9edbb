package schemasvc_test

import (
	"testing"

	"go.uber.org/goleak"
)

// Every pool a test opens is closed by its cleanup: no driver goroutine may outlive the tests.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
