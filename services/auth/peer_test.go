package auth_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/dxhost/dxhost/services/auth"
	"github.com/dxhost/dxhost/services/auth/authtest"
	"github.com/dxhost/dxhost/services/db"
)

// TestTokensAcceptedByDirectus is the reverse interop check against a live Directus 12.4.1 sharing
// the database (testdata/record.mjs's peer, with the whoami extension): an access token and a
// refresh token dxhost issues are accepted by Directus. It runs only when DXHOST_PEER_URL and
// DXHOST_PEER_DB (the peer's SQLite file) are set, e.g.
//
//	DXHOST_PEER_URL=http://127.0.0.1:18056 DXHOST_PEER_DB=/tmp/peer-auth/data/directus.db go test -run Directus ./services/auth
func TestTokensAcceptedByDirectus(t *testing.T) {
	url, file := os.Getenv("DXHOST_PEER_URL"), os.Getenv("DXHOST_PEER_DB")
	if url == "" || file == "" {
		t.Skip("!!! DXHOST_PEER_URL / DXHOST_PEER_DB not set: the live Directus interop check is skipped")
	}
	rec := authtest.LoadRecording(t)
	ctx := context.Background()
	d, err := db.Open(ctx, map[string]any{"DB_CLIENT": "sqlite3", "DB_FILENAME": file})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	svc := auth.New(d, authtest.Config(rec.Secret), nil)
	acc := auth.DefaultAccountability("127.0.0.1")
	res, err := svc.Login(ctx, map[string]any{"email": "junior@example.com", "password": "pw-junior"}, auth.LoginOptions{}, acc)
	if err != nil {
		t.Fatal(err)
	}
	get := func(method, path, token, body string) (int, string) {
		req, _ := http.NewRequest(method, url+path, strings.NewReader(body))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		req.Header.Set("User-Agent", "dxhost-recorder")
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	status, body := get("GET", "/whoami", res.AccessToken, "")
	var got, want map[string]any
	_ = json.Unmarshal([]byte(body), &got)
	_ = json.Unmarshal(rec.Whoami["junior"].Body, &want)
	if status != 200 || !jsonEqual(got, want) {
		t.Fatalf("Directus on our JWT: %d %s, want %s", status, body, rec.Whoami["junior"].Body)
	}
	status, body = get("POST", "/auth/refresh", "", `{"refresh_token":"`+res.RefreshToken+`"}`)
	if status != 200 || !strings.Contains(body, `"refresh_token"`) {
		t.Fatalf("Directus on our refresh token: %d %s", status, body)
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}
