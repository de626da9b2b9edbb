package server

import (
	"html"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	shimerrors "github.com/dxhost/dxhost/shim/errors"
)

// The three routes Directus answers before authentication (steps 12 and 16). Express's app.get also
// answers HEAD, matches case-insensitively and allows one trailing slash.

// The paths are matched as Express's /^\/robots\.txt\/?$/i: a string comparison, as every request
// passes these checks.
const (
	rootPath   = "/"
	robotsPath = "/robots.txt"
	pingPath   = "/server/ping"
)

func isGet(c *gin.Context, path string) bool {
	m := c.Request.Method
	return (m == http.MethodGet || m == http.MethodHead) && pathIs(c.Request.URL.EscapedPath(), path)
}

// pathIs reports whether p is path, ignoring case, with at most one trailing slash (the root: "/" or "").
func pathIs(p, path string) bool {
	if path == "/" {
		return p == "" || p == "/"
	}
	if len(p) > 0 && p[len(p)-1] == '/' {
		p = p[:len(p)-1]
	}
	return strings.EqualFold(p, path)
}

// rootRedirect is `GET /` → res.redirect(ROOT_REDIRECT) (when set).
func rootRedirect(target string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if target == "" || !isGet(c, rootPath) {
			return
		}
		h := c.Writer.Header()
		h.Set("Location", encodeURL(target))
		vary(h, "Accept")
		body := ""
		switch negotiate(c.GetHeader("Accept"), "text/plain", "text/html") {
		case "text/plain":
			body = "Found. Redirecting to " + h.Get("Location")
			h.Set("Content-Type", "text/plain; charset=utf-8")
		case "text/html":
			body = "<p>Found. Redirecting to " + html.EscapeString(h.Get("Location")) + "</p>"
			h.Set("Content-Type", "text/html; charset=utf-8")
		}
		h.Set("Content-Length", strconv.Itoa(len(body)))
		c.Status(http.StatusFound)
		if c.Request.Method != http.MethodHead {
			_, _ = c.Writer.WriteString(body)
		} else {
			c.Writer.WriteHeaderNow()
		}
		c.Abort()
	}
}

// robots is `GET /robots.txt` → ROBOTS_TXT as text/plain.
func robots(text string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if !isGet(c, robotsPath) {
			return
		}
		Send(c, http.StatusOK, "text/plain; charset=utf-8", []byte(text))
	}
}

// ping is `GET /server/ping` → "pong" (res.send: text/html).
func ping(c *gin.Context) {
	if !isGet(c, pingPath) {
		return
	}
	Send(c, http.StatusOK, "text/html; charset=utf-8", []byte("pong"))
}

// Send is Express's res.send for a finished body: Content-Type, Content-Length, weak ETag, 304 when
// the request's If-None-Match is fresh (GET/HEAD), no body for HEAD. Core routes answer through it.
func Send(c *gin.Context, status int, contentType string, body []byte) {
	h := c.Writer.Header()
	etag := shimerrors.WeakETag(body)
	h.Set("ETag", etag)
	if fresh(c.Request, etag) && (status >= 200 && status < 300 || status == http.StatusNotModified) {
		c.Status(http.StatusNotModified)
		c.Writer.WriteHeaderNow()
		c.Abort()
		return
	}
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	c.Status(status)
	if c.Request.Method == http.MethodHead {
		c.Writer.WriteHeaderNow()
	} else {
		_, _ = c.Writer.Write(body)
	}
	c.Abort()
}

// fresh is the `fresh` package for If-None-Match (GET/HEAD only; no Cache-Control: no-cache).
func fresh(r *http.Request, etag string) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	inm := r.Header.Get("If-None-Match")
	if inm == "" || strings.Contains(r.Header.Get("Cache-Control"), "no-cache") {
		return false
	}
	if strings.TrimSpace(inm) == "*" {
		return true
	}
	for _, tag := range strings.Split(inm, ",") {
		tag = strings.TrimSpace(tag)
		if tag == etag || tag == "W/"+etag || "W/"+tag == etag {
			return true
		}
	}
	return false
}

// encodeURL is the `encodeurl` package: percent-encode what is not allowed in a URL, keep valid escapes.
func encodeURL(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(ch)
			continue
		}
		if ch > 0x20 && ch < 0x7f && !strings.ContainsRune(`"<>\^`+"`{|}", rune(ch)) && ch != '%' {
			b.WriteByte(ch)
			continue
		}
		b.WriteString("%" + strings.ToUpper(strconv.FormatInt(int64(ch), 16)))
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// negotiate picks the provided media type the Accept header prefers (the `negotiator` package's order:
// quality, then specificity, then position in the header, then the order given); "" when none is
// acceptable. An absent header accepts everything.
func negotiate(accept string, provided ...string) string {
	if strings.TrimSpace(accept) == "" {
		return provided[0]
	}
	type rank struct {
		q        float64
		s, o, i  int
		accepted bool
	}
	best, bestRank := "", rank{}
	ranges := strings.Split(accept, ",")
	for i, p := range provided {
		pt, ps, _ := strings.Cut(p, "/")
		r := rank{q: -1, s: -1, o: -1, i: i}
		for o, spec := range ranges {
			parts := strings.Split(strings.TrimSpace(spec), ";")
			t, sub, ok := strings.Cut(strings.TrimSpace(parts[0]), "/")
			if !ok {
				continue
			}
			q := 1.0
			for _, param := range parts[1:] {
				k, v, _ := strings.Cut(strings.TrimSpace(param), "=")
				if strings.EqualFold(k, "q") {
					if f, err := strconv.ParseFloat(v, 64); err == nil {
						q = f
					}
				}
			}
			s := 0
			switch {
			case strings.EqualFold(t, pt):
				s |= 4
			case t != "*":
				continue
			}
			switch {
			case strings.EqualFold(sub, ps):
				s |= 2
			case sub != "*":
				continue
			}
			if s > r.s || (s == r.s && q > r.q) {
				r.q, r.s, r.o = q, s, o
			}
		}
		r.accepted = r.q > 0
		if !r.accepted {
			continue
		}
		if best == "" || r.q > bestRank.q || (r.q == bestRank.q && (r.s > bestRank.s || (r.s == bestRank.s && r.o < bestRank.o))) {
			best, bestRank = p, r
		}
	}
	return best
}

func htmlEscape(s string) string { return html.EscapeString(s) }
