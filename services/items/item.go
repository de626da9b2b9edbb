package items

import (
	"bytes"
	"encoding/json"
)

// Item is one row as Directus returns it: a JSON object whose keys keep their insertion order
// (Directus's key order), so REST output can be byte-identical. Keys and values sit in two parallel
// slices: a row has a handful of keys, where a linear search beats hashing and a map per row would
// be the read path's largest allocation.
type Item struct {
	keys   []string
	values []any
}

// NewItem returns an empty Item.
func NewItem() *Item { return &Item{} }

// newItemCap returns an empty Item with room for n keys.
func newItemCap(n int) *Item { return &Item{keys: make([]string, 0, n), values: make([]any, 0, n)} }

func (it *Item) index(key string) int {
	for i, k := range it.keys {
		if k == key {
			return i
		}
	}
	return -1
}

// Set sets key to v, appending key if it is new.
func (it *Item) Set(key string, v any) {
	if i := it.index(key); i >= 0 {
		it.values[i] = v
		return
	}
	it.keys = append(it.keys, key)
	it.values = append(it.values, v)
}

// Get returns the value of key and whether it is present.
func (it *Item) Get(key string) (any, bool) {
	if i := it.index(key); i >= 0 {
		return it.values[i], true
	}
	return nil, false
}

// Delete removes key.
func (it *Item) Delete(key string) {
	i := it.index(key)
	if i < 0 {
		return
	}
	// Copy on delete: Keys() may have been handed out and must not change under its holder.
	it.keys = append(it.keys[:i:i], it.keys[i+1:]...)
	it.values = append(it.values[:i:i], it.values[i+1:]...)
}

// Keys returns the keys in order.
func (it *Item) Keys() []string { return it.keys }

// Values returns the values in the order of Keys.
func (it *Item) Values() []any { return it.values }

// Len is the number of keys.
func (it *Item) Len() int { return len(it.keys) }

// Map returns the item as a plain map, nested items included (order lost).
func (it *Item) Map() map[string]any {
	m := make(map[string]any, len(it.keys))
	for i, k := range it.keys {
		m[k] = plain(it.values[i])
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
		vb, err := json.Marshal(it.values[i])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
