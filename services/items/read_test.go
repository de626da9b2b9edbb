package items

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/db/dbtest"
	"github.com/dxhost/dxhost/services/errs"
)

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Result types per database: spec 11 §12 (verified live against Directus 12.4.1).
func TestReadResultTypes(t *testing.T) {
	want := map[string]string{
		db.ClientPostgres: `[{"id":1,"big":"7","price":"12.50","flag":true,"flag_cast":true,"meta":{"a":{"b":1}},"tags_csv":["x","y"],"secret":"**********","published":"2024-05-01T10:20:30.123Z","day":"2024-05-01"},` +
			`{"id":2,"big":"8","price":"3.10","flag":false,"flag_cast":false,"meta":null,"tags_csv":[],"secret":null,"published":null,"day":null},` +
			`{"id":3,"big":"9","price":null,"flag":null,"flag_cast":null,"meta":[1,2],"tags_csv":null,"secret":null,"published":null,"day":null}]`,
		db.ClientMySQL: `[{"id":1,"big":7,"price":"12.50","flag":1,"flag_cast":true,"meta":{"a":{"b":1}},"tags_csv":["x","y"],"secret":"**********","published":"2024-05-01T10:20:30.000Z","day":"2024-05-01"},` +
			`{"id":2,"big":8,"price":"3.10","flag":0,"flag_cast":false,"meta":null,"tags_csv":[],"secret":null,"published":null,"day":null},` +
			`{"id":3,"big":9,"price":null,"flag":null,"flag_cast":null,"meta":[1,2],"tags_csv":null,"secret":null,"published":null,"day":null}]`,
		db.ClientSQLite: `[{"id":1,"big":7,"price":12.5,"flag":1,"flag_cast":true,"meta":{"a":{"b":1}},"tags_csv":["x","y"],"secret":"**********","published":"2024-05-01T10:20:30.123Z","day":"2024-05-01"},` +
			`{"id":2,"big":8,"price":3.1,"flag":0,"flag_cast":false,"meta":null,"tags_csv":[],"secret":null,"published":null,"day":null},` +
			`{"id":3,"big":9,"price":null,"flag":null,"flag_cast":null,"meta":[1,2],"tags_csv":null,"secret":null,"published":null,"day":null}]`,
	}
	for _, client := range dbtest.Clients {
		t.Run(client, func(t *testing.T) {
			conn, o := fixture(t, client)
			s := New("articles", Options{Schema: o, DB: conn})
			got, err := s.ReadByQuery(context.Background(), &Query{Fields: []string{"id", "big", "price", "flag", "flag_cast", "meta", "tags_csv", "secret", "published", "day"}}, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if g := mustJSON(t, got); g != want[client] {
				t.Errorf("got  %s\nwant %s", g, want[client])
			}
		})
	}
}

// Aggregate value types: spec 11 §6 table (verified live).
func TestAggregateTypes(t *testing.T) {
	want := map[string]string{
		db.ClientPostgres: `[{"count":"3","sum":{"views":"22"},"avg":{"views":"7.3333333333333333"},"max":{"views":10}}]`,
		db.ClientMySQL:    `[{"count":3,"sum":{"views":"22"},"avg":{"views":"7.3333"},"max":{"views":10}}]`,
		db.ClientSQLite:   `[{"count":3,"sum":{"views":22},"avg":{"views":7.333333333333333},"max":{"views":10}}]`,
	}
	for _, client := range dbtest.Clients {
		t.Run(client, func(t *testing.T) {
			conn, o := fixture(t, client)
			s := New("articles", Options{Schema: o, DB: conn})
			ctx := context.Background()
			got, err := s.ReadByQuery(ctx, &Query{Aggregate: map[string][]string{"count": {"*"}, "countAll": {"*"}, "sum": {"views"}, "avg": {"views"}, "max": {"views"}}}, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if g := mustJSON(t, got); g != want[client] {
				t.Errorf("got  %s\nwant %s", g, want[client])
			}
			grouped, err := s.ReadByQuery(ctx, &Query{Group: []string{"status"}, Aggregate: map[string][]string{"count": {"*"}}}, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			count := map[string]string{db.ClientPostgres: `"1"`, db.ClientMySQL: `1`, db.ClientSQLite: `1`}[client]
			count2 := map[string]string{db.ClientPostgres: `"2"`, db.ClientMySQL: `2`, db.ClientSQLite: `2`}[client]
			if g, w := mustJSON(t, grouped), `[{"status":"draft","count":`+count+`},{"status":"published","count":`+count2+`}]`; g != w {
				t.Errorf("groupBy: got %s want %s", g, w)
			}
		})
	}
}

func TestReadQueries(t *testing.T) {
	cases := []struct {
		name  string
		query *Query
		want  string
	}{
		{"filter eq + sort desc", &Query{Fields: []string{"id"}, Filter: map[string]any{"status": map[string]any{"_eq": "published"}}, Sort: []string{"-id"}}, `[{"id":3},{"id":1}]`},
		{"bare value is _eq", &Query{Fields: []string{"id"}, Filter: map[string]any{"status": "draft"}}, `[{"id":2}]`},
		{"icontains", &Query{Fields: []string{"title"}, Filter: map[string]any{"title": map[string]any{"_icontains": "HELLO"}}}, `[{"title":"Hello"},{"title":"hello again"}]`},
		{"in + limit/offset", &Query{Fields: []string{"id"}, Filter: map[string]any{"id": map[string]any{"_in": []any{1.0, 2.0, 3.0}}}, Limit: intp(1), Offset: intp(1)}, `[{"id":2}]`},
		{"page", &Query{Fields: []string{"id"}, Limit: intp(2), Page: intp(2)}, `[{"id":3}]`},
		{"_or and _null", &Query{Fields: []string{"id"}, Filter: map[string]any{"_or": []any{map[string]any{"author": map[string]any{"_null": true}}, map[string]any{"views": map[string]any{"_gte": 10.0}}}}}, `[{"id":1},{"id":3}]`},
		{"between", &Query{Fields: []string{"id"}, Filter: map[string]any{"views": map[string]any{"_between": []any{5.0, 7.0}}}}, `[{"id":2},{"id":3}]`},
		{"nin empty is all", &Query{Fields: []string{"id"}, Filter: map[string]any{"id": map[string]any{"_nin": []any{}}}}, `[{"id":1},{"id":2},{"id":3}]`},
		{"m2o filter", &Query{Fields: []string{"id"}, Filter: map[string]any{"author": map[string]any{"name": map[string]any{"_eq": "Bob"}}}}, `[{"id":2}]`},
		{"o2m filter", &Query{Fields: []string{"id"}, Filter: map[string]any{"comments": map[string]any{"body": map[string]any{"_eq": "second"}}}}, `[{"id":1}]`},
		{"_some", &Query{Fields: []string{"id"}, Filter: map[string]any{"comments": map[string]any{"_some": map[string]any{"body": map[string]any{"_eq": "third"}}}}}, `[{"id":2}]`},
		{"_none", &Query{Fields: []string{"id"}, Filter: map[string]any{"comments": map[string]any{"_none": map[string]any{"body": map[string]any{"_nnull": true}}}}}, `[{"id":3}]`},
		{"search", &Query{Fields: []string{"id"}, Search: strp("again")}, `[{"id":3}]`},
		{"search number", &Query{Fields: []string{"id"}, Search: strp("5")}, `[{"id":2}]`},
		{"m2o object", &Query{Fields: []string{"id", "author.name"}, Limit: intp(2)}, `[{"id":1,"author":{"name":"Ann"}},{"id":2,"author":{"name":"Bob"}}]`},
		{"m2o null", &Query{Fields: []string{"author.*"}, Filter: map[string]any{"id": map[string]any{"_eq": 3.0}}}, `[{"author":null}]`},
		{"o2m bare ids", &Query{Fields: []string{"id", "comments"}}, `[{"id":1,"comments":[1,2]},{"id":2,"comments":[3]},{"id":3,"comments":[]}]`},
		{"o2m objects + deep", &Query{Fields: []string{"id", "comments.body"}, Filter: map[string]any{"id": map[string]any{"_eq": 1.0}}, Deep: map[string]any{"comments": map[string]any{"_sort": []any{"-id"}, "_limit": 1.0}}}, `[{"id":1,"comments":[{"body":"second"}]}]`},
		{"sort by m2o field", &Query{Fields: []string{"id"}, Filter: map[string]any{"author": map[string]any{"_nnull": true}}, Sort: []string{"-author.name"}}, `[{"id":2},{"id":1}]`},
		{"alias", &Query{Fields: []string{"headline"}, Alias: map[string]string{"headline": "title"}, Limit: intp(1)}, `[{"headline":"Hello"}]`},
		{"json filter", &Query{Fields: []string{"id"}, Filter: map[string]any{"meta": map[string]any{"_json": map[string]any{"a.b": map[string]any{"_eq": 1.0}}}}}, `[{"id":1}]`},
		{"count(o2m) in filter", &Query{Fields: []string{"id"}, Filter: map[string]any{"count(comments)": map[string]any{"_gt": 1.0}}}, `[{"id":1}]`},
	}
	for _, client := range dbtest.Clients {
		t.Run(client, func(t *testing.T) {
			conn, o := fixture(t, client)
			s := New("articles", Options{Schema: o, DB: conn})
			for _, c := range cases {
				got, err := s.ReadByQuery(context.Background(), c.query, ReadOptions{})
				if err != nil {
					t.Errorf("%s: %v", c.name, err)
					continue
				}
				if g := mustJSON(t, got); g != c.want {
					t.Errorf("%s:\n got  %s\n want %s", c.name, g, c.want)
				}
			}
		})
	}
}

func strp(s string) *string { return &s }

// Errors from spec 10 §3 / 11 §2-3 (wording verified live).
func TestReadErrors(t *testing.T) {
	conn, o := fixture(t, db.ClientSQLite)
	ctx := context.Background()
	s := New("articles", Options{Schema: o, DB: conn})
	cases := []struct {
		name    string
		run     func() error
		code    string
		message string
	}{
		{"unknown collection", func() error {
			_, err := New("nope", Options{Schema: o, DB: conn}).ReadByQuery(ctx, &Query{}, ReadOptions{})
			return err
		}, "FORBIDDEN", `You don't have permission to access collection "nope" or it does not exist. Queried in root.`},
		{"unknown field", func() error {
			_, err := s.ReadByQuery(ctx, &Query{Fields: []string{"nope"}}, ReadOptions{})
			return err
		}, "FORBIDDEN", `You don't have permission to access field "nope" in collection "articles" or it does not exist. Queried in root.`},
		{"missing item", func() error { _, err := s.ReadOne(ctx, 999999.0, &Query{}, ReadOptions{}); return err }, "FORBIDDEN", "You don't have permission to access this."},
		{"bad operator for type", func() error {
			_, err := s.ReadByQuery(ctx, &Query{Filter: map[string]any{"title": map[string]any{"_ieq": "x"}}}, ReadOptions{})
			return err
		}, "INVALID_QUERY", `Invalid query. "string" field type does not contain the "_ieq" filter operator.`},
		{"nested key under a plain field (recorded live)", func() error {
			_, err := s.ReadByQuery(ctx, &Query{Filter: map[string]any{"title": map[string]any{"x": map[string]any{"_eq": 1.0}}}}, ReadOptions{})
			return err
		}, "FORBIDDEN", `You don't have permission to access field "x" in collection "articles" or it does not exist. Queried in root.`},
		{"_none below top level", func() error {
			_, err := s.ReadByQuery(ctx, &Query{Filter: map[string]any{"title": map[string]any{"_none": map[string]any{}}}}, ReadOptions{})
			return err
		}, "INVALID_QUERY", `Invalid query. "_none" can only be used with top level relational alias field.`},
		{"integer key malformed", func() error { _, err := s.ReadOne(ctx, "abc", &Query{}, ReadOptions{}); return err }, "FORBIDDEN", "You don't have permission to access this."},
	}
	for _, c := range cases {
		err := c.run()
		e := errs.As(err)
		if e == nil || e.Code != c.code || e.Message != c.message {
			t.Errorf("%s: got %v, want %s %q", c.name, err, c.code, c.message)
		}
	}
}
