package rest

import (
	"github.com/gin-gonic/gin"
	"net/http"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
	shimerrors "github.com/dxhost/dxhost/shim/errors"
	"github.com/dxhost/dxhost/shim/exchange"
	"github.com/dxhost/dxhost/shim/server"
)

// mountSettings registers /settings (spec 14 §6): the directus_settings singleton through
// SettingsService (an ItemsService here: its licence and AI-key rules are not reproduced).
func (h *handlers) mountSettings(r gin.IRoutes) {
	h.handle(r, http.MethodGet, "/settings", h.settingsRoute(h.readSettings))
	h.handle(r, http.MethodHead, "/settings", h.settingsRoute(h.readSettings))
	h.handle(r, http.MethodPatch, "/settings", h.settingsRoute(h.updateSettings))
}

func (h *handlers) settingsRoute(handle func(c *gin.Context, svc *items.Service, q *items.Query) (object, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		setCollection(c, "directus_settings")
		payload, err := func() (object, error) {
			q, err := items.FromSanitized(server.SanitizedQuery(c))
			if err != nil {
				return nil, err
			}
			return handle(c, h.service(c, "directus_settings"), q)
		}()
		if err != nil {
			shimerrors.Respond(c, err)
			c.Abort()
			return
		}
		respond(c, payload)
	}
}

func (h *handlers) readSettings(c *gin.Context, svc *items.Service, q *items.Query) (object, error) {
	item, err := svc.ReadSingleton(ctxOf(c), q, items.ReadOptions{})
	if err != nil {
		return nil, err
	}
	return object{{"data", item}}, nil
}

func (h *handlers) updateSettings(c *gin.Context, svc *items.Service, q *items.Query) (object, error) {
	data, _ := exchange.Get(c).Body.(map[string]any)
	if data == nil {
		data = map[string]any{}
	}
	if _, err := svc.UpsertSingleton(ctxOf(c), data, items.MutationOptions{}); err != nil {
		return nil, err
	}
	item, err := svc.ReadSingleton(ctxOf(c), q, items.ReadOptions{})
	if err != nil {
		if errs.Is(err, errs.CodeForbidden) {
			return nil, nil
		}
		return nil, err
	}
	return object{{"data", item}}, nil
}
