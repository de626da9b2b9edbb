package servicesjs

import (
	"context"
	"fmt"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/services/items"
)

// call is one service method, its arguments already exported from JS (on the loop), ready to run
// on a goroutine.
type call func(ctx context.Context, svc *items.Service) (any, error)

// run is native.run(service, method, ...args): it reads the service's collection, schema,
// accountability and knex on the loop, then runs the method on a goroutine and returns a Promise.
func (b *Binding) run(fc goja.FunctionCall) goja.Value {
	p, resolve, reject := b.inst.NewPromise()
	svc, do, err := b.prepare(fc)
	if err != nil {
		reject(b.errorBuilder(err))
		return b.rt.ToValue(p)
	}
	b.inst.Go(func() func(*goja.Runtime) {
		result, err := do(context.Background(), svc)
		if err != nil {
			reject(b.errorBuilder(err))
			return nil
		}
		resolve(func(rt *goja.Runtime) goja.Value { return toJS(rt, result) })
		return nil
	})
	return b.rt.ToValue(p)
}

func (b *Binding) prepare(fc goja.FunctionCall) (*items.Service, call, error) {
	this, ok := fc.Argument(0).(*goja.Object)
	if !ok {
		return nil, nil, typeError("service method called on a non-object")
	}
	method := fc.Argument(1).String()
	args := fc.Arguments[2:]
	arg := func(i int) goja.Value {
		if i < len(args) {
			return args[i]
		}
		return goja.Undefined()
	}
	overview, err := b.overviewOf(this.Get("schema"))
	if err != nil {
		return nil, nil, err
	}
	collection := ""
	if v := this.Get("collection"); v != nil && !goja.IsUndefined(v) && !goja.IsNull(v) {
		collection = v.String()
	}
	var accountability map[string]any
	if m, ok := fromJS(this.Get("accountability")).(map[string]any); ok {
		accountability = m
	}
	if method == "filterCount" { // MetaService: the collection is an argument
		collection = arg(0).String()
	}
	svc := items.New(collection, items.Options{
		Schema:            overview,
		DB:                b.deps.DB,
		Tx:                b.txOf(this.Get("knex")),
		Accountability:    accountability,
		Emitter:           b.deps.Emitter,
		Authorizer:        b.deps.Authorizer,
		Logger:            b.deps.Logger,
		QueryLimitDefault: b.deps.QueryLimitDefault,
		MaxBatchMutation:  b.deps.MaxBatchMutation,
		Hash:              b.deps.Hash,
	})
	do, err := b.method(method, arg)
	return svc, do, err
}

// method exports the arguments of one ItemsService/MetaService method and returns its Go call.
func (b *Binding) method(name string, arg func(int) goja.Value) (call, error) {
	switch name {
	case "readByQuery":
		q, err := queryArg(arg(0))
		ro := readOptions(arg(1))
		return func(ctx context.Context, s *items.Service) (any, error) { return s.ReadByQuery(ctx, q, ro) }, err
	case "readOne":
		key := fromJS(arg(0))
		q, err := queryArg(arg(1))
		ro := readOptions(arg(2))
		return func(ctx context.Context, s *items.Service) (any, error) { return s.ReadOne(ctx, key, q, ro) }, err
	case "readMany":
		keys, err := listArg(arg(0), "keys")
		if err != nil {
			return nil, err
		}
		q, err := queryArg(arg(1))
		ro := readOptions(arg(2))
		return func(ctx context.Context, s *items.Service) (any, error) { return s.ReadMany(ctx, keys, q, ro) }, err
	case "readSingleton":
		q, err := queryArg(arg(0))
		ro := readOptions(arg(1))
		return func(ctx context.Context, s *items.Service) (any, error) { return s.ReadSingleton(ctx, q, ro) }, err
	case "getKeysByQuery":
		q, err := queryArg(arg(0))
		return func(ctx context.Context, s *items.Service) (any, error) { return s.GetKeysByQuery(ctx, q) }, err
	case "filterCount":
		q, err := queryArg(arg(1))
		return func(ctx context.Context, s *items.Service) (any, error) {
			meta, err := s.Meta(ctx, q, []string{"filter_count"})
			if err != nil {
				return nil, err
			}
			n, _ := meta.Get("filter_count")
			return n, nil
		}, err
	case "createOne":
		data, err := payloadArg(arg(0), "data")
		mo := b.mutationOptions(arg(1))
		return func(ctx context.Context, s *items.Service) (any, error) { return s.CreateOne(ctx, data, mo) }, err
	case "createMany":
		data, err := payloadListArg(arg(0), "data")
		mo := b.mutationOptions(arg(1))
		return func(ctx context.Context, s *items.Service) (any, error) { return s.CreateMany(ctx, data, mo) }, err
	case "updateOne":
		key := fromJS(arg(0))
		data, err := payloadArg(arg(1), "data")
		mo := b.mutationOptions(arg(2))
		return func(ctx context.Context, s *items.Service) (any, error) { return s.UpdateOne(ctx, key, data, mo) }, err
	case "updateMany":
		keys, err := listArg(arg(0), "keys")
		if err != nil {
			return nil, err
		}
		data, err := payloadArg(arg(1), "data")
		mo := b.mutationOptions(arg(2))
		return func(ctx context.Context, s *items.Service) (any, error) { return s.UpdateMany(ctx, keys, data, mo) }, err
	case "updateBatch":
		data, err := payloadListArg(arg(0), "data")
		mo := b.mutationOptions(arg(1))
		return func(ctx context.Context, s *items.Service) (any, error) { return s.UpdateBatch(ctx, data, mo) }, err
	case "updateByQuery":
		q, err := queryArg(arg(0))
		if err != nil {
			return nil, err
		}
		data, err := payloadArg(arg(1), "data")
		mo := b.mutationOptions(arg(2))
		return func(ctx context.Context, s *items.Service) (any, error) { return s.UpdateByQuery(ctx, q, data, mo) }, err
	case "upsertOne":
		data, err := payloadArg(arg(0), "payload")
		mo := b.mutationOptions(arg(1))
		return func(ctx context.Context, s *items.Service) (any, error) { return s.UpsertOne(ctx, data, mo) }, err
	case "upsertMany":
		data, err := payloadListArg(arg(0), "payloads")
		mo := b.mutationOptions(arg(1))
		return func(ctx context.Context, s *items.Service) (any, error) { return s.UpsertMany(ctx, data, mo) }, err
	case "upsertSingleton":
		data, err := payloadArg(arg(0), "data")
		mo := b.mutationOptions(arg(1))
		return func(ctx context.Context, s *items.Service) (any, error) { return s.UpsertSingleton(ctx, data, mo) }, err
	case "deleteOne":
		key := fromJS(arg(0))
		mo := b.mutationOptions(arg(1))
		return func(ctx context.Context, s *items.Service) (any, error) { return s.DeleteOne(ctx, key, mo) }, nil
	case "deleteMany":
		keys, err := listArg(arg(0), "keys")
		mo := b.mutationOptions(arg(1))
		return func(ctx context.Context, s *items.Service) (any, error) { return s.DeleteMany(ctx, keys, mo) }, err
	case "deleteByQuery":
		q, err := queryArg(arg(0))
		mo := b.mutationOptions(arg(1))
		return func(ctx context.Context, s *items.Service) (any, error) { return s.DeleteByQuery(ctx, q, mo) }, err
	}
	return nil, fmt.Errorf("%s is not supported by dxhost yet", name)
}

