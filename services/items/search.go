package items

import (
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/dxhost/dxhost/services/schema"
)

// searchCondition is query.search (spec 11 §7): OR over searchable fields, "1 = 0" when none qualifies.
// With access (Directus's applySearch with permissions) only fields the caller may read are
// searched, each only on the items whose rules allow it.
func (s *Service) searchCondition(b *sqlBuilder, col *schema.Collection, search *string, access *Access) (string, error) {
	if search == nil || *search == "" {
		return "", nil
	}
	term := *search
	var conds []string
	level := access.level(col.Collection, nil)
	allowed := map[string]bool{}
	if ca := access.collection(col.Collection); ca != nil {
		for _, r := range ca.Rules {
			for _, f := range r.Fields {
				allowed[f] = true
			}
		}
	}
	restricted := level != nil && len(level.cases) > 0 && !allowed["*"]
	for _, name := range col.FieldOrder {
		f := col.Fields[name]
		if f.Alias || !f.Searchable || f.HasSpecial("conceal") {
			continue
		}
		if restricted && !allowed[name] {
			continue
		}
		before := len(conds)
		c := b.col(col.Collection, name)
		switch f.Type {
		case "string", "text":
			conds = append(conds, "LOWER("+c+") LIKE "+b.arg("%"+strings.ToLower(term)+"%"))
		case "integer", "bigInteger":
			if n, err := strconv.ParseInt(term, 10, 64); err == nil {
				if f.Type == "integer" && (n > 2147483647 || n < -2147483648) {
					continue
				}
				conds = append(conds, c+" = "+b.arg(n))
			}
		case "float", "decimal":
			if n, err := strconv.ParseFloat(term, 64); err == nil {
				conds = append(conds, c+" = "+b.arg(n))
			}
		case "uuid":
			if _, err := uuid.Parse(term); err == nil && len(term) == 36 {
				conds = append(conds, c+" = "+b.arg(term))
			}
		}
		if restricted && len(conds) > before {
			// The field matches only on items whose rules allow it.
			var rules []map[string]any
			for _, i := range level.byField[name] {
				rules = append(rules, level.cases[i])
			}
			if len(rules) > 0 && !anyEmpty(rules) {
				cond, err := s.whereFor(b, col, orOf(rules))
				if err != nil {
					return "", err
				}
				if cond != "" {
					conds[before] = "(" + conds[before] + " AND " + cond + ")"
				}
			}
		}
	}
	if len(conds) == 0 {
		return "1 = 0", nil
	}
	return "(" + strings.Join(conds, " OR ") + ")", nil
}

func anyEmpty(rules []map[string]any) bool {
	for _, r := range rules {
		if len(r) == 0 {
			return true
		}
	}
	return false
}
