package auth

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
)

// AuthorizePayload is processPayload's permission part for create/update (spec 13 §8): a row for
// the action must exist (else collection FORBIDDEN), the payload's keys must be allowed fields
// (else fields FORBIDDEN), the rows' presets are merged under the payload, and every non-empty
// validation rule must pass (else the FAILED_VALIDATION errors, as an errs.List). It returns the
// payload with presets. Admin callers get the payload back untouched. The schema's own field
// rules (not-null, directus_fields.validation) are the ItemsService's.
func (a *Authorizer) AuthorizePayload(ctx context.Context, action, collection string, payload map[string]any, acc map[string]any) (map[string]any, error) {
	if admin, _ := acc["admin"].(bool); admin {
		return payload, nil
	}
	perms, err := a.Resolve(ctx, acc, action, collection)
	if err != nil {
		return nil, err
	}
	if len(perms) == 0 {
		return nil, collectionForbidden(collection)
	}
	allowed, all := allowedFields(perms)
	if !all {
		var notAllowed []string
		for k := range payload {
			if !allowed[k] {
				notAllowed = append(notAllowed, k)
			}
		}
		if len(notAllowed) > 0 {
			sort.Strings(notAllowed) // Go maps have no order; Directus lists them in payload order
			return nil, fieldsForbidden(notAllowed, collection)
		}
	}
	out := map[string]any{}
	var rules []any
	for _, p := range perms {
		for k, v := range p.Presets {
			out[k] = v
		}
		if len(p.Validation) > 0 {
			rules = append(rules, p.Validation)
		}
	}
	for k, v := range payload {
		out[k] = v
	}
	if len(rules) > 0 {
		if failures := ValidatePayload(map[string]any{"_and": rules}, out, nil); len(failures) > 0 {
			list := make(ValidationErrors, len(failures))
			copy(list, failures)
			return nil, list
		}
	}
	return out, nil
}

// AuthorizeKeys is validateAccess for update and delete (spec 13 §8): fields must be allowed for
// the action (else fields FORBIDDEN), and every key must be reachable through the action's item
// rules — for update, for each field through the rows that allow that field. Otherwise FORBIDDEN
// with Directus's texts. db is the connection the write runs on (nil = the pool).
func (a *Authorizer) AuthorizeKeys(ctx context.Context, action, collection string, keys []any, fields []string, acc map[string]any, opts items.Options) error {
	if admin, _ := acc["admin"].(bool); admin {
		return nil
	}
	perms, err := a.Resolve(ctx, acc, action, collection)
	if err != nil {
		return err
	}
	if len(perms) == 0 {
		return collectionForbidden(collection)
	}
	allowed, all := allowedFields(perms)
	if !all {
		var notAllowed []string
		for _, f := range fields {
			if !allowed[f] {
				notAllowed = append(notAllowed, f)
			}
		}
		if len(notAllowed) > 0 {
			return fieldsForbidden(notAllowed, collection)
		}
	}
	sch := opts.Schema
	if sch == nil && a.Schema != nil {
		if sch, err = a.Schema(ctx); err != nil {
			return err
		}
	}
	col := sch.Collections[collection]
	if col == nil {
		return collectionForbidden(collection)
	}
	unique := uniqueKeys(keys)
	system := opts
	system.Schema, system.Accountability, system.Authorizer, system.Emitter = sch, nil, nil, nil
	if system.DB == nil {
		system.DB = a.Auth.db
	}
	reader := items.New(collection, system)
	check := func(rule map[string]any) (bool, error) {
		filter := map[string]any{col.Primary: map[string]any{"_in": unique}}
		if rule != nil {
			filter = map[string]any{"_and": []any{filter, rule}}
		}
		limit := len(unique)
		got, err := reader.ReadByQuery(ctx, &items.Query{Fields: []string{col.Primary}, Filter: filter, Limit: &limit}, items.ReadOptions{NoEvents: true})
		if err != nil {
			return false, err
		}
		return len(got) == len(unique), nil
	}
	ok := true
	if len(fields) == 0 {
		ok, err = check(itemRule(perms))
	} else {
		for _, f := range fields {
			var rows []Permission
			for _, p := range perms {
				if contains(p.Fields, "*") || contains(p.Fields, f) {
					rows = append(rows, p)
				}
			}
			if len(rows) == 0 {
				ok = false
				break
			}
			if ok, err = check(itemRule(rows)); err != nil || !ok {
				break
			}
		}
	}
	if err != nil {
		return err
	}
	if ok {
		return nil
	}
	if len(fields) > 0 {
		quoted := make([]string, len(fields))
		for i, f := range fields {
			quoted[i] = `"` + f + `"`
		}
		return errs.ForbiddenReason(fmt.Sprintf(`You don't have permissions to perform "%s" for the field(s) %s in collection "%s" or it does not exist.`, action, strings.Join(quoted, ", "), collection))
	}
	return errs.ForbiddenReason(fmt.Sprintf(`You don't have permission to perform "%s" for collection "%s" or it does not exist.`, action, collection))
}

func uniqueKeys(keys []any) []any {
	seen := map[string]bool{}
	var out []any
	for _, k := range keys {
		s := fmt.Sprint(k)
		if !seen[s] {
			seen[s] = true
			out = append(out, k)
		}
	}
	return out
}

func collectionForbidden(collection string) error {
	return errs.ForbiddenReason(fmt.Sprintf(`You don't have permission to access collection "%s" or it does not exist. Queried in root.`, collection))
}
