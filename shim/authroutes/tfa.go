package authroutes

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
	shimerrors "github.com/dxhost/dxhost/shim/errors"
	"github.com/dxhost/dxhost/shim/exchange"
)

// registerTFA adds Directus's TFA set-up routes (Express matches them with or without a trailing
// slash).
func (h *handlers) registerTFA(r gin.IRoutes) {
	for _, p := range []string{"", "/"} {
		r.POST("/users/me/tfa/generate"+p, h.tfaGenerate)
		r.POST("/users/me/tfa/enable"+p, h.tfaEnable)
		r.POST("/users/me/tfa/disable"+p, h.tfaDisable)
		r.POST("/users/:pk/tfa/disable"+p, h.tfaDisableOther)
	}
}

// currentUser is the caller's user id; INVALID_CREDENTIALS without one (public and share callers).
func currentUser(c *gin.Context) (any, map[string]any, error) {
	acc := exchange.Get(c).Accountability
	if acc == nil || !env.Truthy(acc["user"]) {
		return nil, nil, errs.InvalidCredentials()
	}
	return acc["user"], acc, nil
}

func (h *handlers) tfaGenerate(c *gin.Context) {
	user, _, err := currentUser(c)
	if err != nil {
		shimerrors.Respond(c, err)
		return
	}
	res, err := h.svc.GenerateTFA(c.Request.Context(), user, body(c)["password"])
	if err != nil {
		shimerrors.Respond(c, err)
		return
	}
	respond(c, http.StatusOK, ordered{{"data", ordered{{"secret", res.Secret}, {"otpauth_url", res.URL}}}})
}

func (h *handlers) tfaEnable(c *gin.Context) {
	user, acc, err := currentUser(c)
	if err != nil {
		shimerrors.Respond(c, err)
		return
	}
	b := body(c)
	if !env.Truthy(b["secret"]) {
		shimerrors.Respond(c, errs.InvalidPayload(`"secret" is required`))
		return
	}
	if !env.Truthy(b["otp"]) {
		shimerrors.Respond(c, errs.InvalidPayload(`"otp" is required`))
		return
	}
	secret, ok := b["secret"].(string)
	if !ok {
		// otplib decodes the secret as a base32 string and throws on anything else.
		shimerrors.Respond(c, errs.Internal(errors.New("the TFA secret must be a string")))
		return
	}
	otp, _ := b["otp"].(string)
	if err := h.svc.EnableTFA(c.Request.Context(), user, otp, secret); err != nil {
		shimerrors.Respond(c, err)
		return
	}
	h.setTFASecret(c, acc, user, secret)
}

func (h *handlers) tfaDisable(c *gin.Context) {
	user, acc, err := currentUser(c)
	if err != nil {
		shimerrors.Respond(c, err)
		return
	}
	b := body(c)
	if !env.Truthy(b["otp"]) {
		shimerrors.Respond(c, errs.InvalidPayload(`"otp" is required`))
		return
	}
	otp, _ := b["otp"].(string)
	ok, err := h.svc.VerifyUserOTP(c.Request.Context(), user, otp)
	if err != nil {
		shimerrors.Respond(c, err)
		return
	}
	if !ok {
		shimerrors.Respond(c, errs.InvalidPayload(`"otp" is invalid`))
		return
	}
	h.setTFASecret(c, acc, user, nil)
}

// tfaDisableOther is POST /users/:pk/tfa/disable: admins only, no otp.
func (h *handlers) tfaDisableOther(c *gin.Context) {
	_, acc, err := currentUser(c)
	if err != nil {
		shimerrors.Respond(c, err)
		return
	}
	if admin, _ := acc["admin"].(bool); !admin {
		shimerrors.Respond(c, errs.Forbidden())
		return
	}
	h.setTFASecret(c, acc, c.Param("pk"), nil)
}

// setTFASecret is TFAService's itemsService.updateOne(user, {tfa_secret}) as the caller, so the
// caller's update permission on directus_users applies, then the empty answer (204).
func (h *handlers) setTFASecret(c *gin.Context, acc map[string]any, user, secret any) {
	svc, err := h.items(c, "directus_users", acc)
	if err != nil {
		shimerrors.Respond(c, err)
		return
	}
	if _, err := svc.UpdateOne(c.Request.Context(), user, map[string]any{"tfa_secret": secret}, items.MutationOptions{}); err != nil {
		shimerrors.Respond(c, err)
		return
	}
	respondNoContent(c)
}
