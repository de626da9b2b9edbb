package http

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/jsrt/node/internal/tlserr"
)

// tlsOptions are the TLS settings of a request (Node's ca, cert, key, servername, rejectUnauthorized).
type tlsOptions struct {
	CA         []string
	Cert, Key  string
	ServerName string
	Insecure   bool
}

// transports are shared process-wide (connection pooling is what Node's agents do), one per
// distinct TLS setting.
var transports = struct {
	sync.Mutex
	byKey map[string]*http.Transport
}{byKey: map[string]*http.Transport{}}

func transport(o tlsOptions) (*http.Transport, error) {
	key := fmt.Sprintf("%q|%q|%q|%q|%v", o.CA, o.Cert, o.Key, o.ServerName, o.Insecure)
	transports.Lock()
	defer transports.Unlock()
	if t, ok := transports.byKey[key]; ok {
		return t, nil
	}
	cfg := &tls.Config{ServerName: o.ServerName, InsecureSkipVerify: o.Insecure} //nolint:gosec // rejectUnauthorized: false is the extension's choice
	if len(o.CA) > 0 {
		pool := x509.NewCertPool()
		for _, pemText := range o.CA {
			if !pool.AppendCertsFromPEM([]byte(pemText)) {
				return nil, errors.New("ca: no certificate found in the PEM given")
			}
		}
		cfg.RootCAs = pool
	}
	if o.Cert != "" && o.Key != "" {
		pair, err := tls.X509KeyPair([]byte(o.Cert), []byte(o.Key))
		if err != nil {
			return nil, fmt.Errorf("cert/key: %w", err)
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	t := &http.Transport{
		Proxy:               nil, // Node's http ignores HTTP(S)_PROXY
		DialContext:         (&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConnsPerHost: 16,
		IdleConnTimeout:     60 * time.Second,
		DisableCompression:  true, // Node hands the body over as sent; decoding is the caller's
		TLSClientConfig:     cfg,
	}
	transports.byKey[key] = t
	return t, nil
}

// outgoing is one ClientRequest's Go half. The body is buffered until end() unless it grows past
// streamThreshold, after which it streams through a pipe (chunked, or the Content-Length given).
type outgoing struct {
	inst    *jsrt.Instance
	req     *http.Request
	client  *http.Client
	cancel  context.CancelFunc
	cb      callbacks
	body    bytes.Buffer
	pipeW   *io.PipeWriter
	started bool
	pull    chan struct{}
	done    chan struct{}
	once    sync.Once
}

type callbacks struct {
	response, data, end, fail goja.Callable
}

const streamThreshold = 256 << 10

func (o *outgoing) write(p []byte) {
	if o.pipeW != nil {
		// The pipe blocks until the transport reads: write from a goroutine, in order.
		data := append([]byte(nil), p...)
		w := o.pipeW
		o.inst.Go(func() func(*goja.Runtime) {
			_, _ = w.Write(data)
			return nil
		})
		return
	}
	o.body.Write(p)
	if o.body.Len() > streamThreshold && !o.started {
		pr, pw := io.Pipe()
		o.pipeW = pw
		buffered := append([]byte(nil), o.body.Bytes()...)
		o.body.Reset()
		o.req.Body = pr
		if o.req.ContentLength <= 0 {
			o.req.ContentLength = -1
		}
		o.start()
		o.inst.Go(func() func(*goja.Runtime) {
			_, _ = pw.Write(buffered)
			return nil
		})
	}
}

func (o *outgoing) end() {
	if o.pipeW != nil {
		w := o.pipeW
		o.inst.Go(func() func(*goja.Runtime) {
			_ = w.Close()
			return nil
		})
		return
	}
	if o.started {
		return
	}
	if o.body.Len() > 0 || o.req.ContentLength != 0 {
		o.req.Body = io.NopCloser(bytes.NewReader(o.body.Bytes()))
		if o.req.ContentLength >= 0 {
			o.req.ContentLength = int64(o.body.Len())
		}
	}
	o.start()
}

func (o *outgoing) start() {
	o.started = true
	o.inst.Go(func() func(*goja.Runtime) {
		resp, err := o.client.Do(o.req)
		if err != nil {
			return func(rt *goja.Runtime) { _, _ = o.cb.fail(goja.Undefined(), netError(rt, err, o.req.URL)) }
		}
		head := func(rt *goja.Runtime) {
			info := rt.NewObject()
			info.Set("statusCode", resp.StatusCode)
			info.Set("statusMessage", strings.TrimSpace(strings.TrimPrefix(resp.Status, strconv.Itoa(resp.StatusCode))))
			info.Set("httpVersionMajor", resp.ProtoMajor)
			info.Set("httpVersionMinor", resp.ProtoMinor)
			raw := make([]any, 0, len(resp.Header)*2)
			for name, values := range resp.Header {
				for _, v := range values {
					raw = append(raw, name, v)
				}
			}
			info.Set("rawHeaders", raw)
			_, _ = o.cb.response(goja.Undefined(), info)
		}
		// Body chunks follow, one per pull from the IncomingMessage's _read (backpressure).
		o.inst.Go(func() func(*goja.Runtime) {
			defer resp.Body.Close()
			buf := make([]byte, 64<<10)
			for {
				select {
				case <-o.pull:
				case <-o.done:
					return nil
				case <-o.inst.Done():
					// The instance went away with this body unread.
					o.abort()
					return nil
				}
				n, err := resp.Body.Read(buf)
				chunk := append([]byte(nil), buf[:n]...)
				if n > 0 {
					if !o.inst.RunOnLoop(func(rt *goja.Runtime) {
						_, _ = o.cb.data(goja.Undefined(), rt.ToValue(rt.NewArrayBuffer(chunk)))
					}) {
						return nil
					}
				}
				if errors.Is(err, io.EOF) {
					return func(rt *goja.Runtime) { _, _ = o.cb.end(goja.Undefined()) }
				}
				if err != nil {
					return func(rt *goja.Runtime) { _, _ = o.cb.fail(goja.Undefined(), netError(rt, err, o.req.URL)) }
				}
				if n == 0 {
					// Nothing read but no error: give the token back and try again.
					go func() { o.pull <- struct{}{} }()
				}
			}
		})
		return head
	})
}

func (o *outgoing) abort() {
	o.once.Do(func() {
		close(o.done)
		o.cancel()
		if o.pipeW != nil {
			_ = o.pipeW.CloseWithError(errors.New("request aborted"))
		}
	})
}

// netError is the Node error for a failed request: ECONNREFUSED, ENOTFOUND, ECONNRESET, ETIMEDOUT...
func netError(rt *goja.Runtime, err error, u *url.URL) goja.Value {
	host, port := u.Hostname(), u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	e := rt.NewObject()
	var dnsErr *net.DNSError
	var errno syscall.Errno
	switch {
	case errors.Is(err, context.Canceled):
		e.Set("code", "ECONNRESET")
		e.Set("message", "socket hang up")
	case errors.As(err, &dnsErr):
		e.Set("code", "ENOTFOUND")
		e.Set("errno", -3008)
		e.Set("syscall", "getaddrinfo")
		e.Set("hostname", host)
		e.Set("message", "getaddrinfo ENOTFOUND "+host)
	case errors.As(err, &errno) && errno == syscall.ECONNREFUSED:
		e.Set("code", "ECONNREFUSED")
		e.Set("errno", -int(errno))
		e.Set("syscall", "connect")
		e.Set("address", host)
		e.Set("port", port)
		e.Set("message", "connect ECONNREFUSED "+net.JoinHostPort(host, port))
	case errors.As(err, &errno) && errno == syscall.ECONNRESET, errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		e.Set("code", "ECONNRESET")
		e.Set("message", "socket hang up")
	case errors.Is(err, os.ErrDeadlineExceeded):
		e.Set("code", "ETIMEDOUT")
		e.Set("syscall", "connect")
		e.Set("message", "connect ETIMEDOUT "+net.JoinHostPort(host, port))
	default:
		if code, msg, ok := tlserr.Describe(err); ok {
			e.Set("code", code)
			e.Set("message", msg)
			break
		}
		e.Set("code", "ECONNRESET")
		e.Set("message", err.Error())
	}
	return e
}
