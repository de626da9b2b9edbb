package items

import (
	"context"
)

// Meta is MetaService.getMetaForQuery (spec 11 §8): total_count (rows visible, no filter) and
// filter_count (rows matching filter + search), always JS numbers, in the order asked for. Keys
// not asked for are absent.
func (s *Service) Meta(ctx context.Context, q *Query, meta []string) (*Item, error) {
	if len(meta) == 0 {
		return nil, nil
	}
	out := NewItem()
	for _, m := range meta {
		switch m {
		case "total_count", "*":
			n, err := s.count(ctx, &Query{})
			if err != nil {
				return nil, err
			}
			out.Set("total_count", n)
		}
		switch m {
		case "filter_count", "*":
			n, err := s.count(ctx, q)
			if err != nil {
				return nil, err
			}
			out.Set("filter_count", n)
		}
	}
	return out, nil
}

func (s *Service) count(ctx context.Context, q *Query) (int64, error) {
	col, err := s.collectionInfo(s.collection)
	if err != nil {
		return 0, err
	}
	if q, err = s.authorize(ctx, "read", q.Clone()); err != nil {
		return 0, err
	}
	b := &sqlBuilder{d: s.dialect, access: q.Access}
	where, err := s.whereFor(b, col, andFilter(q.Filter, q.Access.level(col.Collection, nil).where()))
	if err != nil {
		return 0, err
	}
	search, err := s.searchCondition(b, col, q.Search, q.Access)
	if err != nil {
		return 0, err
	}
	conds := nonEmpty([]string{where, search})
	sql := "SELECT COUNT(*) FROM " + b.q(col.Collection)
	if len(conds) > 0 {
		sql += " WHERE " + joinAnd(conds)
	}
	rows, err := s.query(ctx, sql, b.args, 1)
	if err != nil {
		return 0, err
	}
	switch n := toNumber(rows[0][0]).(type) {
	case int64:
		return n, nil
	case float64:
		return int64(n), nil
	case string:
		v, _ := parseNumber(n).(int64)
		return v, nil
	}
	return 0, nil
}

func joinAnd(conds []string) string {
	out := conds[0]
	for _, c := range conds[1:] {
		out += " AND " + c
	}
	return out
}
