package items

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/query"
	"github.com/dxhost/dxhost/services/schema"
)

// filterCompiler turns a Directus filter into a SQL condition over LEFT JOINs (spec 11 §3).
// Each relational path is joined once; multi marks joins that can repeat the parent row (O2M).
// Join clauses never carry bind arguments, so argument order always follows the condition text.
type filterCompiler struct {
	s       *Service
	b       *sqlBuilder
	joins   []string
	aliases map[string]string
	multi   bool
	// subqueries numbers join and sub-select aliases, shared with nested compilers so an inner
	// sub-select never shadows an outer alias
	subqueries *int
}

func newFilterCompiler(s *Service, b *sqlBuilder) *filterCompiler {
	return &filterCompiler{s: s, b: b, aliases: map[string]string{}, subqueries: new(int)}
}

// whereFor compiles filter for collection's table (aliased by its own name) into one condition.
// Joined filters become "pk IN (SELECT pk FROM table <joins> WHERE …)" so each row appears once.
func (s *Service) whereFor(b *sqlBuilder, col *schema.Collection, filter map[string]any) (string, error) {
	if len(filter) == 0 {
		return "", nil
	}
	c := newFilterCompiler(s, b)
	// Arguments of the condition must come after any added by the subquery prefix: build the
	// condition in a scratch builder, then splice.
	scratch := &sqlBuilder{d: b.d, access: b.access}
	c.b = scratch
	cond, err := c.compile(col.Collection, col.Collection, filter, "")
	if err != nil || cond == "" {
		return "", err
	}
	if len(c.joins) == 0 {
		b.args = append(b.args, scratch.args...)
		return cond, nil
	}
	pk := b.col(col.Collection, col.Primary)
	sql := pk + " IN (SELECT " + pk + " FROM " + b.q(col.Collection) + " " + strings.Join(c.joins, " ") + " WHERE " + cond + ")"
	b.args = append(b.args, scratch.args...)
	return sql, nil
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (c *filterCompiler) compile(collection, alias string, filter map[string]any, path string) (string, error) {
	col, err := c.s.collectionInfo(collection)
	if err != nil {
		return "", err
	}
	var conds []string
	for _, key := range sortedKeys(filter) {
		value := filter[key]
		var cond string
		switch key {
		case "_and", "_or":
			cond, err = c.logical(collection, alias, key, value, path)
		default:
			cond, err = c.fieldCondition(col, alias, key, value, path)
		}
		if err != nil {
			return "", err
		}
		if cond != "" {
			conds = append(conds, cond)
		}
	}
	return joinConds(conds, " AND "), nil
}

func joinConds(conds []string, sep string) string {
	switch len(conds) {
	case 0:
		return ""
	case 1:
		return conds[0]
	}
	return "(" + strings.Join(conds, sep) + ")"
}

func (c *filterCompiler) logical(collection, alias, op string, value any, path string) (string, error) {
	list, ok := value.([]any)
	if !ok {
		if m, isMap := value.([]map[string]any); isMap {
			for _, e := range m {
				list = append(list, e)
			}
		} else {
			return "", errs.InvalidQuery(fmt.Sprintf(`"%s" has to be an array`, op))
		}
	}
	var conds []string
	for _, e := range list {
		sub, _ := e.(map[string]any)
		if len(sub) == 0 {
			if op == "_or" {
				return "", nil // an empty sub-filter makes the whole _or "no condition"
			}
			continue
		}
		cond, err := c.compile(collection, alias, sub, path)
		if err != nil {
			return "", err
		}
		if cond != "" {
			conds = append(conds, cond)
		}
	}
	if op == "_or" {
		return joinConds(conds, " OR "), nil
	}
	return joinConds(conds, " AND "), nil
}

var followCall = regexp.MustCompile(`^\$FOLLOW\(\s*([^,\s)]+)\s*,\s*([^,\s)]+)\s*(?:,\s*([^,\s)]+)\s*)?\)$`)

// fieldCondition handles one field key: operators on a column, or a relational sub-filter.
func (c *filterCompiler) fieldCondition(col *schema.Collection, alias, key string, value any, path string) (string, error) {
	sub, isMap := value.(map[string]any)
	if !isMap {
		sub = map[string]any{"_eq": value}
	}
	if strings.HasPrefix(key, "$FOLLOW(") {
		return c.follow(col, alias, key, sub, path)
	}
	key = normaliseFunctionPath(key)
	if parts := splitPath(key); len(parts) > 1 {
		// "author.name": the dotted shorthand of { author: { name: … } }
		nested := map[string]any{strings.Join(parts[1:], "."): value}
		return c.fieldCondition(col, alias, parts[0], nested, path)
	}
	scope := ""
	if i := strings.IndexByte(key, ':'); i >= 0 {
		key, scope = key[:i], key[i+1:]
	}
	if m := matchFunctionCall(key); m != nil {
		fieldName := strings.TrimSpace(strings.SplitN(m[2], ",", 2)[0])
		f := col.Fields[fieldName]
		if f == nil {
			return "", fieldsForbidden([]string{fieldName}, col.Collection, path)
		}
		if err := checkFunction(c.s.opts.Schema, col.Collection, f, m[1]); err != nil {
			return "", errs.InvalidQuery(fmt.Sprintf(`Invalid filter key "%s"`, key))
		}
		expr, err := c.functionExpr(col, alias, f, m[1], m[2])
		if err != nil {
			return "", err
		}
		outType := "integer"
		if m[1] == "json" {
			outType = "unknown"
		}
		return c.operators(expr, outType, &schema.Field{Field: key, Type: outType}, sub, col.Collection+"."+key)
	}

	f := col.Fields[key]
	if f == nil {
		return "", fieldsForbidden([]string{key}, col.Collection, path)
	}
	kind, rel := relationKind(c.s.opts.Schema, col.Collection, key)
	opPart, fieldPart := splitOperators(sub)
	childPath := joinPath(path, key)
	if kind != plainNode {
		// Services don't hoist _and/_or found under a relational field (REST's parseFilter does):
		// Directus ignores them there (recorded live: the condition matches every row).
		delete(fieldPart, "_and")
		delete(fieldPart, "_or")
	}

	switch kind {
	case plainNode:
		if len(fieldPart) > 0 {
			// Directus looks the nested key up in the same collection (recorded live).
			for _, k := range sortedKeys(fieldPart) {
				if k != "_and" && k != "_or" && col.Fields[k] == nil {
					return "", fieldsForbidden([]string{k}, col.Collection, path)
				}
			}
			return "", errs.InvalidQuery(fmt.Sprintf(`"%s.%s" is not a relational field`, col.Collection, key))
		}
		if _, bad := opPart["_some"]; bad {
			return "", errs.InvalidQuery(`"_some" can only be used with top level relational alias field`)
		}
		if _, bad := opPart["_none"]; bad {
			return "", errs.InvalidQuery(`"_none" can only be used with top level relational alias field`)
		}
		return c.operators(c.b.col(alias, key), f.Type, f, opPart, col.Collection+"."+key)

	case m2oNode:
		var conds []string
		if len(opPart) > 0 {
			cond, err := c.operators(c.b.col(alias, key), f.Type, f, opPart, col.Collection+"."+key)
			if err != nil {
				return "", err
			}
			conds = append(conds, cond)
		}
		if len(fieldPart) > 0 {
			related := *rel.RelatedCollection
			rc, err := c.s.collectionInfo(related)
			if err != nil {
				return "", err
			}
			ja := c.join(childPath, "LEFT JOIN %s AS %s ON %s = "+c.b.col(alias, key), related, rc.Primary)
			cond, err := c.compile(related, ja, fieldPart, childPath)
			if err != nil {
				return "", err
			}
			conds = append(conds, cond)
		}
		return joinConds(nonEmpty(conds), " AND "), nil

	case a2oNode:
		if scope == "" {
			if len(fieldPart) > 0 {
				// Without a scope Directus looks nested keys up in this collection (recorded live).
				for _, k := range sortedKeys(fieldPart) {
					if k != "_and" && k != "_or" && col.Fields[k] == nil {
						return "", fieldsForbidden([]string{k}, col.Collection, path)
					}
				}
				return "", errs.InvalidQuery("You have to provide a collection scope when sorting or filtering on a many-to-any item")
			}
			return c.operators(c.b.col(alias, key), f.Type, f, opPart, col.Collection+"."+key)
		}
		rc, err := c.s.collectionInfo(scope)
		if err != nil {
			return "", err
		}
		collField := ""
		if rel.Meta.OneCollectionField != nil {
			collField = *rel.Meta.OneCollectionField
		}
		ja := c.joinRaw(childPath+":"+scope, func(ja string) string {
			return "LEFT JOIN " + c.b.q(scope) + " AS " + c.b.q(ja) + " ON " + c.castText(c.b.col(ja, rc.Primary)) + " = " +
				c.b.col(alias, key) + " AND " + c.b.col(alias, collField) + " = '" + strings.ReplaceAll(scope, "'", "''") + "'"
		})
		return c.compile(scope, ja, sub, childPath)

	case o2mNode:
		related := rel.Collection
		rc, err := c.s.collectionInfo(related)
		if err != nil {
			return "", err
		}
		return c.toMany(col, alias, related, rc, rel.Field, sub, childPath)
	}
	return "", nil
}

// toMany filters through a reverse relation (O2M alias or $FOLLOW): _some/_none become
// sub-selects, anything else a LEFT JOIN (at least one related row matches).
func (c *filterCompiler) toMany(col *schema.Collection, alias, related string, rc *schema.Collection, fk string, sub map[string]any, childPath string) (string, error) {
	pk := c.b.col(alias, col.Primary)
	var conds []string
	for _, op := range []string{"_some", "_none"} {
		inner, ok := sub[op]
		if !ok {
			continue
		}
		innerFilter, _ := inner.(map[string]any)
		// Directus applies the related collection's read rules inside the sub-select.
		innerFilter = andFilter(innerFilter, c.b.access.level(related, nil).where())
		ic := newFilterCompiler(c.s, c.b)
		ic.subqueries = c.subqueries
		*c.subqueries++
		ra := "sq" + strconv.Itoa(*c.subqueries)
		// Build the sub-select with its own joins.
		innerCond, err := ic.compile(related, ra, innerFilter, childPath)
		if err != nil {
			return "", err
		}
		fkCol := c.b.col(ra, fk)
		sel := "SELECT " + fkCol + " FROM " + c.b.q(related) + " AS " + c.b.q(ra) + " " + strings.Join(ic.joins, " ") + " WHERE " + fkCol + " IS NOT NULL"
		if innerCond != "" {
			sel += " AND " + innerCond
		}
		not := ""
		if op == "_none" {
			not = "NOT "
		}
		conds = append(conds, pk+" "+not+"IN ("+sel+")")
	}
	rest := map[string]any{}
	for k, v := range sub {
		if k != "_some" && k != "_none" {
			rest[k] = v
		}
	}
	if len(rest) > 0 {
		ja := c.join(childPath, "LEFT JOIN %s AS %s ON %s = "+pk, related, fk)
		c.multi = true
		opPart, fieldPart := splitOperators(rest)
		if len(opPart) > 0 {
			pf := rc.Fields[rc.Primary]
			cond, err := c.operators(c.b.col(ja, rc.Primary), pf.Type, pf, opPart, related+"."+rc.Primary)
			if err != nil {
				return "", err
			}
			conds = append(conds, cond)
		}
		if len(fieldPart) > 0 {
			cond, err := c.compile(related, ja, fieldPart, childPath)
			if err != nil {
				return "", err
			}
			conds = append(conds, cond)
		}
	}
	return joinConds(nonEmpty(conds), " AND "), nil
}

func (c *filterCompiler) follow(col *schema.Collection, alias, key string, sub map[string]any, path string) (string, error) {
	if len(key) > 500 {
		return "", errs.InvalidQuery("$FOLLOW is too long")
	}
	m := followCall.FindStringSubmatch(key)
	if m == nil {
		return "", errs.InvalidQuery(fmt.Sprintf(`Invalid filter key "%s"`, key))
	}
	rc, err := c.s.collectionInfo(m[1])
	if err != nil {
		return "", err
	}
	if rc.Fields[m[2]] == nil {
		return "", fieldsForbidden([]string{m[2]}, m[1], path)
	}
	if m[3] != "" {
		// M2A form: related.<field> holds our key and related.<collectionField> our name.
		sub = map[string]any{"_and": []any{sub, map[string]any{m[3]: map[string]any{"_eq": col.Collection}}}}
	}
	return c.toMany(col, alias, m[1], rc, m[2], sub, joinPath(path, key))
}

func (c *filterCompiler) join(path, format, related, onColumn string) string {
	return c.joinRaw(path, func(ja string) string {
		return fmt.Sprintf(format, c.b.q(related), c.b.q(ja), c.b.col(ja, onColumn))
	})
}

func (c *filterCompiler) joinRaw(path string, build func(alias string) string) string {
	if a, ok := c.aliases[path]; ok {
		return a
	}
	*c.subqueries++
	a := "j" + strconv.Itoa(*c.subqueries)
	c.aliases[path] = a
	c.joins = append(c.joins, build(a))
	return a
}

func (c *filterCompiler) castText(expr string) string {
	switch c.b.d.Client {
	case db.ClientMySQL:
		return "CAST(" + expr + " AS CHAR(255))"
	case db.ClientPostgres:
		return "CAST(" + expr + " AS VARCHAR(255))"
	}
	return "CAST(" + expr + " AS TEXT)"
}

func (c *filterCompiler) functionExpr(col *schema.Collection, alias string, f *schema.Field, fn, args string) (string, error) {
	if fn == "count" && f.Type == "alias" {
		_, rel := relationKind(c.s.opts.Schema, col.Collection, f.Field)
		return "(SELECT COUNT(*) FROM " + c.b.q(rel.Collection) + " WHERE " + c.b.col(rel.Collection, rel.Field) + " = " + c.b.col(alias, col.Primary) + ")", nil
	}
	var extra []string
	if fn == "json" {
		parts := strings.SplitN(args, ",", 2)
		if len(parts) < 2 {
			return "", errs.InvalidQuery(`Invalid function specified "json"`)
		}
		extra = []string{strings.TrimSpace(parts[1])}
	}
	return c.b.functionSQL(fn, c.b.col(alias, f.Field), f, extra), nil
}

func splitOperators(m map[string]any) (ops, fields map[string]any) {
	ops, fields = map[string]any{}, map[string]any{}
	for k, v := range m {
		if strings.HasPrefix(k, "_") && k != "_and" && k != "_or" {
			ops[k] = v
		} else {
			fields[k] = v
		}
	}
	return ops, fields
}

func nonEmpty(conds []string) []string {
	out := conds[:0]
	for _, c := range conds {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// The operator lists of getFilterOperatorsForType, shared read-only.
var (
	stringOperators = []string{"contains", "ncontains", "icontains", "starts_with", "nstarts_with", "istarts_with", "nistarts_with",
		"ends_with", "nends_with", "iends_with", "niends_with", "eq", "neq", "empty", "nempty", "null", "nnull", "in", "nin"}
	numberOperators   = []string{"eq", "neq", "lt", "lte", "gt", "gte", "between", "nbetween", "null", "nnull", "in", "nin"}
	hashOperators     = []string{"empty", "nempty", "null", "nnull"}
	uuidOperators     = []string{"eq", "neq", "null", "nnull", "in", "nin"}
	booleanOperators  = []string{"eq", "neq", "null", "nnull"}
	jsonOperators     = []string{"null", "nnull", "json"}
	geometryOperators = []string{"eq", "neq", "null", "nnull", "intersects", "nintersects", "intersects_bbox", "nintersects_bbox"}
	otherOperators    = []string{"contains", "ncontains", "eq", "neq", "lt", "lte", "gt", "gte", "between", "nbetween", "empty", "nempty", "null", "nnull", "in", "nin"}
)

// allowedOperators is getFilterOperatorsForType (spec 11 §3.3) for a field of type typ with f's
// specials. The list is shared: do not modify it.
func allowedOperators(typ string, f *schema.Field) []string {
	if typ == "hash" || f.HasSpecial("conceal") {
		return hashOperators
	}
	switch typ {
	case "string", "text", "csv", "binary":
		return stringOperators
	case "uuid":
		return uuidOperators
	case "integer", "bigInteger", "float", "decimal", "dateTime", "date", "time":
		return numberOperators
	case "boolean":
		return booleanOperators
	case "json":
		return jsonOperators
	}
	if strings.HasPrefix(typ, "geometry") {
		return geometryOperators
	}
	return otherOperators
}

// operators compiles the operator object of one column expression.
func (c *filterCompiler) operators(expr, typ string, f *schema.Field, ops map[string]any, where string) (string, error) {
	allowed := allowedOperators(typ, f)
	var conds []string
	for _, op := range sortedKeys(ops) {
		v := ops[op]
		if op == "_regex" || op == "_submitted" {
			continue // validation-only operators
		}
		if op == "_and" || op == "_or" {
			continue
		}
		if !contains(allowed, strings.TrimPrefix(op, "_")) {
			if f.HasSpecial("conceal") {
				return "", errs.InvalidQuery(fmt.Sprintf(`Field with "conceal" special does not allow the "%s" filter operator`, op))
			}
			return "", errs.InvalidQuery(fmt.Sprintf(`"%s" field type does not contain the "%s" filter operator`, typ, op))
		}
		cond, err := c.operator(expr, typ, op, v)
		if err != nil {
			return "", err
		}
		if cond != "" {
			conds = append(conds, cond)
		}
	}
	return joinConds(conds, " AND "), nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (c *filterCompiler) operator(expr, typ, op string, v any) (string, error) {
	b := c.b
	value := func(x any) (string, error) {
		cv, err := c.coerce(typ, x)
		if err != nil {
			return "", err
		}
		return b.arg(cv), nil
	}
	lower := func(x any) string { return b.arg(strings.ToLower(fmt.Sprint(x))) }
	switch op {
	case "_eq", "_neq":
		if v == nil {
			if op == "_eq" {
				return expr + " IS NULL", nil
			}
			return expr + " IS NOT NULL", nil
		}
		p, err := value(v)
		if err != nil {
			return "", err
		}
		if op == "_eq" {
			return expr + " = " + p, nil
		}
		return "NOT " + expr + " = " + p, nil
	case "_lt", "_lte", "_gt", "_gte":
		p, err := value(v)
		if err != nil {
			return "", err
		}
		sym := map[string]string{"_lt": "<", "_lte": "<=", "_gt": ">", "_gte": ">="}[op]
		return expr + " " + sym + " " + p, nil
	case "_in", "_nin":
		list := toList(v)
		if len(list) == 0 {
			if op == "_in" {
				return "1 = 0", nil
			}
			return "1 = 1", nil
		}
		ps := make([]string, len(list))
		for i, x := range list {
			p, err := value(x)
			if err != nil {
				return "", err
			}
			ps[i] = p
		}
		not := ""
		if op == "_nin" {
			not = "NOT "
		}
		return expr + " " + not + "IN (" + strings.Join(ps, ", ") + ")", nil
	case "_null", "_nnull":
		want := truthyFilter(v)
		if op == "_nnull" {
			want = !want
		}
		if want {
			return expr + " IS NULL", nil
		}
		return expr + " IS NOT NULL", nil
	case "_empty", "_nempty":
		want := truthyFilter(v)
		if op == "_nempty" {
			want = !want
		}
		if want {
			return "(" + expr + " IS NULL OR " + expr + " = '')", nil
		}
		return "(" + expr + " IS NOT NULL AND " + expr + " != '')", nil
	case "_contains", "_ncontains", "_starts_with", "_nstarts_with", "_ends_with", "_nends_with":
		pattern := likePattern(op, fmt.Sprint(v))
		not := ""
		if strings.HasPrefix(op, "_n") {
			not = "NOT "
		}
		return expr + " " + not + "LIKE " + b.arg(pattern), nil
	case "_icontains", "_nicontains", "_istarts_with", "_nistarts_with", "_iends_with", "_niends_with":
		pattern := likePattern(strings.Replace(op, "i", "", 1), strings.ToLower(fmt.Sprint(v)))
		not := ""
		if strings.HasPrefix(op, "_n") {
			not = "NOT "
		}
		return "LOWER(" + expr + ") " + not + "LIKE " + b.arg(pattern), nil
	case "_ieq":
		return "LOWER(" + expr + ") = " + lower(v), nil
	case "_nieq":
		return "LOWER(" + expr + ") <> " + lower(v), nil
	case "_between", "_nbetween":
		list := toList(v)
		if len(list) != 2 {
			return "", nil
		}
		a, err := value(list[0])
		if err != nil {
			return "", err
		}
		z, err := value(list[1])
		if err != nil {
			return "", err
		}
		not := ""
		if op == "_nbetween" {
			not = "NOT "
		}
		return expr + " " + not + "BETWEEN " + a + " AND " + z, nil
	case "_json":
		m, _ := v.(map[string]any)
		return c.jsonConditions(expr, m)
	case "_intersects", "_nintersects", "_intersects_bbox", "_nintersects_bbox":
		return "", errs.InvalidQuery(fmt.Sprintf(`"%s" is not supported by this server (geometry filters are not implemented)`, op))
	}
	return "", errs.InvalidQuery(fmt.Sprintf(`"%s" field type does not contain the "%s" filter operator`, typ, op))
}

// jsonConditions compiles { "a.b": { _eq: 1 }, "_or": [...] } against a JSON column.
func (c *filterCompiler) jsonConditions(expr string, m map[string]any) (string, error) {
	var conds []string
	for _, path := range sortedKeys(m) {
		v := m[path]
		if path == "_and" || path == "_or" {
			list, _ := v.([]any)
			var subs []string
			for _, e := range list {
				sub, _ := e.(map[string]any)
				cond, err := c.jsonConditions(expr, sub)
				if err != nil {
					return "", err
				}
				if cond != "" {
					subs = append(subs, cond)
				}
			}
			sep := " AND "
			if path == "_or" {
				sep = " OR "
			}
			conds = append(conds, joinConds(subs, sep))
			continue
		}
		ops, _ := v.(map[string]any)
		for _, op := range sortedKeys(ops) {
			val := ops[op]
			_, numeric := val.(float64)
			target := c.jsonText(expr, path, numeric)
			typ := "string"
			if numeric {
				typ = "float"
			}
			cond, err := c.operator(target, typ, op, val)
			if err != nil {
				return "", err
			}
			conds = append(conds, cond)
		}
	}
	return joinConds(nonEmpty(conds), " AND "), nil
}

func (c *filterCompiler) jsonText(expr, path string, numeric bool) string {
	switch c.b.d.Client {
	case db.ClientPostgres:
		var parts []string
		for _, seg := range splitJSONPath(path) {
			parts = append(parts, strings.Trim(seg, "[]"))
		}
		e := "(" + expr + "::jsonb #>> " + c.b.arg("{"+strings.Join(parts, ",")+"}") + ")"
		if numeric {
			return "CAST(" + e + " AS NUMERIC)"
		}
		return e
	}
	return c.b.jsonExtract(expr, path)
}

func likePattern(op, v string) string {
	switch op {
	case "_contains", "_ncontains":
		return "%" + v + "%"
	case "_starts_with", "_nstarts_with":
		return v + "%"
	}
	return "%" + v
}

func toList(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case string:
		parts := strings.Split(x, ",")
		out := make([]any, len(parts))
		for i, s := range parts {
			out[i] = s
		}
		return out
	case nil:
		return nil
	}
	return []any{v}
}

func truthyFilter(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return x == "true" || x == "1"
	case float64:
		return x != 0
	case int:
		return x != 0
	case int64:
		return x != 0
	}
	return v != nil
}

// coerce is the SQL layer's value casting (spec 11 §3.4).
func (c *filterCompiler) coerce(typ string, v any) (any, error) {
	switch typ {
	case "integer", "float", "decimal":
		switch x := v.(type) {
		case float64, int, int64:
			return x, nil
		case bool:
			if x {
				return 1, nil
			}
			return 0, nil
		case string:
			s := strings.TrimSpace(x)
			if s == "" {
				return 0, nil
			}
			n, err := strconv.ParseFloat(s, 64)
			if err != nil || math.IsNaN(n) {
				return nil, errs.InvalidQuery("Invalid numeric value")
			}
			return n, nil
		case time.Time:
			return x.UnixMilli(), nil
		}
		return v, nil
	}
	if d, ok := v.(query.Date); ok {
		v = time.Time(d)
	}
	if t, ok := v.(time.Time); ok {
		switch c.b.d.Client {
		case db.ClientSQLite:
			return strconv.FormatInt(t.UnixMilli(), 10), nil
		case db.ClientMySQL:
			return t.Local().Format("2006-01-02 15:04:05.000"), nil
		}
		return t, nil
	}
	if b, ok := v.(bool); ok && c.b.d.Client != db.ClientPostgres {
		if b {
			return 1, nil
		}
		return 0, nil
	}
	if m, ok := v.(map[string]any); ok {
		return fmt.Sprint(m), nil
	}
	return v, nil
}
