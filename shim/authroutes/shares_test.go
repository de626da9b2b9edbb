package authroutes_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/auth"
	"github.com/dxhost/dxhost/services/auth/authtest"
	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/schema"
	"github.com/dxhost/dxhost/services/systables/password"
	"github.com/dxhost/dxhost/shim/authroutes"
	"github.com/dxhost/dxhost/shim/exchange"
	"github.com/dxhost/dxhost/shim/rest"
	"github.com/dxhost/dxhost/shim/server"
)

// sharesStack is dxhost's whole chain (server, rest routes with the Authorizer, auth routes and a
// /whoami route answering req.accountability) over a database holding the recording's rows.
type sharesStack struct {
	engine *gin.Engine
	db     *db.DB
	svc    *auth.Service
	schema *schema.Provider
}

func newSharesStack(t *testing.T, client string, rec *authtest.SharesRecording) *sharesStack {
	t.Helper()
	d := authtest.BootstrapForRecording(t, client)
	for _, table := range authtest.SystemTables {
		if table != "directus_shares" { // after the setup: it references directus_collections
			authtest.InsertRows(t, d, table, rec.Tables[table])
		}
	}
	s := newAuthStack(t, d, []string{"SECRET=" + rec.Secret})
	for _, call := range rec.Setup {
		b, _ := json.Marshal(call.Body)
		req := httptest.NewRequest(call.Method, call.Path, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer admin-static-token")
		w := httptest.NewRecorder()
		s.engine.ServeHTTP(w, req)
		if w.Code >= 300 {
			t.Fatalf("setup %s %s: %d %s", call.Method, call.Path, w.Code, w.Body.String())
		}
	}
	s.schema.Invalidate()
	for _, table := range []string{"directus_shares", "authors", "articles", "comments", "notes"} {
		authtest.InsertRows(t, d, table, rec.Tables[table])
	}
	// Directus's argon2 costs take ~0.5 s a check on a busy machine (seconds under -race): users and
	// the share get cheap hashes of the same passwords (Verify reads the costs from the hash).
	// Hashes node-argon2 made are checked by TestLoginMatchesDirectus and the interop test.
	for _, u := range rec.Tables["directus_users"] {
		if email, _ := u["email"].(string); strings.HasSuffix(email, "@example.com") && email != "admin@example.com" {
			cheapPassword(t, d, "directus_users", "email = '"+email+"'", "pw-"+strings.TrimSuffix(email, "@example.com"))
		}
	}
	cheapPassword(t, d, "directus_shares", "password IS NOT NULL", "share-pw")
	return s
}

// newAuthStack is dxhost's whole chain over d: server, rest routes with the Authorizer, auth routes
// (the reset stall off) and a /whoami route answering req.accountability.
func newAuthStack(t *testing.T, d *db.DB, environ []string) *sharesStack {
	t.Helper()
	e, err := env.Load(env.Options{Environ: append([]string{"LOGIN_STALL_TIME=0"}, environ...), Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	cfg := auth.ConfigFromEnv(e)
	cfg.PasswordResetStall = 0
	svc := auth.New(d, cfg, nil)
	provider := schema.NewProvider(d, d.Client, true, schema.BuildOptions{})
	authz := &auth.Authorizer{Auth: svc, Schema: provider.Get}
	log := logrus.New()
	log.SetOutput(io.Discard)
	restRoutes := rest.Routes(rest.Deps{DB: d, Schema: provider, Env: e, Authorizer: authz, Logger: logrus.NewEntry(log)})
	engine := server.New(server.Options{Env: e, Logger: log, Authenticate: authroutes.NewAuthenticator(svc, e, nil),
		Routes: func(r gin.IRoutes) {
			restRoutes(r)
			authroutes.Register(r, svc, authroutes.Options{Env: e, Items: func(c *gin.Context, collection string, acc map[string]any) (*items.Service, error) {
				sch, err := provider.Get(c.Request.Context())
				if err != nil {
					return nil, err
				}
				return items.New(collection, items.Options{Schema: sch, DB: d, Accountability: acc, Authorizer: authz}), nil
			}})
			r.GET("/whoami", func(c *gin.Context) { c.JSON(200, exchange.Get(c).Accountability) })
		}})
	return &sharesStack{engine: engine, db: d, svc: svc, schema: provider}
}

// cheapPassword re-hashes plain with tiny argon2 costs in the rows of table matching where.
func cheapPassword(t *testing.T, d *db.DB, table, where, plain string) {
	t.Helper()
	hash, err := password.HashWith(plain, password.Options{MemoryCost: 64, TimeCost: 1, Parallelism: 1, HashLength: 32, Type: password.TypeArgon2id})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.ExecContext(context.Background(), d.Rebind(`UPDATE `+table+` SET password = ? WHERE `+where), hash); err != nil {
		t.Fatal(err)
	}
}

// sharesKnownGaps are recorded answers dxhost does not give yet, and why (none today; the test
// fails when an entry starts matching, so the list only shrinks).
var sharesKnownGaps = map[string]string{}

// sqliteOnly are recorded answers that hold for SQLite only (the recording's database).
var sqliteOnly = map[string]string{
	"info window":          "Directus formats timestamps per database (no Z on SQLite); also TIMESTAMP ends in 2038 on MySQL",
	"info upper-case uuid": "PostgreSQL's uuid type and MySQL's case-insensitive collation find an upper-case id; SQLite does not",
}

type savedTokens struct{ access, refresh, secret string }

var (
	tfaSecret   = regexp.MustCompile(`("secret":"|secret=)[A-Z2-7]{16}`)
	credPattern = regexp.MustCompile(`^\$(refresh|secret|otp):(.+)$`)
)

// TestSharesAndTFAMatchDirectus replays record-shares.mjs's exchanges in order, on SQLite,
// PostgreSQL and MariaDB: share logins, what share tokens are and may read, /shares/info and the
// TFA set-up. Tokens and TFA secrets are random on both sides, so they are compared by shape (and
// JWTs by their claims); everything else must be byte-equal.
func TestSharesAndTFAMatchDirectus(t *testing.T) {
	rec := authtest.LoadSharesRecording(t)
	for _, client := range []string{db.ClientSQLite, db.ClientPostgres, db.ClientMySQL} {
		t.Run(client, func(t *testing.T) {
			s := newSharesStack(t, client, rec)
			saved := map[string]*savedTokens{}
			compared, gaps := 0, 0
			for _, x := range rec.Exchanges {
				got := s.replay(t, x, saved)
				compared++
				want := shape(tfaSecret.ReplaceAllString(compact(x.Body), "${1}<secret>"))
				gotBody := shape(tfaSecret.ReplaceAllString(got.body, "${1}<secret>"))
				if got.status == 204 && got.body == "" {
					gotBody = "null" // the recorder keeps an empty body as null
				}
				if x.Path == "/whoami" && sameJSON(gotBody, want) {
					gotBody = want // the test's /whoami is gin's c.JSON (sorted keys), not dxhost's output
				}
				if reason, only := sqliteOnly[x.Name]; only && client != db.ClientSQLite {
					t.Logf("%s: not compared on %s: %s", x.Name, client, reason)
					continue
				}
				if reason, gap := sharesKnownGaps[x.Name]; gap {
					if got.status == x.Status && gotBody == want {
						t.Errorf("%s: matches Directus now; remove it from sharesKnownGaps", x.Name)
					}
					t.Logf("known gap, %s: %s (dxhost: %d %s)", x.Name, reason, got.status, got.body)
					gaps++
					continue
				}
				if got.status != x.Status || gotBody != want {
					t.Errorf("%s: got %d %s\nwant %d %s", x.Name, got.status, got.body, x.Status, compact(x.Body))
					continue
				}
				if len(got.cookies) != len(x.SetCookie) {
					t.Errorf("%s: cookies %q, want %q", x.Name, got.cookies, x.SetCookie)
				}
				for i := range got.cookies {
					if i < len(x.SetCookie) && shape(got.cookies[i]) != shape(x.SetCookie[i]) {
						t.Errorf("%s: cookie\n got %s\nwant %s", x.Name, got.cookies[i], x.SetCookie[i])
					}
				}
				if w := firstJWT(string(x.Body) + strings.Join(x.SetCookie, "")); w != "" {
					if g, w := claimKeys(t, firstJWT(got.body+strings.Join(got.cookies, ""))), claimKeys(t, w); g != w {
						t.Errorf("%s: claims %s, want %s", x.Name, g, w)
					}
				}
			}
			t.Logf("%d recorded exchanges compared, %d of them known gaps", compared, gaps)
			for _, row := range rec.After["directus_shares"] {
				var used any
				if err := s.db.QueryRowxContext(context.Background(), s.db.Rebind(`SELECT times_used FROM directus_shares WHERE id = ?`), row["id"]).Scan(&used); err != nil {
					t.Fatal(err)
				}
				if mustJSON(t, used) != mustJSON(t, row["times_used"]) {
					t.Errorf("share %v: times_used %v, Directus %v", row["id"], used, row["times_used"])
				}
			}
		})
	}
}

func (s *sharesStack) replay(t *testing.T, x authtest.Exchange, saved map[string]*savedTokens) answer {
	t.Helper()
	var body io.Reader
	if len(x.Request) > 0 && string(x.Request) != "null" {
		var v any
		if err := json.Unmarshal(x.Request, &v); err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(expandCreds(t, v, saved))
		body = bytes.NewReader(b)
	}
	req := httptest.NewRequest(x.Method, x.Path, body)
	req.RemoteAddr = "127.0.0.1:5000"
	req.Header.Set("User-Agent", "dxhost-recorder")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if x.Bearer != "" {
		token := strings.TrimPrefix(x.Bearer, "static:")
		if token == x.Bearer {
			token = saved[x.Bearer].access
		}
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if x.Cookie != "" {
		req.Header.Set("Cookie", "directus_session_token="+saved[x.Cookie].access)
	}
	w := httptest.NewRecorder()
	s.engine.ServeHTTP(w, req)
	got := answer{status: w.Code, body: w.Body.String(), cookies: w.Result().Header.Values("Set-Cookie")}
	if x.Save != "" && got.status == 200 {
		access, refresh := accessToken(t, got.body)
		if access == "" {
			access = cookieValue(got.cookies, "directus_session_token")
		}
		if refresh == "" {
			refresh = cookieValue(got.cookies, "directus_refresh_token")
		}
		saved[x.Save] = &savedTokens{access: access, refresh: refresh}
	}
	if x.SaveSecret != "" && got.status == 200 {
		var b struct{ Data struct{ Secret string } }
		_ = json.Unmarshal([]byte(got.body), &b)
		saved[x.SaveSecret] = &savedTokens{secret: b.Data.Secret}
	}
	return got
}

func expandCreds(t *testing.T, v any, saved map[string]*savedTokens) any {
	switch x := v.(type) {
	case string:
		m := credPattern.FindStringSubmatch(x)
		if m == nil {
			return x
		}
		tok := saved[m[2]]
		if tok == nil {
			t.Fatalf("no saved credentials %q", m[2])
		}
		switch m[1] {
		case "refresh":
			return tok.refresh
		case "secret":
			return tok.secret
		default:
			otp, _ := auth.TOTP(tok.secret, time.Now())
			return otp
		}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = expandCreds(t, e, saved)
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			out[k] = expandCreds(t, e, saved)
		}
		return out
	}
	return v
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	switch x := v.(type) {
	case int64:
		v = float64(x)
	case []byte:
		v = string(x)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
