package net

import (
	"context"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/tlserr"
)

// conn is one socket's Go half. A reader goroutine delivers chunks only when the JS side pulls
// (backpressure); a writer goroutine sends writes in order and reports each one done.
type conn struct {
	inst *jsrt.Instance
	cb   callbacks

	mu        sync.Mutex
	c         net.Conn
	writes    chan writeReq
	pull      chan struct{}
	done      chan struct{}
	once      sync.Once
	upgrade   chan net.Conn // a STARTTLS upgrade in progress hands the reader its new conn
	upgrading atomic.Bool
}

type callbacks struct{ connect, data, end, fail, secure goja.Callable }

type writeReq struct {
	data []byte
	end  bool
	done goja.Callable
}

type dialOptions struct {
	host, port string
	useTLS     bool
	tlsConfig  *tls.Config
	timeout    time.Duration
}

func (c *conn) onLoop(fn func(rt *goja.Runtime)) bool { return c.inst.RunOnLoop(fn) }

func (c *conn) dial(o dialOptions) {
	host.Go(func() {
		d := net.Dialer{Timeout: o.timeout, KeepAlive: -1}
		if d.Timeout == 0 {
			d.Timeout = 2 * time.Minute
		}
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			select {
			case <-c.done:
				cancel()
			case <-ctx.Done():
			}
		}()
		raw, err := d.DialContext(ctx, "tcp", net.JoinHostPort(o.host, o.port))
		if err == nil && o.useTLS {
			tc := tls.Client(raw, o.tlsConfig)
			if err = tc.HandshakeContext(ctx); err == nil {
				raw = tc
			} else {
				_ = raw.Close()
			}
		}
		cancel()
		if err != nil {
			c.onLoop(func(rt *goja.Runtime) { _, _ = c.cb.fail(goja.Undefined(), netError(rt, err, o.host, o.port)) })
			return
		}
		c.mu.Lock()
		c.c = raw
		c.mu.Unlock()
		select {
		case <-c.done:
			_ = raw.Close()
			return
		default:
		}
		c.onLoop(func(rt *goja.Runtime) { _, _ = c.cb.connect(goja.Undefined(), addrInfo(rt, raw)) })
		host.Go(c.writer, c.crashed)
		c.reader()
	}, c.crashed)
}

// crashed reports a contained Go panic as a socket error and closes the socket.
func (c *conn) crashed(err error) {
	c.onLoop(func(rt *goja.Runtime) {
		e := rt.NewObject()
		e.Set("code", "ERR_INTERNAL_ASSERTION")
		e.Set("message", err.Error())
		_, _ = c.cb.fail(goja.Undefined(), e)
	})
	c.destroy()
}

func addrInfo(rt *goja.Runtime, c net.Conn) *goja.Object {
	o := rt.NewObject()
	if a, ok := c.RemoteAddr().(*net.TCPAddr); ok {
		o.Set("remoteAddress", a.IP.String())
		o.Set("remotePort", a.Port)
		o.Set("remoteFamily", family(a.IP))
	}
	if a, ok := c.LocalAddr().(*net.TCPAddr); ok {
		o.Set("localAddress", a.IP.String())
		o.Set("localPort", a.Port)
	}
	if tc, ok := c.(*tls.Conn); ok {
		st := tc.ConnectionState()
		o.Set("alpnProtocol", st.NegotiatedProtocol)
		o.Set("tlsVersion", tlsVersion(st.Version))
		o.Set("authorized", len(st.VerifiedChains) > 0)
		if len(st.PeerCertificates) > 0 {
			o.Set("peerCertificate", host.Value(rt, certInfo(st.PeerCertificates[0])))
		}
	}
	return o
}

func family(ip net.IP) string {
	if ip.To4() != nil {
		return "IPv4"
	}
	return "IPv6"
}

func tlsVersion(v uint16) string {
	switch v {
	case tls.VersionTLS13:
		return "TLSv1.3"
	case tls.VersionTLS12:
		return "TLSv1.2"
	}
	return "unknown"
}

func (c *conn) current() net.Conn {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.c
}

