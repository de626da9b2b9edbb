package auth_test

import (
	"context"
	"testing"

	"github.com/dxhost/dxhost/services/auth"
	"github.com/dxhost/dxhost/services/auth/authtest"
	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/schema"
)

// TestUserCreatedThroughItemsLogsIn: a user created through ItemsService (the `hash` special on
// directus_users.password) logs in — the hash ItemsService writes is one auth (and so Directus)
// verifies.
func TestUserCreatedThroughItemsLogsIn(t *testing.T) {
	rec := authtest.LoadRecording(t)
	ctx := context.Background()
	d := authtest.SeededDB(t, db.ClientSQLite, rec)
	sch, err := schema.Build(ctx, d, d.Client, schema.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	users := items.New("directus_users", items.Options{Schema: sch, DB: d})
	if _, err := users.CreateOne(ctx, map[string]any{"email": "made@example.com", "password": "s3cret-pw", "status": "active"}, items.MutationOptions{}); err != nil {
		t.Fatal(err)
	}
	svc := auth.New(d, authtest.Config(rec.Secret), nil)
	if _, err := svc.Login(ctx, map[string]any{"email": "made@example.com", "password": "s3cret-pw"}, auth.LoginOptions{}, nil); err != nil {
		t.Fatalf("login of a user created through ItemsService: %v", err)
	}
}
