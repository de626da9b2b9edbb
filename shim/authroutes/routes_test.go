package authroutes_test

import (
	"bytes"
	"context"
	"encoding/base64"
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
	"github.com/dxhost/dxhost/services/systables/password"
	"github.com/dxhost/dxhost/shim/authroutes"
	"github.com/dxhost/dxhost/shim/exchange"
	"github.com/dxhost/dxhost/shim/server"
)

type harness struct {
	t      *testing.T
	engine *gin.Engine
	svc    *auth.Service
	db     *db.DB
}

func newHarness(t *testing.T, client string, rec *authtest.Recording) *harness {
	t.Helper()
	e, err := env.Load(env.Options{Environ: []string{"SECRET=" + rec.Secret, "LOGIN_STALL_TIME=0"}, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	d := authtest.SeededDB(t, client, rec)
	svc := auth.New(d, auth.ConfigFromEnv(e), nil)
	log := logrus.New()
	log.SetOutput(io.Discard)
	engine := server.New(server.Options{Env: e, Logger: log, Authenticate: authroutes.NewAuthenticator(svc, e, nil),
		Routes: func(r gin.IRoutes) {
			authroutes.Register(r, svc, authroutes.Options{Env: e})
			r.GET("/whoami", func(c *gin.Context) { c.JSON(200, exchange.Get(c).Accountability) })
		}})
	return &harness{t: t, engine: engine, svc: svc, db: d}
}

// cheapPasswords re-hashes every user's password with tiny argon2 costs (Verify reads the costs
// from the hash), so tests that log in many times stay fast; TestLoginMatchesDirectus keeps the
// hashes Directus made.
func (h *harness) cheapPasswords() {
	h.t.Helper()
	rows, err := h.db.QueryContext(context.Background(), `SELECT id, email FROM directus_users`)
	if err != nil {
		h.t.Fatal(err)
	}
	type user struct{ id, email string }
	var users []user
	for rows.Next() {
		var u user
		if err := rows.Scan(&u.id, &u.email); err != nil {
			h.t.Fatal(err)
		}
		users = append(users, u)
	}
	rows.Close()
	for _, u := range users {
		hash, err := password.HashWith("pw-"+strings.Split(u.email, "@")[0], password.Options{MemoryCost: 64, TimeCost: 1, Parallelism: 1, HashLength: 32, Type: password.TypeArgon2id})
		if err != nil {
			h.t.Fatal(err)
		}
		if _, err := h.db.ExecContext(context.Background(), h.db.Rebind(`UPDATE directus_users SET password = ? WHERE id = ?`), hash, u.id); err != nil {
			h.t.Fatal(err)
		}
	}
}

type answer struct {
	status  int
	body    string
	cookies []string
}

func (h *harness) do(method, path string, body any, header map[string]string) answer {
	h.t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = strings.NewReader(string(b))
	}
	req := httptest.NewRequest(method, path, r)
	req.RemoteAddr = "127.0.0.1:5000"
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.engine.ServeHTTP(w, req)
	return answer{status: w.Code, body: w.Body.String(), cookies: w.Result().Header.Values("Set-Cookie")}
}

var (
	tokenValue  = regexp.MustCompile(`(=|":")[A-Za-z0-9_-]{64}|eyJ[A-Za-z0-9_.-]+`)
	expiresDate = regexp.MustCompile(`Expires=[^;]+`)
)

// shape blanks tokens and dates: what must then be equal is the structure, key order and attributes.
func shape(s string) string {
	return expiresDate.ReplaceAllString(tokenValue.ReplaceAllString(s, "${1}<token>"), "Expires=<date>")
}

// TestLoginMatchesDirectus replays every recorded POST /auth/login: refusals must be byte-equal,
// successes equal in shape (key order, cookies and their attributes) and their JWTs must carry
// Directus's claims in Directus's order.
func TestLoginMatchesDirectus(t *testing.T) {
	rec := authtest.LoadRecording(t)
	h := newHarness(t, db.ClientSQLite, rec)
	for _, l := range rec.Login {
		t.Run(l.Label, func(t *testing.T) {
			got := h.do("POST", "/auth/login", l.Request, nil)
			if got.status != l.Status {
				t.Fatalf("status %d %s, want %d %s", got.status, got.body, l.Status, l.Body)
			}
			if shape(got.body) != shape(compact(l.Body)) {
				t.Fatalf("body\n got %s\nwant %s", got.body, l.Body)
			}
			if len(got.cookies) != len(l.SetCookie) {
				t.Fatalf("cookies %q, want %q", got.cookies, l.SetCookie)
			}
			for i := range got.cookies {
				if shape(got.cookies[i]) != shape(l.SetCookie[i]) {
					t.Fatalf("cookie\n got %s\nwant %s", got.cookies[i], l.SetCookie[i])
				}
			}
			if l.Status == 200 {
				if g, w := claimKeys(t, firstJWT(got.body+strings.Join(got.cookies, ""))), claimKeys(t, firstJWT(string(l.Body)+strings.Join(l.SetCookie, ""))); g != w {
					t.Fatalf("claims %s, want %s", g, w)
				}
			}
		})
	}
}

var jwtPattern = regexp.MustCompile(`eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+`)

func firstJWT(s string) string { return jwtPattern.FindString(s) }

// claimKeys is the payload with values blanked except booleans and nulls.
func claimKeys(t *testing.T, token string) string {
	t.Helper()
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT: %q", token)
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	return regexp.MustCompile(`:("[^"]*"|\d+)`).ReplaceAllString(string(payload), ":_")
}

func accessToken(t *testing.T, body string) (access, refresh string) {
	t.Helper()
	var b struct {
		Data struct {
			AccessToken  string `json:"access_token"`
			RefreshToken string `json:"refresh_token"`
		}
	}
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		t.Fatal(err)
	}
	return b.Data.AccessToken, b.Data.RefreshToken
}

