package rest

import (
	"net/http"
	"regexp"
	"strings"

	"github.com/gin-gonic/gin"
)

// Express matches Directus's routes case-insensitively and with an optional trailing slash
// (`/Items/tags/` reaches the items router; params keep their case); Gin matches exactly. A route
// is registered with Gin as written and also here, as a pattern the fallback middleware tries when
// Gin matched nothing.
type expressRoute struct {
	method  string
	pattern *regexp.Regexp
	params  []string
	handler gin.HandlerFunc
}

// handle registers path (":name" segments) with Gin and with the Express fallback.
func (h *handlers) handle(r gin.IRoutes, method, path string, handler gin.HandlerFunc) {
	r.Handle(method, path, handler)
	var params []string
	var expr strings.Builder
	expr.WriteString("(?i)^")
	for _, seg := range strings.Split(strings.Trim(path, "/"), "/") {
		expr.WriteString("/")
		if strings.HasPrefix(seg, ":") {
			params = append(params, seg[1:])
			expr.WriteString("([^/]+?)")
		} else {
			expr.WriteString(regexp.QuoteMeta(seg))
		}
	}
	expr.WriteString("/?$")
	h.express = append(h.express, expressRoute{method: method, pattern: regexp.MustCompile(expr.String()), params: params, handler: handler})
}

// expressFallback runs the core route an Express router would have matched when Gin found none;
// other requests go on (to the extensions, then the 404).
func (h *handlers) expressFallback(c *gin.Context) {
	if c.FullPath() != "" {
		return
	}
	path := c.Request.URL.EscapedPath()
	for _, route := range h.express {
		if route.method != c.Request.Method && !(route.method == http.MethodGet && c.Request.Method == http.MethodHead) {
			continue
		}
		m := route.pattern.FindStringSubmatch(path)
		if m == nil {
			continue
		}
		c.Params = c.Params[:0]
		for i, name := range route.params {
			c.Params = append(c.Params, gin.Param{Key: name, Value: m[i+1]})
		}
		route.handler(c)
		c.Abort()
		return
	}
}
