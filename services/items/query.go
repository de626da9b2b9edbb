package items

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/dxhost/dxhost/services/errs"
)

// Query is the service-level Directus query (spec 11 §1). Nil slices/pointers mean "absent".
type Query struct {
	Fields    []string            `json:"fields,omitempty"`
	Sort      []string            `json:"sort,omitempty"`
	Filter    map[string]any      `json:"filter,omitempty"`
	Limit     *int                `json:"limit,omitempty"`
	Offset    *int                `json:"offset,omitempty"`
	Page      *int                `json:"page,omitempty"`
	Search    *string             `json:"search,omitempty"`
	Group     []string            `json:"group,omitempty"`
	Aggregate map[string][]string `json:"aggregate,omitempty"`
	// AggregateOrder is the order of Aggregate's keys as the caller wrote them; results list the
	// operations in that order. nil = Directus's order of operations.
	AggregateOrder []string          `json:"-"`
	Deep           map[string]any    `json:"deep,omitempty"`
	Alias          map[string]string `json:"alias,omitempty"`
	// Backlink false drops, from wildcard expansions of nested levels, the field that points back
	// to the parent (REST backlink=false). nil = true.
	Backlink *bool `json:"backlink,omitempty"`
	// Access is the caller's read permissions, applied at every level read (item rules and
	// per-row field masking, spec 13 §7.3); nil = none (admin, system). Filters and sorts use
	// the raw columns. Set by the Authorizer.
	Access *Access `json:"-"`

	// skipWildcard is the back-link field left out of `*` at this nested level.
	skipWildcard string
	// keysOnly: a relation asked for bare reads only the related keys, which Directus selects
	// itself (never masked, whatever the caller may read of the related collection).
	keysOnly bool
}

// Clone copies the query (the filter and deep trees are shared; they are never mutated).
func (q *Query) Clone() *Query {
	if q == nil {
		return &Query{}
	}
	c := *q
	c.Fields = append([]string(nil), q.Fields...)
	c.Sort = append([]string(nil), q.Sort...)
	c.Group = append([]string(nil), q.Group...)
	if q.Fields == nil {
		c.Fields = nil
	}
	if q.Sort == nil {
		c.Sort = nil
	}
	if q.Group == nil {
		c.Group = nil
	}
	return &c
}

// QueryFromMap reads a query given as plain JSON-like values (what a JS caller passes to
// readByQuery). Unknown keys are ignored, as Directus's services ignore them.
func QueryFromMap(m map[string]any) (*Query, error) {
	q := &Query{}
	if m == nil {
		return q, nil
	}
	var err error
	if v, ok := m["fields"]; ok && v != nil {
		q.Fields = toStrings(v)
	}
	if v, ok := m["sort"]; ok && v != nil {
		q.Sort = toStrings(v)
	}
	if v, ok := m["group"]; ok && v != nil {
		q.Group = toStrings(v)
	}
	if v, ok := m["filter"].(map[string]any); ok {
		q.Filter = v
	}
	if v, ok := m["deep"].(map[string]any); ok {
		q.Deep = v
	}
	for _, kv := range [...]struct {
		key string
		dst **int
	}{{"limit", &q.Limit}, {"offset", &q.Offset}, {"page", &q.Page}} {
		key, dst := kv.key, kv.dst
		if v, ok := m[key]; ok && v != nil {
			n, convErr := toInt(v)
			if convErr != nil {
				err = errs.InvalidQuery(fmt.Sprintf(`"%s" has to be a number`, key))
				continue
			}
			*dst = &n
		}
	}
	if v, ok := m["backlink"].(bool); ok {
		q.Backlink = &v
	}
	if v, ok := m["search"]; ok && v != nil {
		s := fmt.Sprint(v)
		q.Search = &s
	}
	if v, ok := m["aggregate"].(map[string]any); ok {
		q.Aggregate = map[string][]string{}
		for op, fields := range v {
			q.Aggregate[op] = toStrings(fields)
		}
	}
	if v, ok := m["alias"].(map[string]any); ok {
		q.Alias = map[string]string{}
		for k, target := range v {
			q.Alias[k] = fmt.Sprint(target)
		}
	}
	return q, err
}

func toStrings(v any) []string {
	switch x := v.(type) {
	case string:
		parts := strings.Split(x, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		return parts
	case []string:
		return x
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			out = append(out, fmt.Sprint(e))
		}
		return out
	}
	return []string{fmt.Sprint(v)}
}

func toInt(v any) (int, error) {
	switch x := v.(type) {
	case int:
		return x, nil
	case int64:
		return int(x), nil
	case float64:
		if x != math.Trunc(x) {
			return 0, fmt.Errorf("not an integer")
		}
		return int(x), nil
	case json.Number:
		n, err := x.Int64()
		return int(n), err
	case string:
		return strconv.Atoi(strings.TrimSpace(x))
	}
	return 0, fmt.Errorf("not a number: %T", v)
}
