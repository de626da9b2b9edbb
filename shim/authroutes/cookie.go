package authroutes

import (
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/auth"
)

// setCookie is Express 4.22's res.cookie(name, value, opts) with the `cookie` 0.7 serializer:
// maxAge (ms) becomes Max-Age (seconds, floored) and Expires; the value is encodeURIComponent'd.
func setCookie(c *gin.Context, opts auth.Cookie, value string, now time.Time) {
	c.Writer.Header().Add("Set-Cookie", serializeCookie(opts, value, now, nil))
}

// clearCookie is res.clearCookie(name, opts): Express 4 merges {expires: new Date(1), path: "/"}
// UNDER the options, so Directus's maxAge wins — the cleared cookie is an empty value that lives
// for the TTL (recorded from Directus 12.4.1).
func clearCookie(c *gin.Context, opts auth.Cookie) {
	epoch := time.UnixMilli(1)
	c.Writer.Header().Add("Set-Cookie", serializeCookie(opts, "", time.Now(), &epoch))
}

func serializeCookie(opts auth.Cookie, value string, now time.Time, expires *time.Time) string {
	var b strings.Builder
	b.WriteString(opts.Name)
	b.WriteByte('=')
	b.WriteString(encodeURIComponent(value))
	if !math.IsNaN(opts.MaxAge) {
		t := now.Add(time.Duration(opts.MaxAge * float64(time.Millisecond)))
		expires = &t
		b.WriteString("; Max-Age=")
		b.WriteString(strconv.FormatInt(int64(math.Floor(opts.MaxAge/1000)), 10))
	}
	if opts.Domain != "" {
		b.WriteString("; Domain=")
		b.WriteString(opts.Domain)
	}
	b.WriteString("; Path=/")
	if expires != nil {
		b.WriteString("; Expires=")
		b.WriteString(expires.UTC().Format(http.TimeFormat))
	}
	b.WriteString("; HttpOnly")
	if opts.Secure {
		b.WriteString("; Secure")
	}
	switch opts.SameSite {
	case http.SameSiteLaxMode:
		b.WriteString("; SameSite=Lax")
	case http.SameSiteNoneMode:
		b.WriteString("; SameSite=None")
	default:
		b.WriteString("; SameSite=Strict")
	}
	return b.String()
}

// encodeURIComponent as JavaScript: unreserved marks !'()* are kept.
func encodeURIComponent(s string) string {
	e := url.QueryEscape(s)
	e = strings.ReplaceAll(e, "+", "%20")
	for _, r := range []string{"!", "'", "(", ")", "*"} {
		e = strings.ReplaceAll(e, url.QueryEscape(r), r)
	}
	return e
}
