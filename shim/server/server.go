// Package server is Directus's HTTP pipeline in front of the extension routes (spec 02 §4), as one Gin
// chain in Directus's order: request id and log line, security headers, X-Powered-By, CORS, JSON body,
// cookies, token extraction, `/`, `/robots.txt`, `/server/ping`, authentication, query sanitising, core
// routes, extension routes, the 404, and the error handler.
//
// Not done here: the pressure limiter (step 1), the /admin app, rate limiters, response cache,
// schema loading and the init hooks (`app.before`, `middlewares.*`, `routes.*`).
package server

import (
	"net/http"
	"sync/atomic"

	"github.com/gin-gonic/gin"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/errs"
	shimerrors "github.com/dxhost/dxhost/shim/errors"
	"github.com/dxhost/dxhost/shim/exchange"
)

// Options configure the engine. Env and Logger are required.
type Options struct {
	Env    *env.Env
	Logger *logrus.Logger

	// Authenticate turns the extracted token into req.accountability. nil = every request is anonymous
	// (the object Directus gives a request without a token). The auth service replaces it.
	Authenticate Authenticator

	// Routes registers core routes (e.g. /items); they run after the whole middleware chain.
	Routes func(r gin.IRoutes)

	// Extensions is the extension endpoint router: called for every request no core route took. It
	// reports whether it answered (or failed) the request; false leaves the request to the 404.
	Extensions func(c *gin.Context) bool

	// NotFound is the `request.not_found` filter: called before the 404 with the request; a true result
	// means a hook answered. nil = no hook.
	NotFound func(c *gin.Context) (handled bool, err error)
}

// Authenticator gives the accountability for a request whose token (if any) is in req.
type Authenticator func(c *gin.Context, req *exchange.Request) (map[string]any, error)

// New builds the engine: Gin in release mode, no Gin logger, one log line per request.
func New(opts Options) *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	startPprof(opts.Env, opts.Logger)
	cfg := newConfig(opts.Env)
	authenticate := opts.Authenticate
	if authenticate == nil {
		authenticate = Anonymous(opts.Env)
	}

	engine := gin.New()
	engine.HandleMethodNotAllowed = false
	engine.RedirectTrailingSlash = false
	engine.RedirectFixedPath = false
	engine.UseRawPath = true
	engine.UnescapePathValues = false
	engine.RemoteIPHeaders = []string{"X-Forwarded-For"} // Express reads no other header
	if proxies, all := ginTrustedProxies(opts.Env); !all {
		if err := engine.SetTrustedProxies(proxies); err != nil {
			opts.Logger.WithError(err).Warn("IP_TRUST_PROXY: some entries are not addresses or ranges; no proxy is trusted")
			_ = engine.SetTrustedProxies(nil)
		}
	}

	var requestIDs atomic.Int64
	engine.Use(
		recovery(opts.Logger),
		requestState(&requestIDs, cfg, opts.Logger),
		securityHeaders(cfg),
		requestLog(opts.Logger, cfg),
		poweredBy,
	)
	if cfg.cors != nil {
		engine.Use(cfg.cors.handler)
	}
	engine.Use(
		jsonBody(cfg.maxPayload),
		cookies,
		extractToken(cfg.sessionCookie),
		rootRedirect(cfg.rootRedirect),
		robots(cfg.robots),
		ping,
		authentication(authenticate),
		sanitizeQuery(cfg),
	)
	if opts.Routes != nil {
		opts.Routes(engine)
	}
	engine.NoRoute(func(c *gin.Context) {
		if opts.Extensions != nil && opts.Extensions(c) {
			c.Abort()
			return
		}
		notFound(c, opts.NotFound)
	})
	return engine
}

// fail renders err with Directus's error handler and stops the chain.
func fail(c *gin.Context, err error) {
	shimerrors.Respond(c, err)
	c.Abort()
}

// notFound is Directus's not-found handler (spec 03 §5).
func notFound(c *gin.Context, filter func(c *gin.Context) (bool, error)) {
	if filter != nil {
		handled, err := filter(c)
		if err != nil {
			fail(c, err)
			return
		}
		if handled {
			if !c.Writer.Written() {
				// Directus calls next(); Express's final handler answers.
				h := c.Writer.Header()
				h.Set("Content-Security-Policy", "default-src 'none'")
				h.Set("X-Content-Type-Options", "nosniff")
				h.Set("Content-Type", "text/html; charset=utf-8")
				c.Status(http.StatusNotFound)
				_, _ = c.Writer.WriteString(expressFinal404(c))
			}
			c.Abort()
			return
		}
	}
	fail(c, errs.RouteNotFound(c.Request.URL.EscapedPath()))
}

// expressFinal404 is the page of Express's finalhandler for an unanswered request.
func expressFinal404(c *gin.Context) string {
	return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot " +
		htmlEscape(c.Request.Method+" "+c.Request.URL.EscapedPath()) + "</pre>\n</body>\n</html>\n"
}
