package items

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/schema"
)

// ReadOptions are Directus's QueryOptions.
type ReadOptions struct {
	KeepHelpers bool // stripNonRequested: false — keep PKs/FKs selected for stitching
	NoEvents    bool // emitEvents: false
}

// ReadByQuery is readByQuery (spec 10 §3.2).
func (s *Service) ReadByQuery(ctx context.Context, q *Query, opts ReadOptions) ([]*Item, error) {
	col, err := s.collectionInfo(s.collection)
	if err != nil {
		return nil, err
	}
	if err := s.assertActive(col); err != nil {
		return nil, err
	}
	q = q.Clone()
	if s.opts.Emitter != nil && !opts.NoEvents {
		out, err := s.opts.Emitter.EmitFilter(ctx, s.eventNames("query"), q, map[string]any{"collection": s.collection}, s.eventContext(s.conn()))
		if err != nil {
			return nil, err
		}
		if replaced := asQuery(out); replaced != nil {
			q = replaced
		}
	}
	if q, err = s.authorize(ctx, "read", q); err != nil {
		return nil, err
	}
	var records []*Item
	if len(q.Aggregate) > 0 || len(q.Group) > 0 {
		records, err = s.readAggregate(ctx, col, q, opts.KeepHelpers)
	} else {
		records, err = s.readLevel(ctx, s.collection, q, "", nil, opts.KeepHelpers)
	}
	if err != nil {
		return nil, err
	}
	if s.opts.Emitter != nil && !opts.NoEvents {
		meta := map[string]any{"query": q, "collection": s.collection}
		out, err := s.opts.Emitter.EmitFilter(ctx, s.eventNames("read"), records, meta, s.eventContext(s.conn()))
		if err != nil {
			return nil, err
		}
		if replaced, ok := out.([]*Item); ok {
			records = replaced
		}
		s.opts.Emitter.EmitAction(s.eventNames("read"), map[string]any{"payload": records, "query": q, "collection": s.collection}, s.eventContext(s.opts.DB))
	}
	return records, nil
}

func asQuery(v any) *Query {
	switch x := v.(type) {
	case *Query:
		return x
	case map[string]any:
		q, err := QueryFromMap(x)
		if err == nil {
			return q
		}
	}
	return nil
}

// selected is one result column of a level's SELECT.
type selected struct {
	key    string
	field  *schema.Field // nil for function results
	helper bool          // selected for stitching, not requested
}

