package loader

import "testing"

// BenchmarkBuildExtension measures one build of small extensions: a CommonJS dist with a local
// module, an ESM dist bundling a node_modules dependency, and a TypeScript source.
func BenchmarkBuildExtension(b *testing.B) {
	for _, name := range []string{"cjs-endpoint", "esm-endpoint", "ts-source"} {
		b.Run(name, func(b *testing.B) {
			ext := copyFixture(b, name)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := BuildExtension(ext); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
