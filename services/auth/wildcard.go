package auth

import (
	"strings"

	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/schema"
)

// expandRelationalWildcards rewrites "*.<rest>" (e.g. "*.*") into "*" plus "<rel>.<rest>" for
// every relational field of collection whose related collection the caller may read: Directus
// skips relations the caller cannot read when they are reached through a wildcard, and the
// explicit paths then go through authorizeNested's field checks.
// Relational fields the caller may not read at the root are skipped too.
func expandRelationalWildcards(every []Permission, collection string, q *items.Query, sch *schema.Overview, allowed map[string]bool, all bool) {
	var out []string
	wildcard := false
	for _, f := range q.Fields {
		rest, ok := strings.CutPrefix(f, "*.")
		if !ok {
			out = append(out, f)
			continue
		}
		wildcard = true
		c := sch.Collections[collection]
		if c == nil {
			continue
		}
		for _, field := range c.FieldOrder {
			related, _ := relatedCollection(sch, collection, field)
			if related == "" || (!all && !allowed[field]) {
				continue
			}
			if len(forCollection(every, related)) > 0 {
				out = append(out, field+"."+rest)
			}
		}
	}
	if wildcard {
		// Directus lists the expanded relations before the plain fields (recorded key order).
		q.Fields = dedupe(append(out, "*"))
	}
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
