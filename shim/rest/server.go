package rest

import (
	dxenv "github.com/dxhost/dxhost/services/env"

	"context"
	"fmt"
	"math"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/schema"
	shimerrors "github.com/dxhost/dxhost/shim/errors"
	"github.com/dxhost/dxhost/shim/exchange"
)

// Version is the Directus release dxhost answers as (serverInfo's version, health's releaseId).
const Version = "12.4.1"

// mountServer registers GET /server/info and /server/health (spec 14 §4); /server/ping is answered
// earlier in the chain by shim/server.
func (h *handlers) mountServer(r gin.IRoutes) {
	h.handle(r, http.MethodGet, "/server/info", h.serverInfo)
	h.handle(r, http.MethodHead, "/server/info", h.serverInfo)
	if truthyEnv(h.d.Env.Map()["HEALTHCHECK_ENABLED"], true) {
		h.handle(r, http.MethodGet, "/server/health", h.serverHealth)
		h.handle(r, http.MethodHead, "/server/health", h.serverHealth)
	}
}

// projectFields is what serverInfo reads from directus_settings, in its order.
var projectFields = []string{"project_name", "project_owner", "project_descriptor", "project_logo", "project_color",
	"default_appearance", "default_theme_light", "default_theme_dark", "theme_light_overrides", "theme_dark_overrides",
	"default_language", "public_foreground", "public_background.id", "public_background.type", "public_favicon",
	"public_note", "custom_css", "public_registration", "public_registration_verify_email"}

var aiKeyFields = []string{"ai_openai_api_key", "ai_anthropic_api_key", "ai_google_api_key",
	"ai_openai_compatible_api_key", "ai_openai_compatible_base_url"}

// serverInfo is ServerService.serverInfo: the project's public settings for everyone, the
// configuration for logged-in users.
func (h *handlers) serverInfo(c *gin.Context) {
	data, err := h.info(c)
	if err != nil {
		shimerrors.Respond(c, err)
		c.Abort()
		return
	}
	respond(c, object{{"data", data}})
}

func (h *handlers) info(c *gin.Context) (object, error) {
	return h.infoFor(ctxOf(c), SchemaOf(c), exchange.Get(c).Accountability)
}

// Server is ServerService for context.services: serverInfo and health over one set of dependencies,
// with its own health cache (HEALTHCHECK_CACHE_TTL), as Directus keeps one per process.
type Server struct{ h *handlers }

// NewServer returns the ServerService of d.
func NewServer(d Deps) *Server { return &Server{h: newHandlers(d)} }

// Info is serverInfo() for a caller with accountability acc (nil = none): the data GET /server/info
// answers, as JSON text in Directus's key order.
func (s *Server) Info(ctx context.Context, o *schema.Overview, acc map[string]any) ([]byte, error) {
	info, err := s.h.infoFor(ctx, o, acc)
	if err != nil {
		return nil, err
	}
	return marshalJS(info), nil
}

// Health is health(): FORBIDDEN for an accountability without user and role (a null accountability,
// a service's default, passes: isUnauthenticated(null) is false), the whole report for admins, else
// only its status (JSON text).
func (s *Server) Health(ctx context.Context, acc map[string]any) ([]byte, error) {
	if acc != nil && healthForbidden(acc) {
		return nil, errs.Forbidden()
	}
	data := s.h.health.result(ctx, s.h)
	if admin, _ := acc["admin"].(bool); !admin {
		data = object{{"status", data[0].value}}
	}
	return marshalJS(data), nil
}

func (h *handlers) infoFor(ctx context.Context, o *schema.Overview, acc map[string]any) (object, error) {
	env := h.d.Env.Map()
	settings := items.New("directus_settings", items.Options{Schema: o, DB: h.d.DB, Logger: h.d.Logger, QueryLimitDefault: h.limitDflt})
	setupCompleted, err := h.setupCompleted(ctx)
	if err != nil {
		return nil, err
	}
	project, err := settings.ReadSingleton(ctx, &items.Query{Fields: projectFields}, items.ReadOptions{})
	if err != nil {
		return nil, err
	}
	owner, _ := project.Get("project_owner")
	project.Delete("project_owner")
	info := object{{"project", project}}
	if !setupCompleted {
		// dxhost has no licence manager: the licence source is always null.
		info = append(info, member{"setup", object{{"license_complete", false}, {"owner_complete", dxenv.Truthy(owner)}}})
	}
	loggedIn := acc != nil && dxenv.Truthy(acc["user"])
	if loggedIn {
		aiEnabled := truthyEnv(env["AI_ENABLED"], true)
		info = append(info,
			member{"project_owner_enabled", truthyEnv(env["PROJECT_OWNER_ENABLED"], true)},
			member{"mcp_enabled", truthyEnv(env["MCP_ENABLED"], true)},
			member{"ai_enabled", aiEnabled},
			member{"mcp_oauth_enabled", truthyEnv(env["MCP_OAUTH_ENABLED"], false)},
			member{"mcp_oauth_dcr_enabled", truthyEnv(env["MCP_OAUTH_DCR_ENABLED"], false)},
			member{"mcp_oauth_cimd_enabled", truthyEnv(env["MCP_OAUTH_CIMD_ENABLED"], false)},
			member{"autoSave", object{{"revisionInterval", jsNumber(env["AUTOSAVE_REVISION_INTERVAL"])}}},
		)
		if aiEnabled {
			keys, err := settings.ReadSingleton(ctx, &items.Query{Fields: aiKeyFields}, items.ReadOptions{})
			if err != nil {
				return nil, err
			}
			info = append(info, member{"ai_providers", aiProviders(keys)})
		}
		info = append(info,
			member{"files", object{{"mimeTypeAllowList", toArray(env["FILES_MIME_TYPE_ALLOW_LIST"])}}},
			member{"rateLimit", rateLimit(env, "RATE_LIMITER_")},
			member{"rateLimitGlobal", rateLimit(env, "RATE_LIMITER_GLOBAL_")},
			member{"extensions", object{{"limit", env["EXTENSIONS_LIMIT"]}}}, // absent → null
			member{"queryLimit", object{{"default", orUndefined(env["QUERY_LIMIT_DEFAULT"])}, {"max", queryLimitMax(env["QUERY_LIMIT_MAX"])}}},
			// dxhost serves no WebSockets and no resumable (tus) uploads: reported as off whatever the env says.
			member{"websocket", false},
		)
	}
	if loggedIn || !setupCompleted {
		info = append(info, member{"version", Version})
	}
	// The entitlements of an installation without a licence (dxhost has no licence manager).
	info = append(info, member{"license", object{
		{"source", nil},
		{"entitlements", object{{"production_enabled", true}, {"ai_translations_enabled", false}, {"display_powered_by", "DIRECTUS"}}},
	}})
	return info, nil
}

