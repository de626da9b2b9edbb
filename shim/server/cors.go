package server

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/env"
)

// corsConfig is the `cors` package (2.8.5) configured from CORS_* as Directus does (step 8).
type corsConfig struct {
	origin         any // false | true | "*" | string | []any of string/env.Regex | env.Regex
	methods        string
	allowedHeaders string
	exposedHeaders string
	credentials    bool
	maxAge         string
	regexes        map[string]*regexp.Regexp
}

func newCORS(e *env.Env) *corsConfig {
	origin, _ := e.Get("CORS_ORIGIN")
	cfg := &corsConfig{
		origin:         origin,
		methods:        joinList(e, "CORS_METHODS"),
		allowedHeaders: joinList(e, "CORS_ALLOWED_HEADERS"),
		exposedHeaders: joinList(e, "CORS_EXPOSED_HEADERS"),
		credentials:    e.Bool("CORS_CREDENTIALS"),
		regexes:        map[string]*regexp.Regexp{},
	}
	if v, ok := e.Get("CORS_MAX_AGE"); ok && v != nil {
		switch x := v.(type) {
		case float64:
			cfg.maxAge = env.FormatJSNumber(x)
		case string:
			cfg.maxAge = x
		default:
			if env.Truthy(x) {
				cfg.maxAge = env.ToJSString(x)
			}
		}
	}
	collect := func(v any) {
		if r, ok := v.(env.Regex); ok {
			// JS and Go regular expressions share the syntax origin patterns use; one Go rejects matches nothing.
			if re, err := regexp.Compile(r.Source); err == nil {
				cfg.regexes[r.Source] = re
			}
		}
	}
	collect(origin)
	if list, ok := origin.([]any); ok {
		for _, v := range list {
			collect(v)
		}
	}
	return cfg
}

// joinList renders an env value as cors does: arrays joined with ",", strings as given.
func joinList(e *env.Env, key string) string {
	v, ok := e.Get(key)
	if !ok || v == nil {
		return ""
	}
	if list, ok := v.([]any); ok {
		parts := make([]string, len(list))
		for i, p := range list {
			parts[i] = env.ToJSString(p)
		}
		return strings.Join(parts, ",")
	}
	if b, ok := v.(bool); ok && !b {
		return ""
	}
	return env.ToJSString(v)
}

func (cfg *corsConfig) handler(c *gin.Context) {
	// A falsy origin option makes cors skip the request entirely (no headers, preflights pass through).
	if !env.Truthy(cfg.origin) {
		return
	}
	h := c.Writer.Header()
	cfg.setOrigin(c, h)
	if cfg.credentials {
		h.Set("Access-Control-Allow-Credentials", "true")
	}
	if c.Request.Method != http.MethodOptions {
		if cfg.exposedHeaders != "" {
			h.Set("Access-Control-Expose-Headers", cfg.exposedHeaders)
		}
		return
	}
	if cfg.methods != "" {
		h.Set("Access-Control-Allow-Methods", cfg.methods)
	}
	if cfg.allowedHeaders != "" {
		h.Set("Access-Control-Allow-Headers", cfg.allowedHeaders)
	} else {
		vary(h, "Access-Control-Request-Headers")
		if requested := c.GetHeader("Access-Control-Request-Headers"); requested != "" {
			h.Set("Access-Control-Allow-Headers", requested)
		}
	}
	if cfg.maxAge != "" {
		h.Set("Access-Control-Max-Age", cfg.maxAge)
	}
	if cfg.exposedHeaders != "" {
		h.Set("Access-Control-Expose-Headers", cfg.exposedHeaders)
	}
	h.Set("Content-Length", "0")
	c.Status(http.StatusNoContent)
	c.Writer.WriteHeaderNow()
	c.Abort()
}

func (cfg *corsConfig) setOrigin(c *gin.Context, h http.Header) {
	switch o := cfg.origin.(type) {
	case string:
		h.Set("Access-Control-Allow-Origin", o)
		if o != "*" {
			vary(h, "Origin")
		}
		return
	}
	requestOrigin, present := c.Request.Header["Origin"]
	origin := ""
	if present && len(requestOrigin) > 0 {
		origin = requestOrigin[0]
	}
	if cfg.allowed(origin, present, cfg.origin) && origin != "" {
		h.Set("Access-Control-Allow-Origin", origin)
	}
	vary(h, "Origin")
}

// allowed is cors's isOriginAllowed; a missing Origin header is JS undefined.
func (cfg *corsConfig) allowed(origin string, present bool, allowedOrigin any) bool {
	switch a := allowedOrigin.(type) {
	case []any:
		for _, v := range a {
			if cfg.allowed(origin, present, v) {
				return true
			}
		}
		return false
	case string:
		return present && origin == a
	case env.Regex:
		re := cfg.regexes[a.Source]
		subject := origin
		if !present {
			subject = "undefined" // RegExp.test(undefined) tests the string "undefined"
		}
		return re != nil && re.MatchString(subject)
	}
	return env.Truthy(allowedOrigin)
}

// vary is the `vary` package: append field to the Vary header unless it (or *) is already there.
func vary(h http.Header, field string) {
	current := h.Get("Vary")
	if current == "*" {
		return
	}
	if current == "" {
		h.Set("Vary", field)
		return
	}
	for _, f := range strings.Split(current, ",") {
		if strings.EqualFold(strings.TrimSpace(f), field) {
			return
		}
	}
	h.Set("Vary", current+", "+field)
}
