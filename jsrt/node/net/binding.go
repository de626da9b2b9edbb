package net

import (
	"encoding/pem"
	"errors"
	"net"
	"os"
	"strconv"
	"time"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt/node/internal/host"
)

// binding is the Go half of net.gen.js: connect(options, callbacks) dials (TCP, or TLS when
// options.tls) and returns the socket's handle {write, end, pull, destroy, startTLS, setNoDelay, setKeepAlive}.
func binding(rt *goja.Runtime) *goja.Object {
	b := rt.NewObject()
	b.Set("rootCertificates", rootCertificates)
	b.Set("connect", func(opts, cbs *goja.Object) *goja.Object {
		inst := host.Instance(rt)
		if inst == nil {
			panic(rt.NewGoError(errors.New("net needs a jsrt instance")))
		}
		fn := func(name string) goja.Callable {
			f, _ := goja.AssertFunction(cbs.Get(name))
			return f
		}
		c := &conn{
			inst:    inst,
			cb:      callbacks{connect: fn("connect"), data: fn("data"), end: fn("end"), fail: fn("error"), secure: fn("secure")},
			writes:  make(chan writeReq, 1024),
			pull:    make(chan struct{}, 1),
			done:    make(chan struct{}),
			upgrade: make(chan net.Conn, 1),
		}
		go func() {
			// An instance that goes away takes its sockets with it.
			select {
			case <-inst.Done():
				c.destroy()
			case <-c.done:
			}
		}()
		hostName := opts.Get("host").String()
		o := dialOptions{host: hostName, port: strconv.Itoa(int(opts.Get("port").ToInteger())), useTLS: opts.Get("tls").ToBoolean()}
		if t := opts.Get("timeout"); t != nil && !goja.IsUndefined(t) {
			o.timeout = time.Duration(t.ToInteger()) * time.Millisecond
		}
		if o.useTLS {
			o.tlsConfig = tlsConfig(rt, opts, hostName)
		}
		c.dial(o)

		h := rt.NewObject()
		h.Set("write", func(ab goja.ArrayBuffer, done goja.Value) {
			cb, _ := goja.AssertFunction(done)
			c.writes <- writeReq{data: append([]byte(nil), ab.Bytes()...), done: cb}
		})
		h.Set("end", func(done goja.Value) {
			cb, _ := goja.AssertFunction(done)
			c.writes <- writeReq{end: true, done: cb}
		})
		h.Set("pull", func() { c.givePull() })
		h.Set("destroy", func() { c.destroy() })
		h.Set("startTLS", func(o *goja.Object) { c.startTLS(tlsConfig(rt, o, o.Get("host").String())) })
		h.Set("setNoDelay", func(on bool) {
			if tc, ok := c.current().(*net.TCPConn); ok {
				_ = tc.SetNoDelay(on)
			}
		})
		h.Set("setKeepAlive", func(on bool, ms int64) {
			if tc, ok := c.current().(*net.TCPConn); ok {
				_ = tc.SetKeepAlive(on)
				if on && ms > 0 {
					_ = tc.SetKeepAlivePeriod(time.Duration(ms) * time.Millisecond)
				}
			}
		})
		return h
	})
	return b
}

// rootCertificates are the host's trusted CA certificates as PEM strings (tls.rootCertificates; Go
// verifies against the same system store).
func rootCertificates() []string {
	for _, path := range []string{"/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"} {
		data, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		var out []string
		for {
			var block *pem.Block
			block, data = pem.Decode(data)
			if block == nil {
				break
			}
			if block.Type == "CERTIFICATE" {
				out = append(out, string(pem.EncodeToMemory(block)))
			}
		}
		return out
	}
	return []string{}
}
