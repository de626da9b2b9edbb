package main

import (
	"context"
	"fmt"

	"github.com/dop251/goja"
	"github.com/gin-gonic/gin"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/services/auth"
	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/emitter"
	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/schema"
	"github.com/dxhost/dxhost/services/systables/password"
	"github.com/dxhost/dxhost/shim/authroutes"
	"github.com/dxhost/dxhost/shim/knexjs"
	"github.com/dxhost/dxhost/shim/rest"
	"github.com/dxhost/dxhost/shim/server"
	"github.com/dxhost/dxhost/shim/servicesjs"
)

// dataLayer is the process-wide data wiring every part shares: the pool, the cached schema, the core
// event emitter (hooks listen here; the extension-local emitter is a different one), auth and
// permissions.
type dataLayer struct {
	env    *env.Env
	log    *logrus.Logger
	db     *db.DB
	schema *schema.Provider
	events *emitter.Emitter
	auth   *auth.Service
	authz  *auth.Authorizer
	hash   password.Options // HASH_*, for the hash special of every ItemsService
}

func newDataLayer(e *env.Env, log *logrus.Logger, database *db.DB) *dataLayer {
	d := &dataLayer{
		env:    e,
		hash:   password.OptionsFromEnv(e.Map()),
		log:    log,
		db:     database,
		schema: schema.NewProvider(database.DB, database.Client, e.Bool("CACHE_SCHEMA"), schema.BuildOptions{ExcludeTables: e.Strings("DB_EXCLUDE_TABLES"), Logger: log.WithField("component", "schema")}),
		events: emitter.New(log.WithField("component", "events")),
		auth:   auth.New(database, auth.ConfigFromEnv(e), log.WithField("component", "auth")),
	}
	d.authz = &auth.Authorizer{Auth: d.auth, Schema: d.schema.Get}
	d.auth.Hooks = d.events
	return d
}

// contextParts gives an extension instance its services, getSchema and a loader of its database
// (knex): the knex bundle is instantiated only when the extension or one of its services first needs
// it, once per instance.
func (d *dataLayer) contextParts(rt *goja.Runtime, inst *jsrt.Instance) (services goja.Value, database func() (goja.Value, error), getSchema goja.Value, err error) {
	var knex goja.Value
	database = func() (goja.Value, error) {
		if knex == nil {
			k, err := knexjs.New(rt, inst, d.db)
			if err != nil {
				return nil, fmt.Errorf("context.database: %w", err)
			}
			knex = k
		}
		return knex, nil
	}
	b, err := servicesjs.New(rt, inst, servicesjs.Deps{
		DB:                d.db,
		Schema:            d.schema,
		Emitter:           d.events,
		Authorizer:        d.authz,
		QueryLimitDefault: d.env.Int("QUERY_LIMIT_DEFAULT", 100),
		MaxBatchMutation:  d.env.Int("MAX_BATCH_MUTATION", 0),
		Env:               d.env,
		Hash:              d.hash,
	}, nil)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("context.services: %w", err)
	}
	b.SetDatabaseLoader(database)
	return b.Services(), database, b.GetSchema(), nil
}

// Items returns the ItemsService of collection acting as accountability (nil = no permission checks,
// as Directus's services do when accountability is omitted).
func (d *dataLayer) Items(ctx context.Context, collection string, accountability map[string]any) (*items.Service, error) {
	overview, err := d.schema.Get(ctx)
	if err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	return items.New(collection, items.Options{
		Schema:            overview,
		DB:                d.db,
		Accountability:    accountability,
		Emitter:           d.events,
		Authorizer:        d.authz,
		Logger:            d.log.WithField("collection", collection),
		QueryLimitDefault: d.env.Int("QUERY_LIMIT_DEFAULT", 100),
		MaxBatchMutation:  d.env.Int("MAX_BATCH_MUTATION", 0),
		Hash:              d.hash,
	}), nil
}

// authenticator is the server's token → accountability step.
func (d *dataLayer) authenticator() server.Authenticator {
	return authroutes.NewAuthenticator(d.auth, d.env, nil)
}

// routes registers the core routes dxhost serves beside extensions (and the schema step that gives
// every later handler, extension routes included, its req.schema).
func (d *dataLayer) routes(r gin.IRoutes) {
	rest.Routes(rest.Deps{
		DB: d.db, Schema: d.schema, Env: d.env, Emitter: d.events, Authorizer: d.authz,
		Logger: d.log.WithField("component", "rest"),
	})(r)
	authroutes.Register(r, d.auth, authroutes.Options{
		Env: d.env,
		Items: func(c *gin.Context, collection string, acc map[string]any) (*items.Service, error) {
			return d.Items(c.Request.Context(), collection, acc)
		},
	})
}
