package servicesjs

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"sort"

	"github.com/dop251/goja"
	"github.com/jmoiron/sqlx"

	"github.com/dxhost/dxhost/services/schema"
)

// TxSymbol is the Symbol.for() key under which a knex transaction object handed to JS carries its
// Go *sqlx.Tx (agreed with shim/knexjs in contracts-notes). A service given such an object as its
// `knex` option runs inside that transaction.
const TxSymbol = "dxhost.sqlx.tx"

// schemaCache keeps the JS object built for each recent overview, both ways: building a big
// object per request is too slow, and a service handed one of our objects needs its Go overview.
type schemaCache struct {
	entries []schemaEntry // newest last
}

type schemaEntry struct {
	overview *schema.Overview
	object   *goja.Object
}

const schemaCacheSize = 4

// SchemaObject is the JS SchemaOverview of o (req.schema), built once per overview and instance.
// Call on the loop; nil gives null.
func (b *Binding) SchemaObject(o *schema.Overview) goja.Value {
	if o == nil {
		return goja.Null()
	}
	for _, e := range b.schemas.entries {
		if e.overview == o {
			return e.object
		}
	}
	obj := b.buildSchemaObject(o)
	b.schemas.entries = append(b.schemas.entries, schemaEntry{overview: o, object: obj})
	if len(b.schemas.entries) > schemaCacheSize {
		b.schemas.entries = b.schemas.entries[1:]
	}
	return obj
}

// getSchemaCall is getSchema(options?, attempt?): a Promise of the overview. options.database reads
// inside that transaction and options.bypassCache skips the cache, both building a fresh overview.
func (b *Binding) getSchemaCall(call goja.FunctionCall) goja.Value {
	var (
		tx     *sqlx.Tx
		bypass bool
	)
	if opts, ok := call.Argument(0).(*goja.Object); ok {
		bypass = opts.Get("bypassCache") != nil && opts.Get("bypassCache").ToBoolean()
		tx = b.txOf(opts.Get("database"))
	}
	provider := b.deps.Schema
	p, resolve, reject := b.inst.NewPromise()
	b.inst.Go(func() func(*goja.Runtime) {
		ctx := context.Background()
		var (
			o   *schema.Overview
			err error
		)
		switch {
		case tx != nil:
			o, err = provider.Fresh(ctx, tx)
		case bypass:
			o, err = provider.Fresh(ctx, nil)
		default:
			o, err = provider.Get(ctx)
		}
		if err != nil {
			reject(b.errorBuilder(fmt.Errorf("getSchema: %w", err)))
			return nil
		}
		resolve(func(rt *goja.Runtime) goja.Value { return b.SchemaObject(o) })
		return nil
	})
	return b.rt.ToValue(p)
}

// overviewOf is the Go overview behind a service's `schema` option: one of our objects, or any
// object of the same shape (read through JSON, field order from its keys).
func (b *Binding) overviewOf(v goja.Value) (*schema.Overview, error) {
	obj, ok := v.(*goja.Object)
	if !ok {
		return nil, typeError("Cannot read properties of " + jsTypeName(v) + " (reading 'collections')")
	}
	for _, e := range b.schemas.entries {
		if e.object == obj {
			return e.overview, nil
		}
	}
	raw, err := json.Marshal(obj)
	if err != nil {
		return nil, fmt.Errorf("servicesjs: reading the schema option: %w", err)
	}
	o := &schema.Overview{}
	if err := json.Unmarshal(raw, o); err != nil {
		return nil, fmt.Errorf("servicesjs: reading the schema option: %w", err)
	}
	if cols, ok := obj.Get("collections").(*goja.Object); ok {
		o.CollectionOrder = cols.Keys()
		for name, c := range o.Collections {
			if c == nil {
				delete(o.Collections, name)
				continue
			}
			if jc, ok := cols.Get(name).(*goja.Object); ok {
				if fields, ok := jc.Get("fields").(*goja.Object); ok {
					c.FieldOrder = fields.Keys()
				}
			}
		}
	}
	return o, nil
}

// buildSchemaObject writes the overview as JSON in Directus's key order (struct order for objects,
// FieldOrder for fields) and parses it in JS.
func (b *Binding) buildSchemaObject(o *schema.Overview) *goja.Object {
	var buf bytes.Buffer
	buf.WriteString(`{"collections":{`)
	for i, name := range collectionOrder(o) {
		if i > 0 {
			buf.WriteByte(',')
		}
		writeJSON(&buf, name)
		buf.WriteByte(':')
		writeCollection(&buf, o.Collections[name])
	}
	buf.WriteString(`},"relations":`)
	rels := o.Relations
	if rels == nil {
		rels = []*schema.Relation{}
	}
	writeJSON(&buf, rels)
	buf.WriteByte('}')
	parse, _ := goja.AssertFunction(b.rt.Get("JSON").ToObject(b.rt).Get("parse"))
	v, err := parse(goja.Undefined(), b.rt.ToValue(buf.String()))
	if err != nil {
		panic(err) // our own JSON; cannot fail
	}
	return v.ToObject(b.rt)
}

