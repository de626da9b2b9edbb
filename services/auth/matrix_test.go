package auth_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/dxhost/dxhost/services/auth"
	"github.com/dxhost/dxhost/services/auth/authtest"
	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/schema"
)

// TestPermissionMatrixMatchesDirectus replays the recorded /items matrix (callers × collections
// × read, readOne, create, update, delete, in the recorded order) through the Go ItemsService with
// each caller's accountability and the Authorizer, on SQLite and PostgreSQL, and compares status
// and body with what Directus 12.4.1 answered.
func TestPermissionMatrixMatchesDirectus(t *testing.T) {
	rec := authtest.LoadRecording(t)
	for _, client := range clients {
		t.Run(client, func(t *testing.T) {
			ctx := context.Background()
			d := authtest.SeededDB(t, client, rec)
			createMatrixTables(t, d)
			sch, err := schema.Build(ctx, d, d.Client, schema.BuildOptions{})
			if err != nil {
				t.Fatal(err)
			}
			svc := auth.New(d, authtest.Config(rec.Secret), nil)
			authorizer := &auth.Authorizer{Auth: svc, Schema: func(context.Context) (*schema.Overview, error) { return sch, nil }}
			compared := 0
			defer func() { t.Logf("%d recorded calls compared", compared) }()
			for i, m := range rec.Matrix {
				compared++
				base := auth.DefaultAccountability("127.0.0.1")
				base["userAgent"] = "dxhost-recorder"
				acc, err := svc.Accountability(ctx, authtest.TokensOf[m.Caller], base)
				var status int
				var body any
				if m.Action == "delete" {
					// record.mjs created the item to delete as admin just before the call.
					payload := map[string]any{"body": "del-" + m.Caller}
					if m.Collection == "articles" {
						payload = map[string]any{"title": "del-" + m.Caller}
					}
					key, err := items.New(m.Collection, items.Options{Schema: sch, DB: d}).CreateOne(ctx, payload, items.MutationOptions{})
					if err != nil || !sameJSON(mustJSON(key), mustJSON(m.Item)) {
						t.Fatalf("#%d: setup item %v (%v), recorded %v", i, key, err, m.Item)
					}
				}
				if err == nil {
					svc := items.New(m.Collection, items.Options{Schema: sch, DB: d, Accountability: acc, Authorizer: authorizer})
					status, body, err = runMatrixCall(ctx, svc, m.Action, m.Collection, m.Item)
				}
				if err != nil {
					e := errs.As(err)
					if e == nil || !e.Directus {
						t.Fatalf("#%d %s %s %s: %v", i, m.Caller, m.Collection, m.Action, err)
					}
					status = e.Status
					ext := map[string]any{}
					for k, v := range e.Extensions {
						ext[k] = v
					}
					ext["code"] = e.Code
					body = map[string]any{"errors": []any{map[string]any{"message": e.Message, "extensions": ext}}}
				}
				got, _ := json.Marshal(body)
				want := string(m.Body)
				ordered := status != 200 || string(got) == compactOrdered(m.Body)
				if status != m.Status || !sameJSON(string(got), want) || !ordered {
					t.Errorf("#%d %s %s %s: got %d %s\nwant %d %s", i, m.Caller, m.Collection, m.Action, status, got, m.Status, compactJSON(want))
				}
			}
		})
	}
}

func runMatrixCall(ctx context.Context, s *items.Service, action, collection string, item any) (int, any, error) {
	payload := map[string]any{"body": "new"}
	if collection == "articles" {
		payload = map[string]any{"title": "new", "status": "draft"}
	}
	switch action {
	case "read":
		list, err := s.ReadByQuery(ctx, &items.Query{Sort: []string{"id"}}, items.ReadOptions{})
		if err != nil {
			return 0, nil, err
		}
		data := make([]any, len(list))
		for i, it := range list {
			data[i] = it
		}
		return 200, map[string]any{"data": data}, nil
	case "readOne":
		it, err := s.ReadOne(ctx, 1.0, &items.Query{}, items.ReadOptions{})
		if err != nil {
			return 0, nil, err
		}
		return 200, map[string]any{"data": it}, nil
	case "create":
		key, err := s.CreateOne(ctx, payload, items.MutationOptions{})
		if err != nil {
			return 0, nil, err
		}
		return readBack(ctx, s, key)
	case "update":
		if collection == "articles" {
			payload = map[string]any{"title": "changed"}
		} else {
			payload = map[string]any{"body": "changed"}
		}
		key, err := s.UpdateOne(ctx, 2.0, payload, items.MutationOptions{})
		if err != nil {
			return 0, nil, err
		}
		return readBack(ctx, s, key)
	case "delete":
		if _, err := s.DeleteOne(ctx, item, items.MutationOptions{}); err != nil {
			return 0, nil, err
		}
		return 204, nil, nil
	}
	return 0, nil, nil
}

// readBack is the REST controllers' read after a write: FORBIDDEN on it means 204.
func readBack(ctx context.Context, s *items.Service, key any) (int, any, error) {
	it, err := s.ReadOne(ctx, key, &items.Query{}, items.ReadOptions{})
	if errs.Is(err, errs.CodeForbidden) {
		return 204, nil, nil
	}
	if err != nil {
		return 0, nil, err
	}
	return 200, map[string]any{"data": it}, nil
}

// createMatrixTables creates the recording's user collections with their initial rows (the
// inputs record.mjs posted before the matrix ran).
func createMatrixTables(t *testing.T, d *db.DB) {
	t.Helper()
	pk := pkDDL(d.Client)
	stmts := []string{
		`CREATE TABLE articles (id ` + pk + `, title varchar(255), status varchar(255), secret varchar(255))`,
		`CREATE TABLE notes (id ` + pk + `, body varchar(255))`,
		`INSERT INTO articles (title, status, secret) VALUES ('a1', 'published', 's1'), ('a2', 'draft', 's2'), ('a3', 'published', 's3')`,
		`INSERT INTO notes (body) VALUES ('n1'), ('n2')`,
		`INSERT INTO directus_collections (collection) VALUES ('articles'), ('notes')`,
	}
	for _, s := range stmts {
		if _, err := d.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

func sameJSON(a, b string) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return a == b
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}

func compactJSON(s string) string {
	var x any
	if json.Unmarshal([]byte(s), &x) != nil {
		return s
	}
	b, _ := json.Marshal(x)
	return strings.TrimSpace(string(b))
}

func mustJSON(v any) string { b, _ := json.Marshal(v); return string(b) }

// pkDDL is an auto-increment integer primary key column as Directus creates it on each client.
func pkDDL(client string) string {
	switch client {
	case db.ClientPostgres:
		return "serial PRIMARY KEY"
	case db.ClientMySQL:
		return "int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY"
	}
	return "integer PRIMARY KEY AUTOINCREMENT"
}
