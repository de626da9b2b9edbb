package items

import (
	"context"
	"testing"

	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/emitter"
	"github.com/dxhost/dxhost/services/errs"
)

var _ Emitter = (*emitter.Emitter)(nil)

// A filter hook registered on the real emitter replaces the create payload (spec 10 §5), and
// one that throws aborts the write.
func TestFilterHookReplacesPayload(t *testing.T) {
	conn, o := fixture(t, db.ClientSQLite)
	ctx := context.Background()
	em := emitter.New(logrus.NewEntry(logrus.New()))
	em.On(emitter.Filter, &emitter.Listener{Pattern: "articles.items.create", Handle: func(ctx context.Context, payload any, meta map[string]any, evctx any) (emitter.Result, error) {
		p := payload.(map[string]any)
		out := map[string]any{"title": p["title"].(string) + " (filtered)", "status": "published"}
		if meta["collection"] != "articles" || meta["event"] != "articles.items.create" {
			t.Errorf("meta = %v", meta)
		}
		return emitter.Result{Value: out}, nil
	}})
	s := New("articles", Options{Schema: o, DB: conn, Emitter: em})
	key, err := s.CreateOne(ctx, map[string]any{"title": "raw"}, MutationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	it, err := s.ReadOne(ctx, key, &Query{Fields: []string{"title", "status"}}, ReadOptions{})
	if err != nil || mustJSON(t, it) != `{"title":"raw (filtered)","status":"published"}` {
		t.Errorf("item = %s, %v", mustJSON(t, it), err)
	}
	em.On(emitter.Filter, &emitter.Listener{Pattern: "items.delete", Handle: func(ctx context.Context, payload any, meta map[string]any, evctx any) (emitter.Result, error) {
		return emitter.Result{}, errFromHook
	}})
	if _, err := s.DeleteOne(ctx, key, MutationOptions{}); err != errFromHook {
		t.Errorf("delete with a throwing filter = %v", err)
	}
	if _, err := s.ReadOne(ctx, key, &Query{}, ReadOptions{}); err != nil {
		t.Errorf("the item must survive the aborted delete: %v", err)
	}
}

var errFromHook = &hookError{}

type hookError struct{}

func (*hookError) Error() string { return "hook says no" }

// Translated database errors pass through the `database.error` filter (spec 10 §8).
func TestDatabaseErrorFilter(t *testing.T) {
	conn, o := fixture(t, db.ClientSQLite)
	em := emitter.New(logrus.NewEntry(logrus.New()))
	var seen any
	em.On(emitter.Filter, &emitter.Listener{Pattern: "database.error", Handle: func(ctx context.Context, payload any, meta map[string]any, evctx any) (emitter.Result, error) {
		seen = payload
		if meta["client"] != "sqlite3" {
			t.Errorf("meta = %v", meta)
		}
		return emitter.Result{Keep: true}, nil
	}})
	_, err := New("articles", Options{Schema: o, DB: conn, Emitter: em}).CreateOne(context.Background(), map[string]any{"status": nil}, MutationOptions{})
	if e := errs.As(err); e == nil || e.Code != "NOT_NULL_VIOLATION" || seen != err {
		t.Errorf("err = %v, filter saw %v", err, seen)
	}
}
