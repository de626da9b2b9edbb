package auth

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/jmoiron/sqlx"
)

// Permission is one directus_permissions row as the permission engine sees it (PermissionsService
// output: JSON columns parsed, fields split), or one of the app minimal permissions (Policy nil,
// System true).
type Permission struct {
	ID          any            `json:"id,omitempty"`
	Collection  string         `json:"collection"`
	Action      string         `json:"action"`
	Permissions map[string]any `json:"permissions"` // item rule; nil or {} = every item
	Validation  map[string]any `json:"validation"`
	Presets     map[string]any `json:"presets"`
	Fields      []string       `json:"fields"` // nil = none; "*" = all
	Policy      any            `json:"policy"`
	System      bool           `json:"system,omitempty"`
}

// Policies is fetchPolicies: the policy ids of the caller — for a caller without roles the public
// access rows (role and user NULL), else the rows of its roles; plus rows attached to its user.
// Policies with ip_access are dropped unless the caller's ip is inside (and when it is unknown).
// Order: role rows by the role's place in roles (ancestors first), user and public rows last.
func (s *Service) Policies(ctx context.Context, acc map[string]any) ([]string, error) {
	d := s.dialect
	roles, _ := acc["roles"].([]any)
	user := idString(acc["user"])
	var where string
	var args []any
	if len(roles) == 0 {
		where = `(a.` + d.Quote("role") + ` IS NULL AND a.` + d.Quote("user") + ` IS NULL)`
	} else {
		marks := make([]string, len(roles))
		for i, r := range roles {
			marks[i] = "?"
			args = append(args, idString(r))
		}
		where = `a.` + d.Quote("role") + ` IN (` + strings.Join(marks, ", ") + `)`
	}
	if user != "" {
		where = `(a.` + d.Quote("user") + ` = ? OR ` + where + `)`
		args = append([]any{user}, args...)
	}
	q := `SELECT p.` + d.Quote("id") + `, p.` + d.Quote("ip_access") + `, a.` + d.Quote("role") + ` FROM ` + d.Quote("directus_access") + ` a` +
		` INNER JOIN ` + d.Quote("directus_policies") + ` p ON p.` + d.Quote("id") + ` = a.` + d.Quote("policy") +
		` WHERE ` + where + ` ORDER BY a.` + d.Quote("id")
	rows, err := s.db.QueryxContext(ctx, d.Rebind(q), args...)
	if err != nil {
		return nil, fmt.Errorf("auth: reading the caller's policies: %w", err)
	}
	defer rows.Close()
	type row struct {
		policy, role string
	}
	var list []row
	ip, _ := acc["ip"].(string)
	for rows.Next() {
		var id, ipAccess, role any
		if err := rows.Scan(&id, &ipAccess, &role); err != nil {
			return nil, fmt.Errorf("auth: reading the caller's policies: %w", err)
		}
		if networks := csv(dbString(ipAccess)); len(networks) > 0 {
			if ip == "" {
				continue
			}
			in, err := IPInNetworks(ip, networks)
			if err != nil {
				return nil, err
			}
			if !in {
				continue
			}
		}
		list = append(list, row{policy: idString(id), role: idString(role)})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	index := func(role string) int {
		for i, r := range roles {
			if idString(r) == role {
				return i
			}
		}
		return -1
	}
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i].role, list[j].role
		switch {
		case a == "" && b == "":
			return false
		case a == "":
			return false
		case b == "":
			return true
		}
		return index(a) < index(b)
	})
	out := make([]string, len(list))
	for i, r := range list {
		out[i] = r.policy
	}
	return out, nil
}

// RawPermissions is fetchRawPermissions: the permission rows of policies (ordered by the policy's
// place in the list), narrowed to action and collections when given, followed by the app minimal
// permissions when acc.app is true. Dynamic variables are left unresolved (see Resolve).
//
// dxhost honours every row, including the field/filter/validation/preset rows an unlicensed
// Directus 12 ignores (spec 13 §9).
func (s *Service) RawPermissions(ctx context.Context, acc map[string]any, policies []string, action string, collections []string) ([]Permission, error) {
	var perms []Permission
	if len(policies) > 0 {
		d := s.dialect
		q := `SELECT ` + quoteList(d.Quote, "id", "collection", "action", "permissions", "validation", "presets", "fields", "policy") +
			` FROM ` + d.Quote("directus_permissions") + ` WHERE ` + d.Quote("policy") + ` IN (?)`
		args := []any{policies}
		if action != "" {
			q += ` AND ` + d.Quote("action") + ` = ?`
			args = append(args, action)
		}
		if len(collections) > 0 {
			q += ` AND ` + d.Quote("collection") + ` IN (?)`
			args = append(args, collections)
		}
		q += ` ORDER BY ` + d.Quote("id")
		query, bound, err := sqlx.In(q, args...)
		if err != nil {
			return nil, err
		}
		rows, err := s.db.QueryxContext(ctx, d.Rebind(query), bound...)
		if err != nil {
			return nil, fmt.Errorf("auth: reading permissions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id, collection, act, rule, validation, presets, fields, policy any
			if err := rows.Scan(&id, &collection, &act, &rule, &validation, &presets, &fields, &policy); err != nil {
				return nil, fmt.Errorf("auth: reading permissions: %w", err)
			}
			p := Permission{ID: id, Collection: dbString(collection), Action: dbString(act), Policy: idString(policy)}
			if p.Permissions, err = jsonObject(rule); err == nil {
				if p.Validation, err = jsonObject(validation); err == nil {
					p.Presets, err = jsonObject(presets)
				}
			}
			if err != nil {
				return nil, fmt.Errorf("auth: permission %v: %w", id, err)
			}
			if f, ok := fields.(string); ok || fields != nil {
				if !ok {
					f = dbString(fields)
				}
				p.Fields = strings.Split(f, ",")
				if f == "" {
					p.Fields = []string{}
				}
			}
			perms = append(perms, p)
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		order := map[string]int{}
		for i, p := range policies {
			if _, ok := order[p]; !ok {
				order[p] = i
			}
		}
		sort.SliceStable(perms, func(i, j int) bool { return order[perms[i].Policy.(string)] < order[perms[j].Policy.(string)] })
	}
	if app, _ := acc["app"].(bool); app {
		for _, p := range appMinimalPermissions() {
			if action != "" && p.Action != action {
				continue
			}
			if len(collections) > 0 && !contains(collections, p.Collection) {
				continue
			}
			perms = append(perms, p)
		}
	}
	return perms, nil
}

func jsonObject(v any) (map[string]any, error) {
	var s string
	switch x := v.(type) {
	case nil:
		return nil, nil
	case string:
		s = x
	case []byte:
		s = string(x)
	case map[string]any:
		return x, nil
	default:
		return nil, nil
	}
	if s == "" {
		return nil, nil
	}
	var out any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, err
	}
	m, _ := out.(map[string]any)
	return m, nil
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}
