package router

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Pattern is one compiled Express 4 path (path-to-regexp 0.1.x): what a Layer matches request paths against.
type Pattern struct {
	keys      []Key
	fastSlash bool // use('/') matches everything without running a regexp
	fastStar  bool // '*' captures the whole path as param 0
	re        matcher
	source    string
}

// Key names one capture group: a string for :name and (?<name>), a number for unnamed groups.
type Key struct {
	Name     string
	Index    int  // the number, when Numeric
	Numeric  bool // unnamed group: JS uses the integer as the property name
	Optional bool
	offset   int
}

// PatternOptions are path-to-regexp's options as a Layer passes them.
type PatternOptions struct {
	Sensitive bool // case-sensitive matching (Express default: false)
	Strict    bool // trailing slash significant (Express default: false)
	End       bool // must match the whole path (routes) or a prefix (use)
}

// PathSpec is a path as JS gave it: a string, a RegExp (source + flags) or an array of those.
type PathSpec struct {
	Str      string
	IsRegExp bool
	Flags    string
	Array    []PathSpec
	IsArray  bool
}

// Param is one captured value, still percent-encoded; Defined is false for a group that did not take part.
type Param struct {
	Key     Key
	Value   string
	Defined bool
}

type matcher interface {
	match(path string) (whole string, groups []Param, ok bool)
}

// CompilePattern builds the matcher exactly as path-to-regexp 0.1.13 does.
func CompilePattern(spec PathSpec, opts PatternOptions) (*Pattern, error) {
	p := &Pattern{}
	if !spec.IsArray && !spec.IsRegExp {
		p.fastStar = spec.Str == "*"
		p.fastSlash = spec.Str == "/" && !opts.End
	}
	var keys []Key
	src, flags, err := toRegexpSource(spec, &keys, opts)
	if err != nil {
		return nil, err
	}
	p.keys = keys
	p.source = src
	if !spec.IsArray && !spec.IsRegExp && !opts.Strict && literalPath(spec.Str) {
		p.re = newLiteralMatcher(spec.Str, opts.End, opts.Sensitive)
		return p, nil
	}
	re, err := compileJSRegexp(src, flags)
	if err != nil {
		return nil, fmt.Errorf("path %q: %w", spec.Str, err)
	}
	p.re = re
	return p, nil
}

// Keys lists the capture names in group order.
func (p *Pattern) Keys() []Key { return p.keys }

// Source is the regular expression source the path became (without JS's "/" escaping).
func (p *Pattern) Source() string { return p.source }

// Match reports whether path matches, the matched prefix (Layer.path) and the raw captures.
func (p *Pattern) Match(path string) (matched string, params []Param, ok bool) {
	if p.fastSlash {
		return "", nil, true
	}
	if p.fastStar {
		return path, []Param{{Key: Key{Numeric: true, Name: "0"}, Value: path, Defined: true}}, true
	}
	whole, groups, ok := p.re.match(path)
	if !ok {
		return "", nil, false
	}
	for i := range groups {
		if i < len(p.keys) {
			groups[i].Key = p.keys[i]
		} else {
			// A group the key scan did not see (e.g. inside a lookbehind): JS names it undefined.
			groups[i].Key = Key{Name: "undefined"}
		}
	}
	return whole, groups, true
}

