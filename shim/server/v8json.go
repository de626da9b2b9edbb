package server

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf16"
)

// parseJSONLikeV8 is JSON.parse as Node 20 (V8 11) runs it: the parsed value, or an error whose text is
// V8's message word for word (Directus shows it as INVALID_PAYLOAD's reason). Positions count UTF-16
// code units, as in JavaScript.
func parseJSONLikeV8(src string) (any, error) {
	p := &v8Parser{src: utf16.Encode([]rune(src))}
	v, err := p.value()
	if err != nil {
		return nil, err
	}
	p.skipWhitespace()
	if !p.eos() {
		return nil, &jsonSyntaxError{fmt.Sprintf("Unexpected non-whitespace character after JSON at position %d", p.pos)}
	}
	return v, nil
}

type v8Parser struct {
	src []uint16
	pos int
}

type jsonSyntaxError struct{ msg string }

func (e *jsonSyntaxError) Error() string { return e.msg }

func (p *v8Parser) eos() bool { return p.pos >= len(p.src) }

func (p *v8Parser) cur() uint16 { return p.src[p.pos] }

func (p *v8Parser) skipWhitespace() {
	for !p.eos() {
		switch p.cur() {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

// explicit is one of V8's "<what> in JSON at position N" messages.
func (p *v8Parser) explicit(what string) error {
	return &jsonSyntaxError{fmt.Sprintf("%s in JSON at position %d", what, p.pos)}
}

// unexpected is V8's ReportUnexpectedToken without a specific message: end of input, a number, a
// string, or any other character shown with (part of) the source around it.
func (p *v8Parser) unexpected() error {
	if p.eos() {
		return &jsonSyntaxError{"Unexpected end of JSON input"}
	}
	c := p.cur()
	switch {
	case c == '"':
		return p.explicit("Unexpected string")
	case c == '-' || (c >= '0' && c <= '9'):
		return p.explicit("Unexpected number")
	}
	const context = 10
	token := string(utf16.Decode([]uint16{c}))
	n := len(p.src)
	text := func(from, to int) string { return string(utf16.Decode(p.src[from:to])) }
	var msg string
	switch {
	case n <= 2*context+1:
		msg = fmt.Sprintf(`Unexpected token '%s', "%s" is not valid JSON`, token, text(0, n))
	case p.pos < context:
		msg = fmt.Sprintf(`Unexpected token '%s', "%s"... is not valid JSON`, token, text(0, p.pos+context))
	case p.pos < n-context:
		msg = fmt.Sprintf(`Unexpected token '%s', ..."%s"... is not valid JSON`, token, text(p.pos-context, p.pos+context))
	default:
		msg = fmt.Sprintf(`Unexpected token '%s', ..."%s" is not valid JSON`, token, text(p.pos-context, n))
	}
	return &jsonSyntaxError{msg}
}

func (p *v8Parser) value() (any, error) {
	p.skipWhitespace()
	if p.eos() {
		return nil, p.unexpected()
	}
	switch c := p.cur(); {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		return p.string()
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == 't':
		return true, p.literal("true")
	case c == 'f':
		return false, p.literal("false")
	case c == 'n':
		return nil, p.literal("null")
	}
	return nil, p.unexpected()
}

func (p *v8Parser) literal(word string) error {
	for i := 0; i < len(word); i++ {
		if p.eos() || p.cur() != uint16(word[i]) {
			return p.unexpected()
		}
		p.pos++
	}
	return nil
}

func (p *v8Parser) object() (any, error) {
	p.pos++ // {
	obj := map[string]any{}
	p.skipWhitespace()
	if !p.eos() && p.cur() == '}' {
		p.pos++
		return obj, nil
	}
	// V8 reports the first property's mistakes with specific messages, later ones generically.
	if p.eos() || p.cur() != '"' {
		return nil, p.explicit("Expected property name or '}'")
	}
	first := true
	for {
		key, err := p.string()
		if err != nil {
			return nil, err
		}
		p.skipWhitespace()
		if p.eos() || p.cur() != ':' {
			if first {
				return nil, p.explicit("Expected ':' after property name")
			}
			return nil, p.unexpected()
		}
		p.pos++
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		obj[key.(string)] = v
		first = false
		p.skipWhitespace()
		if !p.eos() && p.cur() == ',' {
			p.pos++
			p.skipWhitespace()
			if p.eos() || p.cur() != '"' {
				return nil, p.explicit("Expected double-quoted property name")
			}
			continue
		}
		if !p.eos() && p.cur() == '}' {
			p.pos++
			return obj, nil
		}
		return nil, p.explicit("Expected ',' or '}' after property value")
	}
}

func (p *v8Parser) array() (any, error) {
	p.pos++ // [
	list := []any{}
	p.skipWhitespace()
	if !p.eos() && p.cur() == ']' {
		p.pos++
		return list, nil
	}
	for {
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		list = append(list, v)
		p.skipWhitespace()
		if !p.eos() && p.cur() == ',' {
			p.pos++
			continue
		}
		if !p.eos() && p.cur() == ']' {
			p.pos++
			return list, nil
		}
		return nil, p.explicit("Expected ',' or ']' after array element")
	}
}

func (p *v8Parser) string() (any, error) {
	p.pos++ // opening quote
	var out []uint16
	for {
		if p.eos() {
			return nil, p.explicit("Unterminated string")
		}
		c := p.cur()
		switch {
		case c == '"':
			p.pos++
			return string(utf16.Decode(out)), nil
		case c < 0x20:
			return nil, p.explicit("Bad control character in string literal")
		case c == '\\':
			p.pos++
			if p.eos() {
				return nil, p.explicit("Unterminated string")
			}
			e := p.cur()
			switch e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				var r uint16
				for i := 0; i < 4; i++ {
					p.pos++
					if p.eos() {
						return nil, p.explicit("Bad Unicode escape")
					}
					d := hexDigit(p.cur())
					if d < 0 {
						return nil, p.explicit("Bad Unicode escape")
					}
					r = r<<4 | uint16(d)
				}
				out = append(out, r)
			default:
				return nil, p.explicit("Bad escaped character")
			}
			p.pos++
		default:
			out = append(out, c)
			p.pos++
		}
	}
}

func hexDigit(c uint16) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func (p *v8Parser) isDigit() bool { return !p.eos() && p.cur() >= '0' && p.cur() <= '9' }

func (p *v8Parser) number() (any, error) {
	start := p.pos
	if p.cur() == '-' {
		p.pos++
		if !p.isDigit() {
			return nil, p.explicit("No number after minus sign")
		}
	}
	if p.cur() == '0' {
		p.pos++
		if p.isDigit() {
			return nil, p.unexpected()
		}
	} else {
		for p.isDigit() {
			p.pos++
		}
	}
	if !p.eos() && p.cur() == '.' {
		p.pos++
		if !p.isDigit() {
			return nil, p.explicit("Unterminated fractional number")
		}
		for p.isDigit() {
			p.pos++
		}
	}
	if !p.eos() && (p.cur() == 'e' || p.cur() == 'E') {
		p.pos++
		if !p.eos() && (p.cur() == '+' || p.cur() == '-') {
			p.pos++
		}
		if !p.isDigit() {
			return nil, p.explicit("Exponent part is missing a number")
		}
		for p.isDigit() {
			p.pos++
		}
	}
	text := string(utf16.Decode(p.src[start:p.pos]))
	f, err := strconv.ParseFloat(text, 64)
	if err != nil && !math.IsInf(f, 0) && f != 0 {
		return nil, p.explicit("Unexpected number")
	}
	switch {
	case math.IsInf(f, 0):
		// JS keeps ±Infinity, which JSON.stringify writes as null; Go JSON cannot hold it.
		return nil, nil
	case f == 0:
		return 0.0, nil // -0 prints as 0 in JSON
	}
	return f, nil
}

// strictJSONError is body-parser's strict-mode rejection of a body that does not start with { or [:
// JSON.parse of the body with everything from its first non-blank character replaced by "#", each run
// of "#" in the message then replaced by the body's text from that character on.
func strictJSONError(body string) error {
	units := utf16.Encode([]rune(body))
	index := -1
	for i, c := range units {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			index = i
			break
		}
	}
	partial := ""
	if index >= 0 {
		partial = string(utf16.Decode(units[:index])) + strings.Repeat("#", len(units)-index)
	}
	_, err := parseJSONLikeV8(partial)
	if err == nil {
		return &jsonSyntaxError{"strict violation"}
	}
	msg := err.Error()
	var b strings.Builder
	for i := 0; i < len(msg); {
		if msg[i] != '#' {
			b.WriteByte(msg[i])
			i++
			continue
		}
		j := i
		for j < len(msg) && msg[j] == '#' {
			j++
		}
		end := index + (j - i)
		if end > len(units) {
			end = len(units)
		}
		b.WriteString(string(utf16.Decode(units[index:end])))
		i = j
	}
	return &jsonSyntaxError{b.String()}
}
