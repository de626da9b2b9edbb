package items

import (
	"context"
	"sort"
	"strings"

	"github.com/dxhost/dxhost/services/schema"
)

// deepQuery turns a deep entry ({ _filter, _sort, _limit, …, nested: {…} }) into a Query.
func deepQuery(deep map[string]any) (*Query, error) {
	plain := map[string]any{}
	nested := map[string]any{}
	for k, v := range deep {
		if strings.HasPrefix(k, "_") {
			plain[k[1:]] = v
		} else {
			nested[k] = v
		}
	}
	q, err := QueryFromMap(plain)
	if err != nil {
		return nil, err
	}
	if len(nested) > 0 {
		q.Deep = nested
	}
	return q, nil
}

func noBacklink(q *Query) bool { return q.Backlink != nil && !*q.Backlink }

func andFilter(a, b map[string]any) map[string]any {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	return map[string]any{"_and": []any{a, b}}
}

func distinctValues(items []*Item, key string) []any {
	seen := map[string]bool{}
	var out []any
	for _, it := range items {
		v, ok := it.Get(key)
		if !ok || v == nil {
			continue
		}
		k := keyString(v)
		if !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	}
	return out
}

// stitchM2O replaces FK values with the related objects (null when missing or filtered out).
func (s *Service) stitchM2O(ctx context.Context, parent *Query, items []*Item, n *fieldNode, path string, keep bool) error {
	related := *n.relation.RelatedCollection
	rc, err := s.collectionInfo(related)
	if err != nil {
		return err
	}
	keys := distinctValues(items, n.key)
	byKey := map[string]*Item{}
	if len(keys) > 0 {
		q, err := deepQuery(n.deep)
		if err != nil {
			return err
		}
		q.Fields = n.children
		// backlink=false keeps the O2M alias pointing back here (recorded live)
		q.Backlink = parent.Backlink
		q.Access = parent.Access
		q.Filter = andFilter(map[string]any{rc.Primary: map[string]any{"_in": keys}}, q.Filter)
		all := -1
		q.Limit = &all
		children, err := s.readLevel(ctx, related, q, joinPath(path, n.key), []string{rc.Primary}, keep)
		if err != nil {
			return err
		}
		requested := fieldRequested(n.children, rc.Primary)
		for _, c := range children {
			pk, _ := c.Get(rc.Primary)
			byKey[keyString(pk)] = c
			if !keep && !requested {
				c.Delete(rc.Primary)
			}
		}
	}
	for _, it := range items {
		v, _ := it.Get(n.key)
		if v == nil {
			continue
		}
		if c, ok := byKey[keyString(v)]; ok {
			it.Set(n.key, c)
		} else {
			it.Set(n.key, nil)
		}
	}
	return nil
}

// fieldRequested reports whether a child field list asks for field explicitly or through *.
func fieldRequested(children []string, field string) bool {
	if len(children) == 0 {
		return true
	}
	for _, c := range children {
		if c == field || c == "*" || strings.HasPrefix(c, "*.") {
			return true
		}
	}
	return false
}

// stitchO2M sets an alias to the related items (or their PKs when requested bare), cut per parent
// by the nested limit/offset/page in memory (spec 11 §5).
func (s *Service) stitchO2M(ctx context.Context, parentQuery *Query, col *schema.Collection, items []*Item, n *fieldNode, path string, keep bool) error {
	related := n.relation.Collection
	fk := n.relation.Field
	rc, err := s.collectionInfo(related)
	if err != nil {
		return err
	}
	parents := distinctValues(items, col.Primary)
	q, err := deepQuery(n.deep)
	if err != nil {
		return err
	}
	bare := n.children == nil
	if bare {
		q.Fields, q.keysOnly = []string{rc.Primary}, true
	} else {
		q.Fields = n.children
	}
	q.Backlink = parentQuery.Backlink
	q.Access = parentQuery.Access
	if noBacklink(parentQuery) {
		q.skipWildcard = fk
	}
	limit := s.limitDefault()
	if q.Limit != nil {
		limit = *q.Limit
	}
	offset := 0
	if q.Offset != nil {
		offset = *q.Offset
	}
	if q.Page != nil && limit > 0 && *q.Page > 0 {
		offset = limit * (*q.Page - 1)
	}
	if len(q.Sort) == 0 {
		q.Sort = defaultSort(rc, n.relation, parentQuery.Access)
	}
	all := -1
	q.Limit, q.Offset, q.Page = &all, nil, nil
	grouped := map[string][]any{}
	if len(parents) > 0 {
		q.Filter = andFilter(map[string]any{fk: map[string]any{"_in": parents}}, q.Filter)
		children, err := s.readLevel(ctx, related, q, joinPath(path, n.key), []string{fk}, keep)
		if err != nil {
			return err
		}
		fkRequested := !bare && fieldRequested(n.children, fk)
		for _, c := range children {
			parent, _ := c.Get(fk)
			if it, ok := parent.(*Item); ok { // fk itself was expanded: use its key
				parent, _ = it.Get(col.Primary)
			}
			k := keyString(parent)
			if !keep && !fkRequested {
				c.Delete(fk)
			}
			if bare {
				pk, _ := c.Get(rc.Primary)
				grouped[k] = append(grouped[k], pk)
			} else {
				grouped[k] = append(grouped[k], c)
			}
		}
	}
	for _, it := range items {
		pk, _ := it.Get(col.Primary)
		list := grouped[keyString(pk)]
		if offset > 0 {
			if offset >= len(list) {
				list = nil
			} else {
				list = list[offset:]
			}
		}
		if limit >= 0 && len(list) > limit {
			list = list[:limit]
		}
		if list == nil {
			list = []any{}
		}
		it.Set(n.key, list)
	}
	return nil
}

