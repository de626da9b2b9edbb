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
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/schema"
)

// TestShareTokensInterop checks share logins both ways against a live Directus 12.4.1 sharing the
// database (record-shares.mjs's peer, with the whoami extension): a share token and refresh token
// dxhost issues are accepted by Directus and read what Directus's own share token reads; a share
// token Directus issues is accepted by dxhost and reads the same items. It runs only when
// DXHOST_PEER_URL and DXHOST_PEER_DB (the peer's SQLite file) are set, e.g.
//
//	DXHOST_PEER_URL=http://127.0.0.1:18062 DXHOST_PEER_DB=/tmp/peer-shares/data/directus.db go test -run Interop ./services/auth
func TestShareTokensInterop(t *testing.T) {
	url, file := os.Getenv("DXHOST_PEER_URL"), os.Getenv("DXHOST_PEER_DB")
	if url == "" || file == "" {
		t.Skip("!!! DXHOST_PEER_URL / DXHOST_PEER_DB not set: the live Directus share interop check is skipped")
	}
	rec := authtest.LoadSharesRecording(t)
	ctx := context.Background()
	d, err := db.Open(ctx, map[string]any{"DB_CLIENT": "sqlite3", "DB_FILENAME": file})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var share string
	if err := d.QueryRowxContext(ctx, `SELECT id FROM directus_shares WHERE name = 'role'`).Scan(&share); err != nil {
		t.Fatalf("the peer has no share named role (run record-shares.mjs on it first): %v", err)
	}
	svc := auth.New(d, authtest.Config(rec.Secret), nil)
	call := func(method, path, token, body string) (int, string) {
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
	const readPath = "/items/articles?sort=id&fields=*,author.*"

	// Directus's own share token: what it reads there is what both tokens must read everywhere.
	status, body := call("POST", "/shares/auth", "", `{"share":"`+share+`"}`)
	if status != 200 {
		t.Fatalf("Directus share login: %d %s", status, body)
	}
	var login struct {
		Data struct {
			AccessToken string `json:"access_token"`
		}
	}
	_ = json.Unmarshal([]byte(body), &login)
	directusToken := login.Data.AccessToken
	status, want := call("GET", readPath, directusToken, "")
	if status != 200 {
		t.Fatalf("Directus reading with its share token: %d %s", status, want)
	}

	// dxhost → Directus.
	acc := auth.DefaultAccountability("127.0.0.1")
	acc["userAgent"] = "dxhost-recorder"
	res, err := svc.ShareLogin(ctx, share, nil, false, acc)
	if err != nil {
		t.Fatal(err)
	}
	if status, got := call("GET", readPath, res.AccessToken, ""); status != 200 || got != want {
		t.Errorf("Directus on dxhost's share token: %d %s, want %s", status, got, want)
	}
	if status, got := call("GET", "/whoami", res.AccessToken, ""); status != 200 || !strings.Contains(got, `"share":"`+share+`"`) {
		t.Errorf("Directus's accountability for dxhost's share token: %d %s", status, got)
	}
	if status, got := call("POST", "/auth/refresh", "", `{"refresh_token":"`+res.RefreshToken+`"}`); status != 200 || !strings.Contains(got, `"refresh_token"`) {
		t.Errorf("Directus on dxhost's share refresh token: %d %s", status, got)
	}
	session, err := svc.ShareLogin(ctx, share, nil, true, acc)
	if err != nil {
		t.Fatal(err)
	}
	if status, got := call("GET", "/whoami", session.AccessToken, ""); status != 200 || !strings.Contains(got, `"session":"`+session.RefreshToken+`"`) {
		t.Errorf("Directus on dxhost's session-mode share token: %d %s", status, got)
	}

	// Directus → dxhost.
	base := auth.DefaultAccountability("127.0.0.1")
	shareAcc, err := svc.Accountability(ctx, directusToken, base)
	if err != nil || shareAcc["share"] != share {
		t.Fatalf("dxhost on Directus's share token: %v %v", shareAcc, err)
	}
	sch, err := schema.Build(ctx, d, d.Client, schema.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	authz := &auth.Authorizer{Auth: svc, Schema: func(context.Context) (*schema.Overview, error) { return sch, nil }}
	list, err := items.New("articles", items.Options{Schema: sch, DB: d, Accountability: shareAcc, Authorizer: authz}).
		ReadByQuery(ctx, &items.Query{Fields: []string{"*", "author.*"}, Sort: []string{"id"}}, items.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := json.Marshal(map[string]any{"data": list})
	if string(got) != want {
		t.Errorf("dxhost reading with Directus's share token: %s, want %s", got, want)
	}
	resp, err := http.Post(url+"/shares/auth", "application/json", strings.NewReader(`{"share":"`+share+`","mode":"session"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var cookie string
	for _, c := range resp.Cookies() {
		if c.Name == "directus_session_token" {
			cookie = c.Value
		}
	}
	sessionAcc, err := svc.Accountability(ctx, cookie, auth.DefaultAccountability("127.0.0.1"))
	if err != nil || sessionAcc["share"] != share || sessionAcc["session"] == nil {
		t.Errorf("dxhost on Directus's session-mode share token: %v %v", sessionAcc, err)
	}
}
