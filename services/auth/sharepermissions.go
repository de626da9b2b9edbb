package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/schema"
)

// SharePermissions is getPermissionsForShare: the read permissions of a share login. They are the
// shared item (a rule `pk = item` on its collection), every item reachable from it through the
// relations both the share's creator and the share's role may read, and the schema collections
// (directus_collections, _fields, _relations, _translations) — each ANDed with what the creator
// and the share's role may read (their intersection; an admin side leaves the other side's rows).
// collection narrows the answer to one collection ("" = all).
func (a *Authorizer) SharePermissions(ctx context.Context, acc map[string]any, collection string) ([]Permission, error) {
	info, err := a.shareInfo(ctx, acc["share"])
	if err != nil {
		return nil, err
	}
	if a.Schema == nil {
		return nil, errs.Internal(errors.New("auth: share permissions need the schema overview"))
	}
	sch, err := a.Schema(ctx)
	if err != nil {
		return nil, err
	}
	side := func(user, role any) (map[string]any, error) {
		roles, err := RolesTree(ctx, a.Auth.stmts, a.Auth.dialect, role)
		if err != nil {
			return nil, err
		}
		return map[string]any{"user": user, "role": role, "roles": roles, "admin": false, "app": false, "ip": acc["ip"]}, nil
	}
	userAcc, err := side(info.creator, info.creatorRole)
	if err != nil {
		return nil, err
	}
	shareAcc, err := side(nil, info.role)
	if err != nil {
		return nil, err
	}
	shareAccess, err := FetchGlobalAccess(ctx, a.Auth.stmts, a.Auth.dialect, shareAcc["roles"].([]any), nil, true, acc["ip"])
	if err != nil {
		return nil, err
	}
	userAccess, err := FetchGlobalAccess(ctx, a.Auth.stmts, a.Auth.dialect, userAcc["roles"].([]any), info.creator, true, acc["ip"])
	if err != nil {
		return nil, err
	}
	userPerms, err := a.resolve(ctx, userAcc, "", "")
	if err != nil {
		return nil, err
	}
	sharePerms, err := a.resolve(ctx, shareAcc, "", "")
	if err != nil {
		return nil, err
	}
	isAdmin := userAccess.Admin && shareAccess.Admin
	var perms []Permission
	var relations []*schema.Relation
	switch {
	case isAdmin:
		relations = sch.Relations
	case userAccess.Admin:
		perms = sharePerms
		relations = reduceRelations(sch.Relations, readFieldMap(sharePerms))
	case shareAccess.Admin:
		perms = userPerms
		relations = reduceRelations(sch.Relations, readFieldMap(userPerms))
	default:
		perms = mergePermissions("intersection", sharePerms, userPerms)
		relations = reduceRelations(reduceRelations(sch.Relations, readFieldMap(sharePerms)), readFieldMap(userPerms))
	}
	defaults := Permission{Action: "read", Permissions: map[string]any{}, Fields: []string{"*"}}
	if !isAdmin {
		defaults.Fields = []string{}
		for _, p := range perms {
			if p.Collection == info.collection {
				defaults.Fields = p.Fields
				break
			}
		}
	}
	root := sch.Collections[info.collection]
	if root == nil {
		// Directus reads schema.collections[collection].primary of a missing collection: a TypeError.
		return nil, errs.Internal(fmt.Errorf("auth: share %v points at collection %q, which does not exist", acc["share"], info.collection))
	}
	generated := []Permission{withRule(defaults, info.collection, map[string]any{root.Primary: map[string]any{"_eq": info.item}})}
	for _, g := range traverseShare(relations, root.Primary, info.item, info.collection, nil, nil) {
		generated = append(generated, withRule(defaults, g.collection, g.rule))
	}
	// schemaPermissions: the first four app minimal rows, reading the schema collections.
	generated = append(generated, appMinimalPermissions()[:4]...)
	var allowed []string
	seen := map[string]bool{}
	for _, g := range generated {
		if !seen[g.Collection] {
			seen[g.Collection] = true
			allowed = append(allowed, g.Collection)
		}
	}
	var merged []Permission
	for _, c := range allowed {
		var of []Permission
		for _, g := range generated {
			if g.Collection == c {
				of = append(of, g)
			}
		}
		merged = append(merged, mergePermissions("or", of)...)
	}
	if !isAdmin {
		var reads []Permission
		for _, p := range perms {
			if p.Action == "read" && seen[p.Collection] {
				reads = append(reads, p)
			}
		}
		merged = mergePermissions("and", reads, merged)
	}
	if collection == "" {
		return merged, nil
	}
	var out []Permission
	for _, p := range merged {
		if p.Collection == collection {
			out = append(out, p)
		}
	}
	return out, nil
}

type shareInfo struct {
	collection, item           string
	role, creator, creatorRole any
}

