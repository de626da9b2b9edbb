package schemasvc

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/schema"
)

// When a field goes away, the collection settings that name it go too (Directus's
// getCollectionMetaUpdates): archive_field and sort_field of its own collection, and every
// item_duplication_fields path through it — in its collection and in collections related to it.

// relationMaps is buildCollectionAndFieldRelations: tree = collection → collections related to
// it; fieldTo = "collection:field" (":related" for many-to-any) → the collection the field leads to.
func relationMaps(relations []*schema.Relation) (tree map[string]map[string]bool, fieldTo map[string]string) {
	tree, fieldTo = map[string]map[string]bool{}, map[string]string{}
	add := func(from, to string) {
		if tree[from] == nil {
			tree[from] = map[string]bool{}
		}
		tree[from][to] = true
	}
	for _, r := range relations {
		var related []string
		switch {
		case r.RelatedCollection != nil:
			related = []string{*r.RelatedCollection}
		case r.Meta != nil && r.Meta.OneCollectionField != nil && r.Meta.OneAllowedCollections != nil:
			related = r.Meta.OneAllowedCollections
		default:
			continue
		}
		for _, rc := range related {
			key := r.Collection + ":" + r.Field
			add(rc, r.Collection)
			if r.Meta != nil && r.Meta.OneField != nil {
				fieldTo[rc+":"+*r.Meta.OneField] = r.Collection
				add(r.Collection, rc)
			}
			if r.Meta != nil && r.Meta.OneAllowedCollections != nil {
				key += ":" + rc
			}
			fieldTo[key] = rc
		}
	}
	return tree, fieldTo
}

// relatedCollections is getCollectionRelationList: every user collection reachable from collection.
func relatedCollections(collection string, tree map[string]map[string]bool) []string {
	seen := map[string]bool{}
	var out []string
	var walk func(string)
	walk = func(root string) {
		for node := range tree[root] {
			if schema.IsSystemCollection(node) || node == collection || seen[node] {
				continue
			}
			seen[node] = true
			out = append(out, node)
			walk(node)
		}
	}
	walk(collection)
	return out
}

type collectionSettings struct {
	collection, archiveField, sortField string
	duplication                         []string
	hasDuplication                      bool
}

// metaUpdates is getCollectionMetaUpdates for removing collection.field.
func metaUpdates(collection, field string, metas []collectionSettings, ov *schema.Overview, fieldTo map[string]string) []struct {
	collection string
	updates    map[string]any
} {
	var out []struct {
		collection string
		updates    map[string]any
	}
	for _, m := range metas {
		updates := map[string]any{}
		if m.collection == collection {
			if m.archiveField == field {
				updates["archive_field"] = nil
			}
			if m.sortField == field {
				updates["sort_field"] = nil
			}
		}
		if m.hasDuplication {
			var kept []string
			for _, p := range m.duplication {
				if parts := duplicationPath(p, m.collection, field, collection, ov, fieldTo); len(parts) > 0 {
					kept = append(kept, strings.Join(parts, "."))
				}
			}
			if len(kept) != len(m.duplication) {
				if len(kept) == 0 {
					updates["item_duplication_fields"] = nil
				} else {
					raw, _ := json.Marshal(kept)
					updates["item_duplication_fields"] = string(raw)
				}
			}
		}
		if len(updates) > 0 {
			out = append(out, struct {
				collection string
				updates    map[string]any
			}{m.collection, updates})
		}
	}
	return out
}

// duplicationPath is updateItemDuplicationPath: the path's parts, or nil when it runs through the
// removed field or no longer leads anywhere.
func duplicationPath(path, root, field, collection string, ov *schema.Overview, fieldTo map[string]string) []string {
	parts := strings.Split(path, ".")
	if !strings.Contains(path, field) {
		return parts
	}
	current := root
	var out []string
	for i, part := range parts {
		if current == collection && part == field {
			return nil
		}
		last := i == len(parts)-1
		local := false
		if c := ov.Collections[current]; c != nil {
			_, local = c.Fields[part]
		}
		next, hasNext := fieldTo[current+":"+part]
		if !hasNext && !last {
			return nil
		}
		if !hasNext && last && !local {
			return nil
		}
		if hasNext {
			current = next
		}
		out = append(out, part)
	}
	return out
}

// readSettings reads the settings rows of collection and, when given, of related collections with
// duplication fields.
func readSettings(ctx context.Context, tx *sqlx.Tx, d db.Dialect, collection string, related []string) ([]collectionSettings, error) {
	query := `SELECT collection, archive_field, sort_field, item_duplication_fields FROM directus_collections WHERE collection = ?`
	args := []any{collection}
	if len(related) > 0 {
		query += ` OR (collection IN (?` + strings.Repeat(", ?", len(related)-1) + `) AND item_duplication_fields IS NOT NULL)`
		for _, r := range related {
			args = append(args, r)
		}
	}
	if collection == "" { // only the related ones (a whole collection goes away)
		query = `SELECT collection, archive_field, sort_field, item_duplication_fields FROM directus_collections WHERE collection IN (?` +
			strings.Repeat(", ?", len(related)-1) + `) AND item_duplication_fields IS NOT NULL`
		args = args[1:]
	}
	rows, err := queryRows(ctx, tx, d.Rebind(query), args...)
	if err != nil {
		return nil, err
	}
	out := make([]collectionSettings, 0, len(rows))
	for _, r := range rows {
		s := collectionSettings{collection: str(r["collection"]), archiveField: str(r["archive_field"]), sortField: str(r["sort_field"])}
		switch v := r["item_duplication_fields"].(type) {
		case nil:
		case string:
			if json.Unmarshal([]byte(v), &s.duplication) == nil && s.duplication != nil {
				s.hasDuplication = true
			}
		case []any:
			for _, e := range v {
				if p, ok := e.(string); ok {
					s.duplication = append(s.duplication, p)
				}
			}
			s.hasDuplication = true
		}
		out = append(out, s)
	}
	return out, nil
}

// applySettings writes metaUpdates' changes.
func applySettings(ctx context.Context, tx *sqlx.Tx, d db.Dialect, updates []struct {
	collection string
	updates    map[string]any
}) error {
	for _, u := range updates {
		var sets []string
		var args []any
		for _, k := range []string{"archive_field", "sort_field", "item_duplication_fields"} {
			if v, ok := u.updates[k]; ok {
				sets = append(sets, d.Quote(k)+" = ?")
				args = append(args, v)
			}
		}
		args = append(args, u.collection)
		if _, err := tx.ExecContext(ctx, d.Rebind(`UPDATE directus_collections SET `+strings.Join(sets, ", ")+` WHERE collection = ?`), args...); err != nil {
			return err
		}
	}
	return nil
}
