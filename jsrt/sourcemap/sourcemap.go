// Package sourcemap adapts source maps (v3) for jsrt: it moves the mappings of a script's first line
// when a wrapper is prepended to that line, finds and decodes a trailing sourceMappingURL comment,
// and looks positions up for errors goja cannot map itself (syntax errors).
package sourcemap

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	gosourcemap "github.com/go-sourcemap/sourcemap"
)

// ShiftFirstLine returns the map with every mapping of generated line 1 moved right by cols
// columns, as if cols characters had been inserted at the start of the generated code.
func ShiftFirstLine(data []byte, cols int) ([]byte, error) {
	if cols == 0 || len(data) == 0 {
		return data, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("sourcemap: %w", err)
	}
	raw, ok := m["mappings"]
	if !ok {
		return data, nil
	}
	var mappings string
	if err := json.Unmarshal(raw, &mappings); err != nil {
		return nil, fmt.Errorf("sourcemap: mappings: %w", err)
	}
	if mappings == "" || mappings[0] == ';' || mappings[0] == ',' {
		return data, nil
	}
	// Only the first segment of line 1 holds an absolute column; the others are relative to it.
	col, n, err := decodeVLQ(mappings)
	if err != nil {
		return nil, err
	}
	shifted := encodeVLQ(col+cols) + mappings[n:]
	m["mappings"], _ = json.Marshal(shifted)
	return json.Marshal(m)
}

// SplitURL separates a trailing "//# sourceMappingURL=..." line (blank lines after it allowed)
// from code. url is empty when there is none.
func SplitURL(code string) (rest, url string) {
	end := len(code)
	for end > 0 && (code[end-1] == '\n' || code[end-1] == '\r' || code[end-1] == ' ' || code[end-1] == '\t') {
		end--
	}
	start := strings.LastIndexByte(code[:end], '\n') + 1
	line := strings.TrimSpace(code[start:end])
	for _, prefix := range []string{"//# sourceMappingURL=", "//@ sourceMappingURL="} {
		if strings.HasPrefix(line, prefix) {
			return code[:start], strings.TrimSpace(line[len(prefix):])
		}
	}
	return code, ""
}

// DecodeDataURL returns the map inside a "data:application/json;base64,..." URL.
func DecodeDataURL(url string) ([]byte, bool) {
	if !strings.HasPrefix(url, "data:") {
		return nil, false
	}
	comma := strings.IndexByte(url, ',')
	if comma < 0 {
		return nil, false
	}
	meta, payload := url[5:comma], url[comma+1:]
	if strings.HasSuffix(meta, ";base64") {
		b, err := base64.StdEncoding.DecodeString(payload)
		if err != nil {
			b, err = base64.RawStdEncoding.DecodeString(payload)
		}
		return b, err == nil
	}
	return []byte(payload), true
}

// Map looks original positions up.
type Map struct{ c *gosourcemap.Consumer }

// Parse reads a map; url is the generated file's name, against which relative sources resolve.
func Parse(url string, data []byte) (*Map, error) {
	c, err := gosourcemap.Parse(url, data)
	if err != nil {
		return nil, fmt.Errorf("sourcemap: %w", err)
	}
	return &Map{c: c}, nil
}

// Source maps a generated 1-based line and column to the original file, line and column.
func (m *Map) Source(line, col int) (file string, origLine, origCol int, ok bool) {
	if m == nil {
		return "", 0, 0, false
	}
	file, _, origLine, origCol, ok = m.c.Source(line, col)
	return
}

const vlqChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

var errBadVLQ = errors.New("sourcemap: bad VLQ in mappings")

func decodeVLQ(s string) (value, n int, err error) {
	shift := 0
	for n < len(s) {
		d := strings.IndexByte(vlqChars, s[n])
		if d < 0 {
			return 0, 0, errBadVLQ
		}
		n++
		value |= (d & 31) << shift
		if d&32 == 0 {
			if value&1 == 1 {
				return -(value >> 1), n, nil
			}
			return value >> 1, n, nil
		}
		shift += 5
	}
	return 0, 0, errBadVLQ
}

func encodeVLQ(v int) string {
	u := v << 1
	if v < 0 {
		u = (-v << 1) | 1
	}
	var b []byte
	for {
		d := u & 31
		u >>= 5
		if u > 0 {
			d |= 32
		}
		b = append(b, vlqChars[d])
		if u == 0 {
			return string(b)
		}
	}
}
