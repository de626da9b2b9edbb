package rest

import (
	"github.com/dxhost/dxhost/services/env"

	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/query"
	"github.com/dxhost/dxhost/services/schema"
	shimerrors "github.com/dxhost/dxhost/shim/errors"
	"github.com/dxhost/dxhost/shim/exchange"
	"github.com/dxhost/dxhost/shim/server"
)

// mountItems registers /items (spec 14 §3), Directus's controllers/items order.
func (h *handlers) mountItems(r gin.IRoutes) {
	h.handle(r, http.MethodPost, "/items/:collection", h.itemsRoute(h.createItems))
	h.handle(r, "SEARCH", "/items/:collection", h.itemsRoute(h.searchItems))
	h.handle(r, http.MethodGet, "/items/:collection", h.itemsRoute(h.readItems))
	h.handle(r, http.MethodHead, "/items/:collection", h.itemsRoute(h.readItems))
	h.handle(r, http.MethodGet, "/items/:collection/:pk", h.itemsRoute(h.readItem))
	h.handle(r, http.MethodHead, "/items/:collection/:pk", h.itemsRoute(h.readItem))
	h.handle(r, http.MethodPatch, "/items/:collection", h.itemsRoute(h.updateItems))
	h.handle(r, http.MethodPatch, "/items/:collection/:pk", h.itemsRoute(h.updateItem))
	h.handle(r, http.MethodDelete, "/items/:collection", h.itemsRoute(h.deleteItems))
	h.handle(r, http.MethodDelete, "/items/:collection/:pk", h.itemsRoute(h.deleteItem))
}

// itemsRequest is what the collection-exists middleware and the controller know about a request.
type itemsRequest struct {
	collection string
	singleton  bool
	svc        *items.Service
	query      *items.Query // req.sanitizedQuery
	raw        *query.Query
}

type itemsHandler func(c *gin.Context, req *itemsRequest) (object, error)

// itemsRoute runs collection-exists, collection-active and the system-collection check before the
// handler, then responds (or renders the error).
func (h *handlers) itemsRoute(handle itemsHandler) gin.HandlerFunc {
	return func(c *gin.Context) {
		payload, err := h.prepareItems(c, handle)
		if err != nil {
			shimerrors.Respond(c, err)
			c.Abort()
			return
		}
		respond(c, payload)
	}
}

func (h *handlers) prepareItems(c *gin.Context, handle itemsHandler) (object, error) {
	collection := param(c, "collection")
	o := SchemaOf(c)
	col := o.Collections[collection]
	if col == nil {
		return nil, errs.ForbiddenReason(fmt.Sprintf(`You don't have permission to access collection "%s" or it does not exist. Queried in root.`, collection))
	}
	setCollection(c, collection)
	if col.Status == "inactive" {
		return nil, errs.CollectionInactive(collection)
	}
	if schema.IsSystemCollection(collection) {
		return nil, errs.Forbidden()
	}
	raw := server.SanitizedQuery(c)
	q, err := items.FromSanitized(raw)
	if err != nil {
		return nil, err
	}
	req := &itemsRequest{collection: collection, singleton: col.Singleton, svc: h.service(c, collection), query: q, raw: raw}
	return handle(c, req)
}

// param is an Express route parameter: decoded (Gin is set to keep the raw, escaped path).
func param(c *gin.Context, name string) string {
	v := c.Param(name)
	if d, err := url.PathUnescape(v); err == nil {
		return d
	}
	return v
}

func ctxOf(c *gin.Context) context.Context { return c.Request.Context() }

// readItems is readHandler for GET: readSingleton or readByQuery, then the meta.
func (h *handlers) readItems(c *gin.Context, req *itemsRequest) (object, error) {
	return h.read(c, req, nil)
}

// searchItems is SEARCH: the body's query replaces the sanitized query, its keys select readMany.
func (h *handlers) searchItems(c *gin.Context, req *itemsRequest) (object, error) {
	body, _ := exchange.Get(c).Body.(map[string]any)
	if err := validateBatch("read", exchange.Get(c).Body); err != nil {
		return nil, err
	}
	if body != nil && env.Truthy(body["query"]) {
		raw, err := h.sanitize(c, body["query"])
		if err != nil {
			return nil, err
		}
		if req.query, err = items.FromSanitized(raw); err != nil {
			return nil, err
		}
		req.raw = raw
	}
	var keys []any
	if body != nil && env.Truthy(body["keys"]) {
		keys, _ = body["keys"].([]any)
		if keys == nil {
			keys = []any{}
		}
	}
	return h.read(c, req, keys)
}

