package main

import (
	"context"
	"fmt"

	"github.com/gin-gonic/gin"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/auth"
	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/emitter"
	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/schema"
	"github.com/dxhost/dxhost/shim/authroutes"
	"github.com/dxhost/dxhost/shim/server"
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
}

func newDataLayer(e *env.Env, log *logrus.Logger, database *db.DB) *dataLayer {
	d := &dataLayer{
		env:    e,
		log:    log,
		db:     database,
		schema: schema.NewProvider(database.DB, database.Client, e.Bool("CACHE_SCHEMA"), schema.BuildOptions{ExcludeTables: e.Strings("DB_EXCLUDE_TABLES"), Logger: log.WithField("component", "schema")}),
		events: emitter.New(log.WithField("component", "events")),
		auth:   auth.New(database, auth.ConfigFromEnv(e), log.WithField("component", "auth")),
	}
	d.authz = &auth.Authorizer{Auth: d.auth, Schema: d.schema.Get}
	return d
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
	}), nil
}

// authenticator is the server's token → accountability step.
func (d *dataLayer) authenticator() server.Authenticator {
	return authroutes.NewAuthenticator(d.auth, d.env, nil)
}

// routes registers the core routes dxhost serves beside extensions.
func (d *dataLayer) routes(r gin.IRoutes) {
	authroutes.Register(r, d.auth, authroutes.Options{
		Env: d.env,
		Items: func(c *gin.Context, collection string, acc map[string]any) (*items.Service, error) {
			return d.Items(c.Request.Context(), collection, acc)
		},
	})
}