func queryArg(v goja.Value) (*items.Query, error) {
	m, _ := fromJS(v).(map[string]any)
	return items.QueryFromMap(m)
}

func objectArg(v goja.Value, what string) (map[string]any, error) {
	m, ok := fromJS(v).(map[string]any)
	if !ok {
		return nil, typeError(fmt.Sprintf("%s must be an object", what))
	}
	return m, nil
}

// payloadArg is objectArg for an item payload: nested objects keep their JS key order (*items.Item).
func payloadArg(v goja.Value, what string) (map[string]any, error) {
	m, ok := payloadFromJS(v).(map[string]any)
	if !ok {
		return nil, typeError(fmt.Sprintf("%s must be an object", what))
	}
	return m, nil
}

// payloadListArg is objectListArg for item payloads (objects inside keep their key order).
func payloadListArg(v goja.Value, what string) ([]map[string]any, error) {
	return objectList(payloadFromJS(v), what)
}

func listArg(v goja.Value, what string) ([]any, error) {
	list, ok := fromJS(v).([]any)
	if !ok {
		return nil, typeError(fmt.Sprintf("%s must be an array", what))
	}
	return list, nil
}

func objectListArg(v goja.Value, what string) ([]map[string]any, error) {
	return objectList(fromJS(v), what)
}

// objectList checks that v, an argument exported from JS, is an array of plain objects.
func objectList(v any, what string) ([]map[string]any, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, typeError(fmt.Sprintf("%s must be an array", what))
	}
	out := make([]map[string]any, len(list))
	for i, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return nil, typeError(fmt.Sprintf("%s[%d] must be an object", what, i))
		}
		out[i] = m
	}
	return out, nil
}

// readOptions reads QueryOptions: stripNonRequested and emitEvents.
func readOptions(v goja.Value) items.ReadOptions {
	obj, ok := v.(*goja.Object)
	if !ok {
		return items.ReadOptions{}
	}
	return items.ReadOptions{
		KeepHelpers: isFalse(obj.Get("stripNonRequested")),
		NoEvents:    isFalse(obj.Get("emitEvents")),
	}
}

// mutationOptions reads the MutationOptions dxhost honours (spec 10 §4).
func (b *Binding) mutationOptions(v goja.Value) items.MutationOptions {
	obj, ok := v.(*goja.Object)
	if !ok {
		return items.MutationOptions{}
	}
	mo := items.MutationOptions{
		NoEvents:     isFalse(obj.Get("emitEvents")),
		SkipTracking: truthy(obj.Get("skipTracking")),
	}
	if pre := obj.Get("preMutationError"); truthy(pre) {
		mo.PreMutationError = &thrownJS{value: pre}
	}
	return mo
}

// isFalse is `value === false`.
func isFalse(v goja.Value) bool {
	if v == nil {
		return false
	}
	b, ok := v.Export().(bool)
	return ok && !b
}

func truthy(v goja.Value) bool { return v != nil && v.ToBoolean() }
