package server

import (
	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/query"
)

// config is what the chain reads from the env, once, at New (Directus reads it at start-up too).
type config struct {
	csp           string
	coop          string // "" = header off
	hsts          string // "" = header off
	cors          *corsConfig
	maxPayload    int64
	sessionCookie string
	rootRedirect  string // "" = no redirect
	robots        string
	qs            query.QSOptions
	limits        query.Limits
	ignorePaths   map[string]bool // LOG_HTTP_IGNORE_PATHS
}

func newConfig(e *env.Env) *config {
	cfg := &config{
		csp:           contentSecurityPolicy(e),
		sessionCookie: e.String("SESSION_COOKIE_NAME"),
		robots:        e.String("ROBOTS_TXT"),
		qs: query.QSOptions{
			Depth:      e.Int("QUERYSTRING_MAX_PARSE_DEPTH", 10),
			ArrayLimit: e.Int("QUERYSTRING_ARRAY_LIMIT", 500),
		},
		limits:      query.LimitsFromEnv(e),
		ignorePaths: map[string]bool{},
	}
	if v, _ := e.Get("CROSS_ORIGIN_OPENER_POLICY_ENABLED"); env.Truthy(v) {
		cfg.coop = "same-origin-allow-popups"
		if p, ok := e.Get("CROSS_ORIGIN_OPENER_POLICY"); ok && p != nil {
			cfg.coop = env.ToJSString(p)
		}
	}
	if v, _ := e.Get("HSTS_ENABLED"); env.Truthy(v) {
		cfg.hsts = strictTransportSecurity(e)
	}
	if e.Bool("CORS_ENABLED") {
		cfg.cors = newCORS(e)
	}
	cfg.maxPayload = 1 << 20
	if v, ok := e.Get("MAX_PAYLOAD_SIZE"); ok {
		if n, ok := parseBytes(v); ok {
			cfg.maxPayload = n
		}
	}
	if v, _ := e.Get("ROOT_REDIRECT"); env.Truthy(v) {
		cfg.rootRedirect = env.ToJSString(v)
	}
	if e.Has("LOG_HTTP_IGNORE_PATHS") {
		for _, p := range e.Strings("LOG_HTTP_IGNORE_PATHS") {
			cfg.ignorePaths[p] = true
		}
	}
	return cfg
}
