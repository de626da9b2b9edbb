package items

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/schema"
)

// BenchmarkReadByQuery100 reads 100 rows with an M2O expansion (the shape of the design's
// "endpoint reading 100 rows via ItemsService" benchmark) on SQLite.
func BenchmarkReadByQuery100(b *testing.B) {
	conn, o := benchFixture(b)
	s := New("articles", Options{Schema: o, DB: conn})
	q := &Query{Fields: []string{"id", "title", "status", "views", "author.name"}, Limit: intp(100)}
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rows, err := s.ReadByQuery(ctx, q, ReadOptions{})
		if err != nil || len(rows) != 100 {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
}

func benchFixture(b *testing.B) (*db.DB, *schema.Overview) {
	conn, err := db.Open(context.Background(), map[string]any{"DB_CLIENT": "sqlite3", "DB_FILENAME": b.TempDir() + "/bench.db"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { conn.Close() })
	ctx := context.Background()
	stmts := []string{
		`CREATE TABLE authors (id integer PRIMARY KEY AUTOINCREMENT NOT NULL, name varchar(255))`,
		`CREATE TABLE articles (id integer PRIMARY KEY AUTOINCREMENT NOT NULL, title varchar(255), status varchar(255), views integer,
		  author integer REFERENCES authors (id))`,
		`INSERT INTO authors (name) VALUES ('Ann'), ('Bob')`,
	}
	var values []string
	for i := 0; i < 200; i++ {
		values = append(values, fmt.Sprintf("('t%d', 'published', %d, %d)", i, i, i%2+1))
	}
	stmts = append(stmts, "INSERT INTO articles (title, status, views, author) VALUES "+strings.Join(values, ", "))
	for _, q := range stmts {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	o, err := schema.Build(ctx, conn, conn.Client, schema.BuildOptions{})
	if err != nil {
		b.Fatal(err)
	}
	return conn, o
}
