package auth

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/schema"
)

// Authorizer is the items.Authorizer of dxhost: it resolves the caller's permissions (Resolve)
// and applies them to a query the way Directus's processAst does for reads (spec 13 §8):
// collection access, explicit fields within the allowed ones at every relational level, `*`
// narrowed to them, and the read rules of every collection handed to the engine (items.Access),
// which filters items and masks fields per row at each level it reads.
type Authorizer struct {
	Auth *Service
	// Schema gives the schema overview (for `*` and for $CURRENT_USER.<path> variables).
	Schema func(ctx context.Context) (*schema.Overview, error)
	// Now is the clock of $NOW; nil = time.Now.
	Now func() time.Time
}

var _ items.Authorizer = (*Authorizer)(nil)

// Resolve is fetchPermissions for one action and collection: the caller's policies, their rows
// (plus app minimal permissions) and every dynamic variable in permissions, validation and presets
// resolved for acc.
//
// Share callers (accountability.share) read through the permissions Directus derives from the
// shared item (SharePermissions); their other actions are the public ones, as in Directus.
func (a *Authorizer) Resolve(ctx context.Context, acc map[string]any, action, collection string) ([]Permission, error) {
	if share := acc["share"]; share != nil && share != "" && (action == "read" || action == "") {
		return a.SharePermissions(ctx, acc, collection)
	}
	return a.resolve(ctx, acc, action, collection)
}

// resolve is Resolve without the share rule: acc's own policies and rows.
func (a *Authorizer) resolve(ctx context.Context, acc map[string]any, action, collection string) ([]Permission, error) {
	policies, err := a.Auth.Policies(ctx, acc)
	if err != nil {
		return nil, err
	}
	var collections []string
	if collection != "" {
		collections = []string{collection}
	}
	perms, err := a.Auth.RawPermissions(ctx, acc, policies, action, collections)
	if err != nil {
		return nil, err
	}
	vars := a.variables(ctx, acc, policies)
	for i := range perms {
		p := &perms[i]
		for _, m := range []*map[string]any{&p.Permissions, &p.Validation, &p.Presets} {
			if *m == nil {
				continue
			}
			parsed, err := items.ParseFilter(ctx, *m, vars)
			if err != nil {
				return nil, fmt.Errorf("auth: resolving dynamic variables of permission %v: %w", p.ID, err)
			}
			*m = parsed
		}
	}
	return perms, nil
}

func (a *Authorizer) variables(ctx context.Context, acc map[string]any, policies []string) items.Variables {
	roles, _ := acc["roles"].([]any)
	pol := make([]any, len(policies))
	for i, p := range policies {
		pol[i] = p
	}
	v := items.Variables{User: acc["user"], Role: acc["role"], Roles: roles, Policies: pol}
	if v.Roles == nil {
		v.Roles = []any{}
	}
	if a.Now != nil {
		v.Now = a.Now()
	}
	v.Lookup = func(ctx context.Context, variable, path string) (any, error) { return a.lookup(ctx, variable, path, v) }
	return v
}

// lookup reads "$CURRENT_USER.role.name"-style values as the system (no permissions).
func (a *Authorizer) lookup(ctx context.Context, variable, path string, v items.Variables) (any, error) {
	if a.Schema == nil {
		return nil, nil
	}
	sch, err := a.Schema(ctx)
	if err != nil {
		return nil, err
	}
	svc := func(c string) *items.Service {
		return items.New(c, items.Options{Schema: sch, DB: a.Auth.db})
	}
	q := &items.Query{Fields: []string{path}}
	one := func(c string, key any) (any, error) {
		if key == nil {
			return nil, nil
		}
		it, err := svc(c).ReadOne(ctx, key, q, items.ReadOptions{NoEvents: true})
		if err != nil {
			return nil, nil // a missing row resolves to null, as lodash get on undefined
		}
		return walk(it.Map(), path), nil
	}
	many := func(c string, keys []any) (any, error) {
		if len(keys) == 0 {
			return nil, nil
		}
		list, err := svc(c).ReadMany(ctx, keys, q, items.ReadOptions{NoEvents: true})
		if err != nil {
			return nil, err
		}
		out := make([]any, len(list))
		for i, it := range list {
			out[i] = walk(it.Map(), path)
		}
		return out, nil
	}
	switch variable {
	case "$CURRENT_USER":
		return one("directus_users", v.User)
	case "$CURRENT_ROLE":
		return one("directus_roles", v.Role)
	case "$CURRENT_ROLES":
		return many("directus_roles", v.Roles)
	case "$CURRENT_POLICIES":
		return many("directus_policies", v.Policies)
	}
	return nil, nil
}

