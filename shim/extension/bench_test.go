package extension

import (
	"context"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"

	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/shim/server"
)

// maxHelloAllocs bounds the allocations of one hello request through the chain, httptest's own request
// and recorder included (about 14 of them): 44 now, 46 when it was set, 90 before the allocation work of issue 2.
// A change that adds allocations to every request fails the benchmark, not just its numbers.
const maxHelloAllocs = 50

// BenchmarkHelloThroughChain is one GET /greet through Directus's whole middleware chain and the
// extension's router, without the network: the per-request cost dxhost adds to a Gin handler. It fails
// when a request allocates more than maxHelloAllocs times (in runs of at least 1000 requests).
func BenchmarkHelloThroughChain(b *testing.B) {
	root := b.TempDir()
	writeExtension(&testing.T{}, root, "greet", "greet", `module.exports = (router) => {
		router.get('/', (req, res) => res.send('Hello, World!'));
		router.get('/warm', (req, res) => res.send(201)); // loads Express's helpers (statuses)
	};`)
	log := logrus.New()
	log.SetLevel(logrus.WarnLevel)
	h := New(Options{Dir: root, Logger: log})
	h.LoadAll(context.Background())
	defer h.Close(context.Background())
	e, err := env.Load(env.Options{Environ: []string{}, Dir: root})
	if err != nil {
		b.Fatal(err)
	}
	engine := server.New(server.Options{Env: e, Logger: log, Extensions: h.Handler()})
	get := func(path string, want int) {
		w := httptest.NewRecorder()
		engine.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		if w.Code != want {
			b.Fatalf("GET %s: status %d: %s", path, w.Code, w.Body)
		}
	}
	// Warm up: one-time work (the helper bundle compiled in the background, first-request caches)
	// must not count as the requests' own allocations.
	get("/greet/warm", 201)
	for i := 0; i < 100; i++ {
		get("/greet", 200)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			get("/greet", 200)
		}
	})
	b.StopTimer()
	runtime.ReadMemStats(&after)
	// Other goroutines allocate a little too: only a long run is a fair measure.
	if perRequest := float64(after.Mallocs-before.Mallocs) / float64(b.N); b.N >= 1000 && perRequest > maxHelloAllocs {
		b.Fatalf("%.1f allocations per hello request, more than the %d allowed (maxHelloAllocs)", perRequest, maxHelloAllocs)
	}
}
