package main

import "testing"

func TestGroup(t *testing.T) {
	tests := map[string]string{
		"github.com/dop251/goja.(*vm).run":                "goja VM",
		"github.com/dop251/goja_nodejs/eventloop.(*X).Y":  "goja_nodejs",
		"runtime.mallocgc":                                "Go runtime+GC",
		"modernc.org/sqlite/lib._sqlite3VdbeExec":         "SQLite (modernc)",
		"github.com/dxhost/dxhost/shim/router.(*R).Serve": "dxhost Go code",
		"crypto/sha256.block":                             "Go crypto",
		"":                                                "unknown",
		"main.main":                                       "other",
	}
	for fn, want := range tests {
		if got := group(fn); got != want {
			t.Errorf("group(%q) = %q, want %q", fn, got, want)
		}
	}
}
