// Package exchange carries what Directus's middleware chain established about a request (parsed body,
// cookies, token, accountability, sanitized query) from the Gin middleware to the JS req object.
package exchange

import (
	"context"

	"github.com/gin-gonic/gin"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/logging"
	"github.com/dxhost/dxhost/services/query"
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
	Query          *query.Object    // req.query as Express parses it; nil when the URL has none
	Sanitized      *query.Query     // the sanitized query; nil when the URL has no query string
}

// The state rides on the http.Request's context rather than in gin's Keys map: the chain copies the
// request for its context once anyway (the request-scoped logger), and a map per request was one of
// the larger allocations of a hello request.
type ctxKey struct{}

type requestContext struct {
	context.Context
	r   *Request
	log logging.RequestLogger // zero (answers nothing) unless NewRequestContext set it
}

func (c *requestContext) Value(key any) any {
	if key == (ctxKey{}) {
		return c.r
	}
	if v, ok := c.log.Lookup(key); ok {
		return v
	}
	return c.Context.Value(key)
}

// NewRequestContext returns parent carrying r and the request's logger (logging.From: log with the
// field reqId = r.ID), in one allocation: the context every request of the chain starts with.
func NewRequestContext(parent context.Context, r *Request, log *logrus.Logger) context.Context {
	c := &requestContext{Context: parent, r: r}
	c.log.Init(log, r.ID)
	return c
}

// Set attaches r to c's request.
func Set(c *gin.Context, r *Request) {
	if c.Request == nil {
		c.Set(ginKey, r)
		return
	}
	c.Request = c.Request.WithContext(&requestContext{Context: c.Request.Context(), r: r})
}

// ginKey holds the state of a Gin context without a request (unit tests).
const ginKey = "dxhost.exchange"

// Get returns the request state, creating an empty one when no middleware set it (e.g. in unit tests).
func Get(c *gin.Context) *Request {
	if c.Request != nil {
		if r, ok := c.Request.Context().Value(ctxKey{}).(*Request); ok {
			return r
		}
	} else if v, ok := c.Get(ginKey); ok {
		if r, ok := v.(*Request); ok {
			return r
		}
	}
	r := &Request{}
	Set(c, r)
	return r
}
