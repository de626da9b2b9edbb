package extension

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/shim/server"
)

// BenchmarkHelloThroughChain is one GET /greet through Directus's whole middleware chain and the
// extension's router, without the network: the per-request cost dxhost adds to a Gin handler.
func BenchmarkHelloThroughChain(b *testing.B) {
	root := b.TempDir()
	writeExtension(&testing.T{}, root, "greet", "greet", "module.exports = (router) => { router.get('/', (req, res) => res.send('Hello, World!')); };")
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
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			w := httptest.NewRecorder()
			engine.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/greet", nil))
			if w.Code != 200 {
				b.Fatalf("status %d: %s", w.Code, w.Body)
			}
		}
	})
}
