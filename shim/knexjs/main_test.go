package knexjs_test

import (
	"testing"

	"go.uber.org/goleak"
)

// Every instance, pool and transaction a test opens is gone when it ends.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
