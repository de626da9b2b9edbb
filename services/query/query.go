// Package query is Directus's Query object (spec 11 §1) and the REST sanitising of a parsed query string
// into one (spec 11 §9: sanitizeQuery + validateQuery), with Directus's exact error reasons.
package query

import (
	"bytes"
	"math"

	"github.com/dxhost/dxhost/services/env"
)

// Query is a sanitized Directus query. A nil pointer / nil slice means the key is absent. Filter, Deep,
// Alias and Aggregate hold JSON-like values whose objects are *Object (key order kept).
type Query struct {
	Limit      *float64
	Fields     []string
	Group      []string
	Aggregate  any
	Sort       []string
	Filter     any
	HasFilter  bool // filter may be present and null
	Offset     *float64
	Page       *float64
	Meta       []any
	Search     *string
	Version    any
	VersionRaw *bool
	Export     any
	Deep       any
	Alias      any
	Backlink   *bool
}

// KeyOrder is the key order of Directus's sanitized query object.
var KeyOrder = []string{"limit", "fields", "group", "aggregate", "sort", "filter", "offset", "page", "meta",
	"search", "version", "versionRaw", "export", "deep", "alias", "backlink"}

// Object returns the query as an ordered JS-like object.
func (q *Query) Object() *Object {
	o := newObjectCap(q.Len())
	q.Each(o.Set)
	return o
}

// Len is the number of keys of the query object (Each's calls).
func (q *Query) Len() int {
	n := 0
	for _, set := range [...]bool{q.Limit != nil, q.Fields != nil, q.Group != nil, q.Aggregate != nil, q.Sort != nil,
		q.HasFilter || q.Filter != nil, q.Offset != nil, q.Page != nil, q.Meta != nil, q.Search != nil,
		q.Version != nil, q.Version != nil, q.Export != nil, q.Deep != nil, q.Alias != nil, q.Backlink != nil} {
		if set {
			n++
		}
	}
	return n
}

// Each calls fn with each key of the query object and its value, in KeyOrder.
func (q *Query) Each(fn func(key string, v any)) {
	num := func(f *float64) any {
		if math.IsNaN(*f) || math.IsInf(*f, 0) {
			return nil // JSON.stringify writes NaN and Infinity as null
		}
		return *f
	}
	if q.Limit != nil {
		fn("limit", num(q.Limit))
	}
	if q.Fields != nil {
		fn("fields", q.Fields)
	}
	if q.Group != nil {
		fn("group", q.Group)
	}
	if q.Aggregate != nil {
		fn("aggregate", q.Aggregate)
	}
	if q.Sort != nil {
		fn("sort", q.Sort)
	}
	if q.HasFilter || q.Filter != nil {
		fn("filter", q.Filter)
	}
	if q.Offset != nil {
		fn("offset", num(q.Offset))
	}
	if q.Page != nil {
		fn("page", num(q.Page))
	}
	if q.Meta != nil {
		fn("meta", q.Meta)
	}
	if q.Search != nil {
		fn("search", *q.Search)
	}
	if q.Version != nil {
		fn("version", q.Version)
		fn("versionRaw", q.VersionRaw != nil && *q.VersionRaw)
	}
	if q.Export != nil {
		fn("export", q.Export)
	}
	if q.Deep != nil {
		fn("deep", q.Deep)
	}
	if q.Alias != nil {
		fn("alias", q.Alias)
	}
	if q.Backlink != nil {
		fn("backlink", *q.Backlink)
	}
}

// MarshalJSON writes the query as JSON.stringify(req.sanitizedQuery) does.
func (q *Query) MarshalJSON() ([]byte, error) {
	b, err := q.Object().MarshalJSON()
	return bytes.TrimSpace(b), err
}

// Map is the query as plain Go JSON values (map[string]any; nested key order is lost — use MarshalJSON
// when order matters).
func (q *Query) Map() map[string]any {
	m, _ := Plain(q.Object()).(map[string]any)
	return m
}

// Limits are the env settings sanitising depends on.
type Limits struct {
	DefaultLimit       float64 // QUERY_LIMIT_DEFAULT (100)
	MaxLimit           float64 // QUERY_LIMIT_MAX when HasMaxLimit
	HasMaxLimit        bool    // QUERY_LIMIT_MAX set to a finite number ≥ 0
	MaxLimitSet        bool    // QUERY_LIMIT_MAX present at all (Joi's max check uses this)
	MaxRelationalDepth float64 // MAX_RELATIONAL_DEPTH (10; values below 2 count as 2)
	MaxJSONQueryDepth  float64 // MAX_JSON_QUERY_DEPTH (10)
}

// DefaultLimits are Directus's defaults.
var DefaultLimits = Limits{DefaultLimit: 100, MaxRelationalDepth: 10, MaxJSONQueryDepth: 10}

// LimitsFromEnv reads QUERY_LIMIT_DEFAULT, QUERY_LIMIT_MAX, MAX_RELATIONAL_DEPTH and MAX_JSON_QUERY_DEPTH.
func LimitsFromEnv(e *env.Env) Limits {
	l := DefaultLimits
	if v, ok := e.Get("QUERY_LIMIT_DEFAULT"); ok {
		l.DefaultLimit = env.ToNumber(v)
	}
	if v, ok := e.Get("QUERY_LIMIT_MAX"); ok {
		l.MaxLimitSet = true
		n := env.ToNumber(v)
		l.MaxLimit = n
		l.HasMaxLimit = n >= 0 && !math.IsNaN(n) && !math.IsInf(n, 0)
	}
	if v, ok := e.Get("MAX_RELATIONAL_DEPTH"); ok {
		l.MaxRelationalDepth = env.ToNumber(v)
	}
	if v, ok := e.Get("MAX_JSON_QUERY_DEPTH"); ok {
		l.MaxJSONQueryDepth = env.ToNumber(v)
	}
	return l
}
