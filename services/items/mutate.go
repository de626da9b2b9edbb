package items

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/schema"
)

// MutationOptions are the write flags of spec 10 §4 that dxhost honours.
type MutationOptions struct {
	NoEvents         bool  // emitEvents: false (this call and its nested writes)
	BypassLimits     bool  // don't count towards MAX_BATCH_MUTATION
	SkipTracking     bool  // no activity/revision rows
	PreMutationError error // thrown after the filter hook and permission step, before SQL

	// queue, when set, receives action events instead of emitting them (bypassEmitAction):
	// batch and nested writes emit them after the outer write commits.
	queue *[]pendingAction
	// parentRevision is set for nested writes so their revisions point at the top-level one.
	parentRevision *any
	revisions      *[]any
	// mutations counts rows written by the whole (nested) write for MAX_BATCH_MUTATION.
	mutations *int
	// trailingFields are payload fields a nested write added after the caller's own (the o2m
	// foreign key Directus spreads in last); permission errors list them last, as Directus does.
	trailingFields []string
}

// trackMutations is the mutation tracker (spec 10 §3.1): rows of one write, nested ones included.
func (s *Service) trackMutations(opts *MutationOptions, n int) error {
	if opts.mutations == nil {
		opts.mutations = new(int)
	}
	if opts.BypassLimits {
		return nil
	}
	*opts.mutations += n
	if max := s.opts.MaxBatchMutation; max > 0 && *opts.mutations > max {
		return errs.InvalidPayload(fmt.Sprintf("Exceeded max batch mutation limit of %d", max))
	}
	return nil
}

type pendingAction struct {
	events []string
	meta   map[string]any
	evctx  any
}

// inTx runs fn in the service's transaction, or in a new one (services/db's Transaction: it
// commits when fn succeeds and, like Directus, runs fn again on a deadlock or busy database).
// reset undoes the in-memory effects of a failed attempt (queued events, collected keys).
func (s *Service) inTx(ctx context.Context, fn func(tx *sqlx.Tx, svc *Service) error, reset ...func()) error {
	if s.opts.Tx != nil {
		return fn(s.opts.Tx, s)
	}
	if s.opts.DB == nil {
		return fmt.Errorf("items: service for %q has no database", s.collection)
	}
	return s.opts.DB.Transaction(ctx, func(tx *sqlx.Tx) error {
		for _, r := range reset {
			r()
		}
		return fn(tx, s.WithTx(tx))
	})
}

func (s *Service) emitFilter(ctx context.Context, opts *MutationOptions, action string, payload any, meta map[string]any, conn sqlx.ExtContext) (any, error) {
	if s.opts.Emitter == nil || opts.NoEvents {
		return payload, nil
	}
	out, err := s.opts.Emitter.EmitFilter(ctx, s.eventNames(action), payload, meta, s.eventContext(conn))
	if err != nil {
		return nil, err
	}
	if out == nil {
		return payload, nil
	}
	return out, nil
}

// emitAction fires (or queues) the action event; the action context carries the pool.
func (s *Service) emitAction(opts *MutationOptions, action string, meta map[string]any) {
	if s.opts.Emitter == nil || opts.NoEvents {
		return
	}
	p := pendingAction{events: s.eventNames(action), meta: meta, evctx: s.eventContext(s.opts.DB)}
	if opts.queue != nil {
		*opts.queue = append(*opts.queue, p)
		return
	}
	s.opts.Emitter.EmitAction(p.events, p.meta, p.evctx)
}

func (s *Service) flush(queue []pendingAction) {
	if s.opts.Emitter == nil {
		return
	}
	for _, p := range queue {
		s.opts.Emitter.EmitAction(p.events, p.meta, p.evctx)
	}
}

func clonePayload(v any) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = clonePayload(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = clonePayload(e)
		}
		return out
	case *Item:
		if x == nil {
			return x
		}
		out := newItemCap(x.Len())
		for i, k := range x.keys {
			out.Set(k, clonePayload(x.values[i]))
		}
		return out
	}
	return v
}

func asPayload(v any) (map[string]any, error) {
	switch x := v.(type) {
	case map[string]any:
		return x, nil
	case *Item:
		m, _ := asObject(x)
		return m, nil
	}
	return nil, errs.InvalidPayload("Payload has to be an object")
}

// CreateOne is createOne (spec 10 §3.3): returns the new primary key.
func (s *Service) CreateOne(ctx context.Context, data map[string]any, opts MutationOptions) (any, error) {
	col, err := s.collectionInfo(s.collection)
	if err != nil {
		return nil, err
	}
	if err := s.assertActive(col); err != nil {
		return nil, err
	}
	var queue []pendingAction
	own := opts.queue == nil
	if own {
		opts.queue = &queue
	}
	var key any
	err = s.inTx(ctx, func(tx *sqlx.Tx, svc *Service) error {
		key, err = svc.createInTx(ctx, col, data, opts)
		return err
	}, func() { queue = queue[:0] })
	if err != nil {
		return nil, err
	}
	if own {
		s.flush(parentFirst(queue))
	}
	return key, nil
}

// parentFirst moves the last queued action (the outer write's own) before the nested ones it
// queued, which is the order Directus emits them in.
func parentFirst(queue []pendingAction) []pendingAction {
	if len(queue) < 2 {
		return queue
	}
	return append([]pendingAction{queue[len(queue)-1]}, queue[:len(queue)-1]...)
}