func toRegexpSource(spec PathSpec, keys *[]Key, opts PatternOptions) (src, flags string, err error) {
	caseFlag := "i"
	if opts.Sensitive {
		caseFlag = ""
	}
	switch {
	case spec.IsRegExp:
		name := 0
		for _, g := range scanGroups(spec.Str) {
			k := Key{offset: g.index}
			if g.named {
				k.Name = g.name
			} else {
				k.Numeric, k.Index, k.Name = true, name, strconv.Itoa(name)
				name++
			}
			*keys = append(*keys, k)
		}
		return spec.Str, spec.Flags, nil
	case spec.IsArray:
		parts := make([]string, 0, len(spec.Array))
		for _, el := range spec.Array {
			s, _, err := toRegexpSource(el, keys, opts)
			if err != nil {
				return "", "", err
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, "|"), caseFlag, nil
	default:
		return stringSource(spec.Str, keys, opts), caseFlag, nil
	}
}

// tokenRe is path-to-regexp's replacement regexp; it has no lookaround, so RE2 runs it identically.
var tokenRe = regexp.MustCompile(`\\.|(/)?(\.)?:(\w+)(\(.*?\))?(\*)?(\?)?|[.*]|/\(`)

func stringSource(path string, keys *[]Key, opts PatternOptions) string {
	keysOffset := len(*keys)
	extraOffset, pos := 0, 0
	backtrack := ""
	var out strings.Builder
	last := 0
	for _, m := range tokenRe.FindAllStringSubmatchIndex(path, -1) {
		offset := m[0]
		match := path[m[0]:m[1]]
		out.WriteString(path[last:offset])
		last = m[1]
		group := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return path[m[2*i]:m[2*i+1]]
		}
		slash, format, key, capture, star, optional := group(1), group(2), group(3), group(4), group(5), group(6)
		var result string
		switch {
		case match[0] == '\\':
			backtrack += match
			pos += 2
			result = match
		case match == ".":
			backtrack += `\.`
			extraOffset++
			pos++
			result = `\.`
		default:
			if slash != "" || format != "" {
				backtrack = ""
			} else {
				backtrack += jsSlice(path, pos, offset)
			}
			pos = offset + len(match)
			switch match {
			case "*":
				backtrack = ""
				extraOffset += 3
				result = "(.*)"
			case "/(":
				backtrack += "/"
				extraOffset += 2
				result = "/(?:"
			default:
				if format != "" {
					format = `\.`
				}
				if capture != "" {
					capture = replaceFirstStar(capture)
				} else if backtrack != "" {
					capture = "((?:(?!/|" + backtrack + ").)+?)"
				} else {
					capture = "([^/" + format + "]+?)"
				}
				*keys = append(*keys, Key{Name: key, Optional: optional != "", offset: offset + extraOffset})
				result = "(?:" + format + slash + capture
				if star != "" {
					result += "((?:[/" + format + "].+?)?)"
				}
				result += ")" + optional
				backtrack = ""
				extraOffset += len(result) - len(match)
			}
		}
		out.WriteString(result)
	}
	out.WriteString(path[last:])
	src := out.String()

	// Unnamed groups the token pass did not produce become numbered keys, in order.
	name, i := 0, 0
	for _, g := range scanGroups(src) {
		if keysOffset+i == len(*keys) || (*keys)[keysOffset+i].offset > g.index {
			k := Key{Numeric: true, Index: name, Name: strconv.Itoa(name), offset: g.index}
			*keys = append(*keys, Key{})
			copy((*keys)[keysOffset+i+1:], (*keys)[keysOffset+i:])
			(*keys)[keysOffset+i] = k
			name++
		}
		i++
	}

	if !opts.Strict {
		if strings.HasSuffix(src, "/") {
			src += "?"
		} else {
			src += "/?"
		}
	}
	if opts.End {
		src += "$"
	} else if !strings.HasSuffix(src, "/") {
		src += "(?=/|$)"
	}
	return "^" + src
}

// jsSlice is String.prototype.slice for possibly inverted or out-of-range bounds.
func jsSlice(s string, from, to int) string {
	if from < 0 {
		from = 0
	}
	if to > len(s) {
		to = len(s)
	}
	if from >= to {
		return ""
	}
	return s[from:to]
}

// replaceFirstStar is capture.replace(/\\.|\*/, …): only the first escape-or-star is looked at.
func replaceFirstStar(capture string) string {
	for i := 0; i < len(capture); i++ {
		switch capture[i] {
		case '\\':
			if i+1 < len(capture) && capture[i+1] != '\n' && capture[i+1] != '\r' {
				return capture
			}
		case '*':
			return capture[:i] + "(.*)" + capture[i+1:]
		}
	}
	return capture
}

type groupPos struct {
	index int
	named bool
	name  string
}

// scanGroups finds what /\\.|\((?:\?<(.*?)>)?(?!\?)/g finds: capturing groups, named or not.
func scanGroups(src string) []groupPos {
	var out []groupPos
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\\':
			if i+1 < len(src) && src[i+1] != '\n' && src[i+1] != '\r' {
				i++
			}
		case '(':
			if strings.HasPrefix(src[i:], "(?<") {
				rest := src[i+3:]
				if end := strings.IndexAny(rest, ">\n\r"); end >= 0 && rest[end] == '>' {
					after := i + 3 + end + 1
					if after >= len(src) || src[after] != '?' {
						out = append(out, groupPos{index: i, named: true, name: rest[:end]})
						i = after - 1
						continue
					}
				}
			}
			if i+1 >= len(src) || src[i+1] != '?' {
				out = append(out, groupPos{index: i})
			}
		}
	}
	return out
}
