package jsrttest_test

import (
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/dxhost/dxhost/jsrt/jsrttest"
)

func TestRunAwaitsAndReportsRejections(t *testing.T) {
	inst := jsrttest.New(t)
	if v := jsrttest.Run(t, inst, `Promise.resolve(40).then(v => v + 2)`); v.ToInteger() != 42 {
		t.Fatalf("got %v", v)
	}
	_, err := jsrttest.Eval(inst, `(async () => { throw new TypeError('bad') })()`)
	if err == nil || !strings.HasPrefix(err.Error(), "TypeError: bad (test.js:1:") {
		t.Fatalf("got %v", err)
	}
	jsrttest.Module(t, inst, "/m.js", `module.exports = 1`)
}

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
