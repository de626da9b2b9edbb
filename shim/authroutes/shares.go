package authroutes

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/auth"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
	shimerrors "github.com/dxhost/dxhost/shim/errors"
	"github.com/dxhost/dxhost/shim/exchange"
)

// shareAuth is POST /shares/auth: the share's Joi schema, then SharesService.login, answered as
// login answers (json: tokens in the body; cookie: refresh cookie; session: session cookie).
func (h *handlers) shareAuth(c *gin.Context) {
	raw := exchange.Get(c).Body
	if raw == nil {
		raw = map[string]any{}
	}
	if reason := validateShareLogin(raw); reason != "" {
		shimerrors.Respond(c, errs.InvalidPayload(reason))
		return
	}
	b := raw.(map[string]any)
	mode := "json"
	if m, ok := b["mode"].(string); ok {
		mode = m
	}
	res, err := h.svc.ShareLogin(c.Request.Context(), b["share"], b["password"], mode == "session", h.requestAccountability(c))
	if err != nil {
		shimerrors.Respond(c, err)
		return
	}
	h.answerTokens(c, mode, res)
}

// shareInfo is GET /shares/info/:pk: the share read as the system (no permissions), only while it
// is inside its dates; outside them, or unknown, readOne's FORBIDDEN. The password is concealed.
// A pk that is not a UUID matches no Directus route.
func (h *handlers) shareInfo(c *gin.Context) {
	pk := c.Param("pk")
	if !auth.IsUUID(strings.ToLower(pk)) { // Express matches route patterns case-insensitively
		shimerrors.Respond(c, errs.RouteNotFound(c.Request.URL.EscapedPath()))
		return
	}
	svc, err := h.items(c, "directus_shares", nil)
	if err != nil {
		shimerrors.Respond(c, err)
		return
	}
	// Directus filters with new Date().toISOString(); a time.Time is bound the same way per database
	// (milliseconds on SQLite, where Directus stores dates as milliseconds).
	now := time.Now().UTC().Truncate(time.Millisecond)
	q := &items.Query{
		Fields: []string{"id", "collection", "item", "password", "max_uses", "times_used", "date_start", "date_end"},
		Filter: map[string]any{"_and": []any{
			map[string]any{"_or": []any{
				map[string]any{"date_start": map[string]any{"_lte": now}},
				map[string]any{"date_start": map[string]any{"_null": true}},
			}},
			map[string]any{"_or": []any{
				map[string]any{"date_end": map[string]any{"_gte": now}},
				map[string]any{"date_end": map[string]any{"_null": true}},
			}},
		}},
	}
	item, err := svc.ReadOne(c.Request.Context(), pk, q, items.ReadOptions{})
	if err != nil {
		shimerrors.Respond(c, err)
		return
	}
	respond(c, http.StatusOK, ordered{{"data", item}})
}

// validateShareLogin is the share login's Joi schema (unknown keys allowed): share (string,
// required), password (string), mode (cookie | json | session).
func validateShareLogin(body any) string {
	b, ok := body.(map[string]any)
	if !ok {
		return `"value" must be of type object`
	}
	if msg := requiredString(b, "share"); msg != "" {
		return msg
	}
	if v, present := b["password"]; present {
		s, ok := v.(string)
		if !ok {
			return `"password" must be a string`
		}
		if s == "" {
			return `"password" is not allowed to be empty`
		}
	}
	if v, present := b["mode"]; present {
		if s, ok := v.(string); !ok || (s != "cookie" && s != "json" && s != "session") {
			return `"mode" must be one of [cookie, json, session]`
		}
	}
	return ""
}
