package servicesjs

import (
	"context"
	"fmt"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/shim/rest"
)

// serverInfo is ServerService.serverInfo() for the service object this: what GET /server/info
// answers (shim/rest) for the service's accountability and schema, as a Promise.
func (b *Binding) serverInfo(call goja.FunctionCall) goja.Value {
	if b.deps.Env == nil {
		panic(b.rt.NewGoError(fmt.Errorf("ServerService.serverInfo is not supported by dxhost yet")))
	}
	this, _ := call.Argument(0).(*goja.Object)
	if this == nil {
		panic(b.rt.NewTypeError("ServerService: no service object"))
	}
	acc, _ := fromJS(this.Get("accountability")).(map[string]any)
	o, err := b.overviewOf(this.Get("schema"))
	if err != nil {
		panic(b.rt.NewTypeError(err.Error()))
	}
	return b.settleJSON(func(ctx context.Context) ([]byte, error) { return b.server().Info(ctx, o, acc) })
}

// serverHealth is ServerService.health() for the service object this.
func (b *Binding) serverHealth(call goja.FunctionCall) goja.Value {
	if b.deps.Env == nil {
		panic(b.rt.NewGoError(fmt.Errorf("ServerService.health is not supported by dxhost yet")))
	}
	this, _ := call.Argument(0).(*goja.Object)
	if this == nil {
		panic(b.rt.NewTypeError("ServerService: no service object"))
	}
	acc, _ := fromJS(this.Get("accountability")).(map[string]any)
	return b.settleJSON(func(ctx context.Context) ([]byte, error) { return b.server().Health(ctx, acc) })
}

// server is this instance's ServerService (one health cache per instance).
func (b *Binding) server() *rest.Server {
	b.serverOnce.Do(func() {
		b.serverSvc = rest.NewServer(rest.Deps{DB: b.deps.DB, Schema: b.deps.Schema, Env: b.deps.Env, Logger: b.deps.Logger})
	})
	return b.serverSvc
}

// settleJSON runs work off the loop and settles a Promise with JSON.parse of its answer.
func (b *Binding) settleJSON(work func(context.Context) ([]byte, error)) goja.Value {
	p, resolve, reject := b.inst.NewPromise()
	b.inst.Go(func() func(*goja.Runtime) {
		raw, err := work(context.Background())
		if err != nil {
			reject(b.errorBuilder(err))
			return nil
		}
		resolve(func(rt *goja.Runtime) goja.Value {
			parse, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("parse"))
			v, err := parse(goja.Undefined(), rt.ToValue(string(raw)))
			if err != nil {
				return goja.Undefined()
			}
			return v
		})
		return nil
	})
	return b.rt.ToValue(p)
}