func writeCollection(buf *bytes.Buffer, c *schema.Collection) {
	shallow := *c
	shallow.Fields = map[string]*schema.Field{}
	raw, _ := json.Marshal(&shallow)
	// raw ends with `"fields":{}}`: splice the fields in their order.
	buf.Write(raw[:len(raw)-3])
	buf.WriteByte('{')
	for i, name := range fieldOrder(c) {
		if i > 0 {
			buf.WriteByte(',')
		}
		writeJSON(buf, name)
		buf.WriteByte(':')
		writeField(buf, c.Fields[name])
	}
	buf.WriteString("}}")
}

// fieldJSON is a FieldOverview in Directus's key order (note, validation, alias, searchable).
type fieldJSON struct {
	Field        string   `json:"field"`
	DefaultValue any      `json:"defaultValue"`
	Nullable     bool     `json:"nullable"`
	Generated    bool     `json:"generated"`
	Type         string   `json:"type"`
	DBType       *string  `json:"dbType"`
	Precision    *int     `json:"precision"`
	Scale        *int     `json:"scale"`
	Special      []string `json:"special"`
	Note         *string  `json:"note"`
	Validation   any      `json:"validation"`
	Alias        bool     `json:"alias"`
	Searchable   bool     `json:"searchable"`
}

func writeField(buf *bytes.Buffer, f *schema.Field) {
	if f == nil {
		buf.WriteString("null")
		return
	}
	special := f.Special
	if special == nil {
		special = []string{}
	}
	writeJSON(buf, fieldJSON{
		Field: f.Field, DefaultValue: f.DefaultValue, Nullable: f.Nullable, Generated: f.Generated,
		Type: f.Type, DBType: f.DBType, Precision: f.Precision, Scale: f.Scale, Special: special,
		Note: f.Note, Validation: f.Validation, Alias: f.Alias, Searchable: f.Searchable,
	})
}

func writeJSON(buf *bytes.Buffer, v any) {
	raw, _ := json.Marshal(v)
	buf.Write(raw)
}

// collectionOrder is the overview's collection names in Directus's order when the overview knows
// it (CollectionOrder), then any others sorted.
func collectionOrder(o *schema.Overview) []string {
	names := make([]string, 0, len(o.Collections))
	seen := make(map[string]bool, len(o.Collections))
	for _, name := range o.CollectionOrder {
		if _, ok := o.Collections[name]; ok && !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	var rest []string
	for name := range o.Collections {
		if !seen[name] {
			rest = append(rest, name)
		}
	}
	sort.Strings(rest)
	return append(names, rest...)
}

func fieldOrder(c *schema.Collection) []string {
	seen := make(map[string]bool, len(c.Fields))
	order := make([]string, 0, len(c.Fields))
	for _, f := range c.FieldOrder {
		if _, ok := c.Fields[f]; ok && !seen[f] {
			seen[f] = true
			order = append(order, f)
		}
	}
	var rest []string
	for f := range c.Fields {
		if !seen[f] {
			rest = append(rest, f)
		}
	}
	sort.Strings(rest)
	return append(order, rest...)
}

// txOf reads the Go transaction a knex transaction object carries, or nil (the pool).
func (b *Binding) txOf(v goja.Value) *sqlx.Tx {
	obj, ok := v.(*goja.Object)
	if !ok {
		return nil
	}
	if b.txSymbol == nil {
		b.txSymbol = symbolFor(b.rt, TxSymbol)
	}
	handle := obj.GetSymbol(b.txSymbol)
	if handle == nil || goja.IsUndefined(handle) || goja.IsNull(handle) {
		return nil
	}
	tx, _ := handle.Export().(*sqlx.Tx)
	return tx
}

// symbolFor is Symbol.for(key) in rt.
func symbolFor(rt *goja.Runtime, key string) *goja.Symbol {
	symbolCtor := rt.Get("Symbol").ToObject(rt)
	forFn, _ := goja.AssertFunction(symbolCtor.Get("for"))
	v, err := forFn(symbolCtor, rt.ToValue(key))
	if err != nil {
		return nil
	}
	sym, _ := v.(*goja.Symbol)
	return sym
}
