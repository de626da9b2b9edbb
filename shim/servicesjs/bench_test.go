package servicesjs_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dxhost/dxhost/shim/rest/resttest"
)

// benchExtension is an endpoint reading articles through ItemsService and answering with res.json,
// as the extension half of dxcompare does (/articles), plus a wider read (every field, the m2o
// author, JSON and date columns) to cover the value kinds rows carry.
const benchExtension = `module.exports = {
	id: 'bench',
	handler: (router, { services, getSchema }) => {
		const read = (query) => async (req, res, next) => {
			try {
				const articles = new services.ItemsService('articles', { schema: await getSchema(), accountability: req.accountability });
				res.json({ data: await articles.readByQuery(query) });
			} catch (error) {
				next(error);
			}
		};
		router.get('/articles', read({ fields: ['id', 'title', 'status', 'views'], filter: { status: { _eq: 'published' } }, sort: ['-views'], limit: 100 }));
		router.get('/rich', read({ fields: ['*', 'author.*'], sort: ['id'], limit: 100 }));
		// JS reading and reshaping every row before answering: rows must not cost more than plain objects
		router.get('/touched', async (req, res, next) => {
			try {
				const articles = new services.ItemsService('articles', { schema: await getSchema(), accountability: req.accountability });
				const data = await articles.readByQuery({ fields: ['*', 'author.*'], sort: ['id'], limit: 100 });
				const out = data
					.filter((a) => a.views % 2 === 0 || a.author?.name)
					.sort((a, b) => b.views - a.views || a.title.length - b.title.length)
					.map((a) => ({ ...a, title: a.title.toUpperCase(), author: a.author?.name ?? null }));
				res.json({ data: out, total: out.length });
			} catch (error) {
				next(error);
			}
		});
	},
};`

// BenchmarkExtensionReadByQuery is one request to an extension endpoint doing readByQuery of 100
// rows and res.json, through dxhost's whole chain (auth, router, loop, services, response); and
// one whose JS reads, sorts and reshapes the rows first.
func BenchmarkExtensionReadByQuery(b *testing.B) {
	stack := resttest.Open(b, "../rest/testdata/peer/database.db.gz")
	var values []string
	for i := 0; i < 150; i++ {
		values = append(values, fmt.Sprintf(`('Article %d with a title', '%s', %d, %d, 12.5, 1, '{"a":{"b":%d},"list":[1,"x"]}', 'x,y', 1714558830123, 1714521600000, %d)`,
			i, []string{"published", "draft"}[i%4/3], 1000-i, i*7, i, i%2+1))
	}
	if _, err := stack.DB.ExecContext(context.Background(), `INSERT INTO articles (title, status, views, big, price, flag, meta, tags_csv, published, day, author) VALUES `+strings.Join(values, ",")); err != nil {
		b.Fatal(err)
	}
	dir := filepath.Join(b.TempDir(), "bench")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	pkg := `{"name":"bench","version":"1.0.0","type":"commonjs","directus:extension":{"type":"endpoint","path":"index.js","source":"index.js","host":"^12.0.0"}}`
	if err := os.WriteFile(filepath.Join(dir, "package.json"), []byte(pkg), 0o644); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.js"), []byte(benchExtension), 0o644); err != nil {
		b.Fatal(err)
	}
	engine := extensionEngine(b, stack, filepath.Dir(dir))
	for _, path := range []string{"/bench/articles", "/bench/rich", "/bench/touched"} {
		b.Run(strings.TrimPrefix(path, "/bench/"), func(b *testing.B) {
			x := resttest.Exchange{Method: "GET", Path: path}
			if w := resttest.Do(engine, x); w.Code != 200 || !strings.Contains(w.Body.String(), `"id":`) {
				b.Fatalf("%s: %d %s", path, w.Code, w.Body.String())
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				resttest.Do(engine, x)
			}
		})
	}
}
