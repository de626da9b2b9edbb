package auth_test

import (
	"context"
	"testing"

	"github.com/dxhost/dxhost/services/auth"
	"github.com/dxhost/dxhost/services/auth/authtest"
	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/items"
)

type recordingHooks struct {
	filters []string
	actions []map[string]any
}

func (h *recordingHooks) EmitFilter(_ context.Context, events []string, payload any, meta map[string]any, evctx any) (any, error) {
	h.filters = append(h.filters, events[0])
	if _, ok := evctx.(*items.EventContext); !ok {
		return nil, nil
	}
	if events[0] == "auth.jwt" {
		claims := payload.(map[string]any)
		claims["tenant"] = "t1" // an extension adding a claim
		return claims, nil
	}
	return payload, nil
}

func (h *recordingHooks) EmitAction(events []string, meta map[string]any, _ any) {
	h.actions = append(h.actions, meta)
}

// TestLoginHooks: auth.login filter then auth.jwt filter (whose extra claims reach the token),
// auth.login action with status success / fail (spec 13 §4, §6.1).
func TestLoginHooks(t *testing.T) {
	rec := authtest.LoadRecording(t)
	svc := auth.New(authtest.SeededDB(t, db.ClientSQLite, rec), authtest.Config(rec.Secret), nil)
	hooks := &recordingHooks{}
	svc.Hooks = hooks
	ctx := context.Background()
	res, err := svc.Login(ctx, map[string]any{"email": "norole@example.com", "password": "pw-norole"}, auth.LoginOptions{}, auth.DefaultAccountability("127.0.0.1"))
	if err != nil {
		t.Fatal(err)
	}
	claims, err := auth.VerifyAccessJWT(res.AccessToken, []byte(rec.Secret), svc.Now())
	if err != nil || claims["tenant"] != "t1" {
		t.Fatalf("claims %v, %v", claims, err)
	}
	if len(hooks.filters) != 2 || hooks.filters[0] != "auth.login" || hooks.filters[1] != "auth.jwt" {
		t.Fatalf("filters %v", hooks.filters)
	}
	if len(hooks.actions) != 1 || hooks.actions[0]["status"] != "success" {
		t.Fatalf("actions %v", hooks.actions)
	}
	if _, err := svc.Login(ctx, map[string]any{"email": "norole@example.com", "password": "nope"}, auth.LoginOptions{}, nil); err == nil {
		t.Fatal("wrong password accepted")
	}
	if last := hooks.actions[len(hooks.actions)-1]; last["status"] != "fail" {
		t.Fatalf("failed login action %v", last)
	}
}
