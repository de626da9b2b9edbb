package items

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/schema"
)

// orderBy renders query.sort (spec 11 §4); M2O paths add LEFT JOINs to joins.
func (s *Service) orderBy(b *sqlBuilder, col *schema.Collection, q *Query, joins *[]string) (string, error) {
	sorts := q.Sort
	if len(sorts) == 0 {
		if col.SortField != nil && col.Fields[*col.SortField] != nil {
			sorts = []string{*col.SortField}
		} else {
			sorts = []string{col.Primary}
		}
	}
	var parts []string
	for i, raw := range sorts {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		dir := " ASC"
		if strings.HasPrefix(raw, "-") {
			dir = " DESC"
			raw = raw[1:]
		}
		expr, err := s.sortExpr(b, col, raw, q.Alias, joins, "s"+strconv.Itoa(i), dir == " DESC")
		if err != nil {
			return "", err
		}
		parts = append(parts, expr+dir)
	}
	return strings.Join(parts, ", "), nil
}

func (s *Service) sortExpr(b *sqlBuilder, col *schema.Collection, path string, alias map[string]string, joins *[]string, prefix string, desc bool) (string, error) {
	if target, ok := alias[path]; ok {
		path = target
	}
	path = normaliseFunctionPath(path)
	parts := splitPath(path)
	table := col.Collection
	cur := col
	for i, seg := range parts[:len(parts)-1] {
		kind, rel := relationKind(s.opts.Schema, cur.Collection, seg)
		if cur.Fields[seg] == nil {
			return "", fieldsForbidden([]string{seg}, cur.Collection, "")
		}
		if kind == o2mNode && i == len(parts)-2 {
			// Each parent appears once, placed by its first related row in this order.
			related, err := s.collectionInfo(rel.Collection)
			if err != nil {
				return "", err
			}
			last := parts[len(parts)-1]
			if related.Fields[last] == nil {
				return "", fieldsForbidden([]string{last}, related.Collection, "")
			}
			agg := "MIN"
			if desc {
				agg = "MAX"
			}
			ra := prefix + "_o2m"
			return "(SELECT " + agg + "(" + b.col(ra, last) + ") FROM " + b.q(related.Collection) + " AS " + b.q(ra) +
				" WHERE " + b.col(ra, rel.Field) + " = " + b.col(table, cur.Primary) + ")", nil
		}
		if kind != m2oNode {
			if kind == a2oNode {
				return "", errs.InvalidQuery("You have to provide a collection scope when sorting or filtering on a many-to-any item")
			}
			return "", errs.InvalidQuery(fmt.Sprintf(`"%s.%s" is not a relational field`, cur.Collection, seg))
		}
		next, err := s.collectionInfo(*rel.RelatedCollection)
		if err != nil {
			return "", err
		}
		ja := prefix + "_" + strconv.Itoa(i)
		*joins = append(*joins, "LEFT JOIN "+b.q(next.Collection)+" AS "+b.q(ja)+" ON "+b.col(ja, next.Primary)+" = "+b.col(table, seg))
		table, cur = ja, next
	}
	last := parts[len(parts)-1]
	if m := matchFunctionCall(last); m != nil {
		name := strings.TrimSpace(strings.SplitN(m[2], ",", 2)[0])
		f := cur.Fields[name]
		if f == nil {
			return "", fieldsForbidden([]string{name}, cur.Collection, "")
		}
		if err := checkFunction(s.opts.Schema, cur.Collection, f, m[1]); err != nil {
			return "", err
		}
		fc := newFilterCompiler(s, b)
		return fc.functionExpr(cur, table, f, m[1], m[2])
	}
	if cur.Fields[last] == nil {
		return "", fieldsForbidden([]string{last}, cur.Collection, "")
	}
	return b.col(table, last), nil
}
