package http

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt/node/internal/host"
)

// binding is the Go half of http.gen.js: request(options, callbacks) starts a ClientRequest and
// returns its handle {write, end, pull, abort}.
func binding(rt *goja.Runtime) *goja.Object {
	b := rt.NewObject()
	b.Set("request", func(opts *goja.Object, cbs *goja.Object) *goja.Object {
		o, err := newOutgoing(rt, opts, cbs)
		if err != nil {
			panic(rt.NewTypeError(err.Error()))
		}
		h := rt.NewObject()
		h.Set("write", func(ab goja.ArrayBuffer) { o.write(ab.Bytes()) })
		h.Set("end", func() { o.end() })
		h.Set("pull", func() {
			select {
			case o.pull <- struct{}{}:
			default:
			}
		})
		h.Set("abort", func() { o.abort() })
		return h
	})
	return b
}

func newOutgoing(rt *goja.Runtime, opts, cbs *goja.Object) (*outgoing, error) {
	inst := host.Instance(rt)
	if inst == nil {
		return nil, errors.New("http needs a jsrt instance")
	}
	fn := func(name string) goja.Callable {
		f, _ := goja.AssertFunction(cbs.Get(name))
		return f
	}
	cb := callbacks{response: fn("response"), data: fn("data"), end: fn("end"), fail: fn("error")}
	if cb.response == nil || cb.data == nil || cb.end == nil || cb.fail == nil {
		return nil, errors.New("http: incomplete callbacks")
	}
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, opts.Get("method").String(), opts.Get("url").String(), nil)
	if err != nil {
		cancel()
		return nil, err
	}
	var pairs [][]string
	_ = rt.ExportTo(opts.Get("headers"), &pairs)
	for _, kv := range pairs {
		if len(kv) != 2 {
			continue
		}
		switch strings.ToLower(kv[0]) {
		case "host":
			req.Host = kv[1]
		case "content-length":
			var n int64
			for _, c := range kv[1] {
				if c >= '0' && c <= '9' {
					n = n*10 + int64(c-'0')
				}
			}
			req.ContentLength = n
		case "transfer-encoding":
			if strings.EqualFold(strings.TrimSpace(kv[1]), "chunked") {
				req.TransferEncoding = []string{"chunked"}
				req.ContentLength = -1
			}
		default:
			req.Header.Add(kv[0], kv[1])
		}
	}
	if _, ok := req.Header["User-Agent"]; !ok {
		// Node sends no User-Agent of its own; keep Go from adding one.
		req.Header.Set("User-Agent", "")
	}
	// Read field by field: the runtime's field name mapper is not ours to rely on.
	var to tlsOptions
	if t, ok := opts.Get("tls").(*goja.Object); ok {
		if err := rt.ExportTo(t.Get("CA"), &to.CA); err != nil {
			cancel()
			return nil, fmt.Errorf("tls options: ca: %w", err)
		}
		to.Cert, to.Key, to.ServerName = t.Get("Cert").String(), t.Get("Key").String(), t.Get("ServerName").String()
		to.Insecure = t.Get("Insecure").ToBoolean()
	}
	tr, err := transport(to)
	if err != nil {
		cancel()
		return nil, err
	}
	client := &http.Client{
		Transport:     tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return &outgoing{
		inst: inst, req: req, client: client, cancel: cancel, cb: cb,
		pull: make(chan struct{}, 1), done: make(chan struct{}),
	}, nil
}
