package server

import (
	"fmt"
	"net/http"
	"regexp"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/logging"
	"github.com/dxhost/dxhost/services/query"
	"github.com/dxhost/dxhost/shim/exchange"
)

// requestLog is pino-http's line per request (step 6): "request completed" at info (error for 5xx) with
// req {id, method, url}, res {statusCode} and responseTime in ms; LOG_HTTP_IGNORE_PATHS are skipped.
func requestLog(log *logrus.Logger, cfg *config) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		ex := exchange.Get(c) // requestState put the logger carrying reqId on the request context
		c.Next()
		if cfg.ignorePaths[c.Request.URL.Path] {
			return
		}
		status := c.Writer.Status()
		level, msg := logrus.InfoLevel, "request completed"
		if status >= 500 {
			level, msg = logrus.ErrorLevel, "request errored"
		}
		if !log.IsLevelEnabled(level) {
			return // building the fields is most of this middleware's cost: only for a line that is written
		}
		log.WithFields(logrus.Fields{
			"req":            requestFields(c, ex.ID),
			"res":            responseFields(c.Writer.Header(), status, c.Writer.Size()),
			"responseTime":   time.Since(start).Milliseconds(),
			logging.OrderKey: []string{"req", "res", "responseTime"},
		}).Log(level, msg)
	}
}

// requestFields is the req object of Directus's raw request line (id, method, url, query, params,
// headers — as recorded from 12.4.1, which shows no remote address) with its raw-mode redactions
// (authorization and cookie headers, access_token).
func requestFields(c *gin.Context, id int64) *query.Object {
	r := c.Request
	o := query.NewObject()
	o.Set("id", id)
	o.Set("method", r.Method)
	o.Set("url", redactQuery(r.URL.RequestURI()))
	q := ParsedQuery(c)
	if q.Has("access_token") {
		copied := query.NewObject()
		for _, k := range q.Keys() {
			v, _ := q.Get(k)
			copied.Set(k, v)
		}
		copied.Set("access_token", logging.Redacted)
		q = copied
	}
	o.Set("query", q)
	o.Set("params", query.NewObject())
	headers := query.NewObject()
	for _, k := range sortedHeaderNames(r.Header) {
		lk := strings.ToLower(k)
		v := strings.Join(r.Header.Values(k), ", ")
		if lk == "authorization" || lk == "cookie" {
			v = logging.Redacted
		}
		headers.Set(lk, v)
	}
	if r.Host != "" {
		headers.Set("host", r.Host)
	}
	o.Set("headers", headers)
	return o
}

// responseFields is pino-http's res serializer with the set-cookie header redacted.
func responseFields(h http.Header, status, size int) *query.Object {
	o := query.NewObject()
	o.Set("statusCode", status)
	headers := query.NewObject()
	for _, k := range sortedHeaderNames(h) {
		lk := strings.ToLower(k)
		if lk == "set-cookie" {
			headers.Set(lk, logging.Redacted)
			continue
		}
		headers.Set(lk, strings.Join(h.Values(k), ", "))
	}
	if !headers.Has("content-length") && size >= 0 && status != http.StatusNoContent && status != http.StatusNotModified {
		headers.Set("content-length", strconv.Itoa(size)) // Express's res.send sets it; Go adds it on write
	}
	o.Set("headers", headers)
	return o
}

func sortedHeaderNames(h http.Header) []string {
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
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
