package authroutes

import (
	"bytes"
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/auth"
	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/mail"
	shimerrors "github.com/dxhost/dxhost/shim/errors"
	"github.com/dxhost/dxhost/shim/exchange"
	"github.com/dxhost/dxhost/shim/server"
)

// Options wire the routes to the rest of dxhost.
type Options struct {
	Env *env.Env // required
	// Items returns an ItemsService of collection acting as acc (schema, emitter and authorizer
	// wired in); GET /users/me reads through it. nil = /users/me is not registered.
	Items func(c *gin.Context, collection string, acc map[string]any) (*items.Service, error)
	// Mailer sends the password reset e-mail; nil = services/mail over the EMAIL_* settings.
	Mailer auth.Mailer
}

// Register adds Directus's auth routes: POST /auth/login, /auth/refresh, /auth/logout, GET /auth,
// POST /shares/auth, GET /shares/info/:pk, GET /users/me, the /users/me/tfa/* set-up routes and
// POST /auth/password/request|reset. They run after the server's middleware chain, as in Directus (a bad token on
// the request is refused before login runs).
func Register(r gin.IRoutes, svc *auth.Service, opts Options) {
	h := &handlers{svc: svc, env: opts.Env, cfg: svc.Config(), items: opts.Items, mailer: opts.Mailer}
	if h.mailer == nil {
		h.mailer = mail.New(mail.ConfigFromEnv(opts.Env))
	}
	r.POST("/auth/login", h.login)
	r.POST("/auth/login/", h.login)
	r.POST("/auth/refresh", h.refresh)
	r.POST("/auth/logout", h.logout)
	r.GET("/auth", h.providers)
	r.GET("/auth/", h.providers)
	r.POST("/shares/auth", h.shareAuth)
	r.POST("/shares/auth/", h.shareAuth)
	if opts.Items != nil {
		r.GET("/users/me", h.me)
		r.GET("/shares/info/:pk", h.shareInfo)
		h.registerTFA(r)
		r.POST("/auth/password/request", h.passwordRequest)
		r.POST("/auth/password/reset", h.passwordReset)
	}
}

type handlers struct {
	svc    *auth.Service
	env    *env.Env
	cfg    auth.Config
	items  func(c *gin.Context, collection string, acc map[string]any) (*items.Service, error)
	mailer auth.Mailer
}

// requestAccountability is the default accountability the auth controllers build for the service
// (ip, userAgent, origin), independent of any token on the request.
func (h *handlers) requestAccountability(c *gin.Context) map[string]any {
	return server.AnonymousAccountability(c.Request, h.env)
}

func body(c *gin.Context) map[string]any {
	if m, ok := exchange.Get(c).Body.(map[string]any); ok {
		return m
	}
	return map[string]any{}
}

func (h *handlers) login(c *gin.Context) {
	start := time.Now()
	raw := exchange.Get(c).Body
	if raw == nil {
		raw = map[string]any{}
	}
	if reason := validateLogin(raw); reason != "" {
		h.svc.Stall(c.Request.Context(), start)
		shimerrors.Respond(c, errs.InvalidPayload(reason))
		return
	}
	b := raw.(map[string]any)
	mode := "json"
	if m, ok := b["mode"].(string); ok {
		mode = m
	}
	var otp *string
	if o, ok := b["otp"].(string); ok {
		otp = &o
	}
	res, err := h.svc.Login(c.Request.Context(), b, auth.LoginOptions{Session: mode == "session", OTP: otp}, h.requestAccountability(c))
	if err != nil {
		shimerrors.Respond(c, err)
		return
	}
	h.answerTokens(c, mode, res)
}

// answerTokens writes login/refresh's answer: {expires, refresh_token?, access_token?} and cookies.
func (h *handlers) answerTokens(c *gin.Context, mode string, res *auth.LoginResult) {
	data := ordered{{"expires", res.Expires}}
	now := time.Now()
	switch mode {
	case "json":
		data = append(data, kv{"refresh_token", res.RefreshToken}, kv{"access_token", res.AccessToken})
	case "cookie":
		setCookie(c, h.cfg.RefreshCookie, res.RefreshToken, now)
		data = append(data, kv{"access_token", res.AccessToken})
	case "session":
		setCookie(c, h.cfg.SessionCookie, res.AccessToken, now)
	}
	respond(c, http.StatusOK, ordered{{"data", data}})
}

// currentMode is getCurrentMode: body.mode, else json when a refresh_token is in the body, else cookie.
func currentMode(b map[string]any) string {
	if m := b["mode"]; env.Truthy(m) {
		if s, ok := m.(string); ok {
			return s
		}
		return "?"
	}
	if env.Truthy(b["refresh_token"]) {
		return "json"
	}
	return "cookie"
}

