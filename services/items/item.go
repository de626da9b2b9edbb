package items

import (
	"bytes"
	"encoding/json"
)

// Item is one row as Directus returns it: a JSON object whose keys keep their insertion order
// (Directus's key order), so REST output can be byte-identical.
type Item struct {
	keys   []string
	values map[string]any
}

// NewItem returns an empty Item.
func NewItem() *Item { return &Item{values: map[string]any{}} }

// Set sets key to v, appending key if it is new.
func (it *Item) Set(key string, v any) {
	if _, ok := it.values[key]; !ok {
		it.keys = append(it.keys, key)
	}
	it.values[key] = v
}

// Get returns the value of key and whether it is present.
func (it *Item) Get(key string) (any, bool) {
	v, ok := it.values[key]
	return v, ok
}

// Delete removes key.
func (it *Item) Delete(key string) {
	if _, ok := it.values[key]; !ok {
		return
	}
	delete(it.values, key)
	for i, k := range it.keys {
		if k == key {
			it.keys = append(it.keys[:i:i], it.keys[i+1:]...)
			break
		}
	}
}

// Keys returns the keys in order.
func (it *Item) Keys() []string { return it.keys }

// Len is the number of keys.
func (it *Item) Len() int { return len(it.keys) }

// Map returns the item as a plain map, nested items included (order lost).
func (it *Item) Map() map[string]any {
	m := make(map[string]any, len(it.keys))
	for _, k := range it.keys {
		m[k] = plain(it.values[k])
	}
	return m
}

func plain(v any) any {
	switch x := v.(type) {
	case *Item:
		if x == nil {
			return nil
		}
		return x.Map()
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	}
	return v
}

// MarshalJSON writes the keys in order.
func (it *Item) MarshalJSON() ([]byte, error) {
	if it == nil {
		return []byte("null"), nil
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range it.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(it.values[k])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
