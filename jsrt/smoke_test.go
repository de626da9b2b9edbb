package jsrt_test

import (
	"testing"

	"github.com/dxhost/dxhost/jsrt/jsrttest"
)

func TestSmoke(t *testing.T) {
	inst := jsrttest.New(t)
	v := jsrttest.Run(t, inst, `new Promise(r => setTimeout(() => r(1+2), 5))`)
	if v.ToInteger() != 3 {
		t.Fatalf("got %v", v)
	}
}
