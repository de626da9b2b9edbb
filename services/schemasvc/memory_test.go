package schemasvc_test

import (
	"context"
	"testing"
	"time"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/schema"
	"github.com/dxhost/dxhost/services/schemasvc"
	"github.com/dxhost/dxhost/services/systables"
)

// An in-memory SQLite database has a pool of one connection: no schema change may wait for a
// second one while its transaction holds the first (it would hang forever).
func TestSingleConnectionSQLite(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	d, err := db.Open(ctx, map[string]any{"DB_CLIENT": "sqlite3", "DB_FILENAME": ":memory:"})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := systables.Bootstrap(ctx, d, systables.Options{SkipAdmin: true}); err != nil {
		t.Fatal(err)
	}
	o := schemasvc.Options{DB: d, Provider: schema.NewProvider(d, "sqlite3", true, schema.BuildOptions{}), Accountability: map[string]any{"admin": true}}
	collections, fields, relations := schemasvc.NewCollectionsService(o), schemasvc.NewFieldsService(o), schemasvc.NewRelationsService(o)
	steps := []func() error{
		func() error {
			_, err := collections.CreateOne(ctx, map[string]any{"collection": "a", "schema": map[string]any{}, "meta": map[string]any{}}, schemasvc.MutationOptions{})
			return err
		},
		func() error {
			return fields.CreateField(ctx, "a", map[string]any{"field": "b", "type": "integer", "schema": map[string]any{}}, schemasvc.MutationOptions{})
		},
		func() error {
			_, err := fields.UpdateField(ctx, "a", map[string]any{"field": "b", "schema": map[string]any{"default_value": 1.0}}, schemasvc.MutationOptions{})
			return err
		},
		func() error {
			return relations.CreateOne(ctx, map[string]any{"collection": "a", "field": "b", "related_collection": "a"}, schemasvc.MutationOptions{})
		},
		func() error { return fields.DeleteField(ctx, "a", "b", schemasvc.MutationOptions{}) },
		func() error {
			_, err := collections.DeleteOne(ctx, "a", schemasvc.MutationOptions{})
			return err
		},
	}
	for i, step := range steps {
		done := make(chan error, 1)
		go func() { done <- step() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("step %d: %v", i, err)
			}
		case <-ctx.Done():
			t.Fatalf("step %d hangs on the single connection", i)
		}
	}
}
