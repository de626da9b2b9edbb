package router

import (
	"strconv"
	"unicode/utf8"
)

// paramValue is one entry of req.params; Defined false means the value is undefined.
type paramValue struct {
	Name    string
	Value   string
	Defined bool
}

// decodeError is Express's "Failed to decode param" URIError (status 400).
type decodeError struct{ raw string }

func (e *decodeError) Error() string { return "Failed to decode param '" + e.raw + "'" }

// layerMatch is Layer.prototype.match: the matched prefix and req.params in JS enumeration order.
func layerMatch(p *Pattern, path string) (matched string, params []paramValue, ok bool, err error) {
	whole, groups, ok := p.Match(path)
	if !ok {
		return "", nil, false, nil
	}
	params = make([]paramValue, 0, len(groups))
	for _, g := range groups {
		v := paramValue{Name: g.Key.Name, Defined: g.Defined}
		if g.Defined {
			dec, derr := decodeParam(g.Value)
			if derr != nil {
				return "", nil, false, derr
			}
			v.Value = dec
		}
		if i := indexOfParam(params, v.Name); i >= 0 {
			if v.Defined {
				params[i] = v
			}
			continue
		}
		params = append(params, v)
	}
	return whole, jsKeyOrder(params), true, nil
}

func indexOfParam(ps []paramValue, name string) int {
	for i := range ps {
		if ps[i].Name == name {
			return i
		}
	}
	return -1
}

// jsKeyOrder puts array-index keys first, ascending, as JS enumerates an object's own keys.
func jsKeyOrder(ps []paramValue) []paramValue {
	n := 0
	for _, p := range ps {
		if isArrayIndex(p.Name) {
			n++
		}
	}
	if n == 0 || n == len(ps) && sortedIndexes(ps) {
		return ps
	}
	out := make([]paramValue, 0, len(ps))
	for _, p := range ps {
		if isArrayIndex(p.Name) {
			out = append(out, p)
		}
	}
	for i := 1; i < len(out); i++ { // insertion sort: a handful of keys
		for j := i; j > 0 && idx(out[j].Name) < idx(out[j-1].Name); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	for _, p := range ps {
		if !isArrayIndex(p.Name) {
			out = append(out, p)
		}
	}
	return out
}

func sortedIndexes(ps []paramValue) bool {
	for i := 1; i < len(ps); i++ {
		if idx(ps[i].Name) < idx(ps[i-1].Name) {
			return false
		}
	}
	return true
}

func idx(s string) uint64 { n, _ := strconv.ParseUint(s, 10, 32); return n }

func isArrayIndex(s string) bool {
	if s == "" || len(s) > 10 || (len(s) > 1 && s[0] == '0') {
		return false
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return err == nil && n < 1<<32-1
}

// decodeParam is decode_param: decodeURIComponent, with Express's 400 error on malformed input.
func decodeParam(s string) (string, error) {
	if s == "" {
		return s, nil
	}
	dec, ok := DecodeURIComponent(s)
	if !ok {
		return "", &decodeError{raw: s}
	}
	return dec, nil
}

// DecodeURIComponent is ECMAScript's decodeURIComponent; ok is false where JS throws URIError
// (a bad %XX escape or percent-encoded bytes that are not well-formed UTF-8).
func DecodeURIComponent(s string) (string, bool) {
	i := 0
	for i < len(s) && s[i] != '%' {
		i++
	}
	if i == len(s) {
		return s, true
	}
	buf := make([]byte, 0, len(s))
	buf = append(buf, s[:i]...)
	for i < len(s) {
		if s[i] != '%' {
			buf = append(buf, s[i])
			i++
			continue
		}
		b, ok := hexByte(s, i)
		if !ok {
			return "", false
		}
		i += 3
		if b < 0x80 {
			buf = append(buf, b)
			continue
		}
		n := utf8SeqLen(b)
		if n == 0 {
			return "", false
		}
		seq := []byte{b}
		for k := 1; k < n; k++ {
			if i >= len(s) || s[i] != '%' {
				return "", false
			}
			c, ok := hexByte(s, i)
			if !ok || c&0xC0 != 0x80 {
				return "", false
			}
			seq = append(seq, c)
			i += 3
		}
		r, size := utf8.DecodeRune(seq)
		if r == utf8.RuneError || size != n {
			return "", false // overlong forms and surrogates are rejected by both Go and ECMAScript
		}
		buf = append(buf, seq...)
	}
	return string(buf), true
}

func utf8SeqLen(b byte) int {
	switch {
	case b&0xE0 == 0xC0:
		return 2
	case b&0xF0 == 0xE0:
		return 3
	case b&0xF8 == 0xF0:
		return 4
	}
	return 0
}

func hexByte(s string, i int) (byte, bool) {
	if i+2 >= len(s) {
		return 0, false
	}
	h, ok1 := unhex(s[i+1])
	l, ok2 := unhex(s[i+2])
	return h<<4 | l, ok1 && ok2
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