func (h *handlers) read(c *gin.Context, req *itemsRequest, keys []any) (object, error) {
	ctx := ctxOf(c)
	var (
		data any
		err  error
	)
	switch {
	case req.singleton:
		data, err = req.svc.ReadSingleton(ctx, req.query, items.ReadOptions{})
	case keys != nil:
		data, err = req.svc.ReadMany(ctx, keys, req.query, items.ReadOptions{})
	default:
		data, err = req.svc.ReadByQuery(ctx, req.query, items.ReadOptions{})
	}
	if err != nil {
		return nil, err
	}
	meta, err := h.meta(ctx, req)
	if err != nil {
		return nil, err
	}
	return object{{"meta", meta}, {"data", data}}, nil
}

// meta is MetaService.getMetaForQuery: one key per requested meta value, in the query's order;
// undefined when the query asks for none.
func (h *handlers) meta(ctx context.Context, req *itemsRequest) (any, error) {
	if req.raw == nil || len(req.raw.Meta) == 0 {
		return undefined{}, nil
	}
	out := object{}
	for _, m := range req.raw.Meta {
		name := fmt.Sprint(m)
		var value any = undefined{}
		switch name {
		case "total_count":
			v, err := req.svc.Meta(ctx, &items.Query{}, []string{"total_count"})
			if err != nil {
				return nil, err
			}
			value, _ = v.Get("total_count")
		case "filter_count":
			v, err := req.svc.Meta(ctx, req.query, []string{"filter_count"})
			if err != nil {
				return nil, err
			}
			value, _ = v.Get("filter_count")
		}
		out = append(out, member{name, value})
	}
	return out, nil
}

// readItem is GET /items/:collection/:pk.
func (h *handlers) readItem(c *gin.Context, req *itemsRequest) (object, error) {
	item, err := req.svc.ReadOne(ctxOf(c), param(c, "pk"), req.query, items.ReadOptions{})
	if err != nil {
		return nil, err
	}
	return object{{"data", item}}, nil
}

// createItems is POST /items/:collection: createOne/createMany, then the re-read with the request's
// query (204 when the caller may not read it back).
func (h *handlers) createItems(c *gin.Context, req *itemsRequest) (object, error) {
	if req.singleton {
		return nil, errs.RouteNotFound("/" + c.Param("collection"))
	}
	ctx := ctxOf(c)
	body := payloadBody(c)
	if list, ok := body.([]any); ok {
		data, err := objectList(list)
		if err != nil {
			return nil, err
		}
		keys, err := req.svc.CreateMany(ctx, data, items.MutationOptions{})
		if err != nil {
			return nil, err
		}
		return reread(func() (any, error) { return req.svc.ReadMany(ctx, keys, req.query, items.ReadOptions{}) })
	}
	data, _ := body.(map[string]any)
	if data == nil {
		data = map[string]any{}
	}
	key, err := req.svc.CreateOne(ctx, data, items.MutationOptions{})
	if err != nil {
		return nil, err
	}
	return reread(func() (any, error) { return req.svc.ReadOne(ctx, key, req.query, items.ReadOptions{}) })
}

// reread turns a FORBIDDEN re-read into "no payload" (204), as the controllers do.
func reread(read func() (any, error)) (object, error) {
	data, err := read()
	if err != nil {
		if errs.Is(err, errs.CodeForbidden) {
			return nil, nil
		}
		return nil, err
	}
	return object{{"data", data}}, nil
}