// shareInfo is fetchShareInfo: collection, item, role, user_created.id and user_created.role.
func (a *Authorizer) shareInfo(ctx context.Context, share any) (*shareInfo, error) {
	d := a.Auth.dialect
	id, ok := a.Auth.shareKey(share)
	if !ok {
		return nil, errs.Forbidden()
	}
	var collection, item string
	var role, creator, creatorRole sql.NullString
	err := a.Auth.stmts.QueryRowxContext(ctx, d.Rebind(`SELECT s.`+d.Quote("collection")+`, s.`+d.Quote("item")+`, s.`+d.Quote("role")+
		`, u.`+d.Quote("id")+`, u.`+d.Quote("role")+` FROM `+d.Quote("directus_shares")+` s LEFT JOIN `+d.Quote("directus_users")+
		` u ON u.`+d.Quote("id")+` = s.`+d.Quote("user_created")+` WHERE s.`+d.Quote("id")+` = ?`), id).
		Scan(&collection, &item, &role, &creator, &creatorRole)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.Forbidden() // SharesService.readOne of a missing share
	}
	if err != nil {
		return nil, fmt.Errorf("auth: reading the share: %w", err)
	}
	if !creator.Valid {
		// Directus reads user_created.id of a share whose creator is gone: a TypeError (500).
		return nil, errs.Internal(fmt.Errorf("auth: share %s has no creator (user_created is null)", id))
	}
	return &shareInfo{collection: collection, item: item, role: nullable(role), creator: creator.String, creatorRole: nullable(creatorRole)}, nil
}

func withRule(defaults Permission, collection string, rule map[string]any) Permission {
	p := defaults
	p.Collection = collection
	p.Permissions = rule
	return p
}

// readFieldMap is fetchAllowedFieldMap for read: collection → the fields its read rows allow.
func readFieldMap(perms []Permission) map[string][]string {
	out := map[string][]string{}
	for _, p := range perms {
		if p.Action != "read" {
			continue
		}
		list := out[p.Collection]
		if list == nil {
			list = []string{}
		}
		for _, f := range p.Fields {
			if !contains(list, f) {
				list = append(list, f)
			}
		}
		out[p.Collection] = list
	}
	return out
}

// reduceRelations is the relation half of reduceSchema: only relations whose collections and
// fields the field map allows (the collection half is not needed: traversal reads relations only).
func reduceRelations(relations []*schema.Relation, fieldMap map[string][]string) []*schema.Relation {
	var out []*schema.Relation
	allows := func(c, f string) bool {
		list, ok := fieldMap[c]
		return ok && (contains(list, "*") || contains(list, f))
	}
	for _, r := range relations {
		if _, ok := fieldMap[r.Collection]; !ok {
			continue
		}
		if r.RelatedCollection != nil {
			if list, ok := fieldMap[*r.RelatedCollection]; !ok || len(list) == 0 {
				continue
			}
		}
		if r.Meta != nil && r.Meta.OneAllowedCollections != nil {
			every := true
			for _, c := range r.Meta.OneAllowedCollections {
				if _, ok := fieldMap[c]; !ok {
					every = false
				}
			}
			if !every {
				continue
			}
		}
		if !allows(r.Collection, r.Field) {
			continue
		}
		if r.RelatedCollection != nil && r.Meta != nil && r.Meta.OneField != nil && !allows(*r.RelatedCollection, *r.Meta.OneField) {
			continue
		}
		out = append(out, r)
	}
	return out
}

type generatedRule struct {
	collection string
	rule       map[string]any
}

// traverseShare is getPermissionsForShare's traverse: from the shared collection along every
// relation (o2m into the many side, m2o into the one side, a2o into each allowed collection), a
// rule that reaches back to the shared item through the path walked so far. A collection already
// on the path is not entered again.
func traverseShare(relations []*schema.Relation, rootPK string, rootItem any, current string, parents, path []string) []generatedRule {
	var out []generatedRule
	if contains(parents, current) {
		return out
	}
	for _, r := range relations {
		related := ""
		if r.RelatedCollection != nil {
			related = *r.RelatedCollection
		}
		if r.Collection != current && related != current {
			continue
		}
		nextParents := append(append([]string(nil), parents...), current)
		switch {
		case related == current: // o2m
			p := appendPath(path, r.Field)
			out = append(out, generatedRule{r.Collection, pathFilter(p, map[string]any{"_eq": rootItem})})
			out = append(out, traverseShare(relations, rootPK, rootItem, r.Collection, nextParents, p)...)
		case related == "": // a2o
			if r.Meta == nil || r.Meta.OneAllowedCollections == nil {
				continue
			}
			oneCollectionField := "undefined"
			if r.Meta.OneCollectionField != nil {
				oneCollectionField = *r.Meta.OneCollectionField
			}
			for _, c := range r.Meta.OneAllowedCollections {
				p := appendPath(path, "$FOLLOW("+r.Collection+","+r.Field+","+oneCollectionField+")")
				out = append(out, generatedRule{c, pathFilter(p, map[string]any{rootPK: map[string]any{"_eq": rootItem}})})
			}
		default: // m2o
			p := appendPath(path, "$FOLLOW("+r.Collection+","+r.Field+")")
			out = append(out, generatedRule{related, pathFilter(p, map[string]any{rootPK: map[string]any{"_eq": rootItem}})})
			if r.Meta != nil && r.Meta.OneField != nil {
				out = append(out, traverseShare(relations, rootPK, rootItem, related, nextParents, appendPath(path, *r.Meta.OneField))...)
			}
		}
	}
	return out
}

