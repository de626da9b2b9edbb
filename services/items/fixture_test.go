package items

import (
	"context"
	"testing"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/db/dbtest"
	"github.com/dxhost/dxhost/services/schema"
)

// The test fixture: the columns Directus's FieldsService creates for each type on each database
// (spec 12 §2.3), the meta rows it writes (cast-json on json, cast-timestamp on SQLite
// timestamps, …), and rows inserted in the representation Directus writes (SQLite dates as
// epoch milliseconds, spec 12 §6).
var fixtureDDL = map[string][]string{
	db.ClientSQLite: {
		`CREATE TABLE authors (id integer PRIMARY KEY AUTOINCREMENT NOT NULL, name varchar(255))`,
		`CREATE TABLE articles (id integer PRIMARY KEY AUTOINCREMENT NOT NULL, title varchar(255), status varchar(255) DEFAULT 'draft' NOT NULL,
		  views integer, big bigint, price float, flag boolean, flag_cast boolean, meta json, tags_csv text, secret varchar(255),
		  published datetime, day date, author integer REFERENCES authors (id) ON DELETE SET NULL)`,
		`CREATE TABLE comments (id integer PRIMARY KEY AUTOINCREMENT NOT NULL, article integer REFERENCES articles (id) ON DELETE CASCADE, body text)`,
		`INSERT INTO articles (title, status, views, big, price, flag, flag_cast, meta, tags_csv, secret, published, day, author) VALUES
		  ('Hello', 'published', 10, 7, 12.5, 1, 1, '{"a":{"b":1}}', 'x,y', 'abc', 1714558830123, 1714521600000, 1),
		  ('World', 'draft', 5, 8, 3.1, 0, 0, NULL, '', NULL, NULL, NULL, 2),
		  ('hello again', 'published', 7, 9, NULL, NULL, NULL, '[1,2]', NULL, '', NULL, NULL, NULL)`,
	},
	db.ClientPostgres: {
		`CREATE TABLE authors (id serial PRIMARY KEY, name varchar(255))`,
		`CREATE TABLE articles (id serial PRIMARY KEY, title varchar(255), status varchar(255) NOT NULL DEFAULT 'draft',
		  views integer, big bigint, price numeric(10,2), flag boolean, flag_cast boolean, meta json, tags_csv text, secret varchar(255),
		  published timestamp with time zone, day date, author integer REFERENCES authors (id) ON DELETE SET NULL)`,
		`CREATE TABLE comments (id serial PRIMARY KEY, article integer REFERENCES articles (id) ON DELETE CASCADE, body text)`,
		`INSERT INTO articles (title, status, views, big, price, flag, flag_cast, meta, tags_csv, secret, published, day, author) VALUES
		  ('Hello', 'published', 10, 7, 12.5, true, true, '{"a":{"b":1}}', 'x,y', 'abc', '2024-05-01T10:20:30.123Z', '2024-05-01', 1),
		  ('World', 'draft', 5, 8, 3.1, false, false, NULL, '', NULL, NULL, NULL, 2),
		  ('hello again', 'published', 7, 9, NULL, NULL, NULL, '[1,2]', NULL, '', NULL, NULL, NULL)`,
	},
	db.ClientMySQL: {
		"CREATE TABLE authors (id int(10) unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, name varchar(255))",
		"CREATE TABLE articles (id int(10) unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, title varchar(255), status varchar(255) NOT NULL DEFAULT 'draft', " +
			"views int(11), big bigint(20), price decimal(10,2), flag tinyint(1), flag_cast tinyint(1), meta longtext, tags_csv text, secret varchar(255), " +
			"published timestamp NULL, day date, author int(10) unsigned, FOREIGN KEY (author) REFERENCES authors (id) ON DELETE SET NULL)",
		"CREATE TABLE comments (id int(10) unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, article int(10) unsigned, body text, FOREIGN KEY (article) REFERENCES articles (id) ON DELETE CASCADE)",
		"INSERT INTO articles (title, status, views, big, price, flag, flag_cast, meta, tags_csv, secret, published, day, author) VALUES " +
			"('Hello', 'published', 10, 7, 12.5, 1, 1, '{\"a\":{\"b\":1}}', 'x,y', 'abc', '2024-05-01 10:20:30', '2024-05-01', 1), " +
			"('World', 'draft', 5, 8, 3.1, 0, 0, NULL, '', NULL, NULL, NULL, 2), " +
			"('hello again', 'published', 7, 9, NULL, NULL, NULL, '[1,2]', NULL, '', NULL, NULL, NULL)",
	},
}

