package auth

import (
	"github.com/dxhost/dxhost/services/env"

	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/netip"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/dxhost/dxhost/services/db"
)

// RolesTree is fetchRolesTree: the role ids from the top-most ancestor down to start; nil start
// gives an empty list. A parent cycle is an error, as in Directus.
func RolesTree(ctx context.Context, q sqlx.QueryerContext, d db.Dialect, start any) ([]any, error) {
	return rolesTreeFrom(ctx, q, d, []any{}, idString(start))
}

// rolesTreeFrom continues a roles walk: found holds the roles already read (own role first),
// parent is the next role to read.
func rolesTreeFrom(ctx context.Context, q sqlx.QueryerContext, d db.Dialect, found []any, parent string) ([]any, error) {
	roles := found
	seen := map[string]bool{}
	for _, r := range roles {
		seen[r.(string)] = true
	}
	query := d.Rebind(`SELECT ` + d.Quote("id") + `, ` + d.Quote("parent") + ` FROM ` + d.Quote("directus_roles") + ` WHERE ` + d.Quote("id") + ` = ?`)
	for parent != "" {
		if seen[parent] {
			path := make([]string, len(roles))
			for i := range roles {
				path[i] = `"` + roles[len(roles)-1-i].(string) + `"`
			}
			return nil, fmt.Errorf(`Recursion encountered: role "%s" already exists in tree path %s`, roles[len(roles)-1], strings.Join(path, "->"))
		}
		var id string
		var next sql.NullString
		err := q.QueryRowxContext(ctx, query, parent).Scan(&id, &next)
		if errors.Is(err, sql.ErrNoRows) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("auth: reading role %s: %w", parent, err)
		}
		roles = append(roles, id)
		seen[id] = true
		parent = ""
		if next.Valid {
			parent = next.String
		}
	}
	out := make([]any, len(roles))
	for i, r := range roles {
		out[len(roles)-1-i] = r
	}
	return out, nil
}

// GlobalAccess is the admin/app pair of fetchGlobalAccess.
type GlobalAccess struct{ Admin, App bool }

// FetchGlobalAccess is fetchGlobalAccess: policies attached to any of roles, then (when user is
// not undefined — hasUser) those attached to the user; a policy with ip_access is skipped when the
// ip is known and outside it. user nil with hasUser compares `user = NULL`, which matches nothing.
func FetchGlobalAccess(ctx context.Context, q sqlx.QueryerContext, d db.Dialect, roles []any, user any, hasUser bool, ip any) (GlobalAccess, error) {
	var access GlobalAccess
	// Directus reads the role rows and the user rows separately and ORs the flags; one query over
	// both sets gives the same answer (the ip rule applies per row either way).
	var conds []string
	var args []any
	if len(roles) > 0 {
		conds = append(conds, `a.`+d.Quote("role")+` IN (?)`)
		args = append(args, roles)
	}
	if hasUser && idString(user) != "" {
		conds = append(conds, `a.`+d.Quote("user")+` = ?`)
		args = append(args, idString(user))
	}
	if len(conds) == 0 {
		return access, nil
	}
	query := `SELECT p.` + d.Quote("admin_access") + `, p.` + d.Quote("app_access") + `, p.` + d.Quote("ip_access") +
		` FROM ` + d.Quote("directus_access") + ` a LEFT JOIN ` + d.Quote("directus_policies") + ` p ON p.` + d.Quote("id") + ` = a.` + d.Quote("policy") +
		` WHERE ` + strings.Join(conds, " OR ")
	query, args, err := sqlx.In(query, args...)
	if err != nil {
		return access, err
	}
	err = accumulateAccess(ctx, q, d.Rebind(query), args, ip, &access)
	return access, err
}

func accumulateAccess(ctx context.Context, q sqlx.QueryerContext, query string, args []any, ip any, access *GlobalAccess) error {
	rows, err := q.QueryxContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("auth: reading global access: %w", err)
	}
	defer rows.Close()
	ipStr, _ := ip.(string)
	for rows.Next() {
		var admin, app, ipAccess any
		if err := rows.Scan(&admin, &app, &ipAccess); err != nil {
			return fmt.Errorf("auth: reading global access: %w", err)
		}
		if err := access.add(admin, app, ipAccess, ipStr); err != nil {
			return err
		}
		if access.Admin {
			break
		}
	}
	return rows.Err()
}

// add ORs one policy's admin_access and app_access into a. A policy with ip_access counts only
// when the request's ip (when known) is inside it.
func (a *GlobalAccess) add(admin, app, ipAccess any, ip string) error {
	if ip != "" && env.Truthy(dbString(ipAccess)) {
		in, err := IPInNetworks(ip, csv(dbString(ipAccess)))
		if err != nil {
			return err
		}
		if !in {
			return nil
		}
	}
	a.Admin = a.Admin || dbBool(admin)
	a.App = a.App || a.Admin || dbBool(app)
	return nil
}

// IPInNetworks is ipInNetworks: networks are addresses, CIDR subnets or "a-b" ranges. An
// IPv4-mapped IPv6 address matches IPv4 rules; an invalid network definition is an error.
func IPInNetworks(ip string, networks []string) (bool, error) {
	addr, err := netip.ParseAddr(strings.Split(ip, "%")[0])
	if err != nil {
		return false, nil
	}
	addr = addr.Unmap()
	for _, raw := range networks {
		n := strings.TrimSpace(raw)
		switch {
		case strings.Contains(n, "-"):
			parts := strings.Split(n, "-")
			if len(parts) != 2 || parts[0] == "" || parts[1] == "" {
				return false, errors.New("ERR_INVALID_RANGE")
			}
			lo, err1 := netip.ParseAddr(parts[0])
			hi, err2 := netip.ParseAddr(parts[1])
			if err1 != nil || err2 != nil {
				return false, fmt.Errorf("auth: invalid ip range %q", n)
			}
			lo, hi = lo.Unmap(), hi.Unmap()
			if lo.Is4() == addr.Is4() && lo.Compare(addr) <= 0 && addr.Compare(hi) <= 0 {
				return true, nil
			}
		case strings.Contains(n, "/"):
			prefix, err := netip.ParsePrefix(n)
			if err != nil {
				return false, errors.New("ERR_INVALID_SUBNET")
			}
			if prefix.Contains(addr) || (prefix.Addr().Is4() && addr.Is4() && netip.PrefixFrom(addr, prefix.Bits()).Masked() == prefix.Masked()) {
				return true, nil
			}
		default:
			a, err := netip.ParseAddr(n)
			if err != nil {
				return false, fmt.Errorf("auth: invalid ip address %q", n)
			}
			if a.Unmap() == addr {
				return true, nil
			}
		}
	}
	return false, nil
}

// csv is toArray for a string: split on commas.
func csv(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// idString reads an id column or claim (UUIDs are strings; drivers may hand back []byte).
func idString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func dbString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []byte:
		return string(x)
	}
	return ""
}

// dbBool is @directus/utils toBoolean for a database value: true, 1, "1", "true".
func dbBool(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case int64:
		return x == 1
	case int:
		return x == 1
	case float64:
		return x == 1
	case []byte:
		s := string(x)
		return s == "1" || s == "true"
	case string:
		return x == "1" || x == "true"
	}
	return false
}
