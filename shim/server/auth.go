package server

import (
	"net/http"
	"sync/atomic"
	"unicode/utf16"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/shim/exchange"
)

// authentication is step 18: req.accountability from the Authenticator.
func authentication(authenticate Authenticator) gin.HandlerFunc {
	return func(c *gin.Context) {
		ex := exchange.Get(c)
		acc, err := authenticate(c, ex)
		if err != nil {
			fail(c, err)
			return
		}
		ex.Accountability = acc
	}
}

// Anonymous is the Authenticator used until token verification exists: every request gets the
// accountability Directus gives a request without a token (spec 02 §3). Tokens are extracted but not
// verified.
func Anonymous(e *env.Env) Authenticator {
	cfg := newIPConfig(e)
	return func(c *gin.Context, _ *exchange.Request) (map[string]any, error) {
		return cfg.anonymous(c.Request), nil
	}
}

// ipConfig is what the client address depends on: IP_TRUST_PROXY and IP_CUSTOM_HEADER.
type ipConfig struct {
	trust  trustFunc
	header string
}

func newIPConfig(e *env.Env) ipConfig {
	trust, _ := e.Get("IP_TRUST_PROXY")
	header := ""
	if v, _ := e.Get("IP_CUSTOM_HEADER"); env.Truthy(v) {
		header = env.ToJSString(v)
	}
	return ipConfig{trust: compileTrust(trust), header: header}
}

// anonymous is createDefaultAccountability plus the request's ip, userAgent (first 1024 characters) and
// origin, the latter two only when present and non-empty.
func (cfg ipConfig) anonymous(r *http.Request) map[string]any {
	acc := map[string]any{
		"role":  nil,
		"user":  nil,
		"roles": []any{},
		"admin": false,
		"app":   false,
		"ip":    clientIP(r, cfg.header, cfg.trust),
	}
	if ua := r.Header.Get("User-Agent"); ua != "" {
		// n UTF-8 bytes never make more than n UTF-16 units: only long values need counting.
		if len(ua) > 1024 {
			if units := utf16.Encode([]rune(ua)); len(units) > 1024 {
				ua = string(utf16.Decode(units[:1024]))
			}
		}
		acc["userAgent"] = ua
	}
	if origin := r.Header.Get("Origin"); origin != "" {
		acc["origin"] = origin
	}
	return acc
}

// AnonymousAccountability is the anonymous accountability for r under e's IP settings, for callers
// (such as the auth service) that start from it.
func AnonymousAccountability(r *http.Request, e *env.Env) map[string]any {
	return cachedIPConfig(e).anonymous(r)
}

// lastIPConfig remembers the ipConfig of the last env asked for: the process has one env, and
// compiling IP_TRUST_PROXY on every request was a measurable cost.
var lastIPConfig atomic.Pointer[struct {
	e   *env.Env
	cfg ipConfig
}]

func cachedIPConfig(e *env.Env) ipConfig {
	if last := lastIPConfig.Load(); last != nil && last.e == e {
		return last.cfg
	}
	cfg := newIPConfig(e)
	lastIPConfig.Store(&struct {
		e   *env.Env
		cfg ipConfig
	}{e, cfg})
	return cfg
}