// defaultSort is getAllowedSort: the order of an O2M list without a sort — the relation's sort
// field, else the collection's, else its primary key; for a caller who may not read that field,
// the first field it may read.
func defaultSort(rc *schema.Collection, rel *schema.Relation, access *Access) []string {
	field := rc.Primary
	if rc.SortField != nil && *rc.SortField != "" {
		field = *rc.SortField
	}
	if rel.Meta != nil && rel.Meta.SortField != nil && *rel.Meta.SortField != "" {
		field = *rel.Meta.SortField
	}
	if allowed, ok := access.restrictedFields(rc.Collection); ok {
		if len(allowed) == 0 {
			return nil
		}
		if !contains(allowed, field) {
			field = allowed[0]
		}
	}
	return []string{field}
}

// stitchA2O resolves a many-to-any item field: rows are grouped by their collection column and
// each target collection is read with its scoped fields (item:<collection>.<field>).
func (s *Service) stitchA2O(ctx context.Context, parent *Query, items []*Item, n *fieldNode, path string, keep bool) error {
	meta := n.relation.Meta
	if meta.OneCollectionField == nil {
		return nil
	}
	collField := *meta.OneCollectionField
	byCollection := map[string][]any{}
	for _, it := range items {
		c, _ := it.Get(collField)
		k, _ := it.Get(n.key)
		if c == nil || k == nil {
			continue
		}
		byCollection[keyString(c)] = append(byCollection[keyString(c)], k)
	}
	names := make([]string, 0, len(byCollection))
	for c := range byCollection {
		names = append(names, c)
	}
	sort.Strings(names)
	found := map[string]*Item{}
	bareKeys := map[string]any{}
	for _, target := range names {
		if !contains(meta.OneAllowedCollections, target) || !parent.Access.readable(target) {
			continue // a collection the caller cannot read resolves to null (recorded)
		}
		fields := append(append([]string{}, n.children...), n.scoped[target]...)
		bareKey := len(fields) == 0
		if bareKey {
			// No fields asked for this collection: Directus still resolves the item and answers
			// its primary key, typed as the related table types it (recorded: "1" → 1).
			fields = nil
		}
		rc, err := s.collectionInfo(target)
		if err != nil {
			return err
		}
		var q *Query
		if d, ok := n.deep["item:"+target].(map[string]any); ok {
			if q, err = deepQuery(d); err != nil {
				return err
			}
		} else {
			q = &Query{}
		}
		q.Fields = fields
		q.Access = parent.Access
		if bareKey {
			q.Fields, q.keysOnly = []string{rc.Primary}, true
		}
		q.Filter = andFilter(map[string]any{rc.Primary: map[string]any{"_in": byCollection[target]}}, q.Filter)
		all := -1
		q.Limit = &all
		children, err := s.readLevel(ctx, target, q, joinPath(path, n.key+":"+target), []string{rc.Primary}, keep)
		if err != nil {
			return err
		}
		requested := fieldRequested(fields, rc.Primary)
		for _, c := range children {
			pk, _ := c.Get(rc.Primary)
			if bareKey {
				bareKeys[target+"\x00"+keyString(pk)] = pk
				continue
			}
			found[target+"\x00"+keyString(pk)] = c
			if !keep && !requested {
				c.Delete(rc.Primary)
			}
		}
	}
	for _, it := range items {
		c, _ := it.Get(collField)
		k, _ := it.Get(n.key)
		if k == nil {
			continue
		}
		if c == nil {
			it.Set(n.key, nil) // no collection (e.g. masked for this caller): nothing to resolve
			continue
		}
		id := keyString(c) + "\x00" + keyString(k)
		if child, ok := found[id]; ok {
			it.Set(n.key, child)
		} else if pk, ok := bareKeys[id]; ok {
			it.Set(n.key, pk)
		} else if len(n.children)+len(n.scoped[keyString(c)]) > 0 || !parent.Access.readable(keyString(c)) {
			it.Set(n.key, nil)
		}
	}
	return nil
}
