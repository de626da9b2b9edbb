package items

import (
	"time"

	"github.com/dxhost/dxhost/services/query"
)

// FromSanitized converts the REST layer's sanitized query (services/query) into a service Query.
// Ordered objects become plain maps; $NOW dates become time.Time.
func FromSanitized(q *query.Query) (*Query, error) {
	if q == nil {
		return &Query{}, nil
	}
	m := make(map[string]any, q.Len())
	// Lists are copied: the service's query is its own.
	if q.Fields != nil {
		m["fields"] = append([]string(nil), q.Fields...)
	}
	if q.Sort != nil {
		m["sort"] = append([]string(nil), q.Sort...)
	}
	if q.Group != nil {
		m["group"] = append([]string(nil), q.Group...)
	}
	for _, kv := range [...]struct {
		key string
		v   any
	}{{"filter", q.Filter}, {"aggregate", q.Aggregate}, {"deep", q.Deep}, {"alias", q.Alias}} {
		if kv.v != nil {
			m[kv.key] = plainDates(query.Plain(kv.v))
		}
	}
	for _, kv := range [...]struct {
		key string
		v   *float64
	}{{"limit", q.Limit}, {"offset", q.Offset}, {"page", q.Page}} {
		if kv.v != nil {
			m[kv.key] = *kv.v
		}
	}
	if q.Search != nil {
		m["search"] = *q.Search
	}
	if q.Backlink != nil {
		m["backlink"] = *q.Backlink
	}
	out, err := QueryFromMap(m)
	if err != nil {
		return nil, err
	}
	if o, ok := q.Aggregate.(*query.Object); ok {
		out.AggregateOrder = o.Keys()
	}
	return out, nil
}

func plainDates(v any) any {
	switch x := v.(type) {
	case query.Date:
		return time.Time(x)
	case map[string]any:
		for k, e := range x {
			x[k] = plainDates(e)
		}
	case []any:
		for i, e := range x {
			x[i] = plainDates(e)
		}
	}
	return v
}
