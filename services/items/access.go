package items

// Access is a caller's read permissions as the query engine applies them at every level it reads
// (Directus's injectCases and runAst, spec 13 §7.3): items are visible when one of the collection's
// rules matches, and a field allowed only by rules with an item filter reads null on items outside
// those rules (an O2M alias reads null instead of its list). Services/auth builds it; the engine
// does not decide who may read what, it only applies the rules it is given.
type Access struct {
	// Collections holds the readable collections; a collection absent here has no read rule.
	Collections map[string]*CollectionAccess
}

// CollectionAccess is one collection's read permissions.
type CollectionAccess struct {
	// Rules are the distinct item rules of the collection's read rows (rows with equal rules
	// merged, their fields unioned), in the order of the rows.
	Rules []AccessRule
	// Fields are the allowed fields in the order the rows list them, what `*` expands to;
	// nil when some row allows "*".
	Fields []string
}

// AccessRule is one distinct item rule and the fields the rows with that rule allow.
type AccessRule struct {
	Filter map[string]any // dynamic variables resolved; empty = every item
	Fields []string       // "*" = every field
}

// levelAccess is Directus's getCases for one level: the rules that matter for the fields the level
// reads (a rule allowing none of them is left out, unless nothing specific is read), and for each
// field the rules that allow it.
type levelAccess struct {
	cases   []map[string]any
	byField map[string][]int
	free    map[string]bool // allowed by a rule without item filter: never masked
	open    bool            // some case has no item filter: every item is visible
}

// level is nil when a is nil (admin and system reads) or collection has no rules.
func (a *Access) level(collection string, requested []string) *levelAccess {
	if a == nil {
		return nil
	}
	ca := a.Collections[collection]
	if ca == nil {
		return nil
	}
	want := make(map[string]bool, len(requested))
	for _, f := range requested {
		want[f] = true
	}
	l := &levelAccess{byField: map[string][]int{}, free: map[string]bool{}}
	for _, r := range ca.Rules {
		if len(r.Filter) == 0 {
			for _, f := range r.Fields {
				l.free[f] = true
			}
		}
	}
	for _, r := range ca.Rules {
		if len(requested) > 0 && !contains(r.Fields, "*") && !overlaps(r.Fields, want) {
			continue
		}
		if len(r.Filter) == 0 {
			l.open = true
		}
		for _, f := range r.Fields {
			l.byField[f] = append(l.byField[f], len(l.cases))
		}
		l.cases = append(l.cases, r.Filter)
	}
	if len(l.cases) == 0 && len(requested) > 0 {
		// Nothing read here is allowed by any rule (the path checks refuse that before); keep
		// every rule rather than none, so visibility never widens.
		return a.level(collection, nil)
	}
	return l
}

func overlaps(fields []string, want map[string]bool) bool {
	for _, f := range fields {
		if want[f] {
			return true
		}
	}
	return false
}

// unmask reads field unmasked at this level (a key Directus selects itself).
func (l *levelAccess) unmask(field string) {
	if l != nil {
		l.free[field] = true
	}
}

// where is the visibility condition the level's filter is ANDed with; nil = every item.
func (l *levelAccess) where() map[string]any {
	if l == nil || l.open || len(l.cases) == 0 {
		return nil
	}
	return orOf(l.cases)
}

// mask is the condition under which field reads its value: masked=false = always (no CASE
// WHEN); masked with a nil rule = never (no rule allows the field).
func (l *levelAccess) mask(field string) (rule map[string]any, masked bool) {
	if l == nil || l.free["*"] || l.free[field] {
		return nil, false
	}
	idx := append(append([]int(nil), l.byField["*"]...), l.byField[field]...)
	var rules []map[string]any
	seen := map[int]bool{}
	for _, i := range idx {
		if seen[i] {
			continue
		}
		seen[i] = true
		if len(l.cases[i]) == 0 {
			return nil, false // an empty rule in the OR: no condition is generated
		}
		rules = append(rules, l.cases[i])
	}
	if len(rules) == 0 {
		return nil, true
	}
	return orOf(rules), true
}

func orOf(rules []map[string]any) map[string]any {
	if len(rules) == 1 {
		return rules[0]
	}
	list := make([]any, len(rules))
	for i, r := range rules {
		list[i] = r
	}
	return map[string]any{"_or": list}
}

// restrictedFields is what `*` expands to at collection for this caller; ok=false = every field.
func (a *Access) restrictedFields(collection string) (fields []string, ok bool) {
	if a == nil {
		return nil, false
	}
	ca := a.Collections[collection]
	if ca == nil || ca.Fields == nil {
		return nil, false
	}
	return ca.Fields, true
}

// collection is collection's read permissions; nil without Access or without rules.
func (a *Access) collection(name string) *CollectionAccess {
	if a == nil {
		return nil
	}
	return a.Collections[name]
}

// readable reports whether the caller may read collection (true without Access).
func (a *Access) readable(collection string) bool {
	return a == nil || a.Collections[collection] != nil
}
