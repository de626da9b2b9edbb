package schema

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/db/dbtest"
)

// fixtureDDL creates two user tables related by a foreign key, a table without a primary key,
// and the three Directus meta tables (only the columns the overview reads), per dialect, with
// the column types Directus's FieldsService creates (spec 12 §2.3).
var fixtureDDL = map[string][]string{
	db.ClientSQLite: {
		`CREATE TABLE authors (id integer PRIMARY KEY AUTOINCREMENT NOT NULL, name varchar(255))`,
		`CREATE TABLE articles (id integer PRIMARY KEY AUTOINCREMENT NOT NULL, status varchar(255) DEFAULT 'draft' NOT NULL,
		  price float, flag boolean DEFAULT '1', meta json, published datetime, big bigint DEFAULT '7',
		  author integer REFERENCES authors (id) ON DELETE SET NULL)`,
		`CREATE TABLE nopk (a integer, b integer)`,
	},
	db.ClientPostgres: {
		`CREATE TABLE authors (id serial PRIMARY KEY, name varchar(255))`,
		`CREATE TABLE articles (id serial PRIMARY KEY, status varchar(255) NOT NULL DEFAULT 'draft',
		  price numeric(10,2), flag boolean DEFAULT true, meta json, published timestamp with time zone, big bigint DEFAULT 7,
		  author integer, CONSTRAINT articles_author_foreign FOREIGN KEY (author) REFERENCES authors (id) ON DELETE SET NULL)`,
		`CREATE TABLE nopk (a integer, b integer)`,
	},
	db.ClientMySQL: {
		"CREATE TABLE authors (id int(10) unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, name varchar(255))",
		"CREATE TABLE articles (id int(10) unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, status varchar(255) NOT NULL DEFAULT 'draft', " +
			"price decimal(10,2), flag tinyint(1) DEFAULT 1, meta longtext, published timestamp NULL, big bigint(20) DEFAULT 7, " +
			"author int(10) unsigned, CONSTRAINT articles_author_foreign FOREIGN KEY (author) REFERENCES authors (id) ON DELETE SET NULL)",
		"CREATE TABLE nopk (a int, b int)",
	},
}

var metaDDL = []string{
	`CREATE TABLE directus_collections (collection varchar(64) NOT NULL PRIMARY KEY, note text, singleton boolean NOT NULL DEFAULT false,
	  sort_field varchar(64), accountability varchar(255) DEFAULT 'all', status varchar(255) NOT NULL DEFAULT 'active')`,
	`CREATE TABLE directus_fields (id integer NOT NULL PRIMARY KEY, collection varchar(64) NOT NULL, field varchar(64) NOT NULL,
	  special varchar(64), note text, validation text, searchable boolean NOT NULL DEFAULT true)`,
	`CREATE TABLE directus_relations (id integer NOT NULL PRIMARY KEY, many_collection varchar(64) NOT NULL, many_field varchar(64) NOT NULL,
	  one_collection varchar(64), one_field varchar(64), one_collection_field varchar(64), one_allowed_collections text,
	  junction_field varchar(64), sort_field varchar(64), one_deselect_action varchar(255) NOT NULL DEFAULT 'nullify')`,
	`INSERT INTO directus_collections (collection, note, singleton, sort_field, accountability, status) VALUES ('articles', 'Posts', false, 'status', NULL, 'inactive')`,
	`INSERT INTO directus_fields (id, collection, field, special, note, validation, searchable) VALUES
	  (1, 'articles', 'meta', 'cast-json', 'free form', '{"_and":[{"meta":{"_nnull":true}}]}', true),
	  (2, 'authors', 'articles', 'o2m', NULL, NULL, true),
	  (3, 'articles', 'gone', NULL, NULL, NULL, true),
	  (4, 'articles', 'flag', 'cast-boolean', NULL, NULL, false),
	  (5, 'articles', 'published', 'cast-timestamp', NULL, NULL, true)`,
	`INSERT INTO directus_relations (id, many_collection, many_field, one_collection, one_field, one_deselect_action) VALUES
	  (1, 'articles', 'author', 'authors', 'articles', 'nullify')`,
}

