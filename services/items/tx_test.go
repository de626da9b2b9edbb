package items

import (
	"context"
	"testing"

	"github.com/dxhost/dxhost/services/db/dbtest"
)

// A caller transaction (Directus's `knex: trx`) is joined: rolling it back undoes the writes.
func TestCallerTransaction(t *testing.T) {
	for _, client := range dbtest.Clients {
		t.Run(client, func(t *testing.T) {
			conn, o := fixture(t, client)
			ctx := context.Background()
			tx, err := conn.BeginTxx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			inTx := New("articles", Options{Schema: o, DB: conn, Tx: tx})
			key, err := inTx.CreateOne(ctx, map[string]any{"title": "in tx", "comments": []any{map[string]any{"body": "tx comment"}}}, MutationOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := inTx.ReadOne(ctx, key, &Query{}, ReadOptions{}); err != nil {
				t.Fatalf("the transaction must see its own write: %v", err)
			}
			if err := tx.Rollback(); err != nil {
				t.Fatal(err)
			}
			pool := New("articles", Options{Schema: o, DB: conn})
			n, err := pool.Meta(ctx, &Query{}, []string{"total_count"})
			if err != nil || mustJSON(t, n) != `{"total_count":3}` {
				t.Errorf("after rollback: %v %v", n, err)
			}
			c, err := New("comments", Options{Schema: o, DB: conn}).Meta(ctx, &Query{}, []string{"total_count"})
			if err != nil || mustJSON(t, c) != `{"total_count":3}` {
				t.Errorf("nested write after rollback: %v %v", c, err)
			}
		})
	}
}
