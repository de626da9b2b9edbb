package auth

import (
	"context"
	"fmt"
	"strings"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/schema"
)

// authorizeNested applies read permissions below the root (processAst's per-path checks): every
// relational path a query names (m2o and o2m) needs read access to the related collection and
// may name only its allowed fields; `rel.*` is narrowed to them; the related collection's item
// rules are added to deep[rel]._filter for o2m lists.
//
// Not done: m2o rules (Directus nulls a related item the caller cannot see), m2a paths, paths
// deeper than they are spelled out (`*.*` is left to ItemsService).
func (a *Authorizer) authorizeNested(ctx context.Context, acc map[string]any, collection, prefix string, fields []string, q *items.Query, sch *schema.Overview) ([]string, error) {
	groups := map[string][]string{} // relational field → its sub-paths
	var order []string
	for _, f := range fields {
		first, rest, ok := strings.Cut(f, ".")
		if !ok || strings.Contains(first, "*") || strings.Contains(first, ":") {
			continue
		}
		real := first
		if q != nil {
			if r, ok := q.Alias[first]; ok {
				real = r
			}
		}
		if _, seen := groups[real]; !seen {
			order = append(order, real)
		}
		groups[real] = append(groups[real], rest)
	}
	out := append([]string(nil), fields...)
	for _, field := range order {
		related, o2m := relatedCollection(sch, collection, field)
		if related == "" {
			continue // not a relation (or m2a): ItemsService reports unknown paths
		}
		path := field
		if prefix != "" {
			path = prefix + "." + field
		}
		perms, err := a.Resolve(ctx, acc, "read", related)
		if err != nil {
			return nil, err
		}
		if len(perms) == 0 {
			return nil, errs.ForbiddenReason(fmt.Sprintf(`You don't have permission to access collection "%s" or it does not exist. Queried in "%s".`, related, path))
		}
		sub := groups[field]
		allowed, all := allowedFields(perms)
		if !all {
			var forbidden []string
			for _, s := range sub {
				root := rootField(s, nil)
				if root != "" && !strings.Contains(root, "*") && !allowed[root] && !contains(forbidden, root) {
					forbidden = append(forbidden, root)
				}
			}
			if len(forbidden) > 0 {
				return nil, nestedFieldsForbidden(forbidden, related, path)
			}
			// rel.* → the allowed fields that exist, in the permissions' order.
			var expanded []string
			for _, s := range sub {
				if s != "*" {
					continue
				}
				c := sch.Collections[related]
				for _, name := range allowedOrder(perms) {
					if c != nil && c.Fields[name] != nil {
						expanded = append(expanded, field+"."+name)
					}
				}
			}
			if len(expanded) > 0 {
				var kept []string
				for _, f := range out {
					if f != field+".*" {
						kept = append(kept, f)
					}
				}
				out = append(kept, expanded...)
			}
		}
		if o2m && q != nil {
			if rule := itemRule(perms); rule != nil {
				addDeepFilter(q, field, rule)
			}
		}
		// Deeper levels: the same checks one collection down.
		if _, err := a.authorizeNested(ctx, acc, related, path, sub, nil, sch); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// relatedCollection finds the collection field points to: m2o (the field holds the foreign key)
// or o2m (the field is the alias of a relation's one_field).
func relatedCollection(sch *schema.Overview, collection, field string) (related string, o2m bool) {
	for _, r := range sch.Relations {
		if r.Collection == collection && r.Field == field && r.RelatedCollection != nil {
			return *r.RelatedCollection, false
		}
		if r.RelatedCollection != nil && *r.RelatedCollection == collection && r.Meta != nil && r.Meta.OneField != nil && *r.Meta.OneField == field {
			return r.Collection, true
		}
	}
	return "", false
}

func addDeepFilter(q *items.Query, field string, rule map[string]any) {
	deep := map[string]any{}
	for k, v := range q.Deep {
		deep[k] = v
	}
	level := map[string]any{}
	if existing, ok := deep[field].(map[string]any); ok {
		for k, v := range existing {
			level[k] = v
		}
	}
	if f, ok := level["_filter"].(map[string]any); ok && len(f) > 0 {
		level["_filter"] = map[string]any{"_and": []any{f, rule}}
	} else {
		level["_filter"] = rule
	}
	deep[field] = level
	q.Deep = deep
}

func nestedFieldsForbidden(fields []string, collection, path string) error {
	if len(fields) == 1 {
		return errs.ForbiddenReason(fmt.Sprintf(`You don't have permission to access field "%s" in collection "%s" or it does not exist. Queried in "%s".`, fields[0], collection, path))
	}
	quoted := make([]string, len(fields))
	for i, f := range fields {
		quoted[i] = `"` + f + `"`
	}
	return errs.ForbiddenReason(fmt.Sprintf(`You don't have permission to access fields %s in collection "%s" or they do not exist. Queried in "%s".`, strings.Join(quoted, ", "), collection, path))
}
