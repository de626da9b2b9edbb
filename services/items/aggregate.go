package items

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/schema"
)

var aggregateSQL = map[string]string{
	"count": "COUNT(%s)", "countDistinct": "COUNT(DISTINCT %s)", "countAll": "COUNT(*)",
	"sum": "SUM(%s)", "sumDistinct": "SUM(DISTINCT %s)", "avg": "AVG(%s)", "avgDistinct": "AVG(DISTINCT %s)",
	"min": "MIN(%s)", "max": "MAX(%s)",
}

// aggregateOrder is the order Directus lists operations in its result objects.
var aggregateOrder = []string{"count", "countDistinct", "countAll", "sum", "sumDistinct", "avg", "avgDistinct", "min", "max"}

// readAggregate runs aggregate/groupBy queries (spec 11 §6) and shapes the result:
// count(*) is flat `count`, field aggregates nest as { op: { field: value } }.
func (s *Service) readAggregate(ctx context.Context, col *schema.Collection, q *Query, keep bool) ([]*Item, error) {
	b := &sqlBuilder{d: s.dialect, access: q.Access}
	var exprs, groupExprs []string
	var sels []selected
	var requested []string
	for _, g := range q.Group {
		requested = append(requested, strings.TrimSpace(g))
	}
	for _, fields := range q.Aggregate {
		for _, f := range fields {
			if f = strings.TrimSpace(f); f != "*" {
				requested = append(requested, f)
			}
		}
	}
	access := q.Access.level(col.Collection, requested)
	// A group field allowed only on some items groups those others under null (Directus masks
	// the group column); a masked group is grouped and sorted by its position, so the mask's
	// arguments are bound once.
	maskedAt := map[string]int{}
	for i, g := range q.Group {
		g = strings.TrimSpace(g)
		key, expr, f, err := s.groupExpr(b, col, g)
		if err != nil {
			return nil, err
		}
		group := expr
		if rule, masked := access.mask(aliasField(g)); masked {
			switch cond, err := s.whereFor(b, col, rule); {
			case err != nil:
				return nil, err
			case rule == nil:
				expr = "NULL"
			case cond != "":
				expr = "CASE WHEN " + cond + " THEN " + expr + " END"
			}
			group = strconv.Itoa(i + 1)
			maskedAt[g] = i + 1
		}
		exprs = append(exprs, expr+" AS "+b.q(key))
		groupExprs = append(groupExprs, group)
		sels = append(sels, selected{key: key, field: f})
	}
	ops := make([]string, 0, len(q.Aggregate))
	for op := range q.Aggregate {
		if _, ok := aggregateSQL[op]; !ok {
			return nil, errs.InvalidQuery(fmt.Sprintf(`Invalid aggregate function "%s"`, op))
		}
		ops = append(ops, op)
	}
	order := aggregateOrder
	if q.AggregateOrder != nil {
		order = q.AggregateOrder
	}
	sort.SliceStable(ops, func(i, j int) bool { return indexOf(order, ops[i]) < indexOf(order, ops[j]) })
	type aggCol struct {
		op, field string
		f         *schema.Field
	}
	var aggs []aggCol
	for _, op := range ops {
		for _, field := range q.Aggregate[op] {
			field = strings.TrimSpace(field)
			switch {
			case op == "countAll":
				exprs = append(exprs, "COUNT(*) AS "+b.q("countAll"))
				aggs = append(aggs, aggCol{op: op})
			case field == "*" && op == "count":
				exprs = append(exprs, "COUNT(*) AS "+b.q("count"))
				aggs = append(aggs, aggCol{op: op})
			default:
				f := col.Fields[field]
				if f == nil || f.Alias {
					return nil, fieldsForbidden([]string{field}, col.Collection, "")
				}
				exprs = append(exprs, fmt.Sprintf(aggregateSQL[op], b.col(col.Collection, field))+" AS "+b.q(op+"->"+field))
				aggs = append(aggs, aggCol{op: op, field: field, f: f})
			}
		}
	}
	if len(exprs) == 0 {
		return nil, errs.InvalidQuery("No aggregate or group specified")
	}
	where, err := s.whereFor(b, col, andFilter(q.Filter, access.where()))
	if err != nil {
		return nil, err
	}
	search, err := s.searchCondition(b, col, q.Search, q.Access)
	if err != nil {
		return nil, err
	}
	conds := nonEmpty([]string{where, search})
	sql := "SELECT " + strings.Join(exprs, ", ") + " FROM " + b.q(col.Collection)
	if len(conds) > 0 {
		sql += " WHERE " + strings.Join(conds, " AND ")
	}
	if len(groupExprs) > 0 {
		sql += " GROUP BY " + strings.Join(groupExprs, ", ")
		order, err := s.aggregateOrderBy(b, col, q, maskedAt)
		if err != nil {
			return nil, err
		}
		if order != "" {
			sql += " ORDER BY " + order
		}
	}
	sql += s.limitClause(q, s.limitDefault())

	for range aggs {
		sels = append(sels, selected{})
	}
	rows, err := s.query(ctx, sql, b.args, 0)
	if err != nil {
		return nil, err
	}
	out := make([]*Item, len(rows))
	for i, row := range rows {
		it := NewItem()
		for j := range q.Group {
			v := row[j]
			if sels[j].field != nil {
				v = s.readValue(sels[j].field, v)
			}
			it.Set(sels[j].key, v)
		}
		for j, a := range aggs {
			v := row[len(q.Group)+j]
			switch {
			case a.op == "countAll":
				if keep {
					it.Set("countAll", v)
				}
			case a.field == "":
				it.Set("count", v)
			default:
				if a.op == "min" || a.op == "max" {
					v = s.readValue(a.f, v)
				}
				group, _ := it.Get(a.op)
				g, ok := group.(*Item)
				if !ok {
					g = NewItem()
					it.Set(a.op, g)
				}
				g.Set(a.field, v)
			}
		}
		out[i] = it
	}
	return out, nil
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return len(list)
}

