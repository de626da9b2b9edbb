package globals

import (
	"encoding/base64"
	"runtime"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt/node/internal/host"
	"github.com/dxhost/dxhost/jsrt/node/internal/textcodec"
)

// binding is the Go half of globals.gen.js: byte codecs and the clock.
func binding(rt *goja.Runtime, origin time.Time) *goja.Object {
	b := rt.NewObject()
	b.Set("timeOrigin", float64(origin.UnixNano())/1e6)
	b.Set("cpus", runtime.NumCPU())
	// frames are the JS call stack above captureStackTrace (its own JS helper frames and this native
	// frame are skipped), for Error.captureStackTrace.
	b.Set("frames", func() goja.Value {
		stack := rt.CaptureCallStack(64, nil)
		out := make([]any, 0, len(stack))
		top := true
		for _, f := range stack {
			p := f.Position()
			if top && (p.Filename == "" || p.Filename == "node:internal/globals") {
				continue
			}
			top = false
			fn := f.FuncName()
			if fn == "<anonymous>" {
				fn = ""
			}
			out = append(out, host.Obj("file", p.Filename, "line", p.Line, "column", p.Column, "fn", fn))
		}
		return host.Value(rt, out)
	})
	b.Set("navigatorPlatform", navigatorPlatform())
	b.Set("now", func() float64 { return float64(time.Since(origin).Nanoseconds()) / 1e6 })
	b.Set("encodeUTF8", func(s string) goja.ArrayBuffer { return rt.NewArrayBuffer([]byte(s)) })
	b.Set("decode", func(ab goja.ArrayBuffer, enc string, fatal bool) goja.Value {
		s, ok := textcodec.Decode(ab.Bytes(), enc, fatal)
		if !ok {
			panic(rt.NewTypeError("invalid encoded data"))
		}
		return rt.ToValue(s)
	})
	b.Set("decodeUTF8", func(ab goja.ArrayBuffer, fatal bool) goja.Value {
		s, _ := textcodec.Decode(ab.Bytes(), "utf-8", fatal)
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

// navigatorPlatform is Node's navigator.platform: the OS name and machine, e.g. "Linux x86_64".
func navigatorPlatform() string {
	os := map[string]string{"linux": "Linux", "darwin": "MacIntel", "windows": "Win32", "freebsd": "FreeBSD"}[runtime.GOOS]
	if os == "" {
		os = runtime.GOOS
	}
	if runtime.GOOS != "linux" {
		return os
	}
	machine := map[string]string{"amd64": "x86_64", "arm64": "aarch64", "386": "i686", "arm": "armv7l"}[runtime.GOARCH]
	if machine == "" {
		machine = runtime.GOARCH
	}
	return os + " " + machine
}
