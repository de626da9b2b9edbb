// Package items is Directus's ItemsService in Go (spec 10) and the query engine behind it: a
// Directus query (spec 11) becomes parameterised SQL for SQLite, PostgreSQL or MySQL, and rows
// come back with the value types Directus's Node drivers produce.
//
// Where things are: service.go (the Service, options, hooks and permission seams); read.go (an
// item is read: readByQuery → readLevel → SQL → values), fields.go (fields → nodes), filter.go
// (filters → SQL), sort.go, search.go, aggregate.go, stitch.go (M2O/O2M/M2A nesting), access.go
// (a caller's read rules applied at every level: item filters, per-row field masks), values.go
// (driver values → Directus's output); mutate.go, update.go, delete.go, upsert.go (writes),
// nested.go (relational payloads), payload.go (write-side value processing), track.go (activity
// and revisions). testdata/peer holds the real Directus's answers.
package items

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/schema"
	"github.com/dxhost/dxhost/services/systables/password"
)

// Emitter is what the service needs from the hook emitter (spec 10 §5). EmitFilter runs filter
// listeners in order; a listener's non-nil return replaces the payload. EmitAction fires and
// forgets. evctx is the hook context: {database, schema, accountability} (see EventContext).
type Emitter interface {
	EmitFilter(ctx context.Context, events []string, payload any, meta map[string]any, evctx any) (any, error)
	EmitAction(events []string, meta map[string]any, evctx any)
}

// EventContext is the third argument hooks receive.
type EventContext struct {
	Database       sqlx.ExtContext // the transaction for filters inside a write, else the pool
	Schema         *schema.Overview
	Accountability map[string]any
}

// Authorizer is the permissions seam (spec 13). It is consulted only for a non-admin
// accountability; without one such callers are refused (FORBIDDEN), never let through.
type Authorizer interface {
	// Authorize may rewrite the query (field and row rules) or refuse with a FORBIDDEN error.
	Authorize(ctx context.Context, action, collection string, query *Query, accountability map[string]any) (*Query, error)
}

// Options builds a Service (Directus's AbstractServiceOptions plus the host's wiring).
type Options struct {
	Schema         *schema.Overview // required
	DB             *db.DB           // the pool; required
	Tx             *sqlx.Tx         // a caller transaction to join (Directus's `knex: trx`); nil = the pool
	Accountability map[string]any   // nil = system: no permission checks, no activity/revisions
	Emitter        Emitter          // nil = no hooks
	Authorizer     Authorizer       // nil = non-admin callers are refused
	Logger         *logrus.Entry
	// QueryLimitDefault is env QUERY_LIMIT_DEFAULT; 0 means Directus's default of 100.
	QueryLimitDefault int
	// MaxBatchMutation is env MAX_BATCH_MUTATION; 0 means Directus's default (no limit).
	MaxBatchMutation int
	// Hash is the argon2 options of the `hash` special (HASH_*); zero = node-argon2's defaults.
	Hash password.Options
}

// Service is one ItemsService bound to a collection.
type Service struct {
	collection string
	opts       Options
	dialect    db.Dialect
	// nested is Directus's `nested`: the relational fields a nested write came through, the path
	// of its FAILED_VALIDATION errors.
	nested []string
}

// New returns the ItemsService of collection. Like Directus, it touches nothing until a method runs.
func New(collection string, opts Options) *Service {
	client := ""
	if opts.DB != nil {
		client = opts.DB.Client
	}
	return &Service{collection: collection, opts: opts, dialect: db.Dialect{Client: client}}
}

// Collection is the collection this service serves.
func (s *Service) Collection() string { return s.collection }

// Fork returns a service of another collection sharing this one's options (nested writes).
func (s *Service) Fork(collection string) *Service {
	return &Service{collection: collection, opts: s.opts, dialect: s.dialect}
}

// forkNested is Fork for the nested write through field (Directus's [...this.nested, field]).
func (s *Service) forkNested(collection, field string) *Service {
	f := s.Fork(collection)
	f.nested = append(append([]string{}, s.nested...), field)
	return f
}

// WithTx returns a copy of the service bound to tx.
func (s *Service) WithTx(tx *sqlx.Tx) *Service {
	c := *s
	c.opts.Tx = tx
	return &c
}

// EventScope is "items" for user collections and the name without "directus_" for system ones.
func (s *Service) EventScope() string {
	if schema.IsSystemCollection(s.collection) {
		return s.collection[len("directus_"):]
	}
	return "items"
}

func (s *Service) conn() sqlx.ExtContext {
	if s.opts.Tx != nil {
		return s.opts.Tx
	}
	return s.opts.DB
}

func (s *Service) limitDefault() int {
	if s.opts.QueryLimitDefault > 0 {
		return s.opts.QueryLimitDefault
	}
	return 100
}

// collectionInfo is getCollectionFromSchema: a missing collection is indistinguishable from a
// forbidden one.
func (s *Service) collectionInfo(name string) (*schema.Collection, error) {
	if s.opts.Schema == nil {
		return nil, fmt.Errorf("items: service for %q has no schema", name)
	}
	c := s.opts.Schema.Collections[name]
	if c == nil {
		return nil, collectionForbidden(name)
	}
	return c, nil
}

func collectionForbidden(name string) error {
	return errs.ForbiddenReason(fmt.Sprintf(`You don't have permission to access collection "%s" or it does not exist. Queried in root.`, name))
}

// assertActive is assertCollectionActive (spec 10 §3.1).
func (s *Service) assertActive(c *schema.Collection) error {
	if c.Status == "inactive" {
		return errs.CollectionInactive(c.Collection)
	}
	return nil
}

func (s *Service) isAdmin() bool {
	if s.opts.Accountability == nil {
		return true
	}
	admin, _ := s.opts.Accountability["admin"].(bool)
	return admin
}

// authorize is the permissions seam: system and admin callers pass untouched.
func (s *Service) authorize(ctx context.Context, action string, q *Query) (*Query, error) {
	if s.isAdmin() {
		return q, nil
	}
	if s.opts.Authorizer == nil {
		return nil, collectionForbidden(s.collection)
	}
	return s.opts.Authorizer.Authorize(ctx, action, s.collection, q, s.opts.Accountability)
}

func (s *Service) eventContext(db sqlx.ExtContext) *EventContext {
	return &EventContext{Database: db, Schema: s.opts.Schema, Accountability: s.opts.Accountability}
}

// eventNames gives the generic name first, then the collection-scoped one (user collections);
// system collections emit only <scope>.<action>.
func (s *Service) eventNames(action string) []string {
	scope := s.EventScope()
	if scope == "items" {
		return []string{"items." + action, s.collection + ".items." + action}
	}
	return []string{scope + "." + action}
}