// groupExpr is one groupBy entry: a field or a function of a field (key <field>_<fn>).
func (s *Service) groupExpr(b *sqlBuilder, col *schema.Collection, g string) (key, expr string, f *schema.Field, err error) {
	if m := matchFunctionCall(g); m != nil {
		name := strings.TrimSpace(strings.SplitN(m[2], ",", 2)[0])
		f = col.Fields[name]
		if f == nil {
			return "", "", nil, fieldsForbidden([]string{name}, col.Collection, "")
		}
		if err := checkFunction(s.opts.Schema, col.Collection, f, m[1]); err != nil {
			return "", "", nil, err
		}
		fc := newFilterCompiler(s, b)
		expr, err = fc.functionExpr(col, col.Collection, f, m[1], m[2])
		key = name + "_" + m[1]
		return key, expr, nil, err
	}
	f = col.Fields[g]
	if f == nil || f.Alias {
		return "", "", nil, fieldsForbidden([]string{g}, col.Collection, "")
	}
	return g, b.col(col.Collection, g), f, nil
}

// aggregateOrderBy sorts grouped results by a group field or an aggregate ("-count", "sum.amount").
func (s *Service) aggregateOrderBy(b *sqlBuilder, col *schema.Collection, q *Query, maskedAt map[string]int) (string, error) {
	sorts := q.Sort
	if len(sorts) == 0 {
		sorts = []string{q.Group[0]}
	}
	var parts []string
	for _, raw := range sorts {
		dir := " ASC"
		if strings.HasPrefix(raw, "-") {
			dir, raw = " DESC", raw[1:]
		}
		switch {
		case raw == "count":
			parts = append(parts, b.q("count")+dir)
		case strings.Contains(raw, ".") && aggregateSQL[strings.SplitN(raw, ".", 2)[0]] != "":
			op, field := splitOnce(raw, ".")
			parts = append(parts, b.q(op+"->"+field)+dir)
		default:
			if m := matchFunctionCall(raw); m != nil {
				name := strings.TrimSpace(strings.SplitN(m[2], ",", 2)[0])
				parts = append(parts, b.q(name+"_"+m[1])+dir)
				continue
			}
			if col.Fields[raw] == nil {
				return "", fieldsForbidden([]string{raw}, col.Collection, "")
			}
			if pos, ok := maskedAt[raw]; ok {
				parts = append(parts, strconv.Itoa(pos)+dir)
				continue
			}
			parts = append(parts, b.col(col.Collection, raw)+dir)
		}
	}
	return strings.Join(parts, ", "), nil
}

func splitOnce(s, sep string) (string, string) {
	a, b, _ := strings.Cut(s, sep)
	return a, b
}
