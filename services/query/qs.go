package query

import (
	"net/url"
	"strconv"
	"strings"
)

// QSOptions are the qs options Directus sets (QUERYSTRING_MAX_PARSE_DEPTH, QUERYSTRING_ARRAY_LIMIT).
type QSOptions struct {
	Depth      int // default 10
	ArrayLimit int // default 500
}

const qsParameterLimit = 1000

// ParseQueryString is qs.parse(raw, { depth, arrayLimit }) (qs 6.16, Express's query parser in Directus):
// `a[b][c]=1` nests, `a[]=x` and `a[0]=x` build arrays, repeated keys combine into arrays, "+" is a
// space, bad percent-escapes are kept. raw is the part after "?". Values are string, []any or *Object.
func ParseQueryString(raw string, opts QSOptions) *Object {
	if opts.Depth == 0 && opts.ArrayLimit == 0 {
		opts = QSOptions{Depth: 10, ArrayLimit: 500}
	}
	parts := strings.Split(raw, "&")
	if len(parts) > qsParameterLimit {
		parts = parts[:qsParameterLimit]
	}
	flat := newObjectCap(len(parts))
	for _, part := range parts {
		if part == "" {
			continue
		}
		pos := strings.Index(part, "]=")
		if pos == -1 {
			pos = strings.Index(part, "=")
		} else {
			pos++
		}
		var key, val string
		if pos == -1 {
			key = qsDecode(part)
		} else {
			key, val = qsDecode(part[:pos]), qsDecode(part[pos+1:])
		}
		if key == "" {
			continue
		}
		if existing, ok := flat.Get(key); ok {
			flat.Set(key, combine(existing, val, opts.ArrayLimit))
		} else {
			flat.Set(key, val)
		}
	}
	out := newObjectCap(len(parts))
	var result any = out
	for i, key := range flat.keys {
		parsed := parseKeys(key, flat.values[i], opts)
		if parsed == nil {
			continue
		}
		result = merge(result, parsed, opts.ArrayLimit)
	}
	if o, ok := compact(result).(*Object); ok {
		return o
	}
	return out
}

func qsDecode(s string) string {
	s = strings.ReplaceAll(s, "+", " ")
	if d, err := url.PathUnescape(s); err == nil {
		return d
	}
	return s
}

// combine is qs's utils.combine: [].concat(a, b), turned into an overflow object past arrayLimit; an
// overflow object a takes b's values at its next indices.
func combine(a any, b any, arrayLimit int) any {
	if o, ok := a.(*Object); ok && o.overflow {
		values, isList := b.([]any)
		if !isList {
			values = []any{b}
		}
		for _, v := range values {
			o.maxIndex++
			o.Set(strconv.Itoa(o.maxIndex), v)
		}
		return o
	}
	var out []any
	for _, v := range []any{a, b} {
		if list, ok := v.([]any); ok {
			out = append(out, list...)
		} else {
			out = append(out, v)
		}
	}
	if len(out) > arrayLimit {
		return overflowObject(out, len(out)-1)
	}
	return out
}

func overflowObject(list []any, maxIndex int) *Object {
	o := arrayToObject(list)
	o.overflow, o.maxIndex = true, maxIndex
	return o
}

var objectKeys = map[string]bool{"__proto__": true, "constructor": true, "hasOwnProperty": true, "isPrototypeOf": true,
	"propertyIsEnumerable": true, "toString": true, "valueOf": true, "toLocaleString": true,
	"__defineGetter__": true, "__defineSetter__": true, "__lookupGetter__": true, "__lookupSetter__": true}

// nextBracket finds the next "[...]" segment of key at or after from (qs's /\[[^[\]]*\]/g): start
// and end (exclusive), or -1.
func nextBracket(key string, from int) (start, end int) {
	start = -1
	for i := from; i < len(key); i++ {
		switch key[i] {
		case '[':
			start = i // a later "[" before any "]" starts the segment afresh
		case ']':
			if start >= 0 {
				return start, i + 1
			}
		}
	}
	return -1, -1
}

// parseKeys splits "a[b][c]" into its chain (at most Depth bracket segments; the rest stays one key)
// and builds the nested value. Keys that are Object.prototype properties are dropped (allowPrototypes
// false).
func parseKeys(key string, val any, opts QSOptions) any {
	var buf [8]string
	chain := buf[:0]
	first, firstEnd := nextBracket(key, 0)
	parent := key
	if opts.Depth > 0 && first >= 0 {
		parent = key[:first]
	}
	if parent != "" {
		if objectKeys[parent] {
			return nil
		}
		chain = append(chain, parent)
	}
	if opts.Depth > 0 {
		start, end := first, firstEnd
		for i := 0; start >= 0; i++ {
			if i >= opts.Depth {
				// Deeper than allowed: the rest of the key, from this segment on, is one key.
				chain = append(chain, "["+key[start:]+"]")
				break
			}
			s := key[start:end]
			if objectKeys[s[1:len(s)-1]] {
				return nil
			}
			chain = append(chain, s)
			start, end = nextBracket(key, end)
		}
	}
	return parseObject(chain, val, opts)
}

