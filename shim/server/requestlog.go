package server

import (
	"fmt"
	"regexp"
	"runtime/debug"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/logging"
	"github.com/dxhost/dxhost/shim/exchange"
)

// requestLog is pino-http's line per request (step 6): "request completed" at info (error for 5xx) with
// req {id, method, url}, res {statusCode} and responseTime in ms; LOG_HTTP_IGNORE_PATHS are skipped.
// It also puts a logger carrying reqId on the request context (logging.From).
func requestLog(log *logrus.Logger, cfg *config) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		ex := exchange.Get(c)
		entry := log.WithField("reqId", ex.ID)
		c.Request = c.Request.WithContext(logging.With(c.Request.Context(), entry))
		c.Next()
		if cfg.ignorePaths[c.Request.URL.Path] {
			return
		}
		status := c.Writer.Status()
		level, msg := logrus.InfoLevel, "request completed"
		if status >= 500 {
			level, msg = logrus.ErrorLevel, "request errored"
		}
		log.WithFields(logrus.Fields{
			"req":            map[string]any{"id": ex.ID, "method": c.Request.Method, "url": redactQuery(c.Request.URL.RequestURI())},
			"res":            map[string]any{"statusCode": status},
			"responseTime":   time.Since(start).Milliseconds(),
			logging.OrderKey: []string{"req", "res", "responseTime"},
		}).Log(level, msg)
	}
}

var accessTokenParam = regexp.MustCompile(`([?&])access_token=[^&]*`)

// redactQuery hides the access_token query parameter in logged URLs, as Directus's req serializer.
func redactQuery(url string) string {
	return accessTokenParam.ReplaceAllString(url, "${1}access_token=--redacted--")
}

// recovery turns a Go panic anywhere in the chain into Directus's plain 500 and logs where it happened;
// the process keeps serving.
func recovery(log *logrus.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			if r := recover(); r != nil {
				log.WithField("stack", string(debug.Stack())).Errorf("panic serving %s %s: %v", c.Request.Method, c.Request.URL.Path, r)
				if !c.Writer.Written() {
					fail(c, errs.Internal(fmt.Errorf("panic: %v", r)))
				}
				c.Abort()
			}
		}()
		c.Next()
	}
}
