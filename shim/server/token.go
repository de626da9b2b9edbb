package server

import (
	"github.com/dxhost/dxhost/services/env"

	"strings"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/shim/exchange"
)

// extractToken is Directus's extract-token middleware (step 11, spec 02 §3): the access_token query
// parameter, then `Authorization: Bearer <token>` (exactly two space-separated parts, scheme in any
// case), then the session cookie when neither gave one. Query and header together are rejected.
func extractToken(sessionCookie string) gin.HandlerFunc {
	return func(c *gin.Context) {
		ex := exchange.Get(c)
		var token *string
		source := ""
		if v, ok := ParsedQuery(c).Get("access_token"); ok && env.Truthy(v) {
			s := tokenString(v)
			token, source = &s, "query"
		}
		if auth := c.Request.Header.Get("Authorization"); auth != "" {
			parts := strings.Split(auth, " ")
			if len(parts) == 2 && strings.ToLower(parts[0]) == "bearer" {
				if token != nil {
					fail(c, errs.InvalidPayload("The request uses more than one method for including an access token"))
					return
				}
				s := parts[1]
				token, source = &s, "header"
			}
		}
		if v := ex.Cookies[sessionCookie]; v != "" && token == nil {
			s := v
			token, source = &s, "cookie"
		}
		ex.Token, ex.TokenSource = token, source
	}
}

// tokenString: a repeated access_token parameter is an array in Express; Directus passes it on as is
// and it fails verification later — here its elements joined with "," (String(array)) stand for it.
func tokenString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, p := range x {
			if s, ok := p.(string); ok {
				parts[i] = s
			}
		}
		return strings.Join(parts, ",")
	}
	return "[object Object]"
}