func cookieValue(cookies []string, name string) string {
	for _, c := range cookies {
		if strings.HasPrefix(c, name+"=") {
			return strings.SplitN(strings.TrimPrefix(c, name+"="), ";", 2)[0]
		}
	}
	return ""
}

// TestSessionsLifecycle: tokens dxhost issues authenticate as the recorded Directus
// accountability; refresh rotates (the old refresh token is refused); logout ends the session.
func TestSessionsLifecycle(t *testing.T) {
	rec := authtest.LoadRecording(t)
	for _, client := range []string{db.ClientSQLite, db.ClientPostgres, db.ClientMySQL} {
		t.Run(client, func(t *testing.T) {
			h := newHarness(t, client, rec)
			h.cheapPasswords()
			login := h.do("POST", "/auth/login", map[string]any{"email": "junior@example.com", "password": "pw-junior"}, nil)
			if login.status != 200 {
				t.Fatalf("login: %d %s", login.status, login.body)
			}
			access, refresh := accessToken(t, login.body)
			who := h.do("GET", "/whoami", nil, map[string]string{"Authorization": "Bearer " + access, "User-Agent": "dxhost-recorder"})
			if who.status != 200 || !sameJSON(who.body, string(rec.Whoami["junior"].Body)) {
				t.Fatalf("whoami with our JWT: %d %s, want %s", who.status, who.body, rec.Whoami["junior"].Body)
			}
			r1 := h.do("POST", "/auth/refresh", map[string]any{"refresh_token": refresh}, nil)
			if r1.status != 200 {
				t.Fatalf("refresh: %d %s", r1.status, r1.body)
			}
			_, refresh2 := accessToken(t, r1.body)
			if refresh2 == refresh || len(refresh2) != 64 {
				t.Fatalf("refresh token not rotated: %q", refresh2)
			}
			reuse := h.do("POST", "/auth/refresh", map[string]any{"refresh_token": refresh}, nil)
			if reuse.status != 401 || !strings.Contains(reuse.body, "INVALID_CREDENTIALS") {
				t.Fatalf("reusing the old refresh token: %d %s", reuse.status, reuse.body)
			}
			out := h.do("POST", "/auth/logout", map[string]any{"refresh_token": refresh2}, nil)
			if out.status != 204 || out.body != "" {
				t.Fatalf("logout: %d %q", out.status, out.body)
			}
			after := h.do("POST", "/auth/refresh", map[string]any{"refresh_token": refresh2}, nil)
			if after.status != 401 {
				t.Fatalf("refresh after logout: %d %s", after.status, after.body)
			}
			none := h.do("POST", "/auth/refresh", map[string]any{}, nil)
			if none.status != 400 || !strings.Contains(none.body, "The refresh token is required in either the payload or cookie") {
				t.Fatalf("refresh without token: %d %s", none.status, none.body)
			}

			// Cookie mode: the refresh cookie rotates.
			cl := h.do("POST", "/auth/login", map[string]any{"email": "junior@example.com", "password": "pw-junior", "mode": "cookie"}, nil)
			rc := cookieValue(cl.cookies, "directus_refresh_token")
			cr := h.do("POST", "/auth/refresh", nil, map[string]string{"Cookie": "directus_refresh_token=" + rc})
			if cr.status != 200 || cookieValue(cr.cookies, "directus_refresh_token") == rc || cookieValue(cr.cookies, "directus_refresh_token") == "" {
				t.Fatalf("cookie refresh: %d %s %q", cr.status, cr.body, cr.cookies)
			}

			// Session mode: the session JWT authenticates from the cookie; refresh issues a new one and
			// the old one keeps working during the grace period.
			sl := h.do("POST", "/auth/login", map[string]any{"email": "junior@example.com", "password": "pw-junior", "mode": "session"}, nil)
			sc := cookieValue(sl.cookies, "directus_session_token")
			sw := h.do("GET", "/whoami", nil, map[string]string{"Cookie": "directus_session_token=" + sc})
			if sw.status != 200 || !strings.Contains(sw.body, `"session":`) {
				t.Fatalf("session cookie: %d %s", sw.status, sw.body)
			}
			sr := h.do("POST", "/auth/refresh", map[string]any{"mode": "session"}, map[string]string{"Cookie": "directus_session_token=" + sc})
			sc2 := cookieValue(sr.cookies, "directus_session_token")
			if sr.status != 200 || sc2 == "" || sc2 == sc || sr.body != `{"data":{"expires":86400000}}` {
				t.Fatalf("session refresh: %d %s %q", sr.status, sr.body, sr.cookies)
			}
			for _, tok := range []string{sc, sc2} {
				if w := h.do("GET", "/whoami", nil, map[string]string{"Cookie": "directus_session_token=" + tok}); w.status != 200 {
					t.Fatalf("session token after refresh: %d %s", w.status, w.body)
				}
			}
			// Logging out in session mode ends the new session; its JWT is then refused and cleared.
			lo := h.do("POST", "/auth/logout", map[string]any{"mode": "session"}, map[string]string{"Cookie": "directus_session_token=" + sc2})
			if lo.status != 204 || len(lo.cookies) != 1 {
				t.Fatalf("session logout: %d %s %q", lo.status, lo.body, lo.cookies)
			}
			gone := h.do("GET", "/whoami", nil, map[string]string{"Cookie": "directus_session_token=" + sc2})
			if gone.status != 401 || len(gone.cookies) != 1 || !strings.HasPrefix(gone.cookies[0], "directus_session_token=; Max-Age=86400; Path=/; Expires=") {
				t.Fatalf("ended session: %d %s %q", gone.status, gone.body, gone.cookies)
			}
		})
	}
}

