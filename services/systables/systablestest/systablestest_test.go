package systablestest_test

import (
	"testing"

	"github.com/dxhost/dxhost/services/db/dbtest"
	"github.com/dxhost/dxhost/services/systables/password"
	"github.com/dxhost/dxhost/services/systables/systablestest"
)

func TestOpen(t *testing.T) {
	for _, client := range dbtest.Clients {
		t.Run(client, func(t *testing.T) {
			d, res := systablestest.Open(t, client)
			var hash, token string
			q := d.Dialect().Rebind("SELECT password, token FROM directus_users WHERE id = ?")
			if err := d.QueryRow(q, res.AdminUserID).Scan(&hash, &token); err != nil {
				t.Fatal(err)
			}
			if ok, err := password.Verify(hash, systablestest.AdminPassword); !ok || err != nil {
				t.Fatalf("admin password does not verify: %v", err)
			}
			if token != systablestest.AdminToken {
				t.Fatalf("token %q", token)
			}
		})
	}
}
