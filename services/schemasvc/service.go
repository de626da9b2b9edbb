// Package schemasvc is Directus's CollectionsService, FieldsService and RelationsService in Go
// (spec 10 §11, spec 12 §2–§4, §6): the services that change the database layout (CREATE/ALTER/DROP
// TABLE, columns, indexes, foreign keys) on SQLite, PostgreSQL and MySQL/MariaDB, and write the
// directus_collections / directus_fields / directus_relations rows through the ItemsService, so the
// same hooks (collections.create, fields.update, …) and activity rows follow.
package schemasvc

import (
	"context"
	"sync"

	"github.com/jmoiron/sqlx"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/schema"
)

// Options are what the three services are built with (Directus's AbstractServiceOptions plus the
// host's wiring).
type Options struct {
	DB             *db.DB           // the pool; required
	Tx             *sqlx.Tx         // a caller transaction to join (Directus's `knex: trx`); nil = own transactions
	Schema         *schema.Overview // the overview the caller holds (options.schema); nil = Provider.Get
	Provider       *schema.Provider // invalidated after every change; may be nil in tests
	Accountability map[string]any   // nil = system; non-admin callers read what they may, never write
	Emitter        items.Emitter    // nil = no hooks
	// Authorizer gives a non-admin caller's read permissions (the same seam as items.Options);
	// nil = such callers read nothing (FORBIDDEN), as in services/items.
	Authorizer items.Authorizer
	Logger     *logrus.Entry
}

// MutationOptions are the options of the write methods Directus's schema services honour.
type MutationOptions struct {
	NoEvents bool // emitEvents: false
}

// base is what the three services share.
type base struct {
	opts    Options
	dialect db.Dialect
}

func newBase(opts Options) base {
	return base{opts: opts, dialect: opts.DB.Dialect()}
}

// overview is options.schema, or the provider's current overview.
func (b *base) overview(ctx context.Context) (*schema.Overview, error) {
	if b.opts.Schema != nil {
		return b.opts.Schema, nil
	}
	if b.opts.Provider == nil {
		return schema.Build(ctx, b.conn(), b.opts.DB.Client, schema.BuildOptions{})
	}
	return b.opts.Provider.Get(ctx)
}

// conn is the caller's transaction, else the pool.
func (b *base) conn() sqlx.ExtContext {
	if b.opts.Tx != nil {
		return b.opts.Tx
	}
	return b.opts.DB
}

func (b *base) isAdmin() bool {
	if b.opts.Accountability == nil {
		return true
	}
	admin, _ := b.opts.Accountability["admin"].(bool)
	return admin
}

// requireAdmin is the check every schema write starts with.
func (b *base) requireAdmin() error {
	if !b.isAdmin() {
		return errs.Forbidden()
	}
	return nil
}

// inTx runs fn in the caller's transaction or a new one (Directus's transaction() helper).
func (b *base) inTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	if b.opts.Tx != nil {
		return fn(b.opts.Tx)
	}
	return b.opts.DB.Transaction(ctx, fn)
}

// invalidate drops the cached schema: Directus clears its schema cache after every change, also
// after a failed one (the finally blocks).
func (b *base) invalidate() {
	if b.opts.Provider != nil {
		b.opts.Provider.Invalidate()
	}
}

// items returns the ItemsService of a system collection bound to conn (a transaction or nil = pool).
func (b *base) items(collection string, ov *schema.Overview, tx *sqlx.Tx, accountability map[string]any) *items.Service {
	return items.New(collection, items.Options{
		Schema: ov, DB: b.opts.DB, Tx: tx, Accountability: accountability,
		Emitter: b.opts.Emitter, Authorizer: b.opts.Authorizer, Logger: b.opts.Logger,
	})
}

