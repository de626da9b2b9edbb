package items

import (
	"context"
	"sort"

	"github.com/dxhost/dxhost/services/schema"
)

// track writes directus_activity (and, for accountability "all" on create/update,
// directus_revisions) rows inside the mutation's transaction (spec 10 §10): every activity row
// first, then per key the revision, whose data comes from dataFor (update reads a fresh
// snapshot there, after the activity rows, as Directus does). Nested revisions collected in
// nested get their parent set to the first revision.
func (s *Service) track(ctx context.Context, col *schema.Collection, action string, keys []any, dataFor func(i int) (any, error), delta []any, opts MutationOptions, nested []any) error {
	if s.opts.Accountability == nil || opts.SkipTracking || col.Accountability == nil {
		return nil
	}
	if s.opts.Schema.Collections["directus_activity"] == nil {
		return nil // no system tables: nothing to track into
	}
	activity := s.Fork("directus_activity")
	activity.opts.Accountability = nil
	revisions := s.Fork("directus_revisions")
	revisions.opts.Accountability = nil
	sub := MutationOptions{NoEvents: opts.NoEvents}
	activityIDs := make([]any, len(keys))
	for i, key := range keys {
		row := map[string]any{
			"action": action, "user": s.accountabilityValue("user"), "collection": s.collection,
			"ip": s.accountabilityValue("ip"), "user_agent": s.accountabilityValue("userAgent"),
			"origin": s.accountabilityValue("origin"), "item": keyString(key),
		}
		id, err := activity.CreateOne(ctx, row, sub)
		if err != nil {
			return err
		}
		activityIDs[i] = id
	}
	if *col.Accountability != "all" || action == "delete" || s.opts.Schema.Collections["directus_revisions"] == nil {
		return nil
	}
	var first any
	for i, key := range keys {
		if action == "update" && (i >= len(delta) || delta[i] == nil) {
			continue // an empty delta makes no revision
		}
		data, err := dataFor(i)
		if err != nil {
			return err
		}
		rev := map[string]any{"activity": activityIDs[i], "collection": s.collection, "item": keyString(key),
			"data": data, "delta": delta[i]}
		if opts.parentRevision != nil {
			rev["parent"] = *opts.parentRevision
		}
		revID, err := revisions.CreateOne(ctx, rev, sub)
		if err != nil {
			return err
		}
		if opts.revisions != nil {
			*opts.revisions = append(*opts.revisions, revID)
		}
		if first == nil {
			first = revID
		}
	}
	if first != nil && len(nested) > 0 {
		_, err := revisions.UpdateMany(ctx, nested, map[string]any{"parent": first}, MutationOptions{NoEvents: true, SkipTracking: true})
		return err
	}
	return nil
}

// relationalFields are the fields of col taking part in a relation (FKs and O2M aliases);
// revisions leave them out.
func (s *Service) relationalFields(col *schema.Collection) map[string]bool {
	out := map[string]bool{}
	for _, r := range s.opts.Schema.Relations {
		if r.Collection == col.Collection {
			out[r.Field] = true
		}
		if r.RelatedCollection != nil && *r.RelatedCollection == col.Collection && r.Meta != nil && r.Meta.OneField != nil {
			out[*r.Meta.OneField] = true
		}
	}
	return out
}

// prepareDelta is PayloadService.prepareDelta: the values as a read would return them, nil for
// an empty object. Keys follow the collection's field order (the payload's own order is lost).
func (s *Service) prepareDelta(col *schema.Collection, m map[string]any, omit map[string]bool) any {
	it := NewItem()
	for _, name := range col.FieldOrder {
		v, ok := m[name]
		if !ok || omit[name] {
			continue
		}
		v = s.readValue(col.Fields[name], jsonSafe(v))
		if _, gone := v.(absent); !gone {
			it.Set(name, v)
		}
	}
	var unknown []string
	for k := range m {
		if col.Fields[k] == nil && !omit[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		it.Set(k, jsonSafe(m[k]))
	}
	if it.Len() == 0 {
		return nil
	}
	return it
}