var fixtureCommon = []string{
	`INSERT INTO authors (name) VALUES ('Ann'), ('Bob'), ('Cy')`,
	`INSERT INTO comments (article, body) VALUES (1, 'first'), (1, 'second'), (2, 'third')`,
	`CREATE TABLE directus_collections (collection varchar(64) NOT NULL PRIMARY KEY, note text, singleton boolean NOT NULL DEFAULT false,
	  sort_field varchar(64), accountability varchar(255) DEFAULT 'all', status varchar(255) NOT NULL DEFAULT 'active')`,
	`CREATE TABLE directus_fields (id integer NOT NULL PRIMARY KEY, collection varchar(64) NOT NULL, field varchar(64) NOT NULL,
	  special varchar(64), note text, validation text, searchable boolean NOT NULL DEFAULT true)`,
	`CREATE TABLE directus_relations (id integer NOT NULL PRIMARY KEY, many_collection varchar(64) NOT NULL, many_field varchar(64) NOT NULL,
	  one_collection varchar(64), one_field varchar(64), one_collection_field varchar(64), one_allowed_collections text,
	  junction_field varchar(64), sort_field varchar(64), one_deselect_action varchar(255) NOT NULL DEFAULT 'nullify')`,
	`INSERT INTO directus_fields (id, collection, field, special, searchable) VALUES
	  (1, 'articles', 'meta', 'cast-json', true), (2, 'articles', 'flag_cast', 'cast-boolean', true),
	  (3, 'articles', 'tags_csv', 'cast-csv', true), (4, 'articles', 'secret', 'conceal', true),
	  (5, 'articles', 'comments', 'o2m', true), (6, 'articles', 'author', 'm2o', true)`,
	`INSERT INTO directus_relations (id, many_collection, many_field, one_collection, one_field, one_deselect_action) VALUES
	  (1, 'articles', 'author', 'authors', NULL, 'nullify'), (2, 'comments', 'article', 'articles', 'comments', 'nullify')`,
}

// trackingDDL creates directus_activity and directus_revisions with the columns of spec 12 §6.
var trackingDDL = map[string][]string{
	db.ClientSQLite: {
		`CREATE TABLE directus_activity (id integer PRIMARY KEY AUTOINCREMENT NOT NULL, action varchar(45) NOT NULL, user char(36),
		  timestamp datetime NOT NULL DEFAULT CURRENT_TIMESTAMP, ip varchar(50), user_agent text, collection varchar(64) NOT NULL,
		  item varchar(255) NOT NULL, origin varchar(255))`,
		`CREATE TABLE directus_revisions (id integer PRIMARY KEY AUTOINCREMENT NOT NULL, activity integer NOT NULL, collection varchar(64) NOT NULL,
		  item varchar(255) NOT NULL, data json, delta json, parent integer, version char(36))`,
	},
	db.ClientPostgres: {
		`CREATE TABLE directus_activity (id serial PRIMARY KEY, action varchar(45) NOT NULL, "user" uuid,
		  timestamp timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP, ip varchar(50), user_agent text, collection varchar(64) NOT NULL,
		  item varchar(255) NOT NULL, origin varchar(255))`,
		`CREATE TABLE directus_revisions (id serial PRIMARY KEY, activity integer NOT NULL, collection varchar(64) NOT NULL,
		  item varchar(255) NOT NULL, data json, delta json, parent integer, version uuid)`,
	},
	db.ClientMySQL: {
		"CREATE TABLE directus_activity (id int(10) unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, action varchar(45) NOT NULL, user char(36), " +
			"timestamp timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, ip varchar(50), user_agent text, collection varchar(64) NOT NULL, " +
			"item varchar(255) NOT NULL, origin varchar(255))",
		"CREATE TABLE directus_revisions (id int(10) unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, activity int(10) unsigned NOT NULL, collection varchar(64) NOT NULL, " +
			"item varchar(255) NOT NULL, data longtext, delta longtext, parent int(10) unsigned, version char(36))",
	},
}

var sqliteTimestampMeta = `INSERT INTO directus_fields (id, collection, field, special, searchable) VALUES (7, 'articles', 'published', 'cast-timestamp', true)`

// fixture opens a fresh database of client with the fixture loaded and returns a service factory.
func fixture(t *testing.T, client string) (*db.DB, *schema.Overview) {
	t.Helper()
	conn := dbtest.Open(t, client)
	ctx := context.Background()
	ddl := fixtureDDL[client]
	// tables, then authors (referenced by articles), then the rest
	stmts := append(append(append([]string{}, ddl[:3]...), fixtureCommon[0]), ddl[3:]...)
	stmts = append(stmts, fixtureCommon[1:]...)
	if client == db.ClientSQLite {
		stmts = append(stmts, sqliteTimestampMeta)
	}
	stmts = append(stmts, trackingDDL[client]...)
	for _, q := range stmts {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("fixture %s: %s: %v", client, q, err)
		}
	}
	o, err := schema.Build(ctx, conn, client, schema.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return conn, o
}

func intp(n int) *int { return &n }
