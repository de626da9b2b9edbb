package auth_test

import (
	"testing"
	"time"

	"github.com/dxhost/dxhost/services/auth"
	"github.com/dxhost/dxhost/services/errs"
)

// FuzzVerifyAccessJWT: any string is either refused with a Directus error or accepted; nothing
// panics. Seeds cover the shapes tokens take (run longer with -fuzz).
func FuzzVerifyAccessJWT(f *testing.F) {
	for _, s := range []string{"", ".", "..", "a.b.c", "eyJhbGciOiJub25lIn0.eyJpc3MiOiJkaXJlY3R1cyJ9.",
		"eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJkaXJlY3R1cyIsImV4cCI6Inh4In0.AAAA", "eyJ9.eyJ9.eyJ9", "admin-static-token"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, token string) {
		_ = auth.IsDirectusJWT(token)
		claims, err := auth.VerifyAccessJWT(token, []byte("secret"), time.Unix(1_800_000_000, 0))
		if err != nil && errs.As(err) == nil {
			t.Fatalf("non-Directus error %v", err)
		}
		if err == nil && claims == nil {
			t.Fatal("no claims and no error")
		}
	})
}

// FuzzValidatePayload: arbitrary filters and payloads give errors or none, never a panic.
func FuzzValidatePayload(f *testing.F) {
	f.Add("title", "_nnull", "x")
	f.Add("n", "_gt", "")
	f.Add("s", "_regex", "(")
	f.Add("s", "_in", "a,b")
	f.Fuzz(func(t *testing.T, field, op, arg string) {
		filter := map[string]any{"_and": []any{map[string]any{field: map[string]any{op: arg}}, map[string]any{"_or": []any{map[string]any{field: map[string]any{op: nil}}}}}}
		for _, v := range []any{nil, arg, 1.5, []any{arg}, map[string]any{}} {
			_ = auth.ValidatePayload(filter, map[string]any{field: v}, nil)
		}
	})
}