func walk(v any, path string) any {
	for _, seg := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			v = x[seg]
		case *items.Item:
			v, _ = x.Get(seg)
		case []any:
			out := make([]any, len(x))
			for i, e := range x {
				out[i] = walk(e, seg)
			}
			v = out
		default:
			return nil
		}
	}
	return v
}

// Authorize implements items.Authorizer. For reads it checks the paths the query names (fields,
// filter, sort) against the caller's read permissions, narrows `*` to the allowed fields and hands
// the engine the read rules of every collection (Query.Access), which it applies at each level it
// reads. For create/update/delete it refuses callers without a row for the action and returns a
// query whose Filter is the item rule of the action (nil = every item).
func (a *Authorizer) Authorize(ctx context.Context, action, collection string, q *items.Query, acc map[string]any) (*items.Query, error) {
	if action != "read" {
		perms, err := a.Resolve(ctx, acc, action, collection)
		if err != nil {
			return nil, err
		}
		if len(perms) == 0 {
			return nil, collectionForbidden(collection)
		}
		out := q.Clone()
		out.Filter = itemRule(perms)
		return out, nil
	}
	// Directus reads the caller's read permissions of every collection once per read.
	every, err := a.Resolve(ctx, acc, "read", "")
	if err != nil {
		return nil, err
	}
	perms := forCollection(every, collection)
	if len(perms) == 0 {
		return nil, collectionForbidden(collection)
	}
	out := q.Clone()
	var sch *schema.Overview
	if a.Schema != nil {
		if sch, err = a.Schema(ctx); err != nil {
			return nil, err
		}
	}
	// Aggregated and grouped fields are checked first, as Directus validates them first.
	other := otherPaths(q)
	if allowed, all := allowedFields(perms); !all {
		var forbidden []string
		for _, f := range other {
			if r := rootField(f, nil); !allowed[r] && !contains(forbidden, r) {
				forbidden = append(forbidden, r)
			}
		}
		if len(forbidden) > 0 {
			return nil, fieldsForbidden(forbidden, collection)
		}
	}
	if allowed, all := allowedFields(perms); !all {
		// A relation into a collection the caller cannot read is dropped before Directus
		// validates, so its root field is not checked either.
		dropped := func(path string) bool {
			if sch == nil || !strings.Contains(path, ".") {
				return false
			}
			related, _ := relatedCollection(sch, collection, rootField(path, out.Alias))
			return related != "" && len(forCollection(every, related)) == 0
		}
		if err := checkFields(collection, out, allowed, dropped); err != nil {
			return nil, err
		}
	}
	if sch != nil {
		// A relation to a collection the caller cannot read is left out of the answer (the
		// engine drops it); the paths below it are not checked, as Directus drops the node
		// before it validates.
		if err := checkNested(every, collection, "", out.Fields, out.Alias, sch, false); err != nil {
			return nil, err
		}
		// Relational paths in the filter and sort need the same read access.
		var paths []string
		for _, f := range filterFields(q.Filter) {
			if strings.Contains(f, ".") {
				paths = append(paths, f)
			}
		}
		for _, f := range q.Sort {
			if f = strings.TrimPrefix(f, "-"); strings.Contains(f, ".") {
				paths = append(paths, f)
			}
		}
		for _, f := range other {
			if strings.Contains(f, ".") {
				paths = append(paths, f)
			}
		}
		// deep's filters and sorts name fields of the related collections below their paths.
		paths = append(paths, deepPaths("", q.Deep)...)
		if err := checkNested(every, collection, "", paths, nil, sch, true); err != nil {
			return nil, err
		}
	}
	out.Access = readAccess(every)
	return out, nil
}

// otherPaths are the fields a query aggregates and groups by (Directus's "other" paths).
func otherPaths(q *items.Query) []string {
	var out []string
	for _, fields := range q.Aggregate {
		for _, f := range fields {
			if f = strings.TrimSpace(f); f != "*" && f != "" {
				out = append(out, f)
			}
		}
	}
	for _, f := range q.Group {
		out = append(out, strings.TrimSpace(f))
	}
	sort.Strings(out)
	return out
}

