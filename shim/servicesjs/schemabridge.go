package servicesjs

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/services/schemasvc"
)

// schemaCall is one CollectionsService / FieldsService / RelationsService method with its
// arguments exported on the loop.
type schemaCall func(ctx context.Context, opts schemasvc.Options) (any, error)

// schemaRun is native.schemaRun(service, className, method, ...args): like run, over services/schemasvc.
// Results cross as JSON (their Go types write Directus's key order) and are parsed on the loop.
func (b *Binding) schemaRun(fc goja.FunctionCall) goja.Value {
	p, resolve, reject := b.inst.NewPromise()
	opts, do, err := b.prepareSchema(fc)
	if err != nil {
		reject(b.errorBuilder(err))
		return b.rt.ToValue(p)
	}
	b.inst.Go(func() func(*goja.Runtime) {
		result, err := do(context.Background(), opts)
		if err != nil {
			reject(b.errorBuilder(err))
			return nil
		}
		raw, err := json.Marshal(result)
		if err != nil {
			reject(b.errorBuilder(fmt.Errorf("servicesjs: encoding the result: %w", err)))
			return nil
		}
		resolve(func(rt *goja.Runtime) goja.Value { return parseJSON(rt, raw, result == nil) })
		return nil
	})
	return b.rt.ToValue(p)
}

// parseJSON is JSON.parse(raw); undefined when the method returns nothing (void in Directus).
func parseJSON(rt *goja.Runtime, raw []byte, void bool) goja.Value {
	if void {
		return goja.Undefined()
	}
	parse, _ := goja.AssertFunction(rt.Get("JSON").ToObject(rt).Get("parse"))
	v, err := parse(goja.Undefined(), rt.ToValue(string(raw)))
	if err != nil {
		return goja.Undefined()
	}
	return v
}

func (b *Binding) prepareSchema(fc goja.FunctionCall) (schemasvc.Options, schemaCall, error) {
	this, ok := fc.Argument(0).(*goja.Object)
	if !ok {
		return schemasvc.Options{}, nil, typeError("service method called on a non-object")
	}
	class, method := fc.Argument(1).String(), fc.Argument(2).String()
	args := fc.Arguments[3:]
	arg := func(i int) goja.Value {
		if i < len(args) {
			return args[i]
		}
		return goja.Undefined()
	}
	opts := schemasvc.Options{
		DB:       b.deps.DB,
		Tx:       b.txOf(this.Get("knex")),
		Provider: b.deps.Schema,
		Emitter:  b.deps.Emitter,
		Logger:   b.deps.Logger,
	}
	if s := this.Get("schema"); s != nil && !goja.IsUndefined(s) && !goja.IsNull(s) {
		o, err := b.overviewOf(s)
		if err != nil {
			return opts, nil, err
		}
		opts.Schema = o
	}
	if m, ok := fromJS(this.Get("accountability")).(map[string]any); ok {
		opts.Accountability = m
	}
	var (
		do  schemaCall
		err error
	)
	switch class {
	case "CollectionsService":
		do, err = collectionsMethod(method, arg)
	case "FieldsService":
		do, err = fieldsMethod(method, arg)
	case "RelationsService":
		do, err = relationsMethod(method, arg)
	default:
		err = fmt.Errorf("%s is not supported by dxhost yet", class)
	}
	return opts, do, err
}

// optString is an optional string argument ("" when undefined/null).
func optString(v goja.Value) string {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return ""
	}
	return v.String()
}

func schemaMutation(v goja.Value) schemasvc.MutationOptions {
	obj, ok := v.(*goja.Object)
	if !ok {
		return schemasvc.MutationOptions{}
	}
	return schemasvc.MutationOptions{NoEvents: isFalse(obj.Get("emitEvents"))}
}

func stringList(v goja.Value, what string) ([]string, error) {
	list, err := listArg(v, what)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = fmt.Sprint(e)
	}
	return out, nil
}

func collectionsMethod(method string, arg func(int) goja.Value) (schemaCall, error) {
	svc := func(o schemasvc.Options) *schemasvc.CollectionsService { return schemasvc.NewCollectionsService(o) }
	switch method {
	case "createOne":
		payload, err := objectArg(arg(0), "payload")
		mo := schemaMutation(arg(1))
		return func(ctx context.Context, o schemasvc.Options) (any, error) { return svc(o).CreateOne(ctx, payload, mo) }, err
	case "readByQuery":
		return func(ctx context.Context, o schemasvc.Options) (any, error) { return svc(o).ReadByQuery(ctx) }, nil
	case "readOne":
		name := optString(arg(0))
		return func(ctx context.Context, o schemasvc.Options) (any, error) { return svc(o).ReadOne(ctx, name) }, nil
	case "readMany":
		names, err := stringList(arg(0), "collectionKeys")
		return func(ctx context.Context, o schemasvc.Options) (any, error) { return svc(o).ReadMany(ctx, names) }, err
	case "updateOne":
		name := optString(arg(0))
		data, err := objectArg(arg(1), "data")
		mo := schemaMutation(arg(2))
		return func(ctx context.Context, o schemasvc.Options) (any, error) {
			return svc(o).UpdateOne(ctx, name, data, mo)
		}, err
	case "updateBatch":
		data := fromJS(arg(0))
		mo := schemaMutation(arg(1))
		return func(ctx context.Context, o schemasvc.Options) (any, error) { return svc(o).UpdateBatch(ctx, data, mo) }, nil
	case "updateMany":
		names, err := stringList(arg(0), "collectionKeys")
		if err != nil {
			return nil, err
		}
		data, err := objectArg(arg(1), "data")
		mo := schemaMutation(arg(2))
		return func(ctx context.Context, o schemasvc.Options) (any, error) {
			return svc(o).UpdateMany(ctx, names, data, mo)
		}, err
	case "deleteOne":
		name := optString(arg(0))
		mo := schemaMutation(arg(1))
		return func(ctx context.Context, o schemasvc.Options) (any, error) { return svc(o).DeleteOne(ctx, name, mo) }, nil
	case "deleteMany":
		names, err := stringList(arg(0), "collectionKeys")
		mo := schemaMutation(arg(1))
		return func(ctx context.Context, o schemasvc.Options) (any, error) { return svc(o).DeleteMany(ctx, names, mo) }, err
	}
	return nil, fmt.Errorf("CollectionsService.%s is not supported by dxhost yet", method)
}