func (c *conn) reader() {
	buf := make([]byte, 64<<10)
	for {
		select {
		case <-c.pull:
		case <-c.done:
			return
		}
		var n int
		var err error
		if c.upgrading.Load() {
			err = os.ErrDeadlineExceeded
		} else {
			n, err = c.current().Read(buf)
		}
		if n > 0 {
			chunk := append([]byte(nil), buf[:n]...)
			if !c.onLoop(func(rt *goja.Runtime) { _, _ = c.cb.data(goja.Undefined(), rt.ToValue(rt.NewArrayBuffer(chunk))) }) {
				return
			}
		} else if err == nil {
			c.givePull()
		}
		if err != nil && errors.Is(err, os.ErrDeadlineExceeded) && n == 0 {
			// Interrupted for a STARTTLS upgrade: continue on the upgraded connection.
			select {
			case nc := <-c.upgrade:
				c.mu.Lock()
				c.c = nc
				c.mu.Unlock()
				c.givePull()
				continue
			case <-c.done:
				return
			}
		}
		if errors.Is(err, io.EOF) {
			c.onLoop(func(rt *goja.Runtime) { _, _ = c.cb.end(goja.Undefined()) })
			return
		}
		if err != nil {
			select {
			case <-c.done:
				return
			default:
			}
			c.onLoop(func(rt *goja.Runtime) { _, _ = c.cb.fail(goja.Undefined(), netError(rt, err, "", "")) })
			return
		}
	}
}

func (c *conn) givePull() {
	select {
	case c.pull <- struct{}{}:
	default:
	}
}

func (c *conn) writer() {
	for {
		select {
		case w := <-c.writes:
			var err error
			cn := c.current()
			if len(w.data) > 0 {
				_, err = cn.Write(w.data)
			}
			if w.end && err == nil {
				if cw, ok := cn.(interface{ CloseWrite() error }); ok {
					err = cw.CloseWrite()
				}
			}
			if w.done != nil {
				done := w.done
				c.onLoop(func(rt *goja.Runtime) {
					if err != nil {
						_, _ = done(goja.Undefined(), netError(rt, err, "", ""))
						return
					}
					_, _ = done(goja.Undefined())
				})
			}
		case <-c.done:
			return
		}
	}
}

func (c *conn) destroy() {
	c.once.Do(func() {
		close(c.done)
		if cn := c.current(); cn != nil {
			_ = cn.Close()
		}
	})
}

// startTLS upgrades a connected socket in place (STARTTLS): the reader is interrupted, the handshake
// runs, and reading resumes on the TLS connection.
func (c *conn) startTLS(cfg *tls.Config) {
	raw := c.current()
	c.upgrading.Store(true)
	host.Go(func() {
		_ = raw.SetReadDeadline(time.Now())
		tc := tls.Client(raw, cfg)
		err := tc.Handshake()
		_ = raw.SetReadDeadline(time.Time{})
		if err != nil {
			c.onLoop(func(rt *goja.Runtime) { _, _ = c.cb.fail(goja.Undefined(), netError(rt, err, "", "")) })
			return
		}
		c.upgrading.Store(false)
		c.upgrade <- tc
		c.onLoop(func(rt *goja.Runtime) { _, _ = c.cb.secure(goja.Undefined(), addrInfo(rt, tc)) })
	}, c.crashed)
}

func tlsConfig(rt *goja.Runtime, o *goja.Object, host string) *tls.Config {
	cfg := &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	if sn := o.Get("servername"); sn != nil && !goja.IsUndefined(sn) && sn.String() != "" {
		cfg.ServerName = sn.String()
	}
	if net.ParseIP(cfg.ServerName) != nil && (o.Get("servername") == nil || goja.IsUndefined(o.Get("servername"))) {
		// Node does not send SNI for IP addresses but still checks the certificate's IP SANs.
		cfg.ServerName = host
	}
	if r := o.Get("rejectUnauthorized"); r != nil && !goja.IsUndefined(r) && !r.ToBoolean() {
		cfg.InsecureSkipVerify = true //nolint:gosec // the extension asked for rejectUnauthorized: false
	}
	if ca := o.Get("ca"); ca != nil && !goja.IsUndefined(ca) && !goja.IsNull(ca) {
		pool := x509.NewCertPool()
		var pems []string
		if err := rt.ExportTo(ca, &pems); err != nil {
			pems = []string{ca.String()}
		}
		for _, p := range pems {
			pool.AppendCertsFromPEM([]byte(p))
		}
		cfg.RootCAs = pool
	}
	cert, key := o.Get("cert"), o.Get("key")
	if cert != nil && key != nil && !goja.IsUndefined(cert) && !goja.IsUndefined(key) {
		if pair, err := tls.X509KeyPair([]byte(cert.String()), []byte(key.String())); err == nil {
			cfg.Certificates = []tls.Certificate{pair}
		}
	}
	var alpn []string
	if a := o.Get("ALPNProtocols"); a != nil && !goja.IsUndefined(a) && rt.ExportTo(a, &alpn) == nil {
		cfg.NextProtos = alpn
	}
	return cfg
}

