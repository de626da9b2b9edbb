package schema

import (
	"context"
	"sync"
	"testing"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/db/dbtest"
)

func TestProviderCachesAndInvalidates(t *testing.T) {
	conn := dbtest.Open(t, db.ClientSQLite)
	ctx := context.Background()
	if _, err := conn.ExecContext(ctx, `CREATE TABLE things (id integer PRIMARY KEY AUTOINCREMENT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	p := NewProvider(conn, db.ClientSQLite, true, BuildOptions{})
	var wg sync.WaitGroup
	got := make([]*Overview, 8)
	for i := range got {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			o, err := p.Get(ctx)
			if err != nil {
				t.Error(err)
			}
			got[i] = o
		}(i)
	}
	wg.Wait()
	for _, o := range got[1:] {
		if o != got[0] {
			t.Fatal("concurrent Gets must share one overview")
		}
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE others (id integer PRIMARY KEY AUTOINCREMENT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	if o, _ := p.Get(ctx); o.Collections["others"] != nil {
		t.Fatal("cached overview must not change before Invalidate")
	}
	p.Invalidate()
	if o, _ := p.Get(ctx); o.Collections["others"] == nil {
		t.Fatal("Invalidate must make the next Get rebuild")
	}
	uncached := NewProvider(conn, db.ClientSQLite, false, BuildOptions{})
	a, _ := uncached.Get(ctx)
	b, _ := uncached.Get(ctx)
	if a == b {
		t.Fatal("CACHE_SCHEMA=false must build every time")
	}
}