func appendPath(path []string, seg string) []string {
	return append(append([]string(nil), path...), seg)
}

// pathFilter is lodash set({}, path.reverse(), leaf): the last segment walked is the outermost key.
func pathFilter(path []string, leaf any) map[string]any {
	v := leaf
	for _, seg := range path {
		v = map[string]any{seg: v}
	}
	return v.(map[string]any)
}

// mergePermissions is Directus's mergePermissions: rows of the same collection and action are
// merged into one ("or": rules ORed, fields unioned; "and": rules ANDed, fields intersected);
// "intersection" keeps only the collection/action pairs present in every list, each list first
// merged with "or", then ANDs them. Order: first appearance of each pair.
func mergePermissions(strategy string, lists ...[]Permission) []Permission {
	var all []Permission
	if strategy == "intersection" {
		var keys []map[string]bool
		for _, l := range lists {
			k := map[string]bool{}
			for _, p := range l {
				k[p.Collection+"__"+p.Action] = true
			}
			keys = append(keys, k)
		}
		for _, l := range lists {
			for _, p := range mergePermissions("or", l) {
				in := true
				for _, k := range keys {
					in = in && k[p.Collection+"__"+p.Action]
				}
				if in {
					all = append(all, p)
				}
			}
		}
		strategy = "and"
	} else {
		for _, l := range lists {
			all = append(all, l...)
		}
	}
	index := map[string]int{}
	var out []Permission
	for _, p := range all {
		key := p.Collection + "__" + p.Action
		if i, ok := index[key]; ok {
			out[i] = mergePermission(strategy, out[i], p)
			continue
		}
		index[key] = len(out)
		out = append(out, p)
	}
	return out
}

// mergePermission merges next into current. Directus tests the FIRST key of current's rule for
// _and/_or; a Go map has no order, so a rule counts as already combined when that is its only key.
func mergePermission(strategy string, current, next Permission) Permission {
	logical := "_" + strategy
	combine := func(cur, nxt map[string]any) map[string]any {
		if nxt == nil {
			return cur
		}
		if cur == nil {
			return map[string]any{logical: []any{nxt}}
		}
		if list, ok := cur[logical].([]any); ok && len(cur) == 1 {
			return map[string]any{logical: append(append([]any(nil), list...), nxt)}
		}
		if strategy == "or" && (len(cur) == 0 || len(nxt) == 0) {
			return map[string]any{}
		}
		return map[string]any{logical: []any{cur, nxt}}
	}
	out := current
	out.ID = nil
	out.System = false
	out.Permissions = combine(current.Permissions, next.Permissions)
	out.Validation = combine(current.Validation, next.Validation)
	out.Fields = mergeFields(current.Fields, next.Fields, strategy)
	if next.Presets != nil {
		out.Presets = deepMerge(deepMerge(map[string]any{}, current.Presets), next.Presets)
	}
	return out
}

// mergeFields is Directus's mergeFields (null counts as no fields).
func mergeFields(a, b []string, strategy string) []string {
	if strategy == "and" {
		if len(a) == 0 || len(b) == 0 {
			return []string{}
		}
		if contains(a, "*") {
			return b
		}
		if contains(b, "*") {
			return a
		}
		out := []string{}
		for _, f := range a {
			if contains(b, f) && !contains(out, f) {
				out = append(out, f)
			}
		}
		return out
	}
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	if contains(a, "*") || contains(b, "*") {
		return []string{"*"}
	}
	out := []string{}
	for _, f := range append(append([]string(nil), a...), b...) {
		if !contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

// deepMerge is lodash merge for JSON values: objects merge key by key, anything else replaces.
func deepMerge(dst, src map[string]any) map[string]any {
	for k, v := range src {
		if sm, ok := v.(map[string]any); ok {
			if dm, ok := dst[k].(map[string]any); ok {
				dst[k] = deepMerge(dm, sm)
				continue
			}
			dst[k] = deepMerge(map[string]any{}, sm)
			continue
		}
		dst[k] = v
	}
	return dst
}
