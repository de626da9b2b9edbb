package server

import (
	"math"
	"strings"
	"sync/atomic"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/query"
	"github.com/dxhost/dxhost/shim/exchange"
)

const parsedQueryKey = "dxhost.query"

// requestState starts the request's exchange state: the pino-http request id (a counter from 1 per
// process) and the parsed query string (Express's qs query parser with Directus's limits).
func requestState(ids *atomic.Int64, cfg *config) gin.HandlerFunc {
	return func(c *gin.Context) {
		ex := &exchange.Request{ID: ids.Add(1), Cookies: map[string]string{}, SanitizedQuery: map[string]any{}}
		exchange.Set(c, ex)
		c.Set(parsedQueryKey, query.ParseQueryString(c.Request.URL.RawQuery, cfg.qs))
	}
}

// ParsedQuery is req.query as Express gives it (qs with QUERYSTRING_MAX_PARSE_DEPTH/ARRAY_LIMIT).
func ParsedQuery(c *gin.Context) *query.Object {
	if v, ok := c.Get(parsedQueryKey); ok {
		if o, ok := v.(*query.Object); ok {
			return o
		}
	}
	return query.NewObject()
}

// defaultCSP is helmet's Content-Security-Policy with Directus's directives (spec 02 §4, verified).
var defaultCSP = []cspDirective{
	{"script-src", "'self' 'unsafe-eval'"},
	{"worker-src", "'self' blob:"},
	{"child-src", "'self' blob:"},
	{"img-src", "'self' data: blob: https://raw.githubusercontent.com https://avatars.githubusercontent.com"},
	{"media-src", "'self'"},
	{"connect-src", "'self' https://* wss://*"},
	{"default-src", "'self'"},
	{"base-uri", "'self'"},
	{"font-src", "'self' https: data:"},
	{"form-action", "'self'"},
	{"frame-ancestors", "'self'"},
	{"object-src", "'none'"},
	{"script-src-attr", "'none'"},
	{"style-src", "'self' https: 'unsafe-inline'"},
}

type cspDirective struct{ name, value string }

// contentSecurityPolicy builds the header value. CONTENT_SECURITY_POLICY_DIRECTIVES__<NAME> variables
// replace (or, when set to false, remove) one directive, as Directus merges them into helmet's options.
func contentSecurityPolicy(e *env.Env) string {
	directives := append([]cspDirective(nil), defaultCSP...)
	const prefix = "CONTENT_SECURITY_POLICY_DIRECTIVES__"
	for _, key := range e.Keys() {
		if !strings.HasPrefix(key, prefix) {
			continue
		}
		name := strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(key, prefix), "_", "-"))
		v, _ := e.Get(key)
		value := ""
		switch x := v.(type) {
		case []any:
			parts := make([]string, len(x))
			for i, p := range x {
				parts[i] = env.ToJSString(p)
			}
			value = strings.Join(parts, " ")
		case bool:
			if !x {
				value = "-"
			}
		default:
			value = env.ToJSString(v)
		}
		replaced := false
		for i := range directives {
			if directives[i].name == name {
				directives[i].value = value
				replaced = true
			}
		}
		if !replaced {
			directives = append(directives, cspDirective{name, value})
		}
	}
	parts := make([]string, 0, len(directives))
	for _, d := range directives {
		if d.value == "-" {
			continue
		}
		if d.value == "" {
			parts = append(parts, d.name)
			continue
		}
		parts = append(parts, d.name+" "+d.value)
	}
	return strings.Join(parts, ";")
}

// strictTransportSecurity is helmet 8's HSTS header from HSTS_MAX_AGE (seconds, default one year),
// HSTS_INCLUDE_SUB_DOMAINS (default on) and HSTS_PRELOAD. An invalid max age (Directus refuses to
// start) falls back to the default.
func strictTransportSecurity(e *env.Env) string {
	maxAge := 365 * 24 * 60 * 60.0
	if v, ok := e.Get("HSTS_MAX_AGE"); ok {
		if n := env.ToNumber(v); n >= 0 && !math.IsInf(n, 0) {
			maxAge = math.Floor(n)
		}
	}
	parts := []string{"max-age=" + env.FormatJSNumber(maxAge)}
	if v, ok := e.Get("HSTS_INCLUDE_SUB_DOMAINS"); !ok || truthy(v) {
		parts = append(parts, "includeSubDomains")
	}
	if v, _ := e.Get("HSTS_PRELOAD"); truthy(v) {
		parts = append(parts, "preload")
	}
	return strings.Join(parts, "; ")
}

// securityHeaders are helmet's Content-Security-Policy, Cross-Origin-Opener-Policy and HSTS (steps 2–4).
func securityHeaders(cfg *config) gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("Content-Security-Policy", cfg.csp)
		if cfg.coop != "" {
			h.Set("Cross-Origin-Opener-Policy", cfg.coop)
		}
		if cfg.hsts != "" {
			h.Set("Strict-Transport-Security", cfg.hsts)
		}
	}
}

// poweredBy is step 7 (Express's own header is off).
func poweredBy(c *gin.Context) { c.Writer.Header().Set("X-Powered-By", "Directus") }
