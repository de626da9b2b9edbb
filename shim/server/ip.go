package server

import (
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/dxhost/dxhost/services/env"
)

// trustFunc is Express's compiled `trust proxy` setting: whether the address at hop i is a trusted proxy.
type trustFunc func(addr netip.Addr, i int) bool

// compileTrust is Directus's getTrustValue (Express's compileTrust + proxy-addr): a boolean trusts all or
// none, a number trusts that many hops, a string or list names addresses, CIDR ranges, or the
// loopback / linklocal / uniquelocal groups.
func compileTrust(v any) trustFunc {
	switch x := v.(type) {
	case bool:
		return func(netip.Addr, int) bool { return x }
	case float64:
		return func(_ netip.Addr, i int) bool { return float64(i) < x }
	case nil:
		return func(netip.Addr, int) bool { return false }
	}
	var names []string
	switch x := v.(type) {
	case string:
		for _, s := range strings.Split(x, ",") {
			names = append(names, strings.TrimSpace(s))
		}
	case []any:
		for _, s := range x {
			names = append(names, strings.TrimSpace(env.ToJSString(s)))
		}
	}
	var prefixes []netip.Prefix
	for _, name := range names {
		for _, r := range expandTrustName(name) {
			if p, err := netip.ParsePrefix(r); err == nil {
				prefixes = append(prefixes, p.Masked())
			} else if a, err := netip.ParseAddr(r); err == nil {
				prefixes = append(prefixes, netip.PrefixFrom(a, a.BitLen()))
			}
		}
	}
	return func(addr netip.Addr, _ int) bool {
		for _, p := range prefixes {
			if p.Contains(addr) || (addr.Is4In6() && p.Contains(addr.Unmap())) {
				return true
			}
		}
		return false
	}
}

func expandTrustName(name string) []string {
	switch name {
	case "loopback":
		return []string{"127.0.0.1/8", "::1/128"}
	case "linklocal":
		return []string{"169.254.0.0/16", "fe80::/10"}
	case "uniquelocal":
		return []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"}
	}
	return []string{name}
}

// requestIP is Express's req.ip under a `trust proxy` setting (proxy-addr): walking from the socket
// address through X-Forwarded-For right to left, the first address that is not a trusted proxy.
func requestIP(r *http.Request, trust trustFunc) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	addrs := []string{host}
	if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
		parts := strings.Split(strings.Join(xff, ","), ",")
		for i := len(parts) - 1; i >= 0; i-- {
			if p := strings.TrimSpace(parts[i]); p != "" {
				addrs = append(addrs, p)
			}
		}
	}
	for i := 0; i < len(addrs)-1; i++ {
		a, _ := netip.ParseAddr(addrs[i]) // invalid: the zero Addr, which no address range trusts
		if !trust(a, i) {
			return addrs[i]
		}
	}
	return addrs[len(addrs)-1]
}

// clientIP is Directus's getIPFromReq: req.ip, replaced by IP_CUSTOM_HEADER's value when that is a valid
// IP address, with an IPv4-mapped "::ffff:" prefix removed; nil when unknown.
func clientIP(r *http.Request, customHeader string, trust trustFunc) any {
	ip := requestIP(r, trust)
	if customHeader != "" {
		name := strings.ToLower(customHeader)
		v := r.Header.Values(name)
		if name == "referer" || name == "referrer" {
			v = append(r.Header.Values("Referrer"), r.Header.Values("Referer")...)
		}
		if len(v) == 1 {
			if _, err := netip.ParseAddr(v[0]); err == nil {
				ip = v[0]
			}
		}
	}
	if ip == "" {
		return nil
	}
	return strings.TrimPrefix(ip, "::ffff:")
}

// TrustPeer is IP_TRUST_PROXY applied to the socket's peer address (Express's trust(addr, 0)): whether
// X-Forwarded-* headers from it are believed. The JS req object uses it for protocol, hostname and ips.
func TrustPeer(e *env.Env) func(remoteIP string) bool {
	trust := newIPConfig(e).trust
	return func(remoteIP string) bool {
		addr, err := netip.ParseAddr(remoteIP)
		if err != nil {
			return false
		}
		return trust(addr, 0)
	}
}

// ginTrustedProxies maps IP_TRUST_PROXY onto Gin's trusted proxies, which decide c.ClientIP() (the JS
// req.ip): false trusts no proxy (Express's default, and Directus's), true trusts every peer, a list
// names addresses, ranges or the loopback/linklocal/uniquelocal groups. A hop count has no Gin
// equivalent and trusts every peer.
func ginTrustedProxies(e *env.Env) (proxies []string, trustAll bool) {
	v, _ := e.Get("IP_TRUST_PROXY")
	switch x := v.(type) {
	case nil, bool:
		return nil, x == true
	case float64:
		return nil, x > 0
	}
	var names []string
	switch x := v.(type) {
	case string:
		names = strings.Split(x, ",")
	case []any:
		for _, s := range x {
			names = append(names, env.ToJSString(s))
		}
	}
	for _, name := range names {
		proxies = append(proxies, expandTrustName(strings.TrimSpace(name))...)
	}
	return proxies, false
}
