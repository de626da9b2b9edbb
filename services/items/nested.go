package items

import (
	"context"
	"fmt"
	"sort"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/schema"
)

// nestedManyToOne creates or updates the related items of M2O and A2O fields given as objects
// and replaces them with the related key (spec 10 §6.1, §6.2). Runs before the parent write.
func (s *Service) nestedManyToOne(ctx context.Context, col *schema.Collection, payload map[string]any, opts MutationOptions) error {
	for _, rel := range s.opts.Schema.Relations {
		if rel.Collection != col.Collection {
			continue
		}
		obj, ok := payload[rel.Field].(map[string]any)
		if !ok {
			continue
		}
		var target string
		switch {
		case rel.RelatedCollection != nil:
			target = *rel.RelatedCollection
		case rel.Meta != nil && rel.Meta.OneCollectionField != nil && rel.Meta.OneAllowedCollections != nil:
			cf := *rel.Meta.OneCollectionField
			name, _ := payload[cf].(string)
			if name == "" {
				return errs.InvalidPayload(fmt.Sprintf(`Can't update nested record "%s.%s" without field "%s.%s" being set`, col.Collection, rel.Field, col.Collection, cf))
			}
			if !contains(rel.Meta.OneAllowedCollections, name) {
				return errs.InvalidPayload(fmt.Sprintf(`"%s.%s" can't be linked to collection "%s"`, col.Collection, rel.Field, name))
			}
			target = name
		default:
			continue
		}
		rc, err := s.collectionInfo(target)
		if err != nil {
			return err
		}
		svc := s.forkNested(target, rel.Field)
		var key any
		if pk, has := obj[rc.Primary]; has && pk != nil {
			exists, err := svc.exists(ctx, target, rc.Primary, pk)
			if err != nil {
				return err
			}
			if exists {
				if len(obj) > 1 {
					rest := withoutKey(obj, rc.Primary)
					if _, err := svc.UpdateOne(ctx, pk, rest, opts); err != nil {
						return err
					}
				}
				key = pk
			}
		}
		if key == nil {
			if key, err = svc.CreateOne(ctx, obj, opts); err != nil {
				return err
			}
		}
		payload[rel.Field] = key
	}
	return nil
}

func withoutKey(m map[string]any, key string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if k != key {
			out[k] = v
		}
	}
	return out
}

// oneToMany is an O2M alias value taken out of a payload, written after the parent exists.
type oneToMany struct {
	relation *schema.Relation
	value    any
}

func (s *Service) extractOneToMany(col *schema.Collection, payload map[string]any) []oneToMany {
	var out []oneToMany
	for _, rel := range s.opts.Schema.Relations {
		if rel.RelatedCollection == nil || *rel.RelatedCollection != col.Collection || rel.Meta == nil || rel.Meta.OneField == nil {
			continue
		}
		if v, ok := payload[*rel.Meta.OneField]; ok {
			out = append(out, oneToMany{relation: rel, value: v})
			delete(payload, *rel.Meta.OneField)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return *out[i].relation.Meta.OneField < *out[j].relation.Meta.OneField })
	return out
}

