// Package rest is Directus's core REST routes for data (spec 14): /items/:collection and /settings
// over services/items, /collections, /fields and /relations over services/schemasvc, and
// /server/info|health, with the {data, meta} envelope, Directus's status codes, re-reads, headers
// and ?export=json|csv|csv_utf8|xml|yaml (export.go, exportfmt.go, exportyaml.go: the file formats of
// Directus's ExportService). Mount it with server.Options.Routes = rest.Routes(deps).
package rest

import (
	"fmt"

	"github.com/gin-gonic/gin"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/query"
	"github.com/dxhost/dxhost/services/schema"
	shimerrors "github.com/dxhost/dxhost/shim/errors"
	"github.com/dxhost/dxhost/shim/exchange"
)

// Deps is what the routes need.
type Deps struct {
	DB         *db.DB           // required
	Schema     *schema.Provider // required
	Env        *env.Env         // required (query limits, QUERY_LIMIT_DEFAULT, /server/*)
	Emitter    items.Emitter    // hooks; nil = none
	Authorizer items.Authorizer // non-admin permissions; nil = such callers are refused, as items does
	Logger     *logrus.Entry
}

// Routes returns the function server.Options.Routes takes. It first installs the schema middleware
// (Directus's step 20: req.schema for every later handler, extension routes included), then the
// core routes.
func Routes(d Deps) func(r gin.IRoutes) {
	h := newHandlers(d)
	return func(r gin.IRoutes) {
		r.Use(SchemaMiddleware(d.Schema))
		h.mountItems(r)
		h.mountSettings(r)
		h.mountServer(r)
		h.mountSchema(r)
		r.Use(h.expressFallback)
	}
}

// SchemaMiddleware loads the SchemaOverview for the request (cached by the provider) so that core
// routes and req.schema share it. A failure is rendered as Directus's error handler would.
func SchemaMiddleware(p *schema.Provider) gin.HandlerFunc {
	return func(c *gin.Context) {
		o, err := p.Get(c.Request.Context())
		if err != nil {
			shimerrors.Respond(c, fmt.Errorf("schema: %w", err))
			c.Abort()
			return
		}
		// On the exchange, where the JS req of an extension route finds it too (the loop never sees c):
		// no copy of the http.Request for a context value.
		exchange.Get(c).Schema = o
	}
}

// SchemaOf is the request's SchemaOverview (req.schema), nil when SchemaMiddleware did not run.
func SchemaOf(c *gin.Context) *schema.Overview { return exchange.Get(c).Schema }

type handlers struct {
	d         Deps
	limits    query.Limits
	limitDflt int
	maxBatch  int // MAX_BATCH_MUTATION, read once like the env it comes from
	health    healthCache
	express   []expressRoute
}

func newHandlers(d Deps) *handlers {
	if d.Logger == nil {
		d.Logger = logrus.NewEntry(logrus.StandardLogger())
	}
	return &handlers{
		d:         d,
		limits:    query.LimitsFromEnv(d.Env),
		limitDflt: d.Env.Int("QUERY_LIMIT_DEFAULT", 100),
		maxBatch:  d.Env.Int("MAX_BATCH_MUTATION", 0),
	}
}

// service is `new ItemsService(collection, { accountability: req.accountability, schema: req.schema })`.
func (h *handlers) service(c *gin.Context, collection string) *items.Service {
	return items.New(collection, items.Options{
		Schema:            SchemaOf(c),
		DB:                h.d.DB,
		Accountability:    exchange.Get(c).Accountability,
		Emitter:           h.d.Emitter,
		Authorizer:        h.d.Authorizer,
		Logger:            h.d.Logger,
		QueryLimitDefault: h.limitDflt,
		MaxBatchMutation:  h.maxBatch,
	})
}
