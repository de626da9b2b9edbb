package rest

import (
	"github.com/dxhost/dxhost/services/env"

	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/schema"
	"github.com/dxhost/dxhost/services/schemasvc"
	shimerrors "github.com/dxhost/dxhost/shim/errors"
	"github.com/dxhost/dxhost/shim/exchange"
)

// mountSchema registers /collections, /fields and /relations (spec 14 §7) over services/schemasvc,
// as Directus's controllers do (re-reads after writes, 204 when the re-read is forbidden).
func (h *handlers) mountSchema(r gin.IRoutes) {
	h.handle(r, http.MethodPost, "/collections", h.schemaRoute(h.createCollections))
	h.handle(r, http.MethodGet, "/collections", h.schemaRoute(h.readCollections))
	h.handle(r, "SEARCH", "/collections", h.schemaRoute(h.readCollections))
	h.handle(r, http.MethodGet, "/collections/:collection", h.schemaRoute(h.readCollection))
	h.handle(r, http.MethodPatch, "/collections", h.schemaRoute(h.updateCollections))
	h.handle(r, http.MethodPatch, "/collections/:collection", h.schemaRoute(h.updateCollection))
	h.handle(r, http.MethodDelete, "/collections/:collection", h.schemaRoute(h.deleteCollection))

	h.handle(r, http.MethodGet, "/fields", h.schemaRoute(h.readFields))
	h.handle(r, http.MethodGet, "/fields/:collection", h.schemaRoute(h.collectionExists(h.readFields)))
	h.handle(r, http.MethodGet, "/fields/:collection/:field", h.schemaRoute(h.collectionExists(h.readField)))
	h.handle(r, http.MethodPost, "/fields/:collection", h.schemaRoute(h.collectionExists(h.createField)))
	h.handle(r, http.MethodPatch, "/fields/:collection", h.schemaRoute(h.collectionExists(h.updateFields)))
	h.handle(r, http.MethodPatch, "/fields/:collection/:field", h.schemaRoute(h.collectionExists(h.updateField)))
	h.handle(r, http.MethodDelete, "/fields/:collection/:field", h.schemaRoute(h.collectionExists(h.deleteField)))

	h.handle(r, http.MethodGet, "/relations", h.schemaRoute(h.readRelations))
	h.handle(r, http.MethodGet, "/relations/:collection", h.schemaRoute(h.collectionExists(h.readRelations)))
	h.handle(r, http.MethodGet, "/relations/:collection/:field", h.schemaRoute(h.collectionExists(h.readRelation)))
	h.handle(r, http.MethodPost, "/relations", h.schemaRoute(h.createRelation))
	h.handle(r, http.MethodPatch, "/relations/:collection/:field", h.schemaRoute(h.collectionExists(h.updateRelation)))
	h.handle(r, http.MethodDelete, "/relations/:collection/:field", h.schemaRoute(h.collectionExists(h.deleteRelation)))
}

type schemaHandler func(c *gin.Context, o schemasvc.Options) (object, error)

func (h *handlers) schemaRoute(handle schemaHandler) gin.HandlerFunc {
	return func(c *gin.Context) {
		// use-collection: req.collection for /fields and /relations (export file names)
		switch p := strings.ToLower(c.Request.URL.Path); {
		case strings.HasPrefix(p, "/fields"):
			setCollection(c, "directus_fields")
		case strings.HasPrefix(p, "/relations"):
			setCollection(c, "directus_relations")
		}
		payload, err := handle(c, schemasvc.Options{
			DB:             h.d.DB,
			Schema:         SchemaOf(c),
			Provider:       h.d.Schema,
			Accountability: exchange.Get(c).Accountability,
			Emitter:        h.d.Emitter,
			Logger:         h.d.Logger,
		})
		if err != nil {
			shimerrors.Respond(c, err)
			c.Abort()
			return
		}
		respond(c, payload)
	}
}

// collectionExists is Directus's collection-exists middleware for /fields and /relations.
func (h *handlers) collectionExists(next schemaHandler) schemaHandler {
	return func(c *gin.Context, o schemasvc.Options) (object, error) {
		name := param(c, "collection")
		setCollection(c, name)
		if o.Schema == nil || o.Schema.Collections[name] == nil {
			return nil, errs.ForbiddenReason(fmt.Sprintf(`You don't have permission to access collection "%s" or it does not exist. Queried in root.`, name))
		}
		return next(c, o)
	}
}

// afterWrite is the options for a re-read after a write: the schema is read again (the write
// invalidated the cache).
func afterWrite(o schemasvc.Options) schemasvc.Options {
	o.Schema = nil
	return o
}

// data wraps a schemasvc result (its own JSON keeps Directus's key order) as `{ data }`.
func data(v any) (object, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("rest: encoding: %w", err)
	}
	return object{{"data", orderedJSON(raw)}}, nil
}

// rereadSchema turns a FORBIDDEN re-read into 204, as the controllers do.
func rereadSchema(v any, err error) (object, error) {
	if err != nil {
		if errs.Is(err, errs.CodeForbidden) {
			return nil, nil
		}
		return nil, err
	}
	return data(v)
}