// readLevel reads one collection level and its nested relations. extra fields are selected in
// addition (the parent needs them to stitch) and left in the items for the parent to strip.
func (s *Service) readLevel(ctx context.Context, collection string, q *Query, path string, extra []string, keep bool) ([]*Item, error) {
	col, err := s.collectionInfo(collection)
	if err != nil {
		return nil, err
	}
	if !q.Access.readable(collection) {
		// A nested collection the caller has no read rule for shows nothing (the path checks
		// refuse it when named; this is the rest, e.g. a bare O2M reached through a wildcard).
		return []*Item{}, nil
	}
	nodes, err := s.parseFields(collection, q.Fields, q.Alias, q.Deep, path, q.skipWildcard, q.Access)
	if err != nil {
		return nil, err
	}
	b := &sqlBuilder{d: s.dialect, access: q.Access}
	var sels []selected
	var exprs []string
	have := map[string]bool{}
	var requested []string
	if !q.keysOnly {
		for _, n := range nodes {
			requested = append(requested, n.field)
		}
	}
	access := q.Access.level(collection, requested)
	if q.keysOnly {
		access.unmask(col.Primary)
	}
	// columnExpr is the column of field, masked per row when only rules with an item filter
	// allow it (Directus's CASE WHEN … THEN col END).
	columnExpr := func(field string, plain bool) (string, error) {
		rule, masked := access.mask(field)
		if plain {
			masked = false
		}
		if !masked {
			return b.col(collection, field), nil
		}
		if rule == nil {
			return "NULL", nil
		}
		cond, err := s.whereFor(b, col, rule)
		if err != nil {
			return "", fmt.Errorf("items: field mask of %q: %w", field, err)
		}
		if cond == "" {
			return b.col(collection, field), nil
		}
		return "CASE WHEN " + cond + " THEN " + b.col(collection, field) + " END", nil
	}
	// addColumn selects field as key; helpers (keys the stitching needs) are never masked, as
	// the columns Directus adds itself are not.
	addColumn := func(key, field string, helper bool) error {
		if have[key] {
			return nil
		}
		expr, err := columnExpr(field, helper)
		if err != nil {
			return err
		}
		have[key] = true
		f := col.Fields[field]
		sels = append(sels, selected{key: key, field: f, helper: helper})
		exprs = append(exprs, expr+" AS "+b.q(key))
		return nil
	}
	for _, n := range nodes {
		switch n.kind {
		case plainNode, m2oNode, a2oNode:
			if n.kind != plainNode && (n.children != nil || n.scoped != nil) {
				// Directus selects the key column of an expanded relation unmasked; the related
				// item's own rules decide what it shows.
				expr, err := columnExpr(n.field, true)
				if err != nil {
					return nil, err
				}
				have[n.key] = true
				sels = append(sels, selected{key: n.key, field: col.Fields[n.field]})
				exprs = append(exprs, expr+" AS "+b.q(n.key))
				continue
			}
			if n.key != n.field {
				// an alias of a plain column: select under the alias key
				expr, err := columnExpr(n.field, false)
				if err != nil {
					return nil, err
				}
				have[n.key] = true
				sels = append(sels, selected{key: n.key, field: col.Fields[n.field]})
				exprs = append(exprs, expr+" AS "+b.q(n.key))
			} else if err := addColumn(n.key, n.field, false); err != nil {
				return nil, err
			}
		case functionNode:
			fc := newFilterCompiler(s, b)
			expr, err := fc.functionExpr(col, collection, col.Fields[n.field], n.fn, n.field+","+strings.Join(n.fnArgs, ","))
			if err != nil {
				return nil, err
			}
			if expr, err = s.permittedFunction(b, col, access, q.Access, n, expr); err != nil {
				return nil, err
			}
			have[n.key] = true
			sels = append(sels, selected{key: n.key})
			exprs = append(exprs, expr+" AS "+b.q(n.key))
		}
	}
	if err := addColumn(col.Primary, col.Primary, true); err != nil {
		return nil, err
	}
	for _, n := range nodes {
		if n.kind == a2oNode && n.relation.Meta.OneCollectionField != nil {
			if err := addColumn(*n.relation.Meta.OneCollectionField, *n.relation.Meta.OneCollectionField, true); err != nil {
				return nil, err
			}
		}
	}
	for _, e := range extra {
		if err := addColumn(e, e, true); err != nil {
			return nil, err
		}
	}

	// An O2M alias allowed only on some items gets a flag column: its list reads null where the
	// flag is null (Directus selects CASE WHEN <rules> THEN 1 END under the alias).
	flags := map[string]string{}
	for _, n := range nodes {
		if n.kind != o2mNode {
			continue
		}
		rule, masked := access.mask(n.field)
		if !masked {
			continue
		}
		expr := "NULL"
		if rule != nil {
			cond, err := s.whereFor(b, col, rule)
			if err != nil {
				return nil, fmt.Errorf("items: field mask of %q: %w", n.field, err)
			}
			expr = "1"
			if cond != "" {
				expr = "CASE WHEN " + cond + " THEN 1 END"
			}
		}
		key := "\x00allowed:" + n.key
		flags[n.key] = key
		sels = append(sels, selected{key: key, helper: true})
		exprs = append(exprs, expr+" AS "+b.q(fmt.Sprintf("dx_allowed_%d", len(exprs))))
	}

	where, err := s.whereFor(b, col, andFilter(q.Filter, access.where()))
	if err != nil {
		return nil, err
	}
	searchSQL, err := s.searchCondition(b, col, q.Search, q.Access)
	if err != nil {
		return nil, err
	}
	conds := nonEmpty([]string{where, searchSQL})

	var joins []string
	orderBy, err := s.orderBy(b, col, q, &joins)
	if err != nil {
		return nil, err
	}
	sql := "SELECT " + strings.Join(exprs, ", ") + " FROM " + b.q(collection)
	if len(joins) > 0 {
		sql += " " + strings.Join(joins, " ")
	}
	if len(conds) > 0 {
		sql += " WHERE " + strings.Join(conds, " AND ")
	}
	if orderBy != "" {
		sql += " ORDER BY " + orderBy
	}
	sql += s.limitClause(q, s.limitDefault())

	// Every row of a level has the same keys: they share one key list (full, so an append by Set
	// copies it; Delete and reorder never write into it) and each row's values become its item's.
	keys := make([]string, len(sels))
	for j, sel := range sels {
		keys[j] = sel.key
	}
	hint := s.rowsHint(q)
	var items []*Item
	// The level's items live in shared arrays (they are returned, and dropped, together).
	itemSlab := slab[Item]{per: 1, rows: hint}
	err = s.scanRows(ctx, sql, b.args, nil, hint, func(row []any) {
		if items == nil {
			items = make([]*Item, 0, max(hint, 1))
		}
		whole := true
		for j, sel := range sels {
			if sel.field != nil {
				row[j] = s.readValue(sel.field, row[j])
			}
			if _, skip := row[j].(absent); skip {
				whole = false
			}
		}
		if whole {
			it := &itemSlab.take()[0]
			*it = Item{keys: keys[:len(keys):len(keys)], values: row}
			items = append(items, it)
			return
		}
		it := newItemCap(len(sels))
		for j, v := range row {
			if _, skip := v.(absent); !skip {
				it.Set(keys[j], v)
			}
		}
		items = append(items, it)
	})
	if err != nil {
		return nil, err
	}
	if items == nil {
		items = []*Item{}
	}

	for _, n := range nodes {
		var err error
		switch n.kind {
		case m2oNode:
			if n.children != nil {
				err = s.stitchM2O(ctx, q, items, n, path, keep)
			}
		case o2mNode:
			err = s.stitchO2M(ctx, q, col, items, n, path, keep)
		case a2oNode:
			if n.children != nil || n.scoped != nil {
				err = s.stitchA2O(ctx, q, items, n, path, keep)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	for key, flag := range flags {
		for _, it := range items {
			if v, _ := it.Get(flag); falsy(v) {
				it.Set(key, nil)
			}
			it.Delete(flag)
		}
	}
	if !keep {
		for _, it := range items {
			for _, sel := range sels {
				if sel.helper && !contains(extra, sel.key) {
					it.Delete(sel.key)
				}
			}
		}
	}
	// Order keys as requested: nodes first, in order.
	for _, it := range items {
		reorder(it, nodes)
	}
	return items, nil
}

// permittedFunction applies the caller's read rules to a function column: count(<o2m>) counts
// only the related items the caller may read, and the result is masked per row like its field.
func (s *Service) permittedFunction(b *sqlBuilder, col *schema.Collection, level *levelAccess, access *Access, n *fieldNode, expr string) (string, error) {
	if access == nil {
		return expr, nil
	}
	// The mask's condition comes first in the SQL text, so its arguments are bound first.
	prefix, suffix := "", ""
	if rule, masked := level.mask(n.field); masked {
		if rule == nil {
			return "NULL", nil
		}
		cond, err := s.whereFor(b, col, rule)
		if err != nil {
			return "", err
		}
		if cond != "" {
			prefix, suffix = "CASE WHEN "+cond+" THEN ", " END"
		}
	}
	if f := col.Fields[n.field]; n.fn == "count" && f != nil && f.Type == "alias" {
		if kind, rel := relationKind(s.opts.Schema, col.Collection, n.field); kind == o2mNode {
			rc, err := s.collectionInfo(rel.Collection)
			if err != nil {
				return "", err
			}
			if !access.readable(rel.Collection) {
				expr = "0"
			} else if rule := access.level(rel.Collection, nil).where(); rule != nil {
				cond, err := s.whereFor(b, rc, rule)
				if err != nil {
					return "", fmt.Errorf("items: read rules of %q: %w", rel.Collection, err)
				}
				if cond != "" {
					expr = strings.TrimSuffix(expr, ")") + " AND " + cond + ")"
				}
			}
		}
	}
	return prefix + expr + suffix, nil
}

func reorder(it *Item, nodes []*fieldNode) {
	// Rows have few keys: keep the bookkeeping on the stack.
	var orderBuf [32]int
	var takenBuf [32]bool
	order := orderBuf[:0] // it's key indexes in the new order
	taken := takenBuf[:0]
	if len(it.keys) <= len(takenBuf) {
		taken = takenBuf[:len(it.keys)]
	} else {
		taken = make([]bool, len(it.keys))
	}
	inPlace := true
	for _, n := range nodes {
		i := it.index(n.key)
		if i < 0 || taken[i] {
			continue
		}
		taken[i] = true
		inPlace = inPlace && i == len(order)
		order = append(order, i)
	}
	for i := range it.keys {
		if !taken[i] {
			inPlace = inPlace && i == len(order)
			order = append(order, i)
		}
	}
	if inPlace {
		return
	}
	keys := make([]string, len(order))
	values := make([]any, len(order))
	for j, i := range order {
		keys[j], values[j] = it.keys[i], it.values[i]
	}
	it.keys, it.values = keys, values
}

// limitClause renders limit/offset/page (spec 11 §5).
func (s *Service) limitClause(q *Query, def int) string {
	limit := def
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
	out := ""
	if limit >= 0 {
		out = " LIMIT " + strconv.Itoa(limit)
	} else if offset > 0 {
		switch s.dialect.Client {
		case "mysql":
			out = " LIMIT 18446744073709551615"
		case "sqlite3":
			out = " LIMIT -1"
		}
	}
	if offset > 0 {
		out += " OFFSET " + strconv.Itoa(offset)
	}
	return out
}

// query runs sql and returns each row's values converted like the Node driver would. rowsHint is
// how many rows the query may return (its LIMIT; 0 = unknown): row storage is allocated for them
// at once.
func (s *Service) query(ctx context.Context, sql string, args []any, rowsHint int) ([][]any, error) {
	return s.queryWithPayload(ctx, sql, args, nil, rowsHint)
}

// rowsHint is the row storage to prepare for a level read with q: its limit, capped so that a large
// limit over few rows does not allocate for rows that never come; no limit (-1) is unknown.
func (s *Service) rowsHint(q *Query) int {
	limit := s.limitDefault()
	if q.Limit != nil {
		limit = *q.Limit
	}
	return max(0, min(limit, maxRowsHint))
}

// maxRowsHint bounds the rows allocated ahead of reading (and each later slab).
const maxRowsHint = 256

// queryWithPayload is query for writes: payload feeds the translated error's value.
func (s *Service) queryWithPayload(ctx context.Context, sql string, args []any, payload map[string]any, rowsHint int) ([][]any, error) {
	out := make([][]any, 0, rowsHint)
	err := s.scanRows(ctx, sql, args, payload, rowsHint, func(row []any) { out = append(out, row) })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// scanRows runs sql and hands each row, its values converted like the Node driver would, to each.
// Rows come from slabs sized for rowsHint rows; each row is the caller's to keep.
func (s *Service) scanRows(ctx context.Context, sql string, args []any, payload map[string]any, rowsHint int, each func(row []any)) error {
	sql = s.dialect.Rebind(sql)
	if s.opts.Tx == nil && s.dialect.Client == db.ClientPostgres && strings.HasPrefix(sql, "SELECT ") {
		return s.scanPostgres(ctx, sql, args, payload, rowsHint, each)
	}
	var rows *sqlx.Rows
	var err error
	if s.opts.Tx == nil {
		rows, err = s.opts.DB.QueryxCached(ctx, sql, args...)
	} else {
		rows, err = s.opts.Tx.QueryxContext(ctx, sql, args...)
	}
	if err != nil {
		return s.translate(ctx, err, payload, sql)
	}
	defer rows.Close()
	types, err := rows.ColumnTypes()
	if err != nil {
		return err
	}
	text := &rowText{}
	cells := make([]cell, len(types))
	ptrs := make([]any, len(types))
	for i, t := range types {
		conv := convPlain // SQLite's values need no column rule
		if s.dialect.Client != db.ClientSQLite {
			conv = convFor(s.dialect.Client, strings.ToUpper(t.DatabaseTypeName()))
		}
		cells[i].conv, cells[i].text = conv, text
		ptrs[i] = &cells[i]
	}
	rowSlab := slab[any]{per: len(types), rows: rowsHint}
	for rows.Next() {
		vals := rowSlab.take()
		for i := range cells {
			cells[i].dst = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("items: scan %s: %w", s.collection, err)
		}
		text.finish()
		each(vals)
	}
	if err := rows.Err(); err != nil {
		return s.translate(ctx, err, payload, sql)
	}
	return nil
}

// cell scans one column: the driver's value goes through its driverValue rule straight into dst.
// As a sql.Scanner it sees the driver's own bytes, which database/sql would otherwise copy for a
// *any destination before driverValue copies them again into a string.
type cell struct {
	conv columnConv
	dst  *any
	text *rowText
}

// Scan implements sql.Scanner. Bytes are the driver's until the next row: text is collected into
// the row's one string (rowText), a []byte result is copied.
func (c *cell) Scan(src any) error {
	if b, ok := src.([]byte); ok && c.conv.bytesAreText() {
		c.text.add(c.dst, b)
		return nil
	}
	v := c.conv.value(src)
	if b, ok := v.([]byte); ok {
		v = bytes.Clone(b)
	}
	*c.dst = v
	return nil
}

// rowText turns the text columns a driver gives as bytes (MySQL's) into substrings of one string
// per row: one allocation for the row's text instead of one per value.
type rowText struct {
	buf     []byte // the row's text so far, reused from row to row
	pending []textCell
}

type textCell struct {
	dst        *any
	start, end int
}

func (t *rowText) add(dst *any, b []byte) {
	start := len(t.buf)
	t.buf = append(t.buf, b...)
	t.pending = append(t.pending, textCell{dst, start, len(t.buf)})
}

// finish sets the row's text values once the whole row is scanned.
func (t *rowText) finish() {
	if len(t.pending) == 0 {
		return
	}
	s := string(t.buf)
	for _, p := range t.pending {
		*p.dst = s[p.start:p.end]
	}
	t.buf, t.pending = t.buf[:0], t.pending[:0]
}

// slab hands out runs of per elements carved from shared arrays of rows runs each (one allocation
// per array instead of one per row). Each run is capped at per, so an append to it copies it
// instead of running into the next. With rows 0 (unknown) arrays start small and double.
type slab[T any] struct {
	per, rows int
	free      []T
}

func (s *slab[T]) take() []T {
	if len(s.free) < s.per {
		n := s.rows
		if n < 1 {
			n = 8
		}
		s.free = make([]T, n*s.per)
		s.rows = min(2*n, maxRowsHint)
	}
	run := s.free[:s.per:s.per]
	s.free = s.free[s.per:]
	return run
}

// translate maps a driver error to the Directus error (spec 10 §8) via services/db.
// The result passes through the `database.error` filter (meta { client }), as in Directus.
func (s *Service) translate(ctx context.Context, err error, payload map[string]any, query string) error {
	if s.opts.DB == nil {
		return err
	}
	translated := s.opts.DB.Translate(err, payload, query)
	if s.opts.Emitter == nil {
		return translated
	}
	out, hookErr := s.opts.Emitter.EmitFilter(ctx, []string{"database.error"}, translated, map[string]any{"client": s.dialect.Client}, s.eventContext(s.opts.DB))
	if hookErr != nil {
		return hookErr
	}
	if replaced, ok := out.(error); ok {
		return replaced
	}
	return translated
}

func keyString(v any) string {
	switch x := v.(type) {
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return fmt.Sprint(v)
}