// updateItems is PATCH /items/:collection: singleton upsert, updateBatch (array), updateMany (keys)
// or updateByQuery (query), then readMany of the keys.
func (h *handlers) updateItems(c *gin.Context, req *itemsRequest) (object, error) {
	ctx := ctxOf(c)
	body := exchange.Get(c).Body
	ordered := payloadBody(c) // the same body, its payloads' objects in JS key order
	if req.singleton {
		data, _ := ordered.(map[string]any)
		if data == nil {
			data = map[string]any{}
		}
		if _, err := req.svc.UpsertSingleton(ctx, data, items.MutationOptions{}); err != nil {
			return nil, err
		}
		item, err := req.svc.ReadSingleton(ctx, req.query, items.ReadOptions{})
		if err != nil {
			return nil, err
		}
		return object{{"data", item}}, nil
	}
	if err := validateBatch("update", body); err != nil {
		return nil, err
	}
	var (
		keys []any
		err  error
	)
	if list, ok := ordered.([]any); ok {
		data := make([]map[string]any, len(list))
		for i, e := range list {
			if data[i], ok = e.(map[string]any); !ok {
				// item[pk] of a non-object is undefined in Directus's updateBatch
				return nil, errs.InvalidPayload("Item in update misses primary key")
			}
		}
		keys, err = req.svc.UpdateBatch(ctx, data, items.MutationOptions{})
	} else {
		m := body.(map[string]any)
		data, _ := m["data"].(map[string]any)
		if om, ok := ordered.(map[string]any); ok {
			data, _ = items.ObjectOf(om["data"])
		}
		if env.Truthy(m["keys"]) {
			list, _ := m["keys"].([]any)
			keys, err = req.svc.UpdateMany(ctx, list, data, items.MutationOptions{})
		} else {
			q, qerr := h.sanitizeToItems(c, m["query"])
			if qerr != nil {
				return nil, qerr
			}
			keys, err = req.svc.UpdateByQuery(ctx, q, data, items.MutationOptions{})
		}
	}
	if err != nil {
		return nil, err
	}
	return reread(func() (any, error) { return req.svc.ReadMany(ctx, keys, req.query, items.ReadOptions{}) })
}

// updateItem is PATCH /items/:collection/:pk.
func (h *handlers) updateItem(c *gin.Context, req *itemsRequest) (object, error) {
	if req.singleton {
		return nil, errs.RouteNotFound("/" + c.Param("collection") + "/" + c.Param("pk"))
	}
	ctx := ctxOf(c)
	data, _ := payloadBody(c).(map[string]any)
	if data == nil {
		data = map[string]any{}
	}
	key, err := req.svc.UpdateOne(ctx, param(c, "pk"), data, items.MutationOptions{})
	if err != nil {
		return nil, err
	}
	return reread(func() (any, error) { return req.svc.ReadOne(ctx, key, req.query, items.ReadOptions{}) })
}

// deleteItems is DELETE /items/:collection: an array of keys, { keys } or { query }; always 204.
func (h *handlers) deleteItems(c *gin.Context, req *itemsRequest) (object, error) {
	ctx := ctxOf(c)
	body := exchange.Get(c).Body
	if err := validateBatch("delete", body); err != nil {
		return nil, err
	}
	var err error
	switch m := body.(type) {
	case []any:
		_, err = req.svc.DeleteMany(ctx, m, items.MutationOptions{})
	case map[string]any:
		if env.Truthy(m["keys"]) {
			list, _ := m["keys"].([]any)
			_, err = req.svc.DeleteMany(ctx, list, items.MutationOptions{})
		} else {
			q, qerr := h.sanitizeToItems(c, m["query"])
			if qerr != nil {
				return nil, qerr
			}
			_, err = req.svc.DeleteByQuery(ctx, q, items.MutationOptions{})
		}
	}
	return nil, err
}

// deleteItem is DELETE /items/:collection/:pk.
func (h *handlers) deleteItem(c *gin.Context, req *itemsRequest) (object, error) {
	_, err := req.svc.DeleteOne(ctxOf(c), param(c, "pk"), items.MutationOptions{})
	return nil, err
}

// sanitize is sanitizeQuery(body.query, schema, accountability) + validateQuery.
func (h *handlers) sanitize(c *gin.Context, raw any) (*query.Query, error) {
	m, _ := raw.(map[string]any)
	if m == nil {
		m = map[string]any{}
	}
	obj, _ := query.FromPlain(m).(*query.Object)
	q, err := query.SanitizeObject(obj, h.limits, exchange.Get(c).Accountability)
	if err != nil {
		return nil, err
	}
	if q != nil {
		if err := query.Validate(q, h.limits); err != nil {
			return nil, err
		}
	}
	return q, nil
}

func (h *handlers) sanitizeToItems(c *gin.Context, raw any) (*items.Query, error) {
	q, err := h.sanitize(c, raw)
	if err != nil {
		return nil, err
	}
	return items.FromSanitized(q)
}

func objectList(list []any) ([]map[string]any, error) {
	out := make([]map[string]any, len(list))
	for i, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return nil, errs.InvalidPayload("Input should be an array of items")
		}
		out[i] = m
	}
	return out, nil
}