func fieldsMethod(method string, arg func(int) goja.Value) (schemaCall, error) {
	svc := func(o schemasvc.Options) *schemasvc.FieldsService { return schemasvc.NewFieldsService(o) }
	switch method {
	case "columnInfo":
		collection, field := optString(arg(0)), optString(arg(1))
		return func(ctx context.Context, o schemasvc.Options) (any, error) {
			if field != "" {
				return svc(o).ColumnOne(ctx, collection, field)
			}
			return svc(o).ColumnInfo(ctx, collection)
		}, nil
	case "readAll":
		collection := optString(arg(0))
		return func(ctx context.Context, o schemasvc.Options) (any, error) { return svc(o).ReadAll(ctx, collection) }, nil
	case "readOne":
		collection, field := optString(arg(0)), optString(arg(1))
		return func(ctx context.Context, o schemasvc.Options) (any, error) {
			return svc(o).ReadOne(ctx, collection, field)
		}, nil
	case "createField":
		collection := optString(arg(0))
		field, err := objectArg(arg(1), "field")
		mo := schemaMutation(arg(3)) // arg(2) is Directus's `table` (an internal knex builder)
		return func(ctx context.Context, o schemasvc.Options) (any, error) {
			return nil, svc(o).CreateField(ctx, collection, field, mo)
		}, err
	case "updateField":
		collection := optString(arg(0))
		field, err := objectArg(arg(1), "field")
		mo := schemaMutation(arg(2))
		return func(ctx context.Context, o schemasvc.Options) (any, error) {
			return svc(o).UpdateField(ctx, collection, field, mo)
		}, err
	case "updateFields":
		collection := optString(arg(0))
		fields, err := objectListArg(arg(1), "fields")
		mo := schemaMutation(arg(2))
		return func(ctx context.Context, o schemasvc.Options) (any, error) {
			return svc(o).UpdateFields(ctx, collection, fields, mo)
		}, err
	case "deleteField":
		collection, field := optString(arg(0)), optString(arg(1))
		mo := schemaMutation(arg(2))
		return func(ctx context.Context, o schemasvc.Options) (any, error) {
			return nil, svc(o).DeleteField(ctx, collection, field, mo)
		}, nil
	}
	return nil, fmt.Errorf("FieldsService.%s is not supported by dxhost yet", method)
}

func relationsMethod(method string, arg func(int) goja.Value) (schemaCall, error) {
	svc := func(o schemasvc.Options) *schemasvc.RelationsService { return schemasvc.NewRelationsService(o) }
	switch method {
	case "readAll":
		collection := optString(arg(0))
		return func(ctx context.Context, o schemasvc.Options) (any, error) { return svc(o).ReadAll(ctx, collection) }, nil
	case "readOne":
		collection, field := optString(arg(0)), optString(arg(1))
		return func(ctx context.Context, o schemasvc.Options) (any, error) {
			return svc(o).ReadOne(ctx, collection, field)
		}, nil
	case "foreignKeys":
		collection := optString(arg(0))
		return func(ctx context.Context, o schemasvc.Options) (any, error) {
			return svc(o).ForeignKeys(ctx, collection)
		}, nil
	case "createOne":
		relation, err := objectArg(arg(0), "relation")
		mo := schemaMutation(arg(1))
		return func(ctx context.Context, o schemasvc.Options) (any, error) {
			return nil, svc(o).CreateOne(ctx, relation, mo)
		}, err
	case "updateOne":
		collection, field := optString(arg(0)), optString(arg(1))
		relation, err := objectArg(arg(2), "relation")
		mo := schemaMutation(arg(3))
		return func(ctx context.Context, o schemasvc.Options) (any, error) {
			return nil, svc(o).UpdateOne(ctx, collection, field, relation, mo)
		}, err
	case "deleteOne":
		collection, field := optString(arg(0)), optString(arg(1))
		mo := schemaMutation(arg(2))
		return func(ctx context.Context, o schemasvc.Options) (any, error) {
			return nil, svc(o).DeleteOne(ctx, collection, field, mo)
		}, nil
	}
	return nil, fmt.Errorf("RelationsService.%s is not supported by dxhost yet", method)
}
