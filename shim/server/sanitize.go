package server

import (
	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/query"
	"github.com/dxhost/dxhost/shim/exchange"
)

// sanitizeQuery is step 21: req.sanitizedQuery from req.query, or 400 INVALID_QUERY before any route.
// exchange.Request.SanitizedQuery gets the top-level keys; nested objects are *query.Object values, which
// marshal to JSON in JavaScript key order (order the top level by query.KeyOrder).
func sanitizeQuery(cfg *config) gin.HandlerFunc {
	return func(c *gin.Context) {
		ex := exchange.Get(c)
		q, err := query.FromRequest(ParsedQuery(c), cfg.limits, ex.Accountability)
		if err != nil {
			fail(c, err)
			return
		}
		ex.SanitizedQuery = nil // nil reads as {}: most requests have no query string
		if q != nil {
			m := make(map[string]any, q.Len())
			q.Each(func(k string, v any) { m[k] = v })
			ex.SanitizedQuery = m
		}
		ex.Sanitized = q
	}
}

// SanitizedQuery is the request's sanitized query (nil when the URL had no query string).
func SanitizedQuery(c *gin.Context) *query.Query {
	return exchange.Get(c).Sanitized
}
