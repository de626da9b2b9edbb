package db

import (
	"context"
	"path/filepath"
	"testing"
)

// Connections released under load stay open for the next queries, as tarn keeps them: a pool that
// closed every connection beyond two made each concurrent PostgreSQL/MySQL query open a new one.
func TestPoolKeepsReleasedConnections(t *testing.T) {
	ctx := context.Background()
	d, err := Open(ctx, map[string]any{"DB_CLIENT": "sqlite3", "DB_FILENAME": filepath.Join(t.TempDir(), "p.db"), "DB_POOL__MAX": 6.0})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var held []interface{ Close() error }
	for range 6 {
		c, err := d.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	for _, c := range held {
		c.Close()
	}
	s := d.Stats()
	if s.OpenConnections != 6 || s.Idle != 6 || s.MaxIdleClosed != 0 {
		t.Errorf("after releasing 6 connections: open %d, idle %d, closed for the idle limit %d; want 6, 6, 0", s.OpenConnections, s.Idle, s.MaxIdleClosed)
	}
}