// deepPaths are the field paths deep's _filter and _sort use, each under the relational path of
// its level ("tags.name" for deep[tags][_filter][name]).
func deepPaths(prefix string, deep map[string]any) []string {
	var out []string
	for _, key := range sortedKeys(deep) {
		level, ok := deep[key].(map[string]any)
		if !ok || strings.HasPrefix(key, "_") {
			continue
		}
		path := key
		if prefix != "" {
			path = prefix + "." + key
		}
		if f, ok := level["_filter"].(map[string]any); ok {
			for _, field := range filterFields(f) {
				out = append(out, path+"."+field)
			}
		}
		var sorts []string
		switch v := level["_sort"].(type) {
		case string:
			sorts = strings.Split(v, ",")
		case []any:
			for _, e := range v {
				if s, ok := e.(string); ok {
					sorts = append(sorts, s)
				}
			}
		}
		for _, s := range sorts {
			out = append(out, path+"."+strings.TrimPrefix(strings.TrimSpace(s), "-"))
		}
		out = append(out, deepPaths(path, level)...)
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// itemRule is the OR of the rows' item rules, duplicates removed; nil when some row has none.
func itemRule(perms []Permission) map[string]any {
	var rules []any
	seen := map[string]bool{}
	for _, p := range perms {
		if len(p.Permissions) == 0 {
			return nil
		}
		b, _ := json.Marshal(p.Permissions)
		if seen[string(b)] {
			continue
		}
		seen[string(b)] = true
		rules = append(rules, p.Permissions)
	}
	if len(rules) == 1 {
		return rules[0].(map[string]any)
	}
	return map[string]any{"_or": rules}
}

// allowedFields is the union of the rows' fields; all = some row allows "*".
func allowedFields(perms []Permission) (map[string]bool, bool) {
	allowed := map[string]bool{}
	for _, p := range perms {
		for _, f := range p.Fields {
			if f == "*" {
				return nil, true
			}
			allowed[f] = true
		}
	}
	return allowed, false
}

// allowedOrder is the union of the rows' fields in the order the rows list them: Directus expands
// `*` for a restricted caller in this order (recorded: GET /users/me with the app permissions).
func allowedOrder(perms []Permission) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range perms {
		for _, f := range p.Fields {
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	return out
}

var functionField = regexp.MustCompile(`^\w+\((\w+)\)$`)

// rootField is the root-collection field a query path names (aliases, functions and relational
// paths reduced to their first field).
func rootField(path string, alias map[string]string) string {
	first := strings.SplitN(path, ".", 2)[0]
	if real, ok := alias[first]; ok {
		first = strings.SplitN(real, ".", 2)[0]
	}
	if m := functionField.FindStringSubmatch(first); m != nil {
		first = m[1]
	}
	if i := strings.IndexByte(first, ':'); i >= 0 {
		first = first[:i] // m2a "field:collection"
	}
	return first
}

// checkFields refuses explicit fields outside allowed (fields, filter, sort); `*` is left to the
// engine, which expands it to the allowed fields (items.Access).
func checkFields(collection string, q *items.Query, allowed map[string]bool, dropped func(path string) bool) error {
	var forbidden []string
	add := func(f string) {
		if f == "" || strings.Contains(f, "*") || allowed[f] {
			return
		}
		for _, x := range forbidden {
			if x == f {
				return
			}
		}
		forbidden = append(forbidden, f)
	}
	for _, f := range q.Fields {
		if !dropped(f) {
			add(rootField(f, q.Alias))
		}
	}
	if len(forbidden) > 0 {
		return fieldsForbidden(forbidden, collection)
	}
	for _, f := range filterFields(q.Filter) {
		add(rootField(f, nil))
	}
	for _, s := range q.Sort {
		add(rootField(strings.TrimPrefix(s, "-"), q.Alias))
	}
	if len(forbidden) > 0 {
		return fieldsForbidden(forbidden, collection)
	}
	return nil
}

// filterFields lists the field paths a filter uses ("a" at the root, "rel.field" through
// relations), looking through _and/_or and operator objects.
func filterFields(filter map[string]any) []string {
	var out []string
	for k, v := range filter {
		if k == "_and" || k == "_or" {
			if list, ok := v.([]any); ok {
				for _, e := range list {
					if m, ok := e.(map[string]any); ok {
						out = append(out, filterFields(m)...)
					}
				}
			}
			continue
		}
		if strings.HasPrefix(k, "_") {
			if m, ok := v.(map[string]any); ok && (k == "_some" || k == "_none") {
				out = append(out, filterFields(m)...) // the fields of the related collection
			}
			continue
		}
		out = append(out, k)
		if m, ok := v.(map[string]any); ok {
			for _, sub := range filterFields(m) {
				out = append(out, k+"."+sub)
			}
		}
	}
	return out
}

// fieldsForbidden is Directus's field-level ForbiddenError (same text items uses).
func fieldsForbidden(fields []string, collection string) error {
	if len(fields) == 1 {
		return errs.ForbiddenReason(fmt.Sprintf(`You don't have permission to access field "%s" in collection "%s" or it does not exist. Queried in root.`, fields[0], collection))
	}
	quoted := make([]string, len(fields))
	for i, f := range fields {
		quoted[i] = `"` + f + `"`
	}
	return errs.ForbiddenReason(fmt.Sprintf(`You don't have permission to access fields %s in collection "%s" or they do not exist. Queried in root.`, strings.Join(quoted, ", "), collection))
}