func parseObject(chain []string, val any, opts QSOptions) any {
	leaf := val
	for i := len(chain) - 1; i >= 0; i-- {
		root := chain[i]
		if root == "[]" {
			if o, ok := leaf.(*Object); ok && o.overflow {
				continue
			}
			leaf = combine([]any{}, leaf, opts.ArrayLimit)
			continue
		}
		clean := root
		if strings.HasPrefix(root, "[") && strings.HasSuffix(root, "]") {
			clean = root[1 : len(root)-1]
		}
		idx, isIndex := canonicalIndex(clean)
		validIndex := isIndex && root != clean
		if validIndex && idx < opts.ArrayLimit {
			arr := make([]any, idx+1)
			for j := range arr {
				arr[j] = hole{}
			}
			arr[idx] = leaf
			leaf = arr
			continue
		}
		o := newObjectCap(1)
		if validIndex {
			o.Set(clean, leaf)
			o.overflow, o.maxIndex = true, idx
			leaf = o
			continue
		}
		if clean != "__proto__" {
			o.Set(clean, leaf)
		}
		leaf = o
	}
	return leaf
}

// canonicalIndex is qs's index test (String(parseInt(s, 10)) === s and ≥ 0) for a string: digits
// only, no leading zero. Other keys are refused before strconv would build an error for them.
func canonicalIndex(s string) (int, bool) {
	if s == "" || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// hole marks a missing index of a sparse JS array; compact removes them as qs does.
type hole struct{}

// merge is qs's utils.merge (6.16, strictMerge) for the shapes parseObject produces.
func merge(target, source any, arrayLimit int) any {
	if source == nil || source == "" {
		return target // qs: if (!source) return target
	}
	if src, ok := source.(string); ok {
		switch t := target.(type) {
		case []any:
			if len(t) >= arrayLimit {
				return overflowObject(append(t, src), len(t))
			}
			return append(t, src)
		case *Object:
			if t.overflow {
				t.maxIndex++
				t.Set(strconv.Itoa(t.maxIndex), src)
				return t
			}
		}
		return []any{target, src} // an object and a string become [object, string]
	}
	switch target.(type) {
	case *Object, []any:
	default:
		if so, ok := source.(*Object); ok && so.overflow {
			o := NewObject()
			o.Set("0", target)
			for _, k := range so.Keys() {
				n, _ := strconv.Atoi(k)
				o.Set(strconv.Itoa(n+1), so.value(k))
			}
			o.overflow, o.maxIndex = true, so.maxIndex+1
			return o
		}
		out := []any{target}
		if list, ok := source.([]any); ok {
			out = append(out, list...)
		} else {
			out = append(out, source)
		}
		if len(out) > arrayLimit {
			return overflowObject(out, len(out)-1)
		}
		return out
	}
	if tList, ok := target.([]any); ok {
		if sList, ok := source.([]any); ok {
			for i, item := range sList {
				if _, isHole := item.(hole); isHole {
					continue
				}
				if i < len(tList) {
					if _, isHole := tList[i].(hole); isHole {
						tList[i] = item
						continue
					}
					if isObjectLike(tList[i]) && isObjectLike(item) {
						tList[i] = merge(tList[i], item, arrayLimit)
					} else {
						tList = append(tList, item)
					}
				} else {
					for len(tList) < i {
						tList = append(tList, hole{})
					}
					tList = append(tList, item)
				}
			}
			if len(tList) > arrayLimit {
				return overflowObject(tList, len(tList)-1)
			}
			return tList
		}
		target = arrayToObject(tList)
	}
	t := target.(*Object)
	s, ok := source.(*Object)
	if !ok {
		// An array merged into an object: its indices become keys.
		s = arrayToObject(source.([]any))
	}
	for _, k := range s.Keys() {
		v := s.value(k)
		if existing, ok := t.Get(k); ok {
			t.Set(k, merge(existing, v, arrayLimit))
		} else {
			t.Set(k, v)
		}
		if s.overflow && !t.overflow {
			t.overflow, t.maxIndex = true, s.maxIndex
		}
		if t.overflow {
			if n, ok := canonicalIndex(k); ok && n > t.maxIndex {
				t.maxIndex = n
			}
		}
	}
	return t
}

func isObjectLike(v any) bool {
	switch v.(type) {
	case *Object, []any:
		return true
	}
	return false
}

func arrayToObject(list []any) *Object {
	o := NewObject()
	for i, v := range list {
		if _, isHole := v.(hole); !isHole {
			o.Set(strconv.Itoa(i), v)
		}
	}
	return o
}

// compact drops the holes of sparse arrays, recursively.
func compact(v any) any {
	switch x := v.(type) {
	case *Object:
		for i := range x.values {
			x.values[i] = compact(x.values[i])
		}
	case []any:
		out := x[:0]
		for _, el := range x {
			if _, isHole := el.(hole); !isHole {
				out = append(out, compact(el))
			}
		}
		return out
	}
	return v
}
