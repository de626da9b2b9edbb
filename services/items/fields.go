package items

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/schema"
)

// nodeKind says how a requested field is read.
type nodeKind int

const (
	plainNode    nodeKind = iota // a column
	functionNode                 // year(x), count(x), json(x, p)
	m2oNode                      // FK column + related item
	o2mNode                      // alias: related items pointing here
	a2oNode                      // many-to-any item field (collection + key)
)

// fieldNode is one output key of a read at one level (Directus's AST child).
type fieldNode struct {
	key      string // output key
	field    string // real field name (alias target)
	kind     nodeKind
	fn       string   // functionNode: function name
	fnArgs   []string // functionNode: extra args (json path)
	children []string // relational: sub-field paths; nil when requested bare
	scoped   map[string][]string
	relation *schema.Relation
	deep     map[string]any
}

var functionCall = regexp.MustCompile(`^(\w+)\((.*)\)$`)

// matchFunctionCall is functionCall.FindStringSubmatch, skipping the regexp for the plain field
// names that most paths are.
func matchFunctionCall(s string) []string {
	if !strings.HasSuffix(s, ")") || !strings.Contains(s, "(") {
		return nil
	}
	return functionCall.FindStringSubmatch(s)
}

// splitPath splits a field path on dots outside parentheses.
func splitPath(p string) []string {
	var parts []string
	for {
		head, rest, nested := cutPath(p)
		parts = append(parts, head)
		if !nested {
			return parts
		}
		p = rest
	}
}

// cutPath is a path's first part and the rest (what follows the first dot outside
// parentheses), without building the parts.
func cutPath(p string) (head, rest string, nested bool) {
	depth := 0
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '(':
			depth++
		case ')':
			depth--
		case '.':
			if depth == 0 {
				return p[:i], p[i+1:], true
			}
		}
	}
	return p, "", false
}

// normaliseFunctionPath rewrites year(author.date) to author.year(date).
func normaliseFunctionPath(p string) string {
	m := matchFunctionCall(p)
	if m == nil || m[1] == "json" {
		return p
	}
	inner := m[2]
	if i := strings.LastIndex(inner, "."); i >= 0 {
		return inner[:i] + "." + m[1] + "(" + inner[i+1:] + ")"
	}
	return p
}

// relationKind finds how field of collection relates (spec 12 §3 getRelationType).
func relationKind(o *schema.Overview, collection, field string) (nodeKind, *schema.Relation) {
	for _, r := range o.Relations {
		if r.Collection == collection && r.Field == field {
			if r.RelatedCollection != nil {
				return m2oNode, r
			}
			if r.Meta != nil && r.Meta.OneAllowedCollections != nil {
				return a2oNode, r
			}
		}
	}
	for _, r := range o.Relations {
		if r.RelatedCollection != nil && *r.RelatedCollection == collection && r.Meta != nil && r.Meta.OneField != nil && *r.Meta.OneField == field {
			return o2mNode, r
		}
	}
	return plainNode, nil
}