func bodyMap(c *gin.Context) map[string]any {
	m, _ := exchange.Get(c).Body.(map[string]any)
	if m == nil {
		m = map[string]any{}
	}
	return m
}

// --- /collections

func (h *handlers) createCollections(c *gin.Context, o schemasvc.Options) (object, error) {
	svc := schemasvc.NewCollectionsService(o)
	if list, ok := exchange.Get(c).Body.([]any); ok {
		// createMany: one createOne per payload (dxhost: not in one transaction).
		payloads, err := objectList(list)
		if err != nil {
			return nil, err
		}
		names := make([]string, 0, len(payloads))
		for _, p := range payloads {
			name, err := svc.CreateOne(ctxOf(c), p, schemasvc.MutationOptions{})
			if err != nil {
				return nil, err
			}
			names = append(names, name)
		}
		records, err := schemasvc.NewCollectionsService(afterWrite(o)).ReadMany(ctxOf(c), names)
		if err != nil {
			return nil, err
		}
		return data(records)
	}
	name, err := svc.CreateOne(ctxOf(c), bodyMap(c), schemasvc.MutationOptions{})
	if err != nil {
		return nil, err
	}
	record, err := schemasvc.NewCollectionsService(afterWrite(o)).ReadOne(ctxOf(c), name)
	if err != nil {
		return nil, err
	}
	return data(record)
}

func (h *handlers) readCollections(c *gin.Context, o schemasvc.Options) (object, error) {
	body := exchange.Get(c).Body
	if c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead {
		body = nil // validate-batch ignores GET bodies
	}
	if err := validateBatch("read", body); err != nil {
		return nil, err
	}
	svc := schemasvc.NewCollectionsService(o)
	if m, ok := body.(map[string]any); ok && env.Truthy(m["keys"]) {
		list, _ := m["keys"].([]any)
		names := make([]string, len(list))
		for i, k := range list {
			names[i] = fmt.Sprint(k)
		}
		records, err := svc.ReadMany(ctxOf(c), names)
		if err != nil {
			return nil, err
		}
		return data(records)
	}
	records, err := svc.ReadByQuery(ctxOf(c))
	if err != nil {
		return nil, err
	}
	return data(records)
}

func (h *handlers) readCollection(c *gin.Context, o schemasvc.Options) (object, error) {
	record, err := schemasvc.NewCollectionsService(o).ReadOne(ctxOf(c), param(c, "collection"))
	if err != nil {
		return nil, err
	}
	return data(record)
}

func (h *handlers) updateCollections(c *gin.Context, o schemasvc.Options) (object, error) {
	names, err := schemasvc.NewCollectionsService(o).UpdateBatch(ctxOf(c), exchange.Get(c).Body, schemasvc.MutationOptions{})
	if err != nil {
		return nil, err
	}
	return rereadSchema(schemasvc.NewCollectionsService(afterWrite(o)).ReadMany(ctxOf(c), names))
}

func (h *handlers) updateCollection(c *gin.Context, o schemasvc.Options) (object, error) {
	name := param(c, "collection")
	if _, err := schemasvc.NewCollectionsService(o).UpdateOne(ctxOf(c), name, bodyMap(c), schemasvc.MutationOptions{}); err != nil {
		return nil, err
	}
	return rereadSchema(schemasvc.NewCollectionsService(afterWrite(o)).ReadOne(ctxOf(c), name))
}

func (h *handlers) deleteCollection(c *gin.Context, o schemasvc.Options) (object, error) {
	_, err := schemasvc.NewCollectionsService(o).DeleteOne(ctxOf(c), param(c, "collection"), schemasvc.MutationOptions{})
	return nil, err
}

// --- /fields

func (h *handlers) readFields(c *gin.Context, o schemasvc.Options) (object, error) {
	fields, err := schemasvc.NewFieldsService(o).ReadAll(ctxOf(c), param(c, "collection"))
	if err != nil {
		return nil, err
	}
	return data(fields)
}

func (h *handlers) readField(c *gin.Context, o schemasvc.Options) (object, error) {
	field, err := schemasvc.NewFieldsService(o).ReadOne(ctxOf(c), param(c, "collection"), param(c, "field"))
	if err != nil {
		return nil, err
	}
	return data(field)
}

func (h *handlers) createField(c *gin.Context, o schemasvc.Options) (object, error) {
	body := bodyMap(c)
	name, ok := body["field"].(string)
	if !ok {
		if _, present := body["field"]; present {
			return nil, errs.InvalidPayload(`"field" must be a string`)
		}
		return nil, errs.InvalidPayload(`"field" is required`)
	}
	collection := param(c, "collection")
	if err := schemasvc.NewFieldsService(o).CreateField(ctxOf(c), collection, body, schemasvc.MutationOptions{}); err != nil {
		return nil, err
	}
	return rereadSchema(schemasvc.NewFieldsService(afterWrite(o)).ReadOne(ctxOf(c), collection, name))
}