func TestBuildOnEveryDatabase(t *testing.T) {
	for _, client := range dbtest.Clients {
		t.Run(client, func(t *testing.T) {
			conn := dbtest.Open(t, client)
			ctx := context.Background()
			for _, q := range append(append([]string{}, fixtureDDL[client]...), metaDDL...) {
				if _, err := conn.ExecContext(ctx, q); err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			o, err := Build(ctx, conn, client, BuildOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := o.Collections["nopk"]; ok {
				t.Error("table without primary key must be skipped")
			}
			articles := o.Collections["articles"]
			if articles == nil {
				t.Fatal("articles missing")
			}
			if articles.Primary != "id" || articles.Status != "inactive" || articles.Accountability != nil ||
				*articles.Note != "Posts" || *articles.SortField != "status" || articles.Singleton {
				t.Errorf("articles collection = %+v", articles)
			}
			authors := o.Collections["authors"]
			if *authors.Accountability != "all" || authors.Status != "active" || authors.Note != nil {
				t.Errorf("authors collection (no meta row) = %+v", authors)
			}

			wantDBType := map[string]map[string]string{
				db.ClientSQLite:   {"id": "integer", "status": "varchar", "price": "float", "flag": "boolean", "meta": "json", "published": "datetime", "big": "bigint"},
				db.ClientPostgres: {"id": "integer", "status": "character varying", "price": "numeric", "flag": "boolean", "meta": "json", "published": "timestamp with time zone", "big": "bigint"},
				db.ClientMySQL:    {"id": "int unsigned", "status": "varchar", "price": "decimal", "flag": "boolean", "meta": "longtext", "published": "timestamp", "big": "bigint"},
			}[client]
			wantType := map[string]string{"id": "integer", "status": "string", "flag": "boolean", "meta": "json", "published": "timestamp", "big": "bigInteger"}
			wantType["price"] = map[string]string{db.ClientSQLite: "float", db.ClientPostgres: "decimal", db.ClientMySQL: "decimal"}[client]
			for name, dbType := range wantDBType {
				f := articles.Fields[name]
				if f == nil {
					t.Errorf("field %s missing", name)
					continue
				}
				if f.DBType == nil || *f.DBType != dbType || f.Type != wantType[name] {
					t.Errorf("%s: dbType %v type %s, want %s %s", name, deref(f.DBType), f.Type, dbType, wantType[name])
				}
			}
			checkJSON(t, articles.Fields["id"].DefaultValue, `"AUTO_INCREMENT"`)
			checkJSON(t, articles.Fields["status"].DefaultValue, `"draft"`)
			checkJSON(t, articles.Fields["flag"].DefaultValue, `true`)
			checkJSON(t, articles.Fields["big"].DefaultValue, `7`)
			checkJSON(t, articles.Fields["price"].DefaultValue, `null`)
			if articles.Fields["status"].Nullable || !articles.Fields["price"].Nullable {
				t.Error("nullable flags wrong")
			}
			checkJSON(t, articles.Fields["meta"], `{"field":"meta","defaultValue":null,"nullable":true,"generated":false,"type":"json","dbType":"`+wantDBType["meta"]+`","precision":null,"scale":null,"special":["cast-json"],"note":"free form","alias":false,"validation":{"_and":[{"meta":{"_nnull":true}}]},"searchable":true}`)
			if articles.Fields["flag"].Searchable {
				t.Error("searchable=false from meta row ignored")
			}
			if _, ok := articles.Fields["gone"]; ok {
				t.Error("meta row of a vanished non-alias column must be ignored")
			}
			checkJSON(t, authors.Fields["articles"], `{"field":"articles","defaultValue":null,"nullable":true,"generated":false,"type":"alias","dbType":null,"precision":null,"scale":null,"special":["o2m"],"note":null,"alias":true,"validation":null,"searchable":true}`)
			if got := authors.FieldOrder; len(got) != 3 || got[2] != "articles" {
				t.Errorf("authors field order = %v", got)
			}

			var rel *Relation
			for _, r := range o.Relations {
				if r.Collection == "articles" && r.Field == "author" {
					rel = r
				}
			}
			if rel == nil || rel.Schema == nil || rel.Meta == nil || *rel.RelatedCollection != "authors" ||
				*rel.Schema.OnDelete != "SET NULL" || *rel.Meta.OneField != "articles" || *rel.Meta.ID != 1 {
				t.Fatalf("articles.author relation = %+v", rel)
			}
			if (client == db.ClientSQLite) != (rel.Schema.ConstraintName == nil) {
				t.Errorf("constraint name %v on %s", rel.Schema.ConstraintName, client)
			}
			if (client == db.ClientPostgres) != (rel.Schema.ForeignKeySchema != nil) {
				t.Errorf("foreign_key_schema %v on %s", rel.Schema.ForeignKeySchema, client)
			}
			// The 62 system relations have no tables here, so all appear as meta-only entries.
			if n := len(o.Relations); n != 63 {
				t.Errorf("%d relations, want 1 + 62 system", n)
			}
		})
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

func checkJSON(t *testing.T, v any, want string) {
	t.Helper()
	got, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
