package server

import (
	"math"
	"strings"
	"sync/atomic"

	"github.com/gin-gonic/gin"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/query"
	"github.com/dxhost/dxhost/shim/exchange"
)

// requestState starts the request's exchange state: the pino-http request id (a counter from 1 per
// process), the parsed query string (Express's qs query parser with Directus's limits), and the logger
// carrying reqId on the request context (logging.From).
func requestState(ids *atomic.Int64, cfg *config, log *logrus.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		// Cookies and SanitizedQuery stay nil (read as empty) until a later step has some.
		ex := &exchange.Request{ID: ids.Add(1), Query: noQuery}
		if raw := c.Request.URL.RawQuery; raw != "" {
			ex.Query = query.ParseQueryString(raw, cfg.qs)
		}
		// One copy of the request, one context for both: the exchange and the logger carrying reqId.
		c.Request = c.Request.WithContext(exchange.NewRequestContext(c.Request.Context(), ex, log))
	}
}

// noQuery is the parsed query of every URL without a query string, shared: it is never modified.
var noQuery = query.NewObject()

// ParsedQuery is req.query as Express gives it (qs with QUERYSTRING_MAX_PARSE_DEPTH/ARRAY_LIMIT).
// It is read-only: requests without a query string share one empty object.
func ParsedQuery(c *gin.Context) *query.Object {
	if o := exchange.Get(c).Query; o != nil {
		return o
	}
	return query.NewObject()
}

// Directus's own CSP directives (passed to helmet, in this order) and helmet 8's defaults that follow
// them; together they give the verified default header of spec 02 §4.
var (
	directusCSP = []cspDirective{
		{"script-src", []string{"'self'", "'unsafe-eval'"}},
		{"worker-src", []string{"'self'", "blob:"}},
		{"child-src", []string{"'self'", "blob:"}},
		{"img-src", []string{"'self'", "data:", "blob:", "https://raw.githubusercontent.com", "https://avatars.githubusercontent.com"}},
		{"media-src", []string{"'self'"}},
		{"connect-src", []string{"'self'", "https://*", "wss://*"}},
	}
	helmetDefaultCSP = []cspDirective{
		{"default-src", []string{"'self'"}},
		{"base-uri", []string{"'self'"}},
		{"font-src", []string{"'self'", "https:", "data:"}},
		{"form-action", []string{"'self'"}},
		{"frame-ancestors", []string{"'self'"}},
		{"img-src", []string{"'self'", "data:"}},
		{"object-src", []string{"'none'"}},
		{"script-src", []string{"'self'"}},
		{"script-src-attr", []string{"'none'"}},
		{"style-src", []string{"'self'", "https:", "'unsafe-inline'"}},
		{"upgrade-insecure-requests", nil}, // Directus sets it to null: removed
	}
)

type cspDirective struct {
	name  string
	value []string // nil = removed
}

// contentSecurityPolicy builds the header as Directus does: its directives lodash-merged with
// CONTENT_SECURITY_POLICY_DIRECTIVES__<NAME> variables (an array merges element by element, a string
// replaces, null or false removes), then helmet appends its defaults for directives not given.
func contentSecurityPolicy(e *env.Env) string {
	given := append([]cspDirective(nil), directusCSP...)
	given = append(given, cspDirective{"upgrade-insecure-requests", nil})
	const prefix = "CONTENT_SECURITY_POLICY_DIRECTIVES__"
	for _, key := range e.Keys() {
		if !strings.HasPrefix(key, prefix) {
			continue
		}
		name := strings.ToLower(strings.ReplaceAll(strings.TrimPrefix(key, prefix), "_", "-"))
		v, _ := e.Get(key)
		i := indexOfDirective(given, name)
		if i < 0 {
			given = append(given, cspDirective{name: name})
			i = len(given) - 1
		}
		switch x := v.(type) {
		case nil:
			given[i].value = nil
		case bool:
			if !x {
				given[i].value = nil
			}
		case []any:
			merged := append([]string(nil), given[i].value...)
			for j, el := range x {
				if j < len(merged) {
					merged[j] = env.ToJSString(el)
				} else {
					merged = append(merged, env.ToJSString(el))
				}
			}
			given[i].value = merged
		default:
			given[i].value = []string{env.ToJSString(v)}
		}
	}
	all := given
	for _, d := range helmetDefaultCSP {
		if indexOfDirective(given, d.name) < 0 {
			all = append(all, d)
		}
	}
	parts := make([]string, 0, len(all))
	for _, d := range all {
		if d.value == nil {
			continue
		}
		if len(d.value) == 0 {
			parts = append(parts, d.name)
			continue
		}
		parts = append(parts, d.name+" "+strings.Join(d.value, " "))
	}
	return strings.Join(parts, ";")
}

func indexOfDirective(list []cspDirective, name string) int {
	for i, d := range list {
		if d.name == name {
			return i
		}
	}
	return -1
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
	if v, ok := e.Get("HSTS_INCLUDE_SUB_DOMAINS"); !ok || env.Truthy(v) {
		parts = append(parts, "includeSubDomains")
	}
	if v, _ := e.Get("HSTS_PRELOAD"); env.Truthy(v) {
		parts = append(parts, "preload")
	}
	return strings.Join(parts, "; ")
}

// securityHeaders are helmet's Content-Security-Policy, Cross-Origin-Opener-Policy and HSTS (steps 2–4).
// The header values are built once and shared by every response: each slice has len == cap, so that a
// later Header.Add copies instead of writing into it, and nothing writes a header value in place.
func securityHeaders(cfg *config) gin.HandlerFunc {
	csp := []string{cfg.csp}
	coop := []string{cfg.coop}
	hsts := []string{cfg.hsts}
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h["Content-Security-Policy"] = csp[:1:1]
		if cfg.coop != "" {
			h["Cross-Origin-Opener-Policy"] = coop[:1:1]
		}
		if cfg.hsts != "" {
			h["Strict-Transport-Security"] = hsts[:1:1]
		}
	}
}

var poweredByValue = []string{"Directus"}

// poweredBy is step 7 (Express's own header is off).
func poweredBy(c *gin.Context) { c.Writer.Header()["X-Powered-By"] = poweredByValue[:1:1] }
