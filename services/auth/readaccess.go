package auth

import (
	"encoding/json"

	"github.com/dxhost/dxhost/services/items"
)

// readAccess turns the caller's read permissions (every collection) into the rules the query
// engine applies at each level it reads (Directus's dedupeAccess per collection): rows with equal
// item rules merged and their fields unioned, and `*`'s expansion in the rows' field order.
func readAccess(perms []Permission) *items.Access {
	out := &items.Access{Collections: map[string]*items.CollectionAccess{}}
	byCollection := map[string][]Permission{}
	var order []string
	for _, p := range perms {
		if _, ok := byCollection[p.Collection]; !ok {
			order = append(order, p.Collection)
		}
		byCollection[p.Collection] = append(byCollection[p.Collection], p)
	}
	for _, c := range order {
		rows := byCollection[c]
		ca := &items.CollectionAccess{}
		index := map[string]int{}
		for _, p := range rows {
			rule := p.Permissions
			if rule == nil {
				rule = map[string]any{}
			}
			b, _ := json.Marshal(rule)
			i, seen := index[string(b)]
			if !seen {
				i = len(ca.Rules)
				index[string(b)] = i
				ca.Rules = append(ca.Rules, items.AccessRule{Filter: rule})
			}
			for _, f := range p.Fields {
				if !contains(ca.Rules[i].Fields, f) {
					ca.Rules[i].Fields = append(ca.Rules[i].Fields, f)
				}
			}
		}
		if _, all := allowedFields(rows); !all {
			ca.Fields = allowedOrder(rows)
			if ca.Fields == nil {
				ca.Fields = []string{}
			}
		}
		out.Collections[c] = ca
	}
	return out
}

// forCollection is the rows of perms for collection.
func forCollection(perms []Permission, collection string) []Permission {
	var out []Permission
	for _, p := range perms {
		if p.Collection == collection {
			out = append(out, p)
		}
	}
	return out
}