// netError is Node's error for a failed socket: ECONNREFUSED, ENOTFOUND, ECONNRESET, ETIMEDOUT, EPIPE.
func netError(rt *goja.Runtime, err error, host, port string) goja.Value {
	e := rt.NewObject()
	var dnsErr *net.DNSError
	var errno syscall.Errno
	var certErr *tls.CertificateVerificationError
	switch {
	case errors.As(err, &dnsErr):
		e.Set("code", "ENOTFOUND")
		e.Set("errno", -3008)
		e.Set("syscall", "getaddrinfo")
		e.Set("hostname", host)
		e.Set("message", "getaddrinfo ENOTFOUND "+host)
	case errors.As(err, &errno):
		name := map[syscall.Errno]string{syscall.ECONNREFUSED: "ECONNREFUSED", syscall.ECONNRESET: "ECONNRESET", syscall.EPIPE: "EPIPE",
			syscall.ETIMEDOUT: "ETIMEDOUT", syscall.EHOSTUNREACH: "EHOSTUNREACH", syscall.ENETUNREACH: "ENETUNREACH"}[errno]
		if name == "" {
			name = "EIO"
		}
		e.Set("code", name)
		e.Set("errno", -int(errno))
		if host != "" {
			p, _ := strconv.Atoi(port)
			e.Set("syscall", "connect")
			e.Set("address", host)
			e.Set("port", p)
			e.Set("message", "connect "+name+" "+net.JoinHostPort(host, port))
		} else {
			e.Set("syscall", "read")
			e.Set("message", "read "+name)
		}
	case errors.Is(err, os.ErrDeadlineExceeded):
		e.Set("code", "ETIMEDOUT")
		e.Set("syscall", "connect")
		e.Set("message", "connect ETIMEDOUT "+net.JoinHostPort(host, port))
	case errors.As(err, &certErr):
		code, msg, ok := tlserr.Describe(err)
		if !ok {
			code, msg = "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "unable to verify the first certificate"
		}
		e.Set("code", code)
		e.Set("message", msg)
	default:
		e.Set("code", "ECONNRESET")
		e.Set("message", err.Error())
	}
	return e
}

// certInfo is the part of Node's getPeerCertificate() object that Go's x509 gives directly.
func certInfo(c *x509.Certificate) host.Ordered {
	name := func(n pkix.Name) host.Ordered {
		o := host.Ordered{}
		add := func(k string, v []string) {
			if len(v) > 0 {
				o = append(o, host.KV{Key: k, Value: strings.Join(v, "\n")})
			}
		}
		add("C", n.Country)
		add("ST", n.Province)
		add("L", n.Locality)
		add("O", n.Organization)
		add("OU", n.OrganizationalUnit)
		if n.CommonName != "" {
			o = append(o, host.KV{Key: "CN", Value: n.CommonName})
		}
		return o
	}
	var sans []string
	for _, d := range c.DNSNames {
		sans = append(sans, "DNS:"+d)
	}
	for _, ip := range c.IPAddresses {
		sans = append(sans, "IP Address:"+ip.String())
	}
	sum := sha256.Sum256(c.Raw)
	hexColon := func(b []byte) string {
		parts := make([]string, len(b))
		for i, x := range b {
			parts[i] = fmt.Sprintf("%02X", x)
		}
		return strings.Join(parts, ":")
	}
	sha1sum := sha1.Sum(c.Raw) //nolint:gosec // Node reports the SHA-1 fingerprint too
	return host.Obj(
		"subject", name(c.Subject), "issuer", name(c.Issuer), "subjectaltname", strings.Join(sans, ", "),
		"valid_from", c.NotBefore.UTC().Format("Jan _2 15:04:05 2006 GMT"), "valid_to", c.NotAfter.UTC().Format("Jan _2 15:04:05 2006 GMT"),
		"serialNumber", strings.ToUpper(hex.EncodeToString(c.SerialNumber.Bytes())), "fingerprint", hexColon(sha1sum[:]), "fingerprint256", hexColon(sum[:]),
		"raw", c.Raw,
	)
}
