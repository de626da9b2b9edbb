package items

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/db/dbtest"
	"github.com/dxhost/dxhost/services/errs"
)

// recorder is an Emitter that logs every event and leaves payloads unchanged.
type recorder struct {
	mu     sync.Mutex
	events []string
}

func (r *recorder) EmitFilter(ctx context.Context, events []string, payload any, meta map[string]any, evctx any) (any, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, e := range events {
		r.events = append(r.events, "filter "+e)
	}
	return payload, nil
}

func (r *recorder) EmitAction(events []string, meta map[string]any, evctx any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, e := range events {
		r.events = append(r.events, "action "+e)
	}
}

func (r *recorder) take() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := strings.Join(r.events, ", ")
	r.events = nil
	return out
}

var admin = map[string]any{"user": nil, "role": nil, "admin": true, "app": true, "ip": "127.0.0.1", "userAgent": "go-test", "origin": nil}

func TestWritesEventsAndTracking(t *testing.T) {
	for _, client := range dbtest.Clients {
		t.Run(client, func(t *testing.T) {
			conn, o := fixture(t, client)
			ctx := context.Background()
			rec := &recorder{}
			s := New("articles", Options{Schema: o, DB: conn, Emitter: rec, Accountability: admin})

			// Spec 10 §5.1: POST /items/tags event sequence.
			key, err := s.CreateOne(ctx, map[string]any{"title": "New", "published": "2024-06-01T08:00:00.500Z", "flag_cast": true}, MutationOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(key) != "4" {
				t.Errorf("new key = %v", key)
			}
			want := "filter items.create, filter articles.items.create, filter activity.create, action activity.create, " +
				"filter revisions.create, action revisions.create, action items.create, action articles.items.create"
			if got := rec.take(); got != want {
				t.Errorf("create events:\n got  %s\n want %s", got, want)
			}
			item, err := s.ReadOne(ctx, key, &Query{Fields: []string{"title", "status", "published", "flag_cast"}}, ReadOptions{NoEvents: true})
			if err != nil {
				t.Fatal(err)
			}
			wantPublished := "2024-06-01T08:00:00.500Z"
			if client == db.ClientMySQL {
				wantPublished = "2024-06-01T08:00:00.000Z" // MySQL timestamp keeps no fractional seconds
			}
			if got := mustJSON(t, item); got != `{"title":"New","status":"draft","published":"`+wantPublished+`","flag_cast":true}` {
				t.Errorf("created item = %s", got)
			}

			// Update: filter outside the transaction, snapshot read inside, then the action.
			if _, err := s.UpdateOne(ctx, key, map[string]any{"title": "Renamed"}, MutationOptions{}); err != nil {
				t.Fatal(err)
			}
			want = "filter items.update, filter articles.items.update, filter activity.create, action activity.create, " +
				"filter items.query, filter articles.items.query, filter items.read, filter articles.items.read, action items.read, action articles.items.read, " +
				"filter revisions.create, action revisions.create, action items.update, action articles.items.update"
			if got := rec.take(); got != want {
				t.Errorf("update events:\n got  %s\n want %s", got, want)
			}
			deleted, err := s.DeleteByQuery(ctx, &Query{Filter: map[string]any{"title": map[string]any{"_eq": "Renamed"}}, Limit: intp(-1)}, MutationOptions{})
			if err != nil || mustJSON(t, deleted) != mustJSON(t, []any{key}) {
				t.Fatalf("deleteByQuery = %v, %v", deleted, err)
			}
			rec.take()

			activity := New("directus_activity", Options{Schema: o, DB: conn})
			rows, err := activity.ReadByQuery(ctx, &Query{Fields: []string{"action", "collection", "item", "ip", "user_agent"}}, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			wantRows := `[{"action":"create","collection":"articles","item":"4","ip":"127.0.0.1","user_agent":"go-test"},` +
				`{"action":"update","collection":"articles","item":"4","ip":"127.0.0.1","user_agent":"go-test"},` +
				`{"action":"delete","collection":"articles","item":"4","ip":"127.0.0.1","user_agent":"go-test"}]`
			if got := mustJSON(t, rows); got != wantRows {
				t.Errorf("activity rows:\n got  %s\n want %s", got, wantRows)
			}
			revs, err := New("directus_revisions", Options{Schema: o, DB: conn}).ReadByQuery(ctx, &Query{Fields: []string{"activity", "item", "delta"}}, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(revs) != 2 {
				t.Fatalf("revisions = %s", mustJSON(t, revs))
			}
			if got := mustJSON(t, revs[1]); got != `{"activity":2,"item":"4","delta":{"title":"Renamed"}}` {
				t.Errorf("update revision = %s", got)
			}
		})
	}
}

func TestMutationSemantics(t *testing.T) {
	for _, client := range dbtest.Clients {
		t.Run(client, func(t *testing.T) {
			conn, o := fixture(t, client)
			ctx := context.Background()
			s := New("articles", Options{Schema: o, DB: conn})

			// Spec 10 §12: updateMany([13, 5]) returns [13, 5] (string sort), missing keys are a no-op.
			keys, err := s.UpdateMany(ctx, []any{13.0, 5.0}, map[string]any{"title": "x"}, MutationOptions{})
			if err != nil || mustJSON(t, keys) != `[13,5]` {
				t.Errorf("updateMany = %v, %v", keys, err)
			}
			// upsertOne: create without key, update with an existing key.
			k, err := s.UpsertOne(ctx, map[string]any{"title": "up"}, MutationOptions{})
			if err != nil {
				t.Fatal(err)
			}
			k2, err := s.UpsertOne(ctx, map[string]any{"id": k, "title": "up2"}, MutationOptions{})
			if err != nil || fmt.Sprint(k2) != fmt.Sprint(k) {
				t.Errorf("upsert update = %v, %v", k2, err)
			}
			// NOT NULL from the database without accountability (spec 10 §12).
			_, err = s.CreateOne(ctx, map[string]any{"status": nil}, MutationOptions{})
			if e := errs.As(err); e == nil || e.Code != "NOT_NULL_VIOLATION" {
				t.Errorf("not null: %v", err)
			}
			// updateBatch needs keys.
			_, err = s.UpdateBatch(ctx, []map[string]any{{"title": "no key"}}, MutationOptions{})
			if e := errs.As(err); e == nil || e.Message != "Invalid payload. Item in update misses primary key." {
				t.Errorf("updateBatch: %v", err)
			}
			// readSingleton on an empty result: PK null plus non-null defaults.
			single, err := s.ReadSingleton(ctx, &Query{Filter: map[string]any{"id": map[string]any{"_eq": -1.0}}}, ReadOptions{})
			if err != nil || mustJSON(t, single) != `{"id":null,"status":"draft"}` {
				t.Errorf("readSingleton = %s, %v", mustJSON(t, single), err)
			}
		})
	}
}

func TestNestedWrites(t *testing.T) {
	for _, client := range dbtest.Clients {
		t.Run(client, func(t *testing.T) {
			conn, o := fixture(t, client)
			ctx := context.Background()
			s := New("articles", Options{Schema: o, DB: conn})
			read := func(key any) string {
				it, err := s.ReadOne(ctx, key, &Query{Fields: []string{"title", "author.name", "comments.body"}}, ReadOptions{})
				if err != nil {
					t.Fatal(err)
				}
				return mustJSON(t, it)
			}
			// M2O object → created; O2M array of objects → created with the FK.
			key, err := s.CreateOne(ctx, map[string]any{"title": "nested", "author": map[string]any{"name": "Dee"},
				"comments": []any{map[string]any{"body": "c1"}, map[string]any{"body": "c2"}}}, MutationOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := read(key); got != `{"title":"nested","author":{"name":"Dee"},"comments":[{"body":"c1"},{"body":"c2"}]}` {
				t.Errorf("after create: %s", got)
			}
			// M2O object with an existing key → updated in place.
			if _, err := s.UpdateOne(ctx, key, map[string]any{"author": map[string]any{"id": 4.0, "name": "Dee2"}}, MutationOptions{}); err != nil {
				t.Fatal(err)
			}
			// Delta form: create one, delete c1 (id 4), update c2 (id 5).
			_, err = s.UpdateOne(ctx, key, map[string]any{"comments": map[string]any{
				"create": []any{map[string]any{"body": "c3"}},
				"update": []any{map[string]any{"id": 5.0, "body": "c2!"}},
				"delete": []any{4.0},
			}}, MutationOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := read(key); got != `{"title":"nested","author":{"name":"Dee2"},"comments":[{"body":"c2!"},{"body":"c3"}]}` {
				t.Errorf("after delta: %s", got)
			}
			// Array form replaces: only comment 1 (moved from article 1) stays; the others are nullified.
			if _, err := s.UpdateOne(ctx, key, map[string]any{"comments": []any{1.0}}, MutationOptions{}); err != nil {
				t.Fatal(err)
			}
			if got := read(key); got != `{"title":"nested","author":{"name":"Dee2"},"comments":[{"body":"first"}]}` {
				t.Errorf("after replace: %s", got)
			}
			orphans, err := New("comments", Options{Schema: o, DB: conn}).ReadByQuery(ctx, &Query{Fields: []string{"id"}, Filter: map[string]any{"article": map[string]any{"_null": true}}}, ReadOptions{})
			if err != nil || mustJSON(t, orphans) != `[{"id":4},{"id":5},{"id":6}]` {
				t.Errorf("nullified children = %s, %v", mustJSON(t, orphans), err)
			}
			// A missing child key in the array form is FORBIDDEN, and the whole write rolls back.
			_, err = s.UpdateOne(ctx, key, map[string]any{"title": "rolled back", "comments": []any{999.0}}, MutationOptions{})
			if e := errs.As(err); e == nil || e.Code != "FORBIDDEN" {
				t.Errorf("missing child: %v", err)
			}
			if got := read(key); !strings.HasPrefix(got, `{"title":"nested"`) {
				t.Errorf("not rolled back: %s", got)
			}
		})
	}
}

// MAX_BATCH_MUTATION counts every row of one write, nested ones included (spec 10 §3.1).
func TestMaxBatchMutation(t *testing.T) {
	conn, o := fixture(t, db.ClientSQLite)
	ctx := context.Background()
	s := New("articles", Options{Schema: o, DB: conn, MaxBatchMutation: 2})
	_, err := s.CreateOne(ctx, map[string]any{"title": "a", "comments": []any{map[string]any{"body": "1"}, map[string]any{"body": "2"}}}, MutationOptions{})
	if e := errs.As(err); e == nil || e.Message != "Invalid payload. Exceeded max batch mutation limit of 2." {
		t.Errorf("nested: %v", err)
	}
	if _, err := s.CreateMany(ctx, []map[string]any{{"title": "a"}, {"title": "b"}}, MutationOptions{}); err != nil {
		t.Errorf("two rows are within the limit: %v", err)
	}
	_, err = s.CreateMany(ctx, []map[string]any{{"title": "a"}, {"title": "b"}, {"title": "c"}}, MutationOptions{})
	if e := errs.As(err); e == nil || e.Code != "INVALID_PAYLOAD" {
		t.Errorf("three rows: %v", err)
	}
	if _, err := s.CreateMany(ctx, []map[string]any{{"title": "a"}, {"title": "b"}, {"title": "c"}}, MutationOptions{BypassLimits: true}); err != nil {
		t.Errorf("bypassLimits: %v", err)
	}
}
