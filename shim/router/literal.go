package router

import "strings"

// literalMatcher runs the regexp path-to-regexp builds for a plain, non-strict path ("/hello",
// "/api/v1") without a regexp engine: ^base\/?$ for routes, ^base\/?(?=\/|$) for use(). It is the
// common case and the hot path of every request.
type literalMatcher struct {
	base      string // the path without its one optional trailing slash
	end       bool
	sensitive bool
}

// literalPath reports whether path-to-regexp would turn s into a regexp of literal characters only.
func literalPath(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || strings.IndexByte(`\*():?+[]{}|^$`, c) >= 0 {
			return false
		}
	}
	return true
}

func newLiteralMatcher(s string, end, sensitive bool) literalMatcher {
	return literalMatcher{base: strings.TrimSuffix(s, "/"), end: end, sensitive: sensitive}
}

func (m literalMatcher) prefix(path string) bool {
	if len(path) < len(m.base) {
		return false
	}
	if m.sensitive {
		return path[:len(m.base)] == m.base
	}
	// ASCII case folding is exactly what a JS /i regexp does for an ASCII pattern.
	for i := 0; i < len(m.base); i++ {
		a, b := path[i], m.base[i]
		if a != b && lower(a) != lower(b) {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func (m literalMatcher) match(path string) (string, []Param, bool) {
	if !m.prefix(path) {
		return "", nil, false
	}
	rest := path[len(m.base):]
	n := len(m.base)
	switch {
	case rest == "":
		return path[:n], nil, true
	case rest[0] != '/':
		return "", nil, false
	case m.end:
		if len(rest) == 1 {
			return path, nil, true
		}
		return "", nil, false
	case len(rest) == 1 || rest[1] == '/':
		return path[:n+1], nil, true
	default:
		return path[:n], nil, true
	}
}
