package items

import (
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/dxhost/dxhost/services/schema"
)

// searchCondition is query.search (spec 11 §7): OR over searchable fields, "1 = 0" when none qualifies.
func (s *Service) searchCondition(b *sqlBuilder, col *schema.Collection, search *string) string {
	if search == nil || *search == "" {
		return ""
	}
	term := *search
	var conds []string
	for _, name := range col.FieldOrder {
		f := col.Fields[name]
		if f.Alias || !f.Searchable || f.HasSpecial("conceal") {
			continue
		}
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
	}
	if len(conds) == 0 {
		return "1 = 0"
	}
	return "(" + strings.Join(conds, " OR ") + ")"
}
