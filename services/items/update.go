package items

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/schema"
)

// UpdateOne is updateOne: updateMany([key]) returning key.
func (s *Service) UpdateOne(ctx context.Context, key any, data map[string]any, opts MutationOptions) (any, error) {
	keys, err := s.UpdateMany(ctx, []any{key}, data, opts)
	if err != nil {
		return nil, err
	}
	return keys[0], nil
}

// UpdateMany is updateMany (spec 10 §3.4): the same data for every key; returns the keys sorted
// as JavaScript's default sort does (as strings).
func (s *Service) UpdateMany(ctx context.Context, keys []any, data map[string]any, opts MutationOptions) ([]any, error) {
	col, err := s.collectionInfo(s.collection)
	if err != nil {
		return nil, err
	}
	if err := s.assertActive(col); err != nil {
		return nil, err
	}
	if err := s.trackMutations(&opts, len(keys)); err != nil {
		return nil, err
	}
	if err := validateKeys(col, keys...); err != nil {
		return nil, err
	}
	raw, err := s.emitFilter(ctx, &opts, "update", clonePayload(data), map[string]any{"keys": keys, "collection": s.collection}, s.opts.DB)
	if err != nil {
		return nil, err
	}
	payload, err := asPayload(raw)
	if err != nil {
		return nil, err
	}
	s.relationalMaps(col, payload)
	sort.SliceStable(keys, func(i, j int) bool { return keyString(keys[i]) < keyString(keys[j]) })
	trailing := opts.trailingFields
	opts.trailingFields = nil // only for this write, not the nested ones below it
	if payload, err = s.authorizeWrite(ctx, "update", keys, payload, trailing...); err != nil {
		return nil, err
	}
	if opts.PreMutationError != nil {
		return nil, opts.PreMutationError
	}
	actionPayload := clonePayload(payload)
	var queue []pendingAction
	own := opts.queue == nil
	if own {
		opts.queue = &queue
	}
	err = s.inTx(ctx, func(tx *sqlx.Tx, svc *Service) error {
		return svc.updateInTx(ctx, col, keys, payload, opts)
	}, func() { queue = queue[:0] })
	if err != nil {
		return nil, err
	}
	s.emitAction(&opts, "update", map[string]any{"payload": actionPayload, "keys": keys, "collection": s.collection})
	if own {
		s.flush(parentFirst(queue))
	}
	return keys, nil
}

func (s *Service) updateInTx(ctx context.Context, col *schema.Collection, keys []any, payload map[string]any, opts MutationOptions) error {
	var nestedRevisions []any
	nestedOpts := opts
	nestedOpts.revisions = &nestedRevisions
	if err := s.nestedManyToOne(ctx, col, payload, nestedOpts); err != nil {
		return err
	}
	o2m := s.extractOneToMany(col, payload)
	columns := columnsOnly(col, payload)
	delete(columns, col.Primary)
	processed, err := s.processWrite(col, "update", columns, time.Now())
	if err != nil {
		return err
	}
	if len(processed) > 0 && len(keys) > 0 {
		b := &sqlBuilder{d: s.dialect}
		var sets []string
		for _, c := range sortedColumns(processed) {
			sets = append(sets, b.q(c)+" = "+b.arg(bindValue(s.dialect.Client, processed[c])))
		}
		ps := make([]string, len(keys))
		for i, k := range keys {
			ps[i] = b.arg(bindValue(s.dialect.Client, k))
		}
		sql := "UPDATE " + b.q(col.Collection) + " SET " + strings.Join(sets, ", ") + " WHERE " + b.q(col.Primary) + " IN (" + strings.Join(ps, ", ") + ")"
		if _, err := s.conn().ExecContext(ctx, s.dialect.Rebind(sql), b.args...); err != nil {
			return s.translate(ctx, err, processed, sql)
		}
	}
	for _, k := range keys {
		if err := s.nestedOneToMany(ctx, col, k, o2m, nestedOpts); err != nil {
			return err
		}
	}
	delta := make([]any, len(keys))
	for i := range keys {
		delta[i] = s.prepareDelta(col, processed, nil)
	}
	var snapshots map[string]*Item
	dataFor := func(i int) (any, error) {
		if snapshots == nil {
			var err error
			if snapshots, err = s.snapshots(ctx, col, keys); err != nil {
				return nil, err
			}
		}
		if snap, ok := snapshots[keyString(keys[i])]; ok {
			return snap, nil
		}
		return nil, nil
	}
	return s.track(ctx, col, "update", keys, dataFor, delta, opts, nestedRevisions)
}

// snapshots reads the updated items' non-relational fields for the revisions' data, with one
// readMany as Directus does (its hooks fire, without accountability).
func (s *Service) snapshots(ctx context.Context, col *schema.Collection, keys []any) (map[string]*Item, error) {
	relational := s.relationalFields(col)
	var fields []string
	for _, name := range col.FieldOrder {
		if !col.Fields[name].Alias && !relational[name] {
			fields = append(fields, name)
		}
	}
	if len(fields) == 0 {
		fields = []string{"*"}
	}
	system := s.Fork(s.collection)
	system.opts.Accountability = nil
	records, err := system.ReadMany(ctx, keys, &Query{Fields: fields}, ReadOptions{})
	if err != nil {
		return nil, err
	}
	out := make(map[string]*Item, len(records))
	for _, r := range records {
		pk, _ := r.Get(col.Primary)
		out[keyString(pk)] = r
	}
	return out, nil
}

// UpdateBatch is updateBatch: every item carries its key; one transaction.
func (s *Service) UpdateBatch(ctx context.Context, data []map[string]any, opts MutationOptions) ([]any, error) {
	col, err := s.collectionInfo(s.collection)
	if err != nil {
		return nil, err
	}
	var queue []pendingAction
	own := opts.queue == nil
	if own {
		opts.queue = &queue
	}
	if opts.mutations == nil {
		opts.mutations = new(int) // one tracker for the whole batch
	}
	keys := make([]any, 0, len(data))
	err = s.inTx(ctx, func(tx *sqlx.Tx, svc *Service) error {
		for _, item := range data {
			key, ok := item[col.Primary]
			if !ok || key == nil {
				return errs.InvalidPayload("Item in update misses primary key")
			}
			rest := map[string]any{}
			for k, v := range item {
				if k != col.Primary {
					rest[k] = v
				}
			}
			if _, err := svc.UpdateOne(ctx, key, rest, opts); err != nil {
				return err
			}
			keys = append(keys, key)
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

// UpdateByQuery is updateByQuery: the keys getKeysByQuery finds (none → empty, no error).
func (s *Service) UpdateByQuery(ctx context.Context, q *Query, data map[string]any, opts MutationOptions) ([]any, error) {
	keys, err := s.GetKeysByQuery(ctx, q)
	if err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		return []any{}, nil
	}
	return s.UpdateMany(ctx, keys, data, opts)
}
