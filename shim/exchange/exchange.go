// Package exchange carries what Directus's middleware chain established about a request (parsed body,
// cookies, token, accountability, sanitized query) from the Gin middleware to the JS req object.
package exchange

import (
	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/schema"
)

// Request is the per-request state the middleware fills in before an extension route runs.
type Request struct {
	ID             int64
	Body           any    // parsed JSON body (map[string]any / []any); nil means `{}` for JS
	RawBody        []byte // only when the JSON parser consumed a body
	Cookies        map[string]string
	Token          *string
	TokenSource    string           // "query" | "header" | "cookie" | ""
	Accountability map[string]any   // the exact Directus object (spec 02 §3, 13 §3)
	SanitizedQuery map[string]any   // JSON-ready; empty when the URL has no query string
	Schema         *schema.Overview // the request's SchemaOverview (req.schema), set by the schema step
}

const key = "dxhost.exchange"

// Set stores r on the Gin context.
func Set(c *gin.Context, r *Request) { c.Set(key, r) }

// Get returns the request state, creating an empty one when no middleware set it (e.g. in unit tests).
func Get(c *gin.Context) *Request {
	if v, ok := c.Get(key); ok {
		if r, ok := v.(*Request); ok {
			return r
		}
	}
	r := &Request{}
	c.Set(key, r)
	return r
}
