package server

import (
	"net"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/shim/exchange"
)

// authentication is step 18: req.accountability from the Authenticator.
func authentication(authenticate Authenticator) gin.HandlerFunc {
	return func(c *gin.Context) {
		ex := exchange.Get(c)
		acc, err := authenticate(c, ex)
		if err != nil {
			fail(c, err)
			return
		}
		ex.Accountability = acc
	}
}

// Anonymous is the Authenticator used until token verification exists: every request gets the
// accountability Directus gives a request without a token (spec 02 §3). Tokens are extracted but not
// verified.
func Anonymous(ipHeader string, trustProxy bool) Authenticator {
	return func(c *gin.Context, _ *exchange.Request) (map[string]any, error) {
		return AnonymousAccountability(c, ipHeader, trustProxy), nil
	}
}

// AnonymousAccountability is { role: null, user: null, roles: [], admin: false, app: false, ip,
// userAgent?, origin? } for this request.
func AnonymousAccountability(c *gin.Context, ipHeader string, trustProxy bool) map[string]any {
	acc := map[string]any{
		"role":  nil,
		"user":  nil,
		"roles": []any{},
		"admin": false,
		"app":   false,
		"ip":    ClientIP(c, ipHeader, trustProxy),
	}
	if ua, ok := c.Request.Header["User-Agent"]; ok && len(ua) > 0 {
		s := ua[0]
		if r := []rune(s); len(r) > 1024 {
			s = string(r[:1024])
		}
		acc["userAgent"] = s
	}
	if origin, ok := c.Request.Header["Origin"]; ok && len(origin) > 0 {
		acc["origin"] = origin[0]
	}
	return acc
}

// ClientIP is Directus's getIPFromReq: IP_CUSTOM_HEADER when set and present, else Express's req.ip
// (the left-most X-Forwarded-For address when IP_TRUST_PROXY is true, else the socket address), with
// an IPv4-mapped "::ffff:" prefix removed; nil when unknown.
func ClientIP(c *gin.Context, ipHeader string, trustProxy bool) any {
	ip := ""
	if ipHeader != "" {
		if v := c.Request.Header.Get(ipHeader); v != "" {
			ip = strings.TrimSpace(strings.Split(v, ",")[0])
		}
	}
	if ip == "" && trustProxy {
		if v := c.Request.Header.Get("X-Forwarded-For"); v != "" {
			ip = strings.TrimSpace(strings.Split(v, ",")[0])
		}
	}
	if ip == "" {
		host, _, err := net.SplitHostPort(c.Request.RemoteAddr)
		if err != nil {
			host = c.Request.RemoteAddr
		}
		ip = host
	}
	if ip == "" {
		return nil
	}
	return strings.TrimPrefix(ip, "::ffff:")
}