// parseFields turns the fields list of one level into nodes (wildcards expanded, dot paths grouped
// under their relational field), checking every name against the schema.
func (s *Service) parseFields(collection string, fields []string, alias map[string]string, deep map[string]any, path, skip string, access *Access) ([]*fieldNode, error) {
	col, err := s.collectionInfo(collection)
	if err != nil {
		return nil, err
	}
	if len(fields) == 0 {
		fields = []string{"*"}
	}
	expanded := s.expandWildcards(col, fields, alias, skip, access)

	nodes := make([]*fieldNode, 0, len(expanded))
	byKey := make(map[string]*fieldNode, len(expanded))
	var missing []string
	for _, raw := range expanded {
		p := normaliseFunctionPath(strings.TrimSpace(raw))
		head, rest, nested := cutPath(p)
		scope := ""
		if i := strings.IndexByte(head, ':'); i >= 0 {
			head, scope = head[:i], head[i+1:]
		}
		if n := byKey[head]; n != nil {
			// `*,author.*` with authors unreadable: the key from `*` stays a plain value and the
			// expansion is left out, as for `author.*` alone (recorded).
			unreadable := n.kind == m2oNode && n.relation != nil && n.relation.RelatedCollection != nil && !access.readable(*n.relation.RelatedCollection)
			if nested && !unreadable {
				n.addChild(scope, rest)
			}
			continue
		}
		target := head
		if a, ok := alias[head]; ok {
			target = a
		}
		if m := matchFunctionCall(target); m != nil {
			node, err := s.functionNode(col, head, m[1], m[2], alias)
			if err != nil {
				return nil, err
			}
			nodes = append(nodes, node)
			byKey[node.key] = node
			continue
		}
		f := col.Fields[target]
		if f == nil {
			missing = append(missing, target)
			continue
		}
		kind, rel := relationKind(s.opts.Schema, collection, target)
		if (kind == m2oNode && nested && !access.readable(*rel.RelatedCollection)) || (kind == o2mNode && !access.readable(rel.Collection)) {
			// Directus leaves a relation into a collection the caller cannot read out of the
			// answer (recorded); a bare m2o key stays a plain value.
			continue
		}
		node := &fieldNode{key: head, field: target, kind: kind, relation: rel}
		if deep != nil {
			if d, ok := deep[head].(map[string]any); ok {
				node.deep = d
			}
		}
		if kind == plainNode && nested {
			return nil, errs.InvalidQuery(fmt.Sprintf(`"%s.%s" is not a relational field`, collection, target))
		}
		if nested {
			node.addChild(scope, rest)
		}
		nodes = append(nodes, node)
		byKey[head] = node
	}
	if len(missing) > 0 {
		return nil, fieldsForbidden(missing, collection, path)
	}
	return nodes, nil
}

func (n *fieldNode) addChild(scope, rest string) {
	if scope != "" {
		if n.scoped == nil {
			n.scoped = map[string][]string{}
		}
		n.scoped[scope] = append(n.scoped[scope], rest)
		return
	}
	n.children = append(n.children, rest)
}

// fieldsForbidden is the field-level ForbiddenError of spec 11 §2.
func fieldsForbidden(fields []string, collection, path string) error {
	where := "root"
	if path != "" {
		where = `"` + path + `"`
	}
	if len(fields) == 1 {
		return errs.ForbiddenReason(fmt.Sprintf(`You don't have permission to access field "%s" in collection "%s" or it does not exist. Queried in %s.`, fields[0], collection, where))
	}
	quoted := make([]string, len(fields))
	for i, f := range fields {
		quoted[i] = `"` + f + `"`
	}
	return errs.ForbiddenReason(fmt.Sprintf(`You don't have permission to access fields %s in collection "%s" or they do not exist. Queried in %s.`, strings.Join(quoted, ", "), collection, where))
}

