package schemasvc

import (
	"bytes"
	"encoding/json"
)

// Field is one field as FieldsService returns it (spec 12 §4): {collection, field, type, schema,
// meta}. readOne puts meta before schema, as Directus does; MarshalJSON keeps that order.
type Field struct {
	Collection string
	Field      string
	Type       string
	Schema     *Column // nil = null (alias fields)
	Meta       any     // the directus_fields row (*items.Item) or built-in system row; nil = null
	metaFirst  bool
}

// MarshalJSON writes Directus's key order.
func (f *Field) MarshalJSON() ([]byte, error) {
	type kv struct {
		k string
		v any
	}
	var schema any = f.Schema
	if f.Schema == nil {
		schema = nil
	}
	pairs := []kv{{"collection", f.Collection}, {"field", f.Field}, {"type", f.Type}, {"schema", schema}, {"meta", f.Meta}}
	if f.metaFirst {
		pairs[3], pairs[4] = pairs[4], pairs[3]
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, p := range pairs {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"` + p.k + `":`)
		raw, err := json.Marshal(p.v)
		if err != nil {
			return nil, err
		}
		b.Write(raw)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