// TestRefreshTokenFromDirectus: a refresh token Directus issued (its session row in the same
// database) is accepted by dxhost and rotated.
func TestRefreshTokenFromDirectus(t *testing.T) {
	rec := authtest.LoadRecording(t)
	h := newHarness(t, db.ClientSQLite, rec)
	var recorded string
	var iat time.Time
	for _, l := range rec.Login {
		if l.Label == "json" {
			access, refresh := accessToken(t, string(l.Body))
			recorded = refresh
			claims, _ := base64.RawURLEncoding.DecodeString(strings.Split(access, ".")[1])
			var c struct{ Iat int64 }
			_ = json.Unmarshal(claims, &c)
			iat = time.Unix(c.Iat, 0)
		}
	}
	h.svc.SetClock(func() time.Time { return iat.Add(time.Minute) })
	got := h.do("POST", "/auth/refresh", map[string]any{"refresh_token": recorded}, nil)
	if got.status != 200 || shape(got.body) != `{"data":{"expires":900000,"refresh_token":"<token>","access_token":"<token>"}}` {
		t.Fatalf("refresh with Directus's token: %d %s", got.status, got.body)
	}
}

// TestAttackAnswers: tokens in two places, a forged JWT, a disabled user's token, SQL in the
// login e-mail — each answered as the recording / spec 13 says Directus answers.
func TestAttackAnswers(t *testing.T) {
	rec := authtest.LoadRecording(t)
	h := newHarness(t, db.ClientSQLite, rec)
	cases := []struct {
		name   string
		method string
		path   string
		header map[string]string
		status int
		body   string
	}{
		{"query and header", "GET", "/whoami?access_token=tok-junior", map[string]string{"Authorization": "Bearer tok-junior"}, 400,
			`{"errors":[{"message":"Invalid payload. The request uses more than one method for including an access token.","extensions":{"reason":"The request uses more than one method for including an access token","code":"INVALID_PAYLOAD"}}]}`},
		{"forged JWT", "GET", "/whoami", map[string]string{"Authorization": "Bearer " + forge(firstJWT(string(rec.Login[0].Body)))}, 403,
			`{"errors":[{"message":"Invalid token.","extensions":{"code":"INVALID_TOKEN"}}]}`},
		{"suspended user's static token", "GET", "/whoami", map[string]string{"Authorization": "Bearer tok-suspended"}, 401,
			`{"errors":[{"message":"Invalid user credentials.","extensions":{"code":"INVALID_CREDENTIALS"}}]}`},
		{"static token in the query", "GET", "/whoami?access_token=tok-local", nil, 200, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := h.do(c.method, c.path, nil, c.header)
			if got.status != c.status || (c.body != "" && got.body != c.body) {
				t.Fatalf("got %d %s, want %d %s", got.status, got.body, c.status, c.body)
			}
		})
	}
}

