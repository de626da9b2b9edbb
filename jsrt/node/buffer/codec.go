package buffer

import (
	"encoding/base64"
	"encoding/hex"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt/node/internal/textcodec"
)

// binding is the Go half of the buffer module: string ↔ bytes conversions. The npm port does them in
// JavaScript loops that concatenate strings, which goja makes quadratic.
func binding(rt *goja.Runtime) *goja.Object {
	b := rt.NewObject()
	b.Set("decode", func(buf goja.Value, start, end int, enc string) goja.Value {
		p, ok := Bytes(rt, buf)
		if !ok {
			panic(rt.NewTypeError("argument must be a buffer"))
		}
		if start < 0 {
			start = 0
		}
		if end > len(p) {
			end = len(p)
		}
		if start >= end {
			return rt.ToValue("")
		}
		return rt.ToValue(decode(p[start:end], enc))
	})
	u8, _ := goja.AssertConstructor(rt.Get("Uint8Array"))
	b.Set("encode", func(s goja.Value, enc string, max int) goja.Value {
		// The port indexes the result and reads its length: a Uint8Array over Go's bytes.
		arr, err := u8(nil, rt.ToValue(rt.NewArrayBuffer(encode(s, enc, max))))
		if err != nil {
			panic(err)
		}
		return arr
	})
	b.Set("fillPattern", func(dst, pattern goja.Value, start, end int) {
		d, ok1 := Bytes(rt, dst)
		p, ok2 := Bytes(rt, pattern)
		if !ok1 || !ok2 || len(p) == 0 || start < 0 || end > len(d) {
			panic(rt.NewTypeError("fill: invalid arguments"))
		}
		for i := start; i < end; i += len(p) {
			copy(d[i:end], p)
		}
	})
	return b
}

func decode(p []byte, enc string) goja.Value {
	switch enc {
	case "latin1":
		units := make([]uint16, len(p))
		for i, c := range p {
			units[i] = uint16(c)
		}
		return goja.StringFromUTF16(units)
	case "ascii":
		units := make([]uint16, len(p))
		for i, c := range p {
			units[i] = uint16(c & 0x7f)
		}
		return goja.StringFromUTF16(units)
	case "hex":
		return goja.StringFromUTF16(asciiUnits(hex.EncodeToString(p)))
	case "base64":
		return goja.StringFromUTF16(asciiUnits(base64.StdEncoding.EncodeToString(p)))
	case "utf16le":
		units := make([]uint16, len(p)/2)
		for i := range units {
			units[i] = uint16(p[2*i]) | uint16(p[2*i+1])<<8
		}
		return goja.StringFromUTF16(units)
	}
	s, _ := textcodec.Decode(p, "utf-8", false)
	return s
}

func asciiUnits(s string) []uint16 {
	u := make([]uint16, len(s))
	for i := 0; i < len(s); i++ {
		u[i] = uint16(s[i])
	}
	return u
}

// encode turns a JS string into bytes; max ≥ 0 stops before a character that would not fit whole.
func encode(v goja.Value, enc string, max int) []byte {
	switch enc {
	case "hex":
		return hexPrefix(v.String(), max)
	case "base64":
		return lenientBase64(v.String())
	}
	units := utf16Units(v)
	switch enc {
	case "latin1":
		out := make([]byte, len(units))
		for i, u := range units {
			out[i] = byte(u)
		}
		return out
	case "utf16le":
		n := len(units)
		if max >= 0 && 2*n > max {
			n = max / 2
		}
		out := make([]byte, 2*n)
		for i := 0; i < n; i++ {
			out[2*i], out[2*i+1] = byte(units[i]), byte(units[i]>>8)
		}
		return out
	}
	out := make([]byte, 0, len(units))
	for i := 0; i < len(units); i++ {
		r := rune(units[i])
		if utf16.IsSurrogate(r) {
			if r < 0xDC00 && i+1 < len(units) && units[i+1] >= 0xDC00 && units[i+1] <= 0xDFFF {
				r = utf16.DecodeRune(r, rune(units[i+1]))
				i++
			} else {
				r = utf8.RuneError
			}
		}
		if max >= 0 && len(out)+utf8.RuneLen(r) > max {
			break
		}
		out = utf8.AppendRune(out, r)
	}
	return out
}

// utf16Units are the string's UTF-16 code units, lone surrogates included.
func utf16Units(v goja.Value) []uint16 {
	s := v.ToString()
	if gs, ok := s.(goja.String); ok {
		n := gs.Length()
		u := make([]uint16, n)
		for i := 0; i < n; i++ {
			u[i] = gs.CharAt(i)
		}
		return u
	}
	return utf16.Encode([]rune(s.String()))
}

// hexPrefix decodes hex digit pairs up to the first invalid one (Node's hex write), at most max bytes.
func hexPrefix(s string, max int) []byte {
	n := len(s) / 2
	if max >= 0 && n > max {
		n = max
	}
	out := make([]byte, 0, n)
	for i := 0; i < n; i++ {
		hi, ok1 := nibble(s[2*i])
		lo, ok2 := nibble(s[2*i+1])
		if !ok1 || !ok2 {
			break
		}
		out = append(out, hi<<4|lo)
	}
	return out
}

func nibble(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// lenientBase64 decodes like Node: standard or URL alphabet, padding optional, other characters
// (whitespace, garbage) skipped.
func lenientBase64(s string) []byte {
	clean := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
			clean = append(clean, c)
		case c == '-':
			clean = append(clean, '+')
		case c == '_':
			clean = append(clean, '/')
		case c == '=':
			i = len(s) // padding ends the data
		}
	}
	if len(clean)%4 == 1 {
		clean = clean[:len(clean)-1]
	}
	out, err := base64.RawStdEncoding.DecodeString(string(clean))
	if err != nil {
		return nil
	}
	return out
}
