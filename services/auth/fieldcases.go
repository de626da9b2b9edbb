package auth

// FieldCases is Directus's per-row field masking (spec 13 §7.3, injectCases): for each root
// field a rule-less row does not allow, the OR of the item rules of the rows that allow it (or
// allow "*"). The field is then readable only on items matching that filter (null elsewhere).
// Fields no row allows, and fields every row allows (the mask would be the read filter itself),
// get no entry.
func FieldCases(perms []Permission, fields []string) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, f := range fields {
		var rows []Permission
		free := false
		for _, p := range perms {
			if !contains(p.Fields, "*") && !contains(p.Fields, f) {
				continue
			}
			if len(p.Permissions) == 0 {
				free = true
				break
			}
			rows = append(rows, p)
		}
		if free || len(rows) == 0 || len(rows) == len(perms) {
			continue
		}
		out[f] = itemRule(rows)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
