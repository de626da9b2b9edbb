package authroutes

import (
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
	shimerrors "github.com/dxhost/dxhost/shim/errors"
)

// passwordRequest is POST /auth/password/request: 204 whether or not the e-mail belongs to a
// user (only a bad body or a reset_url outside the allow list is an error).
func (h *handlers) passwordRequest(c *gin.Context) {
	b := body(c)
	email, ok := b["email"].(string)
	if !ok {
		shimerrors.Respond(c, errs.InvalidPayload(`"email" field is required`))
		return
	}
	resetURL := ""
	if v := b["reset_url"]; env.Truthy(v) {
		resetURL = env.ToJSString(v)
	}
	err := h.svc.RequestPasswordReset(c.Request.Context(), email, resetURL, h.env.String("PUBLIC_URL"), h.resetAllowList(), h.mailer)
	if err != nil && errs.Is(err, errs.CodeInvalidPayload) {
		shimerrors.Respond(c, err)
		return
	}
	respondNoContent(c)
}

// resetAllowList is PASSWORD_RESET_URL_ALLOW_LIST as toArray reads it.
func (h *handlers) resetAllowList() []string {
	v, _ := h.env.Get("PASSWORD_RESET_URL_ALLOW_LIST")
	switch x := v.(type) {
	case nil:
		return nil
	case []any:
		out := make([]string, len(x))
		for i, e := range x {
			out[i] = env.ToJSString(e)
		}
		return out
	case string:
		return strings.Split(x, ",")
	default:
		return []string{env.ToJSString(x)}
	}
}

// passwordReset is POST /auth/password/reset: the reset token's checks, then the user's new
// password (hashed) and status active written as admin, then every session of the user ended.
func (h *handlers) passwordReset(c *gin.Context) {
	b := body(c)
	token, ok := b["token"].(string)
	if !ok {
		shimerrors.Respond(c, errs.InvalidPayload(`"token" field is required`))
		return
	}
	password, ok := b["password"].(string)
	if !ok {
		shimerrors.Respond(c, errs.InvalidPayload(`"password" field is required`))
		return
	}
	ctx := c.Request.Context()
	reset, err := h.svc.ResetPassword(ctx, token, password)
	if err != nil {
		shimerrors.Respond(c, err)
		return
	}
	acc := h.requestAccountability(c)
	acc["admin"] = true
	svc, err := h.items(c, "directus_users", acc)
	if err != nil {
		shimerrors.Respond(c, err)
		return
	}
	if _, err := svc.UpdateOne(ctx, reset.UserID, map[string]any{"password": password, "status": "active"}, items.MutationOptions{}); err != nil {
		shimerrors.Respond(c, err)
		return
	}
	if err := h.svc.ClearUserSessions(ctx, reset.UserID); err != nil {
		shimerrors.Respond(c, err)
		return
	}
	respondNoContent(c)
}