func (h *handlers) updateFields(c *gin.Context, o schemasvc.Options) (object, error) {
	list, ok := exchange.Get(c).Body.([]any)
	if !ok {
		return nil, errs.InvalidPayload("Submitted body has to be an array")
	}
	fields, err := objectList(list)
	if err != nil {
		return nil, err
	}
	collection := param(c, "collection")
	if _, err := schemasvc.NewFieldsService(o).UpdateFields(ctxOf(c), collection, fields, schemasvc.MutationOptions{}); err != nil {
		return nil, err
	}
	reader := schemasvc.NewFieldsService(afterWrite(o))
	results := make([]*schemasvc.Field, 0, len(fields))
	for _, f := range fields {
		name, _ := f["field"].(string)
		field, err := reader.ReadOne(ctxOf(c), collection, name)
		if err != nil {
			return rereadSchema(nil, err)
		}
		results = append(results, field)
	}
	if len(results) == 0 {
		return nil, nil // Directus sets the payload inside the loop: an empty list answers 204
	}
	return data(results)
}

func (h *handlers) updateField(c *gin.Context, o schemasvc.Options) (object, error) {
	body := bodyMap(c)
	collection, name := param(c, "collection"), param(c, "field")
	if f, _ := body["field"].(string); f == "" {
		body["field"] = name
	}
	if _, err := schemasvc.NewFieldsService(o).UpdateField(ctxOf(c), collection, body, schemasvc.MutationOptions{}); err != nil {
		return nil, err
	}
	return rereadSchema(schemasvc.NewFieldsService(afterWrite(o)).ReadOne(ctxOf(c), collection, name))
}

func (h *handlers) deleteField(c *gin.Context, o schemasvc.Options) (object, error) {
	collection := param(c, "collection")
	if schema.IsSystemCollection(collection) {
		return nil, errs.Forbidden() // system fields cannot be deleted
	}
	return nil, schemasvc.NewFieldsService(o).DeleteField(ctxOf(c), collection, param(c, "field"), schemasvc.MutationOptions{})
}

// --- /relations

func (h *handlers) readRelations(c *gin.Context, o schemasvc.Options) (object, error) {
	rels, err := schemasvc.NewRelationsService(o).ReadAll(ctxOf(c), param(c, "collection"))
	if err != nil {
		return nil, err
	}
	return data(rels)
}

func (h *handlers) readRelation(c *gin.Context, o schemasvc.Options) (object, error) {
	rel, err := schemasvc.NewRelationsService(o).ReadOne(ctxOf(c), param(c, "collection"), param(c, "field"))
	if err != nil {
		return nil, err
	}
	return data(rel)
}

func (h *handlers) createRelation(c *gin.Context, o schemasvc.Options) (object, error) {
	body := bodyMap(c)
	for _, key := range []string{"collection", "field"} {
		v, present := body[key]
		if !present {
			return nil, errs.InvalidPayload(fmt.Sprintf(`"%s" is required`, key))
		}
		if _, ok := v.(string); !ok {
			return nil, errs.InvalidPayload(fmt.Sprintf(`"%s" must be a string`, key))
		}
	}
	if err := schemasvc.NewRelationsService(o).CreateOne(ctxOf(c), body, schemasvc.MutationOptions{}); err != nil {
		return nil, err
	}
	return rereadSchema(schemasvc.NewRelationsService(afterWrite(o)).ReadOne(ctxOf(c), body["collection"].(string), body["field"].(string)))
}

func (h *handlers) updateRelation(c *gin.Context, o schemasvc.Options) (object, error) {
	collection, field := param(c, "collection"), param(c, "field")
	if err := schemasvc.NewRelationsService(o).UpdateOne(ctxOf(c), collection, field, bodyMap(c), schemasvc.MutationOptions{}); err != nil {
		return nil, err
	}
	return rereadSchema(schemasvc.NewRelationsService(afterWrite(o)).ReadOne(ctxOf(c), collection, field))
}

func (h *handlers) deleteRelation(c *gin.Context, o schemasvc.Options) (object, error) {
	return nil, schemasvc.NewRelationsService(o).DeleteOne(ctxOf(c), param(c, "collection"), param(c, "field"), schemasvc.MutationOptions{})
}

// orderedJSON decodes JSON keeping object key order (as an object) so that respond writes it
// back the way JSON.stringify would.
func orderedJSON(raw []byte) any {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	v, err := decodeOrdered(dec)
	if err != nil {
		return json.RawMessage(raw)
	}
	return v
}

func decodeOrdered(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			o := object{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := decodeOrdered(dec)
				if err != nil {
					return nil, err
				}
				o = append(o, member{k.(string), v})
			}
			_, err := dec.Token()
			return o, err
		case '[':
			list := []any{}
			for dec.More() {
				v, err := decodeOrdered(dec)
				if err != nil {
					return nil, err
				}
				list = append(list, v)
			}
			_, err := dec.Token()
			return list, err
		}
	case json.Number:
		return t, nil
	}
	return tok, nil
}