// currentRefreshToken is getCurrentRefreshToken.
func (h *handlers) currentRefreshToken(c *gin.Context, b map[string]any, mode string) (string, error) {
	switch mode {
	case "json":
		switch v := b["refresh_token"].(type) {
		case string:
			return v, nil
		case nil:
			return "", nil
		default:
			// A non-string never equals a stored token: INVALID_CREDENTIALS, as Directus on SQLite
			// (on PostgreSQL Directus fails the varchar = integer comparison with a 500).
			return "", errs.InvalidCredentials()
		}
	case "cookie":
		return exchange.Get(c).Cookies[h.cfg.RefreshCookie.Name], nil
	case "session":
		return h.svc.RefreshTokenFromSessionJWT(exchange.Get(c).Cookies[h.cfg.SessionCookie.Name])
	}
	return "", nil
}

var errNoRefreshToken = errs.InvalidPayload("The refresh token is required in either the payload or cookie")

func (h *handlers) refresh(c *gin.Context) {
	b := body(c)
	mode := currentMode(b)
	token, err := h.currentRefreshToken(c, b, mode)
	if err != nil {
		shimerrors.Respond(c, err)
		return
	}
	if token == "" {
		shimerrors.Respond(c, errNoRefreshToken)
		return
	}
	res, err := h.svc.Refresh(c.Request.Context(), token, mode == "session", h.requestAccountability(c))
	if err != nil {
		shimerrors.Respond(c, err)
		return
	}
	h.answerTokens(c, mode, res)
}

func (h *handlers) logout(c *gin.Context) {
	b := body(c)
	token, err := h.currentRefreshToken(c, b, currentMode(b))
	if err != nil {
		shimerrors.Respond(c, err)
		return
	}
	if token == "" {
		shimerrors.Respond(c, errNoRefreshToken)
		return
	}
	if err := h.svc.Logout(c.Request.Context(), token, h.requestAccountability(c)); err != nil {
		shimerrors.Respond(c, err)
		return
	}
	cookies := exchange.Get(c).Cookies
	if cookies[h.cfg.RefreshCookie.Name] != "" {
		clearCookie(c, h.cfg.RefreshCookie)
	}
	if cookies[h.cfg.SessionCookie.Name] != "" {
		clearCookie(c, h.cfg.SessionCookie)
	}
	respondNoContent(c)
}

// providers is GET /auth. dxhost has no SSO drivers and no licence: Directus without an SSO
// entitlement answers an empty list and disableDefault false, which is what this gives.
func (h *handlers) providers(c *gin.Context) {
	respond(c, http.StatusOK, ordered{{"data", []any{}}, {"disableDefault", false}})
}

// me is GET /users/me: the share for share sessions, INVALID_CREDENTIALS without a user, the
// user read through UsersService with the caller's permissions ({id} when that is forbidden).
func (h *handlers) me(c *gin.Context) {
	acc := exchange.Get(c).Accountability
	if share, ok := acc["share"]; ok && env.Truthy(share) {
		respond(c, http.StatusOK, ordered{{"data", ordered{{"share", share}}}})
		return
	}
	user := acc["user"]
	if !env.Truthy(user) {
		shimerrors.Respond(c, errs.InvalidCredentials())
		return
	}
	svc, err := h.items(c, "directus_users", acc)
	if err != nil {
		shimerrors.Respond(c, err)
		return
	}
	q, err := items.FromSanitized(server.SanitizedQuery(c))
	if err != nil {
		shimerrors.Respond(c, err)
		return
	}
	item, err := svc.ReadOne(c.Request.Context(), user, q, items.ReadOptions{})
	if err != nil {
		if errs.Is(err, errs.CodeForbidden) {
			respond(c, http.StatusOK, ordered{{"data", ordered{{"id", user}}}})
			return
		}
		shimerrors.Respond(c, err)
		return
	}
	respond(c, http.StatusOK, ordered{{"data", item}})
}

// respond is Directus's respond middleware for a JSON payload: no-cache headers, then res.json.
func respond(c *gin.Context, status int, payload any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(payload); err != nil {
		shimerrors.Respond(c, errs.Internal(err))
		return
	}
	out := bytes.TrimRight(buf.Bytes(), "\n")
	h := c.Writer.Header()
	h.Set("Cache-Control", "no-cache")
	h.Set("Vary", "Origin, Cache-Control")
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("ETag", shimerrors.WeakETag(out))
	c.Status(status)
	_, _ = c.Writer.Write(out)
	c.Abort()
}

// respondNoContent is respond with no payload: 204.
func respondNoContent(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Cache-Control", "no-cache")
	h.Set("Vary", "Origin, Cache-Control")
	c.Status(http.StatusNoContent)
	c.Writer.WriteHeaderNow()
	c.Abort()
}

// ordered is a JSON object with a fixed key order (JSON.stringify keeps insertion order).
type ordered []kv

type kv struct {
	k string
	v any
}

func (o ordered) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, p := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, _ := json.Marshal(p.k)
		buf.Write(k)
		buf.WriteByte(':')
		var vb bytes.Buffer
		enc := json.NewEncoder(&vb)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(p.v); err != nil {
			return nil, err
		}
		buf.Write(bytes.TrimRight(vb.Bytes(), "\n"))
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}