// nestedOneToMany applies O2M payloads for one parent key (spec 10 §6.3): an array replaces the
// children, {create, update, delete} applies a delta. M2M/M2A work through the junction.
func (s *Service) nestedOneToMany(ctx context.Context, col *schema.Collection, parent any, list []oneToMany, opts MutationOptions) error {
	for _, o := range list {
		rel := o.relation
		rc, err := s.collectionInfo(rel.Collection)
		if err != nil {
			return err
		}
		svc := s.forkNested(rel.Collection, *rel.Meta.OneField)
		switch v := o.value.(type) {
		case nil:
			err = svc.replaceChildren(ctx, rc, rel, parent, nil, opts)
		case []any:
			err = svc.replaceChildren(ctx, rc, rel, parent, v, opts)
		case map[string]any:
			err = svc.deltaChildren(ctx, rc, rel, parent, v, opts)
		default:
			err = errs.InvalidPayload(fmt.Sprintf(`Invalid one-to-many update structure: "%s" must be an array or an object`, *rel.Meta.OneField))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// childParent reads the FK of one child; ok=false when the child doesn't exist.
func (s *Service) childParent(ctx context.Context, rc *schema.Collection, fk string, key any) (any, bool, error) {
	if err := validateKeys(rc, key); err != nil {
		return nil, false, nil
	}
	b := &sqlBuilder{d: s.dialect}
	sql := "SELECT " + b.q(fk) + " FROM " + b.q(rc.Collection) + " WHERE " + b.q(rc.Primary) + " = " + b.arg(bindValue(s.dialect.Client, key))
	rows, err := s.query(ctx, sql, b.args, 0)
	if err != nil || len(rows) == 0 {
		return nil, false, err
	}
	return rows[0][0], true, nil
}

func sameKey(a, b any) bool { return a != nil && b != nil && keyString(a) == keyString(b) }

func (s *Service) replaceChildren(ctx context.Context, rc *schema.Collection, rel *schema.Relation, parent any, children []any, opts MutationOptions) error {
	fk := rel.Field
	kept := []any{}
	for _, child := range children {
		switch c := child.(type) {
		case map[string]any:
			obj := c
			if pk, has := obj[rc.Primary]; has && pk != nil {
				cur, exists, err := s.childParent(ctx, rc, fk, pk)
				if err != nil {
					return err
				}
				if !exists || !sameKey(cur, parent) {
					obj = withKey(obj, fk, parent)
				}
			} else {
				obj = withKey(obj, fk, parent)
			}
			key, err := s.UpsertOne(ctx, obj, opts)
			if err != nil {
				return err
			}
			kept = append(kept, key)
		default:
			cur, exists, err := s.childParent(ctx, rc, fk, c)
			if err != nil {
				return err
			}
			if !exists {
				return errs.Forbidden()
			}
			if !sameKey(cur, parent) {
				if _, err := s.UpdateOne(ctx, c, map[string]any{fk: parent}, opts); err != nil {
					return err
				}
			}
			kept = append(kept, c)
		}
	}
	all := -1
	filter := map[string]any{"_and": []any{map[string]any{fk: map[string]any{"_eq": parent}}}}
	if len(kept) > 0 {
		filter["_and"] = append(filter["_and"].([]any), map[string]any{rc.Primary: map[string]any{"_nin": kept}})
	}
	system := s.Fork(rc.Collection)
	system.opts.Accountability = nil
	others, err := system.GetKeysByQuery(ctx, &Query{Filter: filter, Limit: &all})
	if err != nil || len(others) == 0 {
		return err
	}
	return s.deselect(ctx, rel, others, opts)
}

// deselect deletes or nullifies children per one_deselect_action.
func (s *Service) deselect(ctx context.Context, rel *schema.Relation, keys []any, opts MutationOptions) error {
	if rel.Meta.OneDeselectAction == "delete" {
		_, err := s.DeleteMany(ctx, keys, opts)
		return err
	}
	_, err := s.UpdateMany(ctx, keys, map[string]any{rel.Field: nil}, opts)
	return err
}

func withKey(m map[string]any, key string, v any) map[string]any {
	out := make(map[string]any, len(m)+1)
	for k, e := range m {
		out[k] = e
	}
	out[key] = v
	return out
}

func (s *Service) deltaChildren(ctx context.Context, rc *schema.Collection, rel *schema.Relation, parent any, delta map[string]any, opts MutationOptions) error {
	for k := range delta {
		if k != "create" && k != "update" && k != "delete" {
			return errs.InvalidPayload(fmt.Sprintf(`Invalid one-to-many update structure: "%s" is not allowed`, k))
		}
	}
	fk := rel.Field
	objects := func(name string) ([]map[string]any, error) {
		raw, ok := delta[name]
		if !ok || raw == nil {
			return nil, nil
		}
		list, ok := raw.([]any)
		if !ok {
			return nil, errs.InvalidPayload(fmt.Sprintf(`Invalid one-to-many update structure: "%s" must be an array`, name))
		}
		out := make([]map[string]any, len(list))
		for i, e := range list {
			m, ok := e.(map[string]any)
			if !ok {
				return nil, errs.InvalidPayload(fmt.Sprintf(`Invalid one-to-many update structure: "%s[%d]" must be of type object`, name, i))
			}
			out[i] = m
		}
		return out, nil
	}
	creates, err := objects("create")
	if err != nil {
		return err
	}
	updates, err := objects("update")
	if err != nil {
		return err
	}
	var deletes []any
	if raw, ok := delta["delete"]; ok && raw != nil {
		list, ok := raw.([]any)
		if !ok {
			return errs.InvalidPayload(`Invalid one-to-many update structure: "delete" must be an array`)
		}
		deletes = list
	}

	if len(creates) > 0 {
		sortField := ""
		if rel.Meta.SortField != nil {
			sortField = *rel.Meta.SortField
		}
		var maxSort float64
		if sortField != "" {
			if maxSort, err = s.maxSibling(ctx, rc, fk, sortField, parent); err != nil {
				return err
			}
		}
		items := make([]map[string]any, len(creates))
		for i, c := range creates {
			item := withKey(c, fk, parent)
			if sortField != "" {
				if v, has := item[sortField]; !has || v == nil {
					item[sortField] = maxSort + float64(i) + 1
				}
			}
			items[i] = item
		}
		if _, err := s.CreateMany(ctx, items, opts); err != nil {
			return err
		}
	}
	for _, u := range updates {
		pk, ok := u[rc.Primary]
		if !ok || pk == nil {
			return errs.InvalidPayload(fmt.Sprintf(`Invalid one-to-many update structure: "update" items need "%s"`, rc.Primary))
		}
		cur, _, err := s.childParent(ctx, rc, fk, pk)
		if err != nil {
			return err
		}
		rest := withoutKey(u, rc.Primary)
		o := opts
		if !sameKey(cur, parent) {
			rest[fk] = parent
			o.trailingFields = []string{fk}
		}
		if _, err := s.UpdateOne(ctx, pk, rest, o); err != nil {
			return err
		}
	}
	if len(deletes) > 0 {
		all := -1
		system := s.Fork(rc.Collection)
		system.opts.Accountability = nil
		keys, err := system.GetKeysByQuery(ctx, &Query{Limit: &all, Filter: map[string]any{"_and": []any{
			map[string]any{fk: map[string]any{"_eq": parent}}, map[string]any{rc.Primary: map[string]any{"_in": deletes}}}}})
		if err != nil {
			return err
		}
		if len(keys) > 0 {
			return s.deselect(ctx, rel, keys, opts)
		}
	}
	return nil
}

func (s *Service) maxSibling(ctx context.Context, rc *schema.Collection, fk, sortField string, parent any) (float64, error) {
	b := &sqlBuilder{d: s.dialect}
	sql := "SELECT MAX(" + b.q(sortField) + ") FROM " + b.q(rc.Collection) + " WHERE " + b.q(fk) + " = " + b.arg(bindValue(s.dialect.Client, parent))
	rows, err := s.query(ctx, sql, b.args, 0)
	if err != nil || len(rows) == 0 || rows[0][0] == nil {
		return 0, err
	}
	switch x := toNumber(rows[0][0]).(type) {
	case int64:
		return float64(x), nil
	case float64:
		return x, nil
	case string:
		var f float64
		fmt.Sscan(x, &f)
		return f, nil
	}
	return 0, nil
}