// expandWildcards implements `*` (every field plus alias keys) and `*.x` (x under every
// relational field); explicit paths keep their place. With access, `*` is the caller's allowed
// fields (in the permissions' order) and `*.x` skips relations to collections it cannot read.
func (s *Service) expandWildcards(col *schema.Collection, fields []string, alias map[string]string, skip string, access *Access) []string {
	var out []string
	seen := map[string]bool{}
	// backlink=false: the field pointing back to the parent stays in `*.x`, unexpanded, among
	// the plain fields (recorded live)
	wildcard := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	add := func(f string) {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	every := col.FieldOrder
	if allowed, ok := access.restrictedFields(col.Collection); ok {
		every = nil
		for _, name := range allowed {
			if col.Fields[name] != nil {
				every = append(every, name)
			}
		}
	}
	_, restricted := access.restrictedFields(col.Collection)
	allowed := map[string]bool{}
	for _, name := range every {
		allowed[name] = true
	}
	aliasKeys := make([]string, 0, len(alias))
	for k := range alias {
		aliasKeys = append(aliasKeys, k)
	}
	sort.Strings(aliasKeys)
	for _, f := range fields {
		f = strings.TrimSpace(f)
		switch {
		case f == "*":
			for _, name := range every {
				wildcard(name)
			}
			for _, k := range aliasKeys {
				if !restricted || allowed[aliasField(alias[k])] {
					wildcard(k)
				}
			}
		case strings.HasPrefix(f, "*."):
			// every relational field gets the rest of the path, then the plain fields follow
			// (the key order Directus's output has, recorded live)
			rest := f[2:]
			var plain []string
			for _, name := range every {
				if kind, _ := relationKind(s.opts.Schema, col.Collection, name); kind != plainNode && name != skip {
					wildcard(name + "." + rest)
				} else {
					plain = append(plain, name)
				}
			}
			for _, k := range aliasKeys {
				if kind, _ := relationKind(s.opts.Schema, col.Collection, alias[k]); kind != plainNode {
					wildcard(k + "." + rest)
				} else {
					plain = append(plain, k)
				}
			}
			for _, name := range plain {
				wildcard(name)
			}
		default:
			add(f)
		}
	}
	// A bare relational name next to a dotted path of the same field means the object form.
	return out
}

// aliasField is the field an alias target reads: "year(date)" and "json(data, a.b)" read date
// and data, "author.name" reads author.
func aliasField(target string) string {
	if m := matchFunctionCall(strings.TrimSpace(target)); m != nil {
		return strings.TrimSpace(strings.SplitN(m[2], ",", 2)[0])
	}
	return strings.SplitN(target, ".", 2)[0]
}

// functionNode builds year(x)/count(x)/json(x, path) output, keyed <field>_<fn> (json: <field>_<path>_json).
func (s *Service) functionNode(col *schema.Collection, key, fn, args string, alias map[string]string) (*fieldNode, error) {
	parts := strings.SplitN(args, ",", 2)
	field := strings.TrimSpace(parts[0])
	f := col.Fields[field]
	if f == nil {
		return nil, fieldsForbidden([]string{field}, col.Collection, "")
	}
	if err := checkFunction(s.opts.Schema, col.Collection, f, fn); err != nil {
		return nil, err
	}
	node := &fieldNode{key: field + "_" + fn, field: field, kind: functionNode, fn: fn}
	if fn == "json" {
		if len(parts) < 2 {
			return nil, errs.InvalidQuery(fmt.Sprintf(`Invalid function specified "%s"`, fn))
		}
		p := strings.TrimSpace(parts[1])
		node.fnArgs = []string{p}
		node.key = field + "_" + slugPath(p) + "_json"
	}
	if _, isAlias := alias[key]; isAlias {
		node.key = key
	}
	return node, nil
}

func slugPath(p string) string {
	r := strings.NewReplacer(".", "_", "[", "_", "]", "")
	return strings.Trim(r.Replace(p), "_")
}

var dateFunctions = map[string][]string{
	"year": {"date", "dateTime", "timestamp"}, "month": {"date", "dateTime", "timestamp"},
	"week": {"date", "dateTime", "timestamp"}, "day": {"date", "dateTime", "timestamp"},
	"weekday": {"date", "dateTime", "timestamp"}, "hour": {"dateTime", "timestamp", "time"},
	"minute": {"dateTime", "timestamp", "time"}, "second": {"dateTime", "timestamp", "time"},
	"count": {"json", "alias"}, "json": {"json"},
}

func checkFunction(o *schema.Overview, collection string, f *schema.Field, fn string) error {
	types, ok := dateFunctions[fn]
	if !ok {
		return errs.InvalidQuery(fmt.Sprintf(`Invalid function specified "%s"`, fn))
	}
	for _, t := range types {
		if f.Type == t {
			if t == "alias" {
				if kind, _ := relationKind(o, collection, f.Field); kind != o2mNode {
					break
				}
			}
			return nil
		}
	}
	return errs.InvalidQuery(fmt.Sprintf(`Invalid function specified "%s"`, fn))
}
