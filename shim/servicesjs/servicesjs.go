// Package servicesjs is the JavaScript face of dxhost's data layer: context.services (the service
// classes of spec 02 §2.1 over services/items), context.getSchema and req.schema (spec 12 §1).
// Service methods run their SQL on goroutines and settle their promises on the instance's loop.
package servicesjs

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/dop251/goja"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/schema"
	"github.com/dxhost/dxhost/services/systables/password"
	_ "github.com/dxhost/dxhost/shim/errors"
	"github.com/dxhost/dxhost/shim/exchange"
	"github.com/dxhost/dxhost/shim/rest" // registers @directus/errors, used for errors built in Go
)

// Deps is what the JS services need from the process; shared by every instance.
type Deps struct {
	DB         *db.DB           // the pool (required)
	Schema     *schema.Provider // getSchema()'s cache (required)
	Emitter    items.Emitter    // hooks; nil = none
	Authorizer items.Authorizer // permissions for non-admin accountability; nil = such callers are refused
	// QueryLimitDefault is QUERY_LIMIT_DEFAULT (0 = Directus's 100).
	QueryLimitDefault int
	// MaxBatchMutation is MAX_BATCH_MUTATION (0 = no limit, Directus's default).
	MaxBatchMutation int
	Logger           *logrus.Entry
	// Env is the configuration ServerService.serverInfo reports from; nil = ServerService is not
	// offered (it throws "not supported").
	Env *env.Env
	// Hash is the argon2 options of the hash special (HASH_*); zero = node-argon2's defaults.
	Hash password.Options
}

// Binding is one instance's services namespace and getSchema function. Use it on the instance's loop.
type Binding struct {
	deps      Deps
	inst      *jsrt.Instance
	rt        *goja.Runtime
	database  goja.Value
	loadDB    func() (goja.Value, error) // makes database on first use (SetDatabaseLoader)
	services  goja.Value
	getSchema goja.Value
	schemas   schemaCache
	errors    *goja.Object // the @directus/errors module, for Directus errors built in Go

	serverOnce sync.Once
	serverSvc  *rest.Server
	txSymbol   *goja.Symbol
}

//go:embed services.js
var servicesSource string

var servicesProgram = goja.MustCompile("dxhost:services", servicesSource, true)

// New builds the services namespace and getSchema for inst (call on its loop). database is the
// instance's context.database (the default `knex` of a service); nil leaves it undefined.
func New(rt *goja.Runtime, inst *jsrt.Instance, deps Deps, database goja.Value) (*Binding, error) {
	if deps.DB == nil || deps.Schema == nil {
		return nil, fmt.Errorf("servicesjs: Deps.DB and Deps.Schema are required")
	}
	if deps.Logger == nil {
		deps.Logger = inst.Logger()
	}
	if database == nil {
		database = goja.Undefined()
	}
	b := &Binding{deps: deps, inst: inst, rt: rt, database: database}
	errorsModule, err := inst.Require("@directus/errors")
	if err != nil {
		return nil, fmt.Errorf("servicesjs: @directus/errors: %w", err)
	}
	b.errors = errorsModule.ToObject(rt)

	factory, err := rt.RunProgram(servicesProgram)
	if err != nil {
		return nil, fmt.Errorf("servicesjs: services prelude: %w", err)
	}
	fn, ok := goja.AssertFunction(factory)
	if !ok {
		return nil, fmt.Errorf("servicesjs: services prelude is not a function")
	}
	native := rt.NewObject()
	_ = native.Set("database", func() goja.Value { return b.defaultKnex() })
	_ = native.Set("isSystemCollection", func(name string) bool { return schema.IsSystemCollection(name) })
	_ = native.Set("run", jsrt.Safe(rt, b.run))
	_ = native.Set("schemaRun", jsrt.Safe(rt, b.schemaRun))
	_ = native.Set("errors", b.errors)
	_ = native.Set("serverInfo", jsrt.Safe(rt, b.serverInfo))
	_ = native.Set("serverHealth", jsrt.Safe(rt, b.serverHealth))
	// UtilsService.clearCache({ system: true }): the system cache dxhost has is the schema overview
	_ = native.Set("clearSystemCache", func() { b.deps.Schema.Invalidate() })
	if b.services, err = fn(goja.Undefined(), native); err != nil {
		return nil, fmt.Errorf("servicesjs: services namespace: %w", err)
	}
	b.getSchema = rt.ToValue(jsrt.Safe(rt, b.getSchemaCall))
	bindings.Store(rt, b)
	go func() {
		<-inst.Done()
		bindings.Delete(rt)
	}()
	return b, nil
}

// SetDatabaseLoader makes the services' default knex (context.database) with load the first time a
// service needs it, instead of the value given to New (call on the loop).
func (b *Binding) SetDatabaseLoader(load func() (goja.Value, error)) { b.loadDB = load }

// defaultKnex is the knex a service gets without a `knex` option.
func (b *Binding) defaultKnex() goja.Value {
	if b.loadDB != nil {
		v, err := b.loadDB()
		if err != nil {
			panic(b.rt.NewGoError(err))
		}
		b.database, b.loadDB = v, nil
	}
	return b.database
}

// Services is context.services.
func (b *Binding) Services() goja.Value { return b.services }

// GetSchema is context.getSchema.
func (b *Binding) GetSchema() goja.Value { return b.getSchema }

// bindings finds an instance's Binding from its runtime (for req.schema, built by shim/httpjs).
var bindings sync.Map // *goja.Runtime → *Binding

// RequestSchema is req.schema for an extension request: the JS SchemaOverview of the overview the
// schema middleware put on the exchange (shim/rest), the same object for every request of a schema
// version. Loop only; null when the runtime has no services or the request no schema.
func RequestSchema(rt *goja.Runtime, ex *exchange.Request) goja.Value {
	v, ok := bindings.Load(rt)
	if !ok || ex == nil {
		return goja.Null()
	}
	return v.(*Binding).SchemaObject(ex.Schema)
}
