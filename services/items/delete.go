package items

import (
	"context"
	"strings"

	"github.com/jmoiron/sqlx"
)

// DeleteOne is deleteOne.
func (s *Service) DeleteOne(ctx context.Context, key any, opts MutationOptions) (any, error) {
	if _, err := s.DeleteMany(ctx, []any{key}, opts); err != nil {
		return nil, err
	}
	return key, nil
}

// DeleteMany is deleteMany (spec 10 §3.6): returns the keys after the filter hook.
func (s *Service) DeleteMany(ctx context.Context, keys []any, opts MutationOptions) ([]any, error) {
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
	raw, err := s.emitFilter(ctx, &opts, "delete", keys, map[string]any{"collection": s.collection}, s.opts.DB)
	if err != nil {
		return nil, err
	}
	if replaced, ok := raw.([]any); ok {
		keys = replaced
	}
	if _, err := s.authorizeWrite(ctx, "delete", keys, nil); err != nil {
		return nil, err
	}
	if opts.PreMutationError != nil {
		return nil, opts.PreMutationError
	}
	err = s.inTx(ctx, func(tx *sqlx.Tx, svc *Service) error {
		if len(keys) > 0 {
			b := &sqlBuilder{d: svc.dialect}
			ps := make([]string, len(keys))
			for i, k := range keys {
				ps[i] = b.arg(bindValue(svc.dialect.Client, k))
			}
			sql := "DELETE FROM " + b.q(col.Collection) + " WHERE " + b.q(col.Primary) + " IN (" + strings.Join(ps, ", ") + ")"
			if _, err := svc.conn().ExecContext(ctx, svc.dialect.Rebind(sql), b.args...); err != nil {
				return svc.translate(ctx, err, nil, sql)
			}
		}
		return svc.track(ctx, col, "delete", keys, nil, nil, opts, nil)
	})
	if err != nil {
		return nil, err
	}
	s.emitAction(&opts, "delete", map[string]any{"payload": keys, "keys": keys, "collection": s.collection})
	return keys, nil
}

// DeleteByQuery is deleteByQuery: deletes the keys the query finds (none → empty array).
func (s *Service) DeleteByQuery(ctx context.Context, q *Query, opts MutationOptions) ([]any, error) {
	keys, err := s.GetKeysByQuery(ctx, q)
	if err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		return []any{}, nil
	}
	return s.DeleteMany(ctx, keys, opts)
}
