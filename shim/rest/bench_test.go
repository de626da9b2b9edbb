package rest_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/shim/rest/resttest"
)

// articlesQuery is the core read of dxcompare's data benchmark (issue 4).
const articlesQuery = "/items/articles?fields=id,title,status,views&limit=100&filter[status][_eq]=published&filter[views][_gt]=100&sort=-views"

// articleCount rows are seeded as dxcompare seeds Directus: deterministic titles, statuses, views.
const articleCount = 10000

// BenchmarkCoreArticles drives articlesQuery with the admin static token through the whole chain
// cmd/dxhost serves (shim/server, core routes, static-token auth) over 10,000 rows, per database
// (PostgreSQL and MariaDB in a database of their own, skipped when unreachable), without and then
// with an index on (status, views). Compare B/op and allocs/op; ns/op only on a quiet machine
// (without the index it is mostly the database's scan).
//
//	go test -run - -bench CoreArticles -benchmem ./shim/rest
func BenchmarkCoreArticles(b *testing.B) {
	gin.SetMode(gin.ReleaseMode)
	for _, client := range []string{db.ClientSQLite, db.ClientPostgres, db.ClientMySQL} {
		b.Run(client, func(b *testing.B) {
			stack := resttest.BootstrappedOn(b, client)
			engine := stack.Engine(nil)
			seedArticles(b, engine, stack.DB)
			// One writer for every request, as net/http's pooled buffers would be: B/op is the
			// server's, not a recorder's.
			w := &reusedWriter{header: http.Header{}}
			serve := func() {
				req := httptest.NewRequest(http.MethodGet, articlesQuery, nil)
				req.RemoteAddr = "127.0.0.1:40000"
				req.Header.Set("Authorization", "Bearer admin-static-token")
				w.reset()
				engine.ServeHTTP(w, req)
			}
			// "scan" reads without an index on (status, views), "indexed" with one, as dxcompare.
			for _, index := range []bool{false, true} {
				name := "scan"
				if index {
					name = "indexed"
					if _, err := stack.DB.ExecContext(context.Background(), `CREATE INDEX articles_status_views ON `+
						stack.DB.Dialect().Quote("articles")+` (status, views)`); err != nil {
						b.Fatal(err)
					}
				}
				b.Run(name, func(b *testing.B) {
					// The answer checked once: 100 published rows, most viewed first.
					serve()
					if w.status != http.StatusOK || !strings.HasPrefix(w.body.String(), `{"data":[{"id":`) ||
						strings.Count(w.body.String(), `"status":"published"`) != 100 {
						b.Fatalf("%d %.300s", w.status, w.body.String())
					}
					b.ReportAllocs()
					b.ResetTimer()
					for b.Loop() {
						if serve(); w.status != http.StatusOK {
							b.Fatalf("%d %.300s", w.status, w.body.String())
						}
					}
				})
			}
		})
	}
}

// seedArticles creates articles (id, title, status, views) through POST /collections, as dxcompare
// does on Directus, then inserts the rows with plain SQL (1,000 per statement).
func seedArticles(b *testing.B, engine http.Handler, conn *db.DB) {
	b.Helper()
	collection := `{"collection":"articles","schema":{},"meta":{},"fields":[
		{"field":"id","type":"integer","schema":{"is_primary_key":true,"has_auto_increment":true}},
		{"field":"title","type":"string"},{"field":"status","type":"string"},{"field":"views","type":"integer"}]}`
	req := httptest.NewRequest(http.MethodPost, "/collections", bytes.NewReader([]byte(collection)))
	req.RemoteAddr = "127.0.0.1:40000"
	req.Header.Set("Authorization", "Bearer admin-static-token")
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	engine.ServeHTTP(w, req)
	if w.Code != http.StatusOK {
		b.Fatalf("POST /collections: %d %s", w.Code, w.Body.String())
	}
	statuses := []string{"published", "draft", "archived"}
	ctx := context.Background()
	for batch := 0; batch < articleCount; batch += 1000 {
		values := make([]string, 0, 1000)
		for i := batch; i < batch+1000; i++ {
			values = append(values, fmt.Sprintf("('Article %d', '%s', %d)", i+1, statuses[i%3], (i*7919)%10007))
		}
		q := "INSERT INTO " + conn.Dialect().Quote("articles") + " (title, status, views) VALUES " + strings.Join(values, ", ")
		if _, err := conn.ExecContext(ctx, q); err != nil {
			b.Fatalf("seeding articles: %v", err)
		}
	}
	if conn.Client == db.ClientPostgres { // plans from fresh statistics, as dxcompare runs them
		if _, err := conn.ExecContext(ctx, `ANALYZE "articles"`); err != nil {
			b.Fatalf("ANALYZE: %v", err)
		}
	}
}

// reusedWriter is an http.ResponseWriter whose header map and body buffer serve request after request.
type reusedWriter struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (w *reusedWriter) reset() {
	clear(w.header)
	w.status = 0
	w.body.Reset()
}

func (w *reusedWriter) Header() http.Header { return w.header }

func (w *reusedWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *reusedWriter) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.body.Write(p)
}