// setupCompleted is isSetupCompleted: any row in directus_users.
func (h *handlers) setupCompleted(ctx context.Context) (bool, error) {
	var n int
	if err := h.d.DB.QueryRowxContext(ctx, "SELECT COUNT(*) FROM directus_users").Scan(&n); err != nil {
		return false, fmt.Errorf("server info: %w", err)
	}
	return n > 0, nil
}

// aiProviders is buildProviderConfigs(...).map(c => c.type).
func aiProviders(keys *items.Item) []any {
	get := func(k string) bool { v, _ := keys.Get(k); return dxenv.Truthy(v) }
	out := []any{}
	if get("ai_openai_api_key") {
		out = append(out, "openai")
	}
	if get("ai_anthropic_api_key") {
		out = append(out, "anthropic")
	}
	if get("ai_google_api_key") {
		out = append(out, "google")
	}
	if get("ai_openai_compatible_api_key") && get("ai_openai_compatible_base_url") {
		out = append(out, "openai-compatible")
	}
	return out
}

func rateLimit(env map[string]any, prefix string) any {
	if !dxenv.Truthy(env[prefix+"ENABLED"]) {
		return false
	}
	return object{{"points", orUndefined(env[prefix+"POINTS"])}, {"duration", orUndefined(env[prefix+"DURATION"])}}
}

func queryLimitMax(v any) any {
	if f, ok := v.(float64); ok && !math.IsInf(f, 0) && !math.IsNaN(f) {
		return f
	}
	return float64(-1)
}

// toArray is @directus/utils toArray: a string splits on commas, an array stays.
func toArray(v any) []any {
	switch x := v.(type) {
	case nil:
		return []any{}
	case []any:
		return x
	case string:
		parts := strings.Split(x, ",")
		out := make([]any, len(parts))
		for i, p := range parts {
			out[i] = p
		}
		return out
	}
	return []any{v}
}

// truthyEnv is toBoolean(env[key] ?? def): true, "true", 1 and "1" are true.
func truthyEnv(v any, def bool) bool {
	if v == nil {
		return def
	}
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return x == "true" || x == "1"
	case float64:
		return x == 1
	}
	return false
}

func jsNumber(v any) any {
	switch x := v.(type) {
	case float64:
		return x
	case string:
		var f float64
		if _, err := fmt.Sscan(strings.TrimSpace(x), &f); err == nil {
			return f
		}
	case nil:
		return float64(0)
	}
	return math.NaN()
}

func orUndefined(v any) any {
	if v == nil {
		return undefined{}
	}
	return v
}

// healthForbidden is health()'s check: public and share callers have neither user nor role.
func healthForbidden(acc map[string]any) bool {
	return acc == nil || (acc["user"] == nil && acc["role"] == nil)
}

func (h *handlers) serverHealth(c *gin.Context) {
	acc := exchange.Get(c).Accountability
	if healthForbidden(acc) {
		shimerrors.Respond(c, errs.Forbidden())
		c.Abort()
		return
	}
	data := h.health.result(ctxOf(c), h)
	admin, _ := acc["admin"].(bool)
	body := data
	if !admin {
		body = object{{"status", data[0].value}}
	}
	h2 := c.Writer.Header()
	h2.Set("Cache-Control", "no-cache")
	h2.Set("Vary", "Origin, Cache-Control")
	status := http.StatusOK
	if data[0].value == "error" {
		status = http.StatusServiceUnavailable
	}
	sendJSON(c, status, "application/health+json; charset=utf-8", marshalJS(body))
}
