// Package systablestest gives tests a fresh database of each client with Directus 12.4.1's system
// tables and first rows already in place, as `directus bootstrap` leaves them.
package systablestest

import (
	"context"
	"testing"
	"time"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/db/dbtest"
	"github.com/dxhost/dxhost/services/systables"
	"github.com/dxhost/dxhost/services/systables/password"
)

// AdminEmail, AdminPassword and AdminToken are the credentials of the admin Open creates.
const (
	AdminEmail    = "admin@example.com"
	AdminPassword = "admin-password"
	AdminToken    = "admin-static-token"
)

// CheapHash hashes in Directus's format with tiny costs, so that tests stay fast; Verify reads the
// costs from the hash, so logins work the same.
var CheapHash = password.Options{MemoryCost: 64, TimeCost: 1, Parallelism: 1, HashLength: 32, Type: password.TypeArgon2id}

// Open creates a fresh database for client (see dbtest.Open), bootstraps it with an admin
// (AdminEmail / AdminPassword / AdminToken, password hashed with CheapHash) and returns it with what
// Bootstrap created (ids of the admin user, role and policy).
func Open(t testing.TB, client string) (*db.DB, *systables.Result) {
	t.Helper()
	d := dbtest.Open(t, client)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	res, err := systables.Bootstrap(ctx, d, systables.Options{
		AdminEmail: AdminEmail, AdminPassword: AdminPassword, AdminToken: AdminToken, Hash: CheapHash,
	})
	if err != nil {
		t.Fatalf("systablestest: bootstrapping a fresh %s database: %v", client, err)
	}
	return d, res
}
