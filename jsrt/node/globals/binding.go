package globals

import (
	"encoding/base64"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// binding is the Go half of globals.gen.js: byte codecs and the clock.
func binding(rt *goja.Runtime, origin time.Time) *goja.Object {
	b := rt.NewObject()
	b.Set("timeOrigin", float64(origin.UnixNano())/1e6)
	b.Set("now", func() float64 { return float64(time.Since(origin).Nanoseconds()) / 1e6 })
	b.Set("encodeUTF8", func(s string) goja.ArrayBuffer { return rt.NewArrayBuffer([]byte(s)) })
	b.Set("decode", func(ab goja.ArrayBuffer, enc string, fatal bool) goja.Value {
		s, ok := Decode(ab.Bytes(), enc, fatal)
		if !ok {
			panic(rt.NewTypeError("invalid encoded data"))
		}
		return rt.ToValue(s)
	})
	b.Set("decodeUTF8", func(ab goja.ArrayBuffer, fatal bool) goja.Value {
		s, _ := Decode(ab.Bytes(), "utf-8", fatal)
		return rt.ToValue(s)
	})
	b.Set("incompleteTail", func(ab goja.ArrayBuffer, enc string) int { return incompleteTail(ab.Bytes(), enc) })
	b.Set("atob", func(s string) goja.Value {
		out, ok := Atob(s)
		if !ok {
			return goja.Null()
		}
		return rt.ToValue(out)
	})
	b.Set("btoa", func(v goja.Value) goja.Value {
		out, ok := Btoa(v.String())
		if !ok {
			return goja.Null()
		}
		return rt.ToValue(out)
	})
	return b
}

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

// incompleteTail counts the trailing bytes that may still become a character with more input.
func incompleteTail(b []byte, enc string) int {
	switch enc {
	case "utf-16le":
		n := len(b) % 2
		if len(b)-n >= 2 {
			last := uint16(b[len(b)-n-2]) | uint16(b[len(b)-n-1])<<8
			if last >= 0xD800 && last <= 0xDBFF {
				n += 2
			}
		}
		return n
	case "windows-1252":
		return 0
	}
	for n := 1; n <= 3 && n <= len(b); n++ {
		c := b[len(b)-n]
		if c&0xC0 == 0x80 {
			continue // continuation byte: look further back for the lead
		}
		if !utf8.RuneStart(c) || c < 0xC2 {
			return 0
		}
		want := 2
		if c >= 0xE0 {
			want = 3
		}
		if c >= 0xF0 {
			want = 4
		}
		if n < want {
			return n
		}
		return 0
	}
	return 0
}

// Atob is the forgiving-base64 decode of the HTML standard; the result is a binary (latin1) string.
func Atob(s string) (goja.String, bool) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r' {
			return -1
		}
		return r
	}, s)
	if len(s)%4 == 0 {
		s = strings.TrimSuffix(strings.TrimSuffix(s, "="), "=")
	}
	if len(s)%4 == 1 {
		return nil, false
	}
	for _, c := range s {
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/') {
			return nil, false
		}
	}
	// Go's non-strict decoder accepts non-zero trailing bits, as forgiving-base64 does.
	raw, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil {
		return nil, false
	}
	units := make([]uint16, len(raw))
	for i, c := range raw {
		units[i] = uint16(c)
	}
	return goja.StringFromUTF16(units), true
}

// Btoa encodes a binary string; ok is false when a character is above U+00FF.
func Btoa(s string) (string, bool) {
	raw := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xFF {
			return "", false
		}
		raw = append(raw, byte(r))
	}
	return base64.StdEncoding.EncodeToString(raw), true
}
