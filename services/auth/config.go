package auth

import (
	"crypto/rand"
	"math"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/dxhost/dxhost/services/env"
)

// Config is everything auth reads from Directus's env (spec 13 §11).
type Config struct {
	Secret []byte // SECRET (random per process when unset, as Directus)

	AccessTokenTTL  any     // ACCESS_TOKEN_TTL raw value: a string goes through ms, a number is seconds (jsonwebtoken's expiresIn)
	SessionTTL      any     // SESSION_COOKIE_TTL raw value, same rules
	RefreshTokenTTL float64 // REFRESH_TOKEN_TTL in ms
	SessionGrace    float64 // SESSION_REFRESH_GRACE_PERIOD in ms
	LoginStall      float64 // LOGIN_STALL_TIME in ms
	// PasswordResetStall is requestPasswordReset's STALL_TIME (500 ms, not an env setting): every
	// answer takes as long, so it does not tell which e-mails belong to an active user.
	PasswordResetStall time.Duration

	RefreshCookie Cookie
	SessionCookie Cookie

	// LoginAttempts keeps the failed-login counters (RATE_LIMITER_STORE); nil = in memory.
	LoginAttempts Limiter
}

// Cookie is one of Directus's cookie option sets (REFRESH_COOKIE_OPTIONS / SESSION_COOKIE_OPTIONS).
type Cookie struct {
	Name     string
	Domain   string
	MaxAge   float64 // ms; NaN when the TTL is not a duration (Express then sets no Max-Age)
	Secure   bool
	SameSite http.SameSite
	sameSite string
}

// ConfigFromEnv reads Config from e.
func ConfigFromEnv(e *env.Env) Config {
	get := func(k string) any { v, _ := e.Get(k); return v }
	cfg := Config{
		AccessTokenTTL:  get("ACCESS_TOKEN_TTL"),
		SessionTTL:      get("SESSION_COOKIE_TTL"),
		RefreshTokenTTL: getMilliseconds(get("REFRESH_TOKEN_TTL"), 0),
		SessionGrace:    getMilliseconds(get("SESSION_REFRESH_GRACE_PERIOD"), 1e4),
		LoginStall:      e.Number("LOGIN_STALL_TIME", 500),

		PasswordResetStall: 500 * time.Millisecond,
	}
	if s := e.String("SECRET"); s != "" && get("SECRET") != nil {
		cfg.Secret = []byte(s)
	} else {
		cfg.Secret = []byte(processSecret())
	}
	cfg.RefreshCookie = cookieFromEnv(e, "REFRESH_TOKEN_COOKIE", get("REFRESH_TOKEN_TTL"))
	cfg.SessionCookie = cookieFromEnv(e, "SESSION_COOKIE", get("SESSION_COOKIE_TTL"))
	cfg.SessionCookie.Name = e.String("SESSION_COOKIE_NAME")
	cfg.RefreshCookie.Name = e.String("REFRESH_TOKEN_COOKIE_NAME")
	if limiter, err := LimiterFromEnv(e); err == nil {
		cfg.LoginAttempts = limiter
	}
	return cfg
}

func cookieFromEnv(e *env.Env, prefix string, ttl any) Cookie {
	c := Cookie{MaxAge: math.NaN()}
	if ms, ok := ParseMS(ttl); ok {
		c.MaxAge = ms
	}
	if v, ok := e.Get(prefix + "_DOMAIN"); ok && v != nil {
		c.Domain = env.ToJSString(v)
	}
	v, _ := e.Get(prefix + "_SECURE")
	c.Secure = env.Truthy(v)
	same, _ := e.Get(prefix + "_SAME_SITE")
	c.sameSite = "strict"
	if env.Truthy(same) {
		c.sameSite = strings.ToLower(env.ToJSString(same))
	}
	switch c.sameSite {
	case "lax":
		c.SameSite = http.SameSiteLaxMode
	case "none":
		c.SameSite = http.SameSiteNoneMode
	default:
		c.SameSite = http.SameSiteStrictMode
	}
	return c
}

const tokenAlphabet = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict"

// randomString is nanoid(n): n characters of A-Za-z0-9_- from crypto/rand (64 symbols, no bias).
func randomString(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("auth: crypto/rand failed: " + err.Error()) // the platform's CSPRNG never fails in practice
	}
	for i := range b {
		b[i] = tokenAlphabet[b[i]&63]
	}
	return string(b)
}

// processSecret is the random SECRET of a process started without one: tokens die on restart.
var processSecret = sync.OnceValue(func() string { return randomString(32) })
