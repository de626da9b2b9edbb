package auth_test

import (
	"reflect"
	"testing"

	"github.com/dxhost/dxhost/services/auth"
)

// TestFieldCases: the recorded rules scenario (Editors see published rows' id/title/status,
// Juniors see everything of their own rows): secret and owner are masked to the Juniors rule,
// the rest is not; a rule-less row unmasks what it allows.
func TestFieldCases(t *testing.T) {
	published := map[string]any{"status": map[string]any{"_eq": "published"}}
	own := map[string]any{"owner": map[string]any{"_eq": "u1"}}
	perms := []auth.Permission{
		{Permissions: published, Fields: []string{"id", "title", "status"}},
		{Permissions: own, Fields: []string{"*"}},
	}
	got := auth.FieldCases(perms, []string{"id", "title", "status", "secret", "owner"})
	want := map[string]map[string]any{"secret": own, "owner": own}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	perms = append(perms, auth.Permission{Permissions: map[string]any{}, Fields: []string{"secret"}})
	got = auth.FieldCases(perms, []string{"secret", "owner"})
	want = map[string]map[string]any{"owner": own}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("with a rule-less row: got %v, want %v", got, want)
	}
}
