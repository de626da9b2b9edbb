package items_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/schema"
	"github.com/dxhost/dxhost/services/systables/password"
	"github.com/dxhost/dxhost/services/systables/systablestest"
)

// The `hash` special (directus_users.password) hashes with the HASH_* options the service is given,
// node-argon2's defaults otherwise, in the PHC format Directus writes (spec 13 §5).
func TestHashSpecialUsesHashOptions(t *testing.T) {
	ctx := context.Background()
	d, _ := systablestest.Open(t, "sqlite3")
	sch, err := schema.Build(ctx, d, d.Client, schema.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		hash   password.Options
		prefix string
	}{
		{"HASH_* given", password.OptionsFromEnv(map[string]any{"HASH_MEMORY_COST": 1024.0, "HASH_TIME_COST": 1.0, "HASH_PARALLELISM": 1.0}), "$argon2id$v=19$m=1024,t=1,p=1$"},
		{"defaults", password.Options{}, "$argon2id$v=19$m=65536,t=3,p=4$"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svc := items.New("directus_users", items.Options{Schema: sch, DB: d, Hash: tc.hash})
			email := strings.ReplaceAll(tc.name, " ", "") + "@example.com"
			key, err := svc.CreateOne(ctx, map[string]any{"email": email, "password": "secret-1"}, items.MutationOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var stored string
			if err := d.QueryRowxContext(ctx, `SELECT password FROM directus_users WHERE id = ?`, key).Scan(&stored); err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(stored, tc.prefix) {
				t.Fatalf("stored hash %q, want prefix %q", stored, tc.prefix)
			}
			if ok, err := password.Verify(stored, "secret-1"); err != nil || !ok {
				t.Fatalf("Verify = %v, %v", ok, err)
			}
		})
	}
}
