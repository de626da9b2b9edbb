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
	m := map[string]any{}
	if q.Fields != nil {
		m["fields"] = toAnyList(q.Fields)
	}
	if q.Sort != nil {
		m["sort"] = toAnyList(q.Sort)
	}
	if q.Group != nil {
		m["group"] = toAnyList(q.Group)
	}
	for key, v := range map[string]any{"filter": q.Filter, "aggregate": q.Aggregate, "deep": q.Deep, "alias": q.Alias} {
		if v != nil {
			m[key] = plainDates(query.Plain(v))
		}
	}
	for key, v := range map[string]*float64{"limit": q.Limit, "offset": q.Offset, "page": q.Page} {
		if v != nil {
			m[key] = *v
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

func toAnyList(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
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
