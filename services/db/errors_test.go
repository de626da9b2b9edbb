package db_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/db/dbtest"
	"github.com/dxhost/dxhost/services/errs"
)

// Expected codes and extensions follow Directus 12.4.1's translateDatabaseError
// (src/database/errors/dialects/{postgres,mysql,sqlite}.ts, spec 10 §8), including its quirks.
func TestTranslateLive(t *testing.T) {
	schema := map[string][]string{
		db.ClientSQLite: {
			`CREATE TABLE authors (id integer PRIMARY KEY AUTOINCREMENT)`,
			`CREATE TABLE articles (id integer PRIMARY KEY AUTOINCREMENT, slug varchar(5), n integer NOT NULL DEFAULT 0,
				author integer REFERENCES authors (id))`,
			`CREATE UNIQUE INDEX articles_slug_unique ON articles (slug)`,
		},
		db.ClientPostgres: {
			`CREATE TABLE authors (id serial PRIMARY KEY)`,
			`CREATE TABLE articles (id serial PRIMARY KEY, slug varchar(5) CONSTRAINT articles_slug_unique UNIQUE,
				n integer NOT NULL DEFAULT 0, author integer CONSTRAINT articles_author_foreign REFERENCES authors (id))`,
		},
		db.ClientMySQL: {
			"CREATE TABLE `authors` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=InnoDB",
			"CREATE TABLE `articles` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, `slug` varchar(5), " +
				"`n` int NOT NULL DEFAULT 0, `author` int unsigned, UNIQUE KEY `articles_slug_unique` (`slug`), " +
				"CONSTRAINT `articles_author_foreign` FOREIGN KEY (`author`) REFERENCES `authors` (`id`)) ENGINE=InnoDB",
		},
	}
	type want struct {
		code string
		ext  map[string]any
	}
	type step struct {
		name    string
		query   string // ? placeholders, rebound per dialect
		args    []any
		payload map[string]any
		want    map[string]*want // by client; nil = the driver error comes back untranslated
	}
	dup := &want{errs.CodeRecordNotUnique, map[string]any{"collection": "articles", "field": "slug", "value": "a"}}
	steps := []step{
		{"seed", "INSERT INTO articles (slug, n) VALUES (?, ?)", []any{"a", 1}, nil, nil},
		{"unique", "INSERT INTO articles (slug, n) VALUES (?, ?)", []any{"a", 2}, map[string]any{"slug": "a", "n": 2},
			map[string]*want{
				db.ClientSQLite:   dup,
				db.ClientPostgres: dup,
				db.ClientMySQL:    {errs.CodeRecordNotUnique, map[string]any{"collection": "articles", "field": "slug", "value": "a", "primaryKey": false}},
			}},
		{"unique without the field in the payload", "INSERT INTO articles (slug, n) VALUES (?, ?)", []any{"a", 2}, map[string]any{},
			map[string]*want{
				db.ClientSQLite:   {errs.CodeRecordNotUnique, map[string]any{"collection": "articles", "field": "slug"}},
				db.ClientPostgres: {errs.CodeRecordNotUnique, map[string]any{"collection": "articles", "field": "slug"}},
				db.ClientMySQL:    {errs.CodeRecordNotUnique, map[string]any{"collection": "articles", "field": "slug", "primaryKey": false}},
			}},
		{"not null", "INSERT INTO articles (slug, n) VALUES (?, ?)", []any{"b", nil}, map[string]any{"slug": "b", "n": nil},
			map[string]*want{
				db.ClientSQLite:   {errs.CodeNotNullViolation, map[string]any{"collection": "articles", "field": "n"}},
				db.ClientPostgres: {errs.CodeNotNullViolation, map[string]any{"collection": "articles", "field": "n"}},
				db.ClientMySQL:    {errs.CodeNotNullViolation, map[string]any{"collection": "articles", "field": "n"}},
			}},
		{"foreign key", "INSERT INTO articles (slug, author) VALUES (?, ?)", []any{"c", 99}, map[string]any{"slug": "c", "author": 99},
			map[string]*want{
				db.ClientSQLite:   {errs.CodeInvalidForeignKey, map[string]any{"collection": nil, "field": nil, "value": nil}},
				db.ClientPostgres: {errs.CodeInvalidForeignKey, map[string]any{"collection": "articles", "field": "author", "value": 99}},
				db.ClientMySQL:    {errs.CodeInvalidForeignKey, map[string]any{"collection": "articles", "field": "author", "value": 99}},
			}},
		// PostgreSQL's "value too long for type character varying(5)" has no "..." part: Directus
		// returns the raw error.
		{"too long", "INSERT INTO articles (slug) VALUES (?)", []any{"toolong"}, map[string]any{"slug": "toolong"},
			map[string]*want{
				db.ClientMySQL: {errs.CodeValueTooLong, map[string]any{"collection": "articles", "field": "slug", "value": "toolong"}},
			}},
		// PostgreSQL: `value "99999999999" is out of range for type integer` — Directus takes the first
		// quoted text as the collection.
		{"out of range", "INSERT INTO articles (n) VALUES ('99999999999')", nil, map[string]any{"n": 99999999999},
			map[string]*want{
				db.ClientPostgres: {errs.CodeValueOutOfRange, map[string]any{"collection": "99999999999", "field": "n", "value": 99999999999}},
				db.ClientMySQL:    {errs.CodeValueOutOfRange, map[string]any{"collection": "articles", "field": "n", "value": 99999999999}},
			}},
	}
	for _, client := range dbtest.Clients {
		t.Run(client, func(t *testing.T) {
			conn := dbtest.Open(t, client)
			ctx := context.Background()
			d := conn.Dialect()
			for _, q := range schema[client] {
				if _, err := conn.ExecContext(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			for _, s := range steps {
				query := s.query
				if client == db.ClientMySQL {
					query = mysqlTicks(query)
				}
				_, err := conn.ExecContext(ctx, d.Rebind(query), s.args...)
				if s.name == "seed" {
					if err != nil {
						t.Fatal(err)
					}
					continue
				}
				if err == nil {
					if client == db.ClientSQLite && (s.name == "too long" || s.name == "out of range") {
						continue // SQLite enforces neither
					}
					t.Fatalf("%s: no error", s.name)
				}
				got := conn.Translate(err, s.payload, query)
				w := s.want[client]
				if w == nil {
					if got != err {
						t.Errorf("%s: got %v, want the driver error unchanged", s.name, got)
					}
					continue
				}
				de := errs.As(got)
				if de == nil || !de.Directus {
					t.Errorf("%s: got %T %v, want %s", s.name, got, got, w.code)
					continue
				}
				if de.Code != w.code || de.Status != 400 || !reflect.DeepEqual(de.Extensions, w.ext) {
					t.Errorf("%s: got %s %d %#v, want %s 400 %#v", s.name, de.Code, de.Status, de.Extensions, w.code, w.ext)
				}
				if de.Cause != err {
					t.Errorf("%s: cause not kept", s.name)
				}
			}
		})
	}
}

// mysqlTicks writes the simple test statements the way knex does on MySQL: `table` and `columns`.
func mysqlTicks(q string) string {
	r := strings.NewReplacer("INTO articles (slug, n)", "INTO `articles` (`slug`, `n`)",
		"INTO articles (slug, author)", "INTO `articles` (`slug`, `author`)",
		"INTO articles (slug)", "INTO `articles` (`slug`)", "INTO articles (n)", "INTO `articles` (`n`)")
	return r.Replace(q)
}

func TestRebind(t *testing.T) {
	pg := db.Dialect{Client: db.ClientPostgres}
	tests := []struct{ in, want string }{
		{"SELECT ? , ?", "SELECT $1 , $2"},
		{`SELECT '?' , "a?b", ?`, `SELECT '?' , "a?b", $1`},
		{"SELECT 'it''s ?', ? -- what?\n, ?", "SELECT 'it''s ?', $1 -- what?\n, $2"},
		{"SELECT /* ? */ ?", "SELECT /* ? */ $1"},
	}
	for _, tc := range tests {
		if got := pg.Rebind(tc.in); got != tc.want {
			t.Errorf("Rebind(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := (db.Dialect{Client: db.ClientMySQL}).Rebind("SELECT ?"); got != "SELECT ?" {
		t.Errorf("mysql Rebind changed the query: %q", got)
	}
}

func TestQuote(t *testing.T) {
	tests := []struct{ client, in, want string }{
		{db.ClientPostgres, `a"b`, `"a""b"`},
		{db.ClientSQLite, "user", `"user"`},
		{db.ClientMySQL, "a`b", "`a``b`"},
	}
	for _, tc := range tests {
		if got := (db.Dialect{Client: tc.client}).Quote(tc.in); got != tc.want {
			t.Errorf("%s Quote(%q) = %q, want %q", tc.client, tc.in, got, tc.want)
		}
	}
}
