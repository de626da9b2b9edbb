package router

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dlclark/regexp2/v2"
)

// compileJSRegexp compiles a JavaScript regular expression. Patterns that RE2 runs exactly as V8 does
// (the common generated ones) use Go's regexp for speed; anything with lookaround, backreferences or
// escapes whose meaning differs between the two goes to regexp2 in ECMAScript mode.
func compileJSRegexp(src, flags string) (matcher, error) {
	if goSafe(src) {
		prefix := ""
		for _, f := range flags {
			switch f {
			case 'i', 'm', 's':
				prefix += string(f)
			}
		}
		goSrc := src
		if prefix != "" {
			goSrc = "(?" + prefix + ")" + src
		}
		if re, err := regexp.Compile(goSrc); err == nil {
			return goMatcher{re}, nil
		}
	}
	opts := regexp2.ECMAScript
	for _, f := range flags {
		switch f {
		case 'i':
			opts |= regexp2.IgnoreCase
		case 'm':
			opts |= regexp2.Multiline
		case 's':
			opts |= regexp2.Singleline
		case 'u', 'v':
			opts |= regexp2.Unicode
		}
	}
	re, err := regexp2.Compile(src, opts, regexp2.OptionMaintainCaptureOrder())
	if err != nil {
		return nil, fmt.Errorf("invalid regular expression /%s/%s: %w", src, flags, err)
	}
	return ecmaMatcher{re}, nil
}

// goSafe reports whether src uses only syntax that means the same in RE2 and JavaScript.
func goSafe(src string) bool {
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\\':
			if i+1 >= len(src) {
				return false
			}
			c := src[i+1]
			isAlnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
			if isAlnum && !strings.ContainsRune("dDwWbBtnrf", rune(c)) {
				return false
			}
			i++
		case '(':
			if strings.HasPrefix(src[i:], "(?") && !strings.HasPrefix(src[i:], "(?:") &&
				!(strings.HasPrefix(src[i:], "(?<") && !strings.HasPrefix(src[i:], "(?<=") && !strings.HasPrefix(src[i:], "(?<!")) {
				return false
			}
		case '[':
			// POSIX classes ([[:alpha:]]) and JS's [^] / [] differ.
			if strings.HasPrefix(src[i:], "[[:") || strings.HasPrefix(src[i:], "[]") || strings.HasPrefix(src[i:], "[^]") {
				return false
			}
		case '{':
			// JS takes a stray brace literally where RE2 may not; let regexp2 decide.
			return false
		}
	}
	return true
}

type goMatcher struct{ re *regexp.Regexp }

func (m goMatcher) match(path string) (string, []Param, bool) {
	idx := m.re.FindStringSubmatchIndex(path)
	if idx == nil {
		return "", nil, false
	}
	n := len(idx)/2 - 1
	var groups []Param
	if n > 0 {
		groups = make([]Param, n)
		for i := 0; i < n; i++ {
			if s := idx[2*i+2]; s >= 0 {
				groups[i] = Param{Value: path[s:idx[2*i+3]], Defined: true}
			}
		}
	}
	return path[idx[0]:idx[1]], groups, true
}

type ecmaMatcher struct{ re *regexp2.Regexp }

func (m ecmaMatcher) match(path string) (string, []Param, bool) {
	res, err := m.re.FindStringMatch(path)
	if err != nil || res == nil {
		return "", nil, false
	}
	all := res.Groups()
	var groups []Param
	if len(all) > 1 {
		groups = make([]Param, len(all)-1)
		for i, g := range all[1:] {
			if len(g.Captures) > 0 {
				groups[i] = Param{Value: g.String(), Defined: true}
			}
		}
	}
	return all[0].String(), groups, true
}
