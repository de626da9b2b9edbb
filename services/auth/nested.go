package auth

import (
	"fmt"
	"strings"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/schema"
)

// checkNested applies read permissions below the root (processAst's per-path checks): every
// relational path a query names (m2o, o2m, and m2a as "field:collection") needs read access to
// the related collection and may name only its allowed fields, checked level by level. every is
// the caller's read permissions of all collections. Wildcards are left to the engine, which
// expands them to the allowed fields with the same permissions (items.Access).
//
// strict is for filter and sort paths: a collection without read access is FORBIDDEN. Field
// paths into such a collection are skipped instead: Directus leaves the relation out of the
// answer (recorded: an app user's links?fields=id,article.title answers only ids).
func checkNested(every []Permission, collection, prefix string, fields []string, alias map[string]string, sch *schema.Overview, strict bool) error {
	type group struct {
		related string
		sub     []string
	}
	groups := map[string]*group{} // relational field (with its m2a scope) → its sub-paths
	var order []string
	for _, f := range fields {
		first, rest, ok := strings.Cut(f, ".")
		if !ok || strings.Contains(first, "*") {
			continue
		}
		if r, ok := alias[first]; ok {
			first = r
		}
		field, scope, scoped := strings.Cut(first, ":")
		related := ""
		if scoped {
			if !isAnyRelation(sch, collection, field) {
				continue
			}
			related = scope
		} else if related, _ = relatedCollection(sch, collection, field); related == "" {
			continue // not a relation: ItemsService reports unknown paths
		}
		g := groups[first]
		if g == nil {
			g = &group{related: related}
			groups[first] = g
			order = append(order, first)
		}
		g.sub = append(g.sub, rest)
	}
	for _, key := range order {
		g := groups[key]
		path := key
		if prefix != "" {
			path = prefix + "." + key
		}
		perms := forCollection(every, g.related)
		if len(perms) == 0 && !strict {
			continue
		}
		if len(perms) == 0 {
			return errs.ForbiddenReason(fmt.Sprintf(`You don't have permission to access collection "%s" or it does not exist. Queried in "%s".`, g.related, path))
		}
		if allowed, all := allowedFields(perms); !all {
			var forbidden []string
			for _, s := range g.sub {
				root := rootField(s, nil)
				if root != "" && !strings.Contains(root, "*") && !allowed[root] && !contains(forbidden, root) {
					forbidden = append(forbidden, root)
				}
			}
			if len(forbidden) > 0 {
				return nestedFieldsForbidden(forbidden, g.related, path)
			}
		}
		// Deeper levels: the same checks one collection down.
		if err := checkNested(every, g.related, path, g.sub, nil, sch, strict); err != nil {
			return err
		}
	}
	return nil
}

// isAnyRelation: field of collection is a many-to-any item field.
func isAnyRelation(sch *schema.Overview, collection, field string) bool {
	for _, r := range sch.Relations {
		if r.Collection == collection && r.Field == field && r.RelatedCollection == nil && r.Meta != nil && r.Meta.OneAllowedCollections != nil {
			return true
		}
	}
	return false
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
