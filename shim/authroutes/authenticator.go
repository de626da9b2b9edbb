// Package authroutes is the HTTP face of services/auth: the Authenticator the server's chain calls
// for every request (token → req.accountability) and Directus's /auth routes and GET /users/me.
package authroutes

import (
	"context"
	"reflect"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/auth"
	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/shim/exchange"
	"github.com/dxhost/dxhost/shim/server"
)

// AuthenticateFilter is the `authenticate` filter hook: it receives the default accountability and
// returns what the listeners made of it (the same object when none changed it).
type AuthenticateFilter func(c *gin.Context, defaultAccountability map[string]any) (map[string]any, error)

// NewAuthenticator is Directus's authenticate middleware (spec 13 §2): the default accountability
// (ip, userAgent, origin), the `authenticate` filter (nil = no listeners; a result that differs
// from the default replaces token processing), then the token. When a rejected token came from
// the session cookie, the cookie is cleared as Directus clears it.
func NewAuthenticator(svc *auth.Service, e *env.Env, filter AuthenticateFilter) server.Authenticator {
	sessionCookie := svc.Config().SessionCookie
	return func(c *gin.Context, req *exchange.Request) (map[string]any, error) {
		base := server.AnonymousAccountability(c.Request, e)
		if filter != nil {
			custom, err := filter(c, copyAccountability(base))
			if err != nil {
				return nil, err
			}
			if custom != nil && !reflect.DeepEqual(custom, base) {
				return custom, nil
			}
		}
		token := ""
		if req.Token != nil {
			token = *req.Token
		}
		acc, err := svc.Accountability(contextOf(c), token, base)
		if err != nil {
			if errs.Is(err, errs.CodeInvalidCredentials) || errs.Is(err, errs.CodeInvalidToken) {
				if v, ok := req.Cookies[sessionCookie.Name]; ok && req.Token != nil && v == *req.Token {
					clearCookie(c, sessionCookie)
				}
			}
			return nil, err
		}
		return acc, nil
	}
}

func contextOf(c *gin.Context) context.Context { return c.Request.Context() }

func copyAccountability(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if roles, ok := v.([]any); ok {
			v = append([]any{}, roles...)
		}
		out[k] = v
	}
	return out
}
