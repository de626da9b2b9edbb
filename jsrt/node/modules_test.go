package node_test

import (
	"strings"
	"testing"

	"github.com/dxhost/dxhost/jsrt/jsrttest"
)

// TestEveryBuiltinLoads requires each module require('module').builtinModules lists, alone in a fresh
// instance (so load order cannot hide a missing dependency), as x and as node:x.
func TestEveryBuiltinLoads(t *testing.T) {
	inst := jsrttest.New(t)
	names := jsrttest.Run(t, inst, `require('module').builtinModules.join(',')`).String()
	for _, name := range strings.Split(names, ",") {
		t.Run(name, func(t *testing.T) {
			fresh := jsrttest.New(t)
			v := jsrttest.Run(t, fresh, `(() => {
  const a = require('`+name+`');
  const b = require('node:`+name+`');
  if (a !== b) throw new Error('x and node:x differ');
  return typeof a;
})()`)
			if s := v.String(); s != "object" && s != "function" {
				t.Fatalf("require(%q) is a %s", name, s)
			}
		})
	}
}
