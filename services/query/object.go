package query

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strconv"
)

// Object is a JavaScript object: string keys in enumeration order. Parsed query strings and the
// objects inside a sanitized query use it so that key order (which decides e.g. the order of a
// filter's implicit _and) survives as in JavaScript.
//
// Keys and values are parallel slices searched linearly: a query's objects have one to a few keys,
// and a map per object cost more than the rest of a request's query handling. Objects that grow
// past indexFrom keys get a map index.
type Object struct {
	keys   []string
	values []any
	index  map[string]int // nil until len(keys) > indexFrom
	// indexKeys: some key is an array index, so Keys must order (JavaScript puts those first).
	indexKeys bool

	// qs marks objects made from arrays that outgrew arrayLimit; new elements go at maxIndex+1.
	overflow bool
	maxIndex int

	// oneKey and oneValue hold the entry of a one-key object (most of a filter's), so that it is
	// one allocation; a second key moves the lists to the heap.
	oneKey   [1]string
	oneValue [1]any
}

// indexFrom is the size past which lookups go through a map.
const indexFrom = 16

// NewObject returns an empty object.
func NewObject() *Object { return newObjectCap(0) }

// newObjectCap returns an empty object with room for n keys.
func newObjectCap(n int) *Object {
	if n <= 1 {
		o := &Object{}
		o.keys, o.values = o.oneKey[:0], o.oneValue[:0]
		return o
	}
	return &Object{keys: make([]string, 0, n), values: make([]any, 0, n)}
}

// single is the object {key: v}.
func single(key string, v any) *Object {
	o := newObjectCap(1)
	o.Set(key, v)
	return o
}

func (o *Object) find(key string) int {
	if o.index != nil {
		if i, ok := o.index[key]; ok {
			return i
		}
		return -1
	}
	for i, k := range o.keys {
		if k == key {
			return i
		}
	}
	return -1
}

// Get returns the value of key.
func (o *Object) Get(key string) (any, bool) {
	if i := o.find(key); i >= 0 {
		return o.values[i], true
	}
	return nil, false
}

// Has reports whether key is set.
func (o *Object) Has(key string) bool { return o.find(key) >= 0 }

// Set adds or replaces key, keeping the position of an existing key.
func (o *Object) Set(key string, v any) {
	if i := o.find(key); i >= 0 {
		o.values[i] = v
		return
	}
	o.keys = append(o.keys, key)
	o.values = append(o.values, v)
	if !o.indexKeys && isArrayIndex(key) {
		o.indexKeys = true
	}
	switch {
	case o.index != nil:
		o.index[key] = len(o.keys) - 1
	case len(o.keys) > indexFrom:
		o.reindex()
	}
}

func (o *Object) reindex() {
	o.index = make(map[string]int, len(o.keys))
	for i, k := range o.keys {
		o.index[k] = i
	}
}

// Delete removes key.
func (o *Object) Delete(key string) {
	i := o.find(key)
	if i < 0 {
		return
	}
	// New arrays: a key list handed out by Keys stays as it was.
	o.keys = append(o.keys[:i:i], o.keys[i+1:]...)
	o.values = append(o.values[:i:i], o.values[i+1:]...)
	if o.index != nil {
		o.reindex()
	}
}

// Len is the number of keys.
func (o *Object) Len() int { return len(o.keys) }

// Keys returns the keys in JavaScript enumeration order: integer-like keys ascending, then the others
// in insertion order. The list is read-only: without integer-like keys it is the object's own.
func (o *Object) Keys() []string {
	if !o.indexKeys {
		return o.keys[:len(o.keys):len(o.keys)]
	}
	var ints, rest []string
	for _, k := range o.keys {
		if isArrayIndex(k) {
			ints = append(ints, k)
		} else {
			rest = append(rest, k)
		}
	}
	if len(ints) == 0 { // the integer-like keys were deleted
		return append([]string(nil), o.keys...)
	}
	sort.Slice(ints, func(i, j int) bool {
		a, _ := strconv.ParseUint(ints[i], 10, 32)
		b, _ := strconv.ParseUint(ints[j], 10, 32)
		return a < b
	})
	return append(ints, rest...)
}

// value is the value of a key known to exist.
func (o *Object) value(key string) any {
	v, _ := o.Get(key)
	return v
}

// isArrayIndex reports whether k is a canonical array index ("0".."4294967294"), without building
// strconv's error for the many keys that are not.
func isArrayIndex(k string) bool {
	if k == "" || len(k) > 10 || (len(k) > 1 && k[0] == '0') {
		return false
	}
	var n uint64
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + uint64(c-'0')
	}
	return n < 1<<32-1
}

// MarshalJSON writes the keys in JavaScript order, without HTML escaping (as JSON.stringify).
func (o *Object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range o.Keys() {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, err := marshalNoEscape(k)
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		vb, err := marshalNoEscape(o.value(k))
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func marshalNoEscape(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// Plain converts v (which may hold *Object values) to plain Go JSON values: map[string]any, []any.
func Plain(v any) any {
	switch x := v.(type) {
	case *Object:
		m := make(map[string]any, len(x.keys))
		for i, k := range x.keys {
			m[k] = Plain(x.values[i])
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, el := range x {
			out[i] = Plain(el)
		}
		return out
	case []string:
		out := make([]any, len(x))
		for i, el := range x {
			out[i] = el
		}
		return out
	}
	return v
}

// FromPlain converts decoded JSON (map[string]any) into *Object values; key order is lost, so keys are
// sorted — prefer DecodeJSON when the JSON text is at hand.
func FromPlain(v any) any {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		o := NewObject()
		for _, k := range keys {
			o.Set(k, FromPlain(x[k]))
		}
		return o
	case []any:
		out := make([]any, len(x))
		for i, el := range x {
			out[i] = FromPlain(el)
		}
		return out
	}
	return v
}

// DecodeJSON is JSON.parse into *Object/[]any/float64/string/bool/nil, keeping key order; keys named
// __proto__ are dropped (Directus's parseJSON).
func DecodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("unexpected data after JSON value")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			o := NewObject()
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				if k := kt.(string); k != "__proto__" {
					o.Set(k, v)
				}
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return o, nil
		case '[':
			list := []any{}
			for dec.More() {
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				list = append(list, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return list, nil
		}
		return nil, &json.SyntaxError{}
	}
	return tok, nil
}
