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
// (PostgreSQL and MariaDB in a database of their own, skipped when unreachable). Compare B/op and
// allocs/op; ns/op only on a quiet machine.
//
//	go test -run - -bench CoreArticles -benchmem ./shim/rest
func BenchmarkCoreArticles(b *testing.B) {
	gin.SetMode(gin.ReleaseMode)
	for _, client := range []string{db.ClientSQLite, db.ClientPostgres, db.ClientMySQL} {
		b.Run(client, func(b *testing.B) {
			stack := resttest.BootstrappedOn(b, client)
			engine := stack.Engine(nil)
			seedArticles(b, engine, stack.DB)
			serve := func() *httptest.ResponseRecorder {
				req := httptest.NewRequest(http.MethodGet, articlesQuery, nil)
				req.RemoteAddr = "127.0.0.1:40000"
				req.Header.Set("Authorization", "Bearer admin-static-token")
				w := httptest.NewRecorder()
				engine.ServeHTTP(w, req)
				return w
			}
			// The answer checked once: 100 published rows, most viewed first.
			w := serve()
			if w.Code != http.StatusOK || !strings.HasPrefix(w.Body.String(), `{"data":[{"id":`) ||
				strings.Count(w.Body.String(), `"status":"published"`) != 100 {
				b.Fatalf("%d %.300s", w.Code, w.Body.String())
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if w := serve(); w.Code != http.StatusOK {
					b.Fatalf("%d %.300s", w.Code, w.Body.String())
				}
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
