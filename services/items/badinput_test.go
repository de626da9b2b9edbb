package items

import (
	"context"
	"testing"

	"github.com/dxhost/dxhost/services/db"
)

// Bad input from an extension must come back as an error, never a panic.
func TestBadQueriesDoNotPanic(t *testing.T) {
	conn, o := fixture(t, db.ClientSQLite)
	s := New("articles", Options{Schema: o, DB: conn})
	queries := []map[string]any{
		{"filter": map[string]any{"_and": "x"}},
		{"filter": map[string]any{"_or": []any{"x", 1.0, nil}}},
		{"filter": map[string]any{"title": map[string]any{"_in": 5.0}}},
		{"filter": map[string]any{"title": []any{}}},
		{"filter": map[string]any{"title": map[string]any{"_between": []any{1.0}}}},
		{"filter": map[string]any{"meta": map[string]any{"_json": "x"}}},
		{"filter": map[string]any{"$FOLLOW(": map[string]any{}}},
		{"filter": map[string]any{"$FOLLOW(nope,x)": map[string]any{"a": 1.0}}},
		{"filter": map[string]any{"year(title)": map[string]any{"_eq": 1.0}}},
		{"filter": map[string]any{"comments": map[string]any{"_some": "x"}}},
		{"filter": map[string]any{"author": map[string]any{"nope": map[string]any{"_eq": 1.0}}}},
		{"filter": map[string]any{"views": map[string]any{"_eq": "not a number"}}},
		{"filter": map[string]any{"id": map[string]any{"_eq": map[string]any{"a": 1.0}}}},
		{"fields": []any{"author."}},
		{"fields": []any{"json(meta)"}},
		{"fields": []any{"year("}},
		{"fields": []any{"*.*.*.*"}},
		{"fields": []any{"comments.article.comments.article.*"}},
		{"fields": []any{"count(author)"}},
		{"sort": []any{"-", "", "author.nope", "comments.body", "year(nope)"}},
		{"aggregate": map[string]any{"nope": []any{"id"}}},
		{"aggregate": map[string]any{"sum": []any{"comments"}}},
		{"group": []any{"nope"}},
		{"deep": map[string]any{"comments": "x"}},
		{"deep": map[string]any{"comments": map[string]any{"_limit": "x"}}},
		{"alias": map[string]any{"x": "nope"}},
		{"alias": map[string]any{`a"b`: "title"}, "fields": []any{`a"b`}},
		{"limit": -5.0, "offset": -1.0, "page": -3.0},
		{"search": map[string]any{"x": 1.0}},
	}
	for _, m := range queries {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("query %v panicked: %v", m, r)
				}
			}()
			q, err := QueryFromMap(m)
			if err != nil {
				return
			}
			s.ReadByQuery(context.Background(), q, ReadOptions{})
		}()
	}
	for _, key := range []any{nil, []any{1.0}, map[string]any{}, "1; DROP TABLE articles", true} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("key %v panicked: %v", key, r)
				}
			}()
			s.ReadOne(context.Background(), key, &Query{}, ReadOptions{})
			s.UpdateOne(context.Background(), key, map[string]any{"title": "x"}, MutationOptions{})
			s.DeleteOne(context.Background(), key, MutationOptions{})
		}()
	}
	if n, err := s.Meta(context.Background(), &Query{}, []string{"total_count"}); err != nil || mustJSON(t, n) != `{"total_count":3}` {
		t.Errorf("the table must be intact: %v %v", n, err)
	}
}
