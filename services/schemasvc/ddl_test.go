package schemasvc_test

import (
	"context"
	"testing"
	"time"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/schema"
	"github.com/dxhost/dxhost/services/schemasvc"
	"github.com/dxhost/dxhost/services/systables/systablestest"
)

// Altering a table that others reference must keep every row: on SQLite the table is rebuilt, and
// dropping the old copy must not fire the ON DELETE CASCADE of the referencing table (Directus
// switches foreign keys off for the rebuild). PostgreSQL and MySQL alter in place (their ALTERs
// run in TestReplayDirectus); SQLite is where a rebuild can lose rows or foreign keys.
func TestAlterKeepsRowsAndReferences(t *testing.T) {
	t.Parallel()
	for _, client := range []string{"sqlite3"} {
		t.Run(client, func(t *testing.T) {
			t.Parallel()
			d, _ := systablestest.Open(t, client)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			provider := schema.NewProvider(d, client, true, schema.BuildOptions{})
			o := schemasvc.Options{DB: d, Provider: provider}
			collections, fields, relations := schemasvc.NewCollectionsService(o), schemasvc.NewFieldsService(o), schemasvc.NewRelationsService(o)
			must := func(err error) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
			}
			_, err := collections.CreateOne(ctx, map[string]any{"collection": "parent", "schema": map[string]any{},
				"fields": []any{map[string]any{"field": "title", "type": "string", "schema": map[string]any{"max_length": 50.0}}}}, schemasvc.MutationOptions{})
			must(err)
			_, err = collections.CreateOne(ctx, map[string]any{"collection": "child", "schema": map[string]any{},
				"fields": []any{map[string]any{"field": "parent", "type": "integer", "schema": map[string]any{}}}}, schemasvc.MutationOptions{})
			must(err)
			must(relations.CreateOne(ctx, map[string]any{"collection": "child", "field": "parent", "related_collection": "parent",
				"schema": map[string]any{"on_delete": "CASCADE"}}, schemasvc.MutationOptions{}))

			ov, err := provider.Get(ctx)
			must(err)
			pkey, err := items.New("parent", items.Options{Schema: ov, DB: d}).CreateOne(ctx, map[string]any{"title": "p"}, items.MutationOptions{})
			must(err)
			_, err = items.New("child", items.Options{Schema: ov, DB: d}).CreateOne(ctx, map[string]any{"parent": pkey}, items.MutationOptions{})
			must(err)

			_, err = fields.UpdateField(ctx, "parent", map[string]any{"field": "title", "schema": map[string]any{"max_length": 80.0, "default_value": "x"}}, schemasvc.MutationOptions{})
			must(err)
			// Altering another column of child rebuilds child on SQLite: its foreign key must survive.
			must(fields.CreateField(ctx, "child", map[string]any{"field": "label", "type": "string", "schema": map[string]any{}}, schemasvc.MutationOptions{}))
			_, err = fields.UpdateField(ctx, "child", map[string]any{"field": "label", "schema": map[string]any{"max_length": 20.0, "default_value": "l"}}, schemasvc.MutationOptions{})
			must(err)
			must(fields.CreateField(ctx, "parent", map[string]any{"field": "extra", "type": "text", "schema": map[string]any{}}, schemasvc.MutationOptions{}))
			must(fields.DeleteField(ctx, "parent", "extra", schemasvc.MutationOptions{}))

			for table, want := range map[string]int{"parent": 1, "child": 1} {
				var n int
				must(d.GetContext(ctx, &n, "SELECT count(*) FROM "+d.Dialect().Quote(table)))
				if n != want {
					t.Errorf("%s has %d rows after the alterations, want %d", table, n, want)
				}
			}
			col, err := fields.ColumnOne(ctx, "parent", "title")
			must(err)
			if col == nil || col.MaxLength == nil || *col.MaxLength != 80 || col.DefaultValue != "x" {
				t.Errorf("parent.title after alter = %+v, want varchar(80) default 'x'", col)
			}
			rel, err := relations.ReadOne(ctx, "child", "parent")
			must(err)
			if rel.Schema == nil {
				t.Fatal("the foreign key of child.parent is gone after the alterations")
			}
			if v, _ := rel.Schema.Get("on_delete"); v != "CASCADE" {
				t.Errorf("child.parent on_delete = %v, want CASCADE", v)
			}
			if _, err := collections.DeleteOne(ctx, "child", schemasvc.MutationOptions{}); err != nil {
				t.Fatal(err)
			}
			if _, err := collections.DeleteOne(ctx, "parent", schemasvc.MutationOptions{}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// Writes are admin-only (spec 10 §11): a non-admin accountability gets FORBIDDEN before anything runs.
func TestWritesNeedAdmin(t *testing.T) {
	d, _ := systablestest.Open(t, "sqlite3")
	ctx := context.Background()
	o := schemasvc.Options{DB: d, Provider: schema.NewProvider(d, "sqlite3", true, schema.BuildOptions{}),
		Accountability: map[string]any{"user": nil, "role": nil, "admin": false, "app": false}}
	checks := map[string]error{}
	_, checks["collections.create"] = schemasvc.NewCollectionsService(o).CreateOne(ctx, map[string]any{"collection": "x", "schema": map[string]any{}}, schemasvc.MutationOptions{})
	checks["fields.create"] = schemasvc.NewFieldsService(o).CreateField(ctx, "directus_users", map[string]any{"field": "x", "type": "string"}, schemasvc.MutationOptions{})
	checks["relations.delete"] = schemasvc.NewRelationsService(o).DeleteOne(ctx, "directus_users", "role", schemasvc.MutationOptions{})
	for name, err := range checks {
		if !errs.Is(err, "FORBIDDEN") {
			t.Errorf("%s as non-admin: got %v, want FORBIDDEN", name, err)
		}
	}
}