// emitFilter runs a filter hook (nil emitter = payload unchanged).
func (b *base) emitFilter(ctx context.Context, event string, payload any, meta map[string]any, conn sqlx.ExtContext, ov *schema.Overview) (any, error) {
	if b.opts.Emitter == nil {
		return payload, nil
	}
	res, err := b.opts.Emitter.EmitFilter(ctx, []string{event}, payload, meta, &items.EventContext{Database: conn, Schema: ov, Accountability: b.opts.Accountability})
	if err != nil {
		return nil, err
	}
	if res == nil {
		return payload, nil
	}
	return res, nil
}

// emitAction fires an action hook after the change, with the rebuilt schema like Directus.
func (b *base) emitAction(ctx context.Context, event string, meta map[string]any) {
	if b.opts.Emitter == nil {
		return
	}
	b.opts.Emitter.EmitAction([]string{event}, meta, &items.EventContext{Database: b.opts.DB, Accountability: b.opts.Accountability})
}

// schemaTx runs fn in the transaction DDL needs. On SQLite (without a caller transaction) it takes
// one connection of its own and turns foreign keys off for it first, as Directus's preColumnChange
// does (a table rebuild must not fire ON DELETE actions); they are turned on again before the
// connection returns to the pool. PRAGMA foreign_keys cannot change inside a transaction, so with
// a caller transaction the DDL runs there with foreign keys as they are — as in Directus.
func (b *base) schemaTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	if b.opts.Tx != nil || b.opts.DB.Client != db.ClientSQLite {
		return b.inTx(ctx, fn)
	}
	conn, err := b.opts.DB.Connx(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON")
	tx, err := conn.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// actionQueue holds back action events until the change is complete, like Directus's
// bypassEmitAction/nestedActionEvents: filters run at once (they may change or veto the payload),
// actions fire after the transaction, with the rebuilt schema and the pool as their context.
type actionQueue struct {
	inner items.Emitter
	mu    sync.Mutex
	queue []queuedAction
}

type queuedAction struct {
	events []string
	meta   map[string]any
	evctx  any
}

func (q *actionQueue) EmitFilter(ctx context.Context, events []string, payload any, meta map[string]any, evctx any) (any, error) {
	return q.inner.EmitFilter(ctx, events, payload, meta, evctx)
}

func (q *actionQueue) EmitAction(events []string, meta map[string]any, evctx any) {
	q.mu.Lock()
	q.queue = append(q.queue, queuedAction{events, meta, evctx})
	q.mu.Unlock()
}

// deferActions returns a copy of b whose action events (its own and those of every service it
// calls) are queued, and the function that emits them; call it after the change, also after a
// failed one (Directus emits the queued events in a finally block).
//
// It also pins the schema overview for the whole call: it is read before any transaction starts,
// so a single-connection pool (SQLite :memory:) never waits on itself.
func (b base) deferActions(ctx context.Context) (base, func()) {
	if b.opts.Schema == nil {
		if ov, err := b.overview(ctx); err == nil {
			b.opts.Schema = ov
		}
	}
	if b.opts.Emitter == nil {
		return b, func() {}
	}
	if _, already := b.opts.Emitter.(*actionQueue); already {
		return b, func() {} // an outer call flushes
	}
	q := &actionQueue{inner: b.opts.Emitter}
	inner := b
	inner.opts.Emitter = q
	return inner, func() {
		q.mu.Lock()
		queued := q.queue
		q.queue = nil
		q.mu.Unlock()
		if len(queued) == 0 {
			return
		}
		var ov *schema.Overview
		if b.opts.Provider != nil {
			b.opts.Provider.Invalidate()
			ov, _ = b.opts.Provider.Get(context.WithoutCancel(ctx))
		}
		for _, a := range queued {
			evctx := &items.EventContext{Database: b.opts.DB, Schema: ov, Accountability: b.opts.Accountability}
			if ec, ok := a.evctx.(*items.EventContext); ok {
				evctx.Accountability = ec.Accountability
			}
			b.opts.Emitter.EmitAction(a.events, a.meta, evctx)
		}
	}
}
