package items

import (
	"context"
	"math"
	"strconv"

	"github.com/google/uuid"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/schema"
)

// ReadOne is readOne: a missing or unreadable item is FORBIDDEN (no reason).
func (s *Service) ReadOne(ctx context.Context, key any, q *Query, opts ReadOptions) (*Item, error) {
	col, err := s.collectionInfo(s.collection)
	if err != nil {
		return nil, err
	}
	if err := validateKeys(col, key); err != nil {
		return nil, err
	}
	q = q.Clone()
	filter := map[string]any{}
	for k, v := range q.Filter {
		filter[k] = v
	}
	filter[col.Primary] = map[string]any{"_eq": key}
	q.Filter = filter
	records, err := s.ReadByQuery(ctx, q, opts)
	if err != nil {
		return nil, err
	}
	if len(records) == 0 {
		return nil, errs.Forbidden()
	}
	return records[0], nil
}

// ReadMany is readMany: unknown keys are silently left out; order is the query's sort.
func (s *Service) ReadMany(ctx context.Context, keys []any, q *Query, opts ReadOptions) ([]*Item, error) {
	col, err := s.collectionInfo(s.collection)
	if err != nil {
		return nil, err
	}
	if err := validateKeys(col, keys...); err != nil {
		return nil, err
	}
	q = q.Clone()
	rest := q.Filter
	if rest == nil {
		rest = map[string]any{}
	}
	q.Filter = map[string]any{"_and": []any{map[string]any{col.Primary: map[string]any{"_in": keys}}, rest}}
	if len(keys) > 0 && q.Limit == nil {
		n := len(keys)
		q.Limit = &n
	}
	return s.ReadByQuery(ctx, q, opts)
}

// ReadSingleton is readSingleton: the first row, or a synthetic item of schema defaults.
func (s *Service) ReadSingleton(ctx context.Context, q *Query, opts ReadOptions) (*Item, error) {
	col, err := s.collectionInfo(s.collection)
	if err != nil {
		return nil, err
	}
	q = q.Clone()
	one := 1
	q.Limit = &one
	records, err := s.ReadByQuery(ctx, q, opts)
	if err != nil {
		return nil, err
	}
	if len(records) > 0 {
		return records[0], nil
	}
	wanted := map[string]bool{}
	all := len(q.Fields) == 0
	for _, f := range q.Fields {
		wanted[f] = true
		all = all || f == "*"
	}
	it := NewItem()
	for _, name := range col.FieldOrder {
		if !all && !wanted[name] {
			continue
		}
		f := col.Fields[name]
		switch {
		case name == col.Primary:
			it.Set(name, nil)
		case f.DefaultValue != nil:
			it.Set(name, f.DefaultValue)
		}
	}
	return it, nil
}

// GetKeysByQuery is getKeysByQuery: the PKs readByQuery finds (default limit applies).
func (s *Service) GetKeysByQuery(ctx context.Context, q *Query) ([]any, error) {
	col, err := s.collectionInfo(s.collection)
	if err != nil {
		return nil, err
	}
	q = q.Clone()
	q.Fields = []string{col.Primary}
	q.Aggregate, q.Group = nil, nil
	records, err := s.ReadByQuery(ctx, q, ReadOptions{})
	if err != nil {
		return nil, err
	}
	keys := make([]any, 0, len(records))
	for _, r := range records {
		if v, _ := r.Get(col.Primary); !falsy(v) {
			keys = append(keys, v)
		}
	}
	return keys, nil
}

func falsy(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case string:
		return x == ""
	case int64:
		return x == 0
	case float64:
		return x == 0
	case bool:
		return !x
	}
	return false
}

// validateKeys rejects malformed keys for uuid and integer PKs with FORBIDDEN (spec 10 §3.1).
func validateKeys(col *schema.Collection, keys ...any) error {
	pk := col.Fields[col.Primary]
	if pk == nil {
		return nil
	}
	for _, k := range keys {
		switch pk.Type {
		case "uuid":
			s, ok := k.(string)
			if !ok {
				return errs.Forbidden()
			}
			if _, err := uuid.Parse(s); err != nil || len(s) != 36 {
				return errs.Forbidden()
			}
		case "integer":
			if !isIntegerKey(k) {
				return errs.Forbidden()
			}
		}
	}
	return nil
}

func isIntegerKey(k any) bool {
	switch x := k.(type) {
	case int, int64, int32:
		return true
	case float64:
		return x == math.Trunc(x) && !math.IsInf(x, 0)
	case string:
		f, err := strconv.ParseFloat(x, 64)
		if x == "" { // Number("") is 0
			return true
		}
		return err == nil && f == math.Trunc(f)
	case nil:
		return true // Number(null) is 0
	}
	return false
}
