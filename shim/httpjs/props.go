package httpjs

import "github.com/dop251/goja"

// ownProps holds what JS adds to a req/res (req.user = …, res.locals assignments go through the
// prototype's setter instead). req and res are goja dynamic objects backed by the Go state: creating one
// is a single allocation and `this` leads straight back to the Go side, which is what keeps the
// per-request cost low. Such objects accept only plain data properties and no own symbols.
type ownProps struct {
	m    map[string]goja.Value
	keys []string
}

// Get implements goja.DynamicObject; nil means "not an own property" (the prototype is consulted).
func (p *ownProps) Get(key string) goja.Value {
	if v, ok := p.m[key]; ok {
		return v
	}
	return nil
}

// Set implements goja.DynamicObject.
func (p *ownProps) Set(key string, val goja.Value) bool {
	if p.m == nil {
		p.m = make(map[string]goja.Value, 4)
	}
	if _, ok := p.m[key]; !ok {
		p.keys = append(p.keys, key)
	}
	p.m[key] = val
	return true
}

// listened reports whether an event listener was ever added (the prelude's EventEmitter keeps them in
// an own _events property), so that events nobody listens to cost nothing.
func (p *ownProps) listened() bool { return p.Has("_events") }

// Has implements goja.DynamicObject.
func (p *ownProps) Has(key string) bool { _, ok := p.m[key]; return ok }

// Delete implements goja.DynamicObject.
func (p *ownProps) Delete(key string) bool {
	if _, ok := p.m[key]; !ok {
		return true
	}
	delete(p.m, key)
	for i, k := range p.keys {
		if k == key {
			p.keys = append(p.keys[:i], p.keys[i+1:]...)
			break
		}
	}
	return true
}

// Keys implements goja.DynamicObject: own keys in insertion order.
func (p *ownProps) Keys() []string { return append([]string(nil), p.keys...) }
