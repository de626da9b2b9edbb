// Package textcodec decodes bytes into JS strings as the WHATWG Encoding standard says (what
// TextDecoder and Buffer's utf8 decoding both do).
package textcodec

import (
	"unicode/utf16"

	"github.com/dop251/goja"
)

// Decode turns bytes into a JS string per the WHATWG Encoding standard: utf-8 (one U+FFFD per maximal
// invalid subpart), utf-16le, or windows-1252 (decoded as latin1, as Node does). ok is false only when
// fatal and the input is invalid.
func Decode(b []byte, enc string, fatal bool) (goja.String, bool) {
	switch enc {
	case "utf-16le":
		if fatal && len(b)%2 == 1 {
			return nil, false
		}
		units := make([]uint16, 0, len(b)/2+1)
		for i := 0; i+1 < len(b); i += 2 {
			units = append(units, uint16(b[i])|uint16(b[i+1])<<8)
		}
		if len(b)%2 == 1 {
			units = append(units, 0xFFFD)
		}
		if fatal && hasLoneSurrogate(units) {
			return nil, false
		}
		return goja.StringFromUTF16(replaceLoneSurrogates(units)), true
	case "windows-1252":
		units := make([]uint16, len(b))
		for i, c := range b {
			units[i] = uint16(c)
		}
		return goja.StringFromUTF16(units), true
	}
	units, ok := decodeUTF8(b, fatal)
	if !ok {
		return nil, false
	}
	return goja.StringFromUTF16(units), true
}

// decodeUTF8 follows the WHATWG UTF-8 decoder, whose error handling differs from Go's (a truncated
// multi-byte sequence is one replacement character, not one per byte).
func decodeUTF8(b []byte, fatal bool) ([]uint16, bool) {
	out := make([]uint16, 0, len(b))
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			out = append(out, uint16(c))
			i++
			continue
		}
		var need int
		var cp rune
		lower, upper := byte(0x80), byte(0xBF)
		switch {
		case c >= 0xC2 && c <= 0xDF:
			need, cp = 1, rune(c&0x1F)
		case c >= 0xE0 && c <= 0xEF:
			if c == 0xE0 {
				lower = 0xA0
			}
			if c == 0xED {
				upper = 0x9F
			}
			need, cp = 2, rune(c&0x0F)
		case c >= 0xF0 && c <= 0xF4:
			if c == 0xF0 {
				lower = 0x90
			}
			if c == 0xF4 {
				upper = 0x8F
			}
			need, cp = 3, rune(c&0x07)
		default:
			if fatal {
				return nil, false
			}
			out = append(out, 0xFFFD)
			i++
			continue
		}
		j := i + 1
		valid := true
		for k := 0; k < need; k++ {
			if j >= len(b) || b[j] < lower || b[j] > upper {
				valid = false
				break
			}
			cp = cp<<6 | rune(b[j]&0x3F)
			lower, upper = 0x80, 0xBF
			j++
		}
		if !valid {
			if fatal {
				return nil, false
			}
			out = append(out, 0xFFFD)
			i = j
			continue
		}
		out = utf16.AppendRune(out, cp)
		i = j
	}
	return out, true
}

func hasLoneSurrogate(u []uint16) bool {
	for i := 0; i < len(u); i++ {
		switch {
		case u[i] >= 0xD800 && u[i] <= 0xDBFF:
			if i+1 >= len(u) || u[i+1] < 0xDC00 || u[i+1] > 0xDFFF {
				return true
			}
			i++
		case u[i] >= 0xDC00 && u[i] <= 0xDFFF:
			return true
		}
	}
	return false
}

func replaceLoneSurrogates(u []uint16) []uint16 {
	for i := 0; i < len(u); i++ {
		switch {
		case u[i] >= 0xD800 && u[i] <= 0xDBFF:
			if i+1 >= len(u) || u[i+1] < 0xDC00 || u[i+1] > 0xDFFF {
				u[i] = 0xFFFD
			} else {
				i++
			}
		case u[i] >= 0xDC00 && u[i] <= 0xDFFF:
			u[i] = 0xFFFD
		}
	}
	return u
}
