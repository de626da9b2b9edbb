package node_test

import (
	"context"
	"testing"

	"github.com/dxhost/dxhost/jsrt"
)

// BenchmarkNewInstance measures what the Node globals add to starting an extension's instance.
func BenchmarkNewInstance(b *testing.B) {
	for i := 0; i < b.N; i++ {
		inst, err := jsrt.New(jsrt.Options{Name: "bench", Dir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		_ = inst.Close(context.Background())
	}
}
