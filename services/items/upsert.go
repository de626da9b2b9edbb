package items

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// UpsertOne is upsertOne: update when the payload's key exists (unfiltered lookup), else create.
func (s *Service) UpsertOne(ctx context.Context, payload map[string]any, opts MutationOptions) (any, error) {
	col, err := s.collectionInfo(s.collection)
	if err != nil {
		return nil, err
	}
	if key, ok := payload[col.Primary]; ok && key != nil {
		exists, err := s.exists(ctx, col.Collection, col.Primary, key)
		if err != nil {
			return nil, err
		}
		if exists {
			rest := map[string]any{}
			for k, v := range payload {
				if k != col.Primary {
					rest[k] = v
				}
			}
			return s.UpdateOne(ctx, key, rest, opts)
		}
	}
	return s.CreateOne(ctx, payload, opts)
}

// exists is the plain "SELECT pk WHERE pk = ?" Directus uses (no permissions, no hooks).
func (s *Service) exists(ctx context.Context, table, pk string, key any) (bool, error) {
	if err := validateKeys(s.opts.Schema.Collections[table], key); err != nil {
		return false, nil
	}
	b := &sqlBuilder{d: s.dialect}
	sql := "SELECT " + b.q(pk) + " FROM " + b.q(table) + " WHERE " + b.q(pk) + " = " + b.arg(bindValue(s.dialect.Client, key))
	rows, err := s.query(ctx, sql+" LIMIT 1", b.args, 1)
	if err != nil {
		return false, err
	}
	return len(rows) > 0, nil
}

// UpsertMany is upsertMany: upsertOne for each payload in one transaction.
func (s *Service) UpsertMany(ctx context.Context, payloads []map[string]any, opts MutationOptions) ([]any, error) {
	var queue []pendingAction
	own := opts.queue == nil
	if own {
		opts.queue = &queue
	}
	if opts.mutations == nil {
		opts.mutations = new(int) // one tracker for the whole batch
	}
	keys := make([]any, 0, len(payloads))
	err := s.inTx(ctx, func(tx *sqlx.Tx, svc *Service) error {
		for _, p := range payloads {
			k, err := svc.UpsertOne(ctx, p, opts)
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

// UpsertSingleton is upsertSingleton: update the first row if there is one, else create.
func (s *Service) UpsertSingleton(ctx context.Context, data map[string]any, opts MutationOptions) (any, error) {
	col, err := s.collectionInfo(s.collection)
	if err != nil {
		return nil, err
	}
	if err := s.assertActive(col); err != nil {
		return nil, err
	}
	b := &sqlBuilder{d: s.dialect}
	rows, err := s.query(ctx, "SELECT "+b.q(col.Primary)+" FROM "+b.q(col.Collection)+" LIMIT 1", nil, 1)
	if err != nil {
		return nil, err
	}
	if len(rows) > 0 {
		return s.UpdateOne(ctx, rows[0][0], data, opts)
	}
	return s.CreateOne(ctx, data, opts)
}
