package items

import (
	"context"
	"testing"

	"github.com/dxhost/dxhost/services/db/dbtest"
	"github.com/dxhost/dxhost/services/query"
)

// Spec 10 §12: getMetaForQuery → { total_count: 3, filter_count: 1 }, numbers on every database.
func TestMetaCounts(t *testing.T) {
	for _, client := range dbtest.Clients {
		t.Run(client, func(t *testing.T) {
			conn, o := fixture(t, client)
			s := New("articles", Options{Schema: o, DB: conn})
			got, err := s.Meta(context.Background(), &Query{Filter: map[string]any{"status": map[string]any{"_eq": "draft"}}}, []string{"total_count", "filter_count"})
			if err != nil {
				t.Fatal(err)
			}
			if g := mustJSON(t, got); g != `{"total_count":3,"filter_count":1}` {
				t.Errorf("meta = %s", g)
			}
		})
	}
}

// A REST query string goes through services/query's sanitizer, then runs here.
func TestFromSanitized(t *testing.T) {
	conn, o := fixture(t, "sqlite3")
	parsed := query.ParseQueryString(`fields=id,author.name&filter[views][_gte]=7&sort=-views&limit=2`, query.QSOptions{})
	sq, err := query.FromRequest(parsed, query.Limits{DefaultLimit: 100, MaxRelationalDepth: 10, MaxJSONQueryDepth: 10}, nil)
	if err != nil {
		t.Fatal(err)
	}
	q, err := FromSanitized(sq)
	if err != nil {
		t.Fatal(err)
	}
	got, err := New("articles", Options{Schema: o, DB: conn}).ReadByQuery(context.Background(), q, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if g := mustJSON(t, got); g != `[{"id":1,"author":{"name":"Ann"}},{"id":3,"author":null}]` {
		t.Errorf("got %s", g)
	}
}