// forge flips the payload's admin_access claim and keeps the signature.
func forge(token string) string {
	parts := strings.Split(token, ".")
	payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
	payload = []byte(strings.Replace(string(payload), `"admin_access":false`, `"admin_access":true`, 1))
	return parts[0] + "." + base64.RawURLEncoding.EncodeToString(payload) + "." + parts[2]
}

// TestLoginAttemptsSuspend: with auth_login_attempts = 2, the third attempt in a row suspends the
// user (Directus's limiter counts attempts that reach the password check; success resets it).
func TestLoginAttemptsSuspend(t *testing.T) {
	rec := authtest.LoadRecording(t)
	h := newHarness(t, db.ClientSQLite, rec)
	h.cheapPasswords()
	ctx := context.Background()
	if _, err := h.db.ExecContext(ctx, `DELETE FROM directus_settings`); err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.ExecContext(ctx, `INSERT INTO directus_settings (project_name, auth_login_attempts) VALUES ('x', 2)`); err != nil {
		t.Fatal(err)
	}
	bad := map[string]any{"email": "reader@example.com", "password": "wrong"}
	for i := 0; i < 3; i++ {
		if got := h.do("POST", "/auth/login", bad, nil); got.status != 401 {
			t.Fatalf("attempt %d: %d %s", i, got.status, got.body)
		}
	}
	var status string
	if err := h.db.QueryRowContext(context.Background(), `SELECT status FROM directus_users WHERE email = 'reader@example.com'`).Scan(&status); err != nil {
		t.Fatal(err)
	}
	if status != "suspended" {
		t.Fatalf("status %q after 3 failed attempts with a limit of 2", status)
	}
	if got := h.do("POST", "/auth/login", map[string]any{"email": "reader@example.com", "password": "pw-reader"}, nil); got.status != 401 {
		t.Fatalf("suspended user logged in: %d %s", got.status, got.body)
	}
}

func sameJSON(a, b string) bool {
	var x, y any
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return false
	}
	xa, _ := json.Marshal(x)
	ya, _ := json.Marshal(y)
	return string(xa) == string(ya)
}

func compact(raw []byte) string {
	var b strings.Builder
	var buf = new(bytes.Buffer)
	if err := json.Compact(buf, raw); err != nil {
		return string(raw)
	}
	b.Write(buf.Bytes())
	return b.String()
}

// TestRefreshOddBodies: refresh/logout bodies Directus answers with 400 or 401, never a 500.
func TestRefreshOddBodies(t *testing.T) {
	rec := authtest.LoadRecording(t)
	h := newHarness(t, db.ClientPostgres, rec)
	cases := []struct {
		path string
		body any
		want int
	}{
		{"/auth/refresh", map[string]any{"refresh_token": 123.0}, 401},
		{"/auth/refresh", map[string]any{"refresh_token": "nope"}, 401},
		{"/auth/refresh", map[string]any{"mode": "weird"}, 400},
		{"/auth/refresh", map[string]any{"mode": "session"}, 400},
		{"/auth/logout", map[string]any{}, 400},
		{"/auth/logout", map[string]any{"refresh_token": "nope"}, 204},
	}
	for _, c := range cases {
		if got := h.do("POST", c.path, c.body, nil); got.status != c.want {
			t.Errorf("%s %v: %d %s, want %d", c.path, c.body, got.status, got.body, c.want)
		}
	}
}
