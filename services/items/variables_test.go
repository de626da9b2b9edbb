package items

import (
	"context"
	"testing"
	"time"
)

// Spec 11 §3.6.
func TestParseFilterVariables(t *testing.T) {
	now := time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC)
	vars := Variables{Now: now, User: "u1", Role: "r1", Roles: []any{"r1", "r0"},
		Lookup: func(ctx context.Context, variable, path string) (any, error) { return variable + ":" + path, nil }}
	in := map[string]any{"_and": []any{
		map[string]any{"date": map[string]any{"_gte": "$NOW(-1 year)"}},
		map[string]any{"date": map[string]any{"_lte": "$NOW(+2 hours)"}},
		map[string]any{"date": map[string]any{"_lt": "$NOW(-7)"}},
		map[string]any{"owner": map[string]any{"_eq": "$CURRENT_USER"}},
		map[string]any{"role": map[string]any{"_in": "$CURRENT_ROLES"}},
		map[string]any{"dept": map[string]any{"_eq": "$CURRENT_USER.department"}},
		map[string]any{"r": map[string]any{"_eq": "$CURRENT_ROLE.name"}},
		map[string]any{"ok": map[string]any{"_eq": "true"}},
		map[string]any{"id": map[string]any{"_in": "1,2"}},
	}}
	out, err := ParseFilter(context.Background(), in, vars)
	if err != nil {
		t.Fatal(err)
	}
	and := out["_and"].([]any)
	get := func(i int, op string) any {
		for _, v := range and[i].(map[string]any) {
			return v.(map[string]any)[op]
		}
		return nil
	}
	checks := []struct {
		got, want any
	}{
		{get(0, "_gte"), now.AddDate(-1, 0, 0)},
		{get(1, "_lte"), now.Add(2 * time.Hour)},
		{get(2, "_lt"), now.Add(-7 * 24 * time.Hour)},
		{get(3, "_eq"), "u1"},
		{get(5, "_eq"), "$CURRENT_USER:department"},
		{get(6, "_eq"), "$CURRENT_ROLE:name"},
		{get(7, "_eq"), true},
	}
	for i, c := range checks {
		if c.got != c.want {
			t.Errorf("check %d: got %v want %v", i, c.got, c.want)
		}
	}
	if roles := get(4, "_in").([]any); len(roles) != 2 {
		t.Errorf("$CURRENT_ROLES = %v", roles)
	}
	if ids := get(8, "_in").([]any); len(ids) != 2 || ids[0] != "1" {
		t.Errorf("_in comma string = %v", ids)
	}
}