func (s *Service) createInTx(ctx context.Context, col *schema.Collection, data map[string]any, opts MutationOptions) (any, error) {
	if err := s.trackMutations(&opts, 1); err != nil {
		return nil, err
	}
	raw, err := s.emitFilter(ctx, &opts, "create", clonePayload(data), map[string]any{"collection": s.collection}, s.conn())
	if err != nil {
		return nil, err
	}
	payload, err := asPayload(raw)
	if err != nil {
		return nil, err
	}
	s.relationalMaps(col, payload)
	if payload, err = s.authorizeWrite(ctx, "create", nil, payload); err != nil {
		return nil, err
	}
	if opts.PreMutationError != nil {
		return nil, opts.PreMutationError
	}
	actionPayload := clonePayload(payload).(map[string]any)
	revData := s.prepareDelta(col, payload, s.relationalFields(col))

	var nestedRevisions []any
	nestedOpts := opts
	nestedOpts.revisions = &nestedRevisions
	if err := s.nestedManyToOne(ctx, col, payload, nestedOpts); err != nil {
		return nil, err
	}
	o2m := s.extractOneToMany(col, payload)
	columns := columnsOnly(col, payload)
	now := time.Now()
	processed, err := s.processWrite(col, "create", columns, now)
	if err != nil {
		return nil, err
	}
	var key any
	if v, ok := processed[col.Primary]; ok && v != nil {
		if err := validateKeys(col, v); err != nil {
			return nil, err
		}
		key = v
	}
	inserted, err := s.insert(ctx, col, processed)
	if err != nil {
		return nil, err
	}
	if key == nil {
		key = inserted
	} else if err := s.resetSequence(ctx, col); err != nil {
		return nil, err
	}
	if err := s.nestedOneToMany(ctx, col, key, o2m, nestedOpts); err != nil {
		return nil, err
	}
	dataFor := func(int) (any, error) { return revData, nil }
	if err := s.track(ctx, col, "create", []any{key}, dataFor, []any{revData}, opts, nestedRevisions); err != nil {
		return nil, err
	}
	s.emitAction(&opts, "create", map[string]any{"payload": actionPayload, "key": key, "collection": s.collection})
	return key, nil
}

// columnsOnly drops keys that are not real columns (unknown keys, alias fields).
func columnsOnly(col *schema.Collection, payload map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range payload {
		if f := col.Fields[k]; f != nil && !f.Alias {
			out[k] = v
		}
	}
	return out
}

func sortedColumns(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// insert runs the INSERT and returns the database-generated key (nil when the payload had one).
func (s *Service) insert(ctx context.Context, col *schema.Collection, values map[string]any) (any, error) {
	b := &sqlBuilder{d: s.dialect}
	cols := sortedColumns(values)
	quoted := make([]string, len(cols))
	ps := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = b.q(c)
		ps[i] = b.arg(bindValue(s.dialect.Client, values[c]))
	}
	var sql string
	if len(cols) == 0 {
		switch s.dialect.Client {
		case db.ClientMySQL:
			sql = "INSERT INTO " + b.q(col.Collection) + " () VALUES ()"
		default:
			sql = "INSERT INTO " + b.q(col.Collection) + " DEFAULT VALUES"
		}
	} else {
		sql = "INSERT INTO " + b.q(col.Collection) + " (" + strings.Join(quoted, ", ") + ") VALUES (" + strings.Join(ps, ", ") + ")"
	}
	payloadForErrors := values
	if s.dialect.Client == db.ClientMySQL {
		res, err := s.conn().ExecContext(ctx, sql, b.args...)
		if err != nil {
			return nil, s.translate(ctx, err, payloadForErrors, sql)
		}
		if v, ok := values[col.Primary]; ok && v != nil {
			return v, nil
		}
		id, err := res.LastInsertId()
		if err != nil {
			return nil, fmt.Errorf("items: insert id of %s: %w", col.Collection, err)
		}
		return id, nil
	}
	sql += " RETURNING " + b.q(col.Primary)
	rows, err := s.queryWithPayload(ctx, sql, b.args, payloadForErrors, 0)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, nil
	}
	return rows[0][0], nil
}

// resetSequence moves a PostgreSQL serial past an explicitly inserted integer key, as Directus
// does after such inserts (spec 10 §3.3 step 12).
func (s *Service) resetSequence(ctx context.Context, col *schema.Collection) error {
	pk := col.Fields[col.Primary]
	if s.dialect.Client != db.ClientPostgres || pk == nil || pk.DefaultValue != schema.AutoIncrement {
		return nil
	}
	b := &sqlBuilder{d: s.dialect}
	sql := "SELECT setval(pg_get_serial_sequence(" + b.arg(b.q(col.Collection)) + ", " + b.arg(col.Primary) + "), (SELECT MAX(" + b.q(col.Primary) + ") FROM " + b.q(col.Collection) + "))"
	_, err := s.query(ctx, sql, b.args, 0)
	return err
}

// CreateMany is createMany: one transaction, one action per item after commit.
func (s *Service) CreateMany(ctx context.Context, data []map[string]any, opts MutationOptions) ([]any, error) {
	var queue []pendingAction
	own := opts.queue == nil
	if own {
		opts.queue = &queue
	}
	if opts.mutations == nil {
		opts.mutations = new(int) // one tracker for the whole batch
	}
	keys := make([]any, 0, len(data))
	err := s.inTx(ctx, func(tx *sqlx.Tx, svc *Service) error {
		col, err := svc.collectionInfo(svc.collection)
		if err != nil {
			return err
		}
		if err := svc.assertActive(col); err != nil {
			return err
		}
		for _, d := range data {
			k, err := svc.createInTx(ctx, col, d, opts)
			if err != nil {
				return err
			}
			keys = append(keys, k)
		}
		return nil
	}, func() { queue, keys, *opts.mutations = queue[:0], keys[:0], 0 })
	if err != nil {
		return nil, err
	}
	if own {
		s.flush(queue)
	}
	return keys, nil
}
