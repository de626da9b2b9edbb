// Package sourcemap adapts source maps (v3) for jsrt: it adjusts a map for goja's lookups and for a
// wrapper prepended to the script's first line, finds and decodes a trailing sourceMappingURL
// comment, and looks positions up for errors goja cannot map itself (syntax errors).
package sourcemap

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	gosourcemap "github.com/go-sourcemap/sourcemap"
)

// ForGoja returns the map adapted for goja's lookups, with the mappings of generated line 1 moved
// right by prepended columns (the CommonJS wrapper sharing that line). goja asks the map with
// 1-based generated columns and reports the original column as stored (0-based); moving every
// generated column and every original column by one makes its lookups exact and its reported
// columns 1-based, as Node prints them.
func ForGoja(data []byte, prepended int) ([]byte, error) {
	if len(data) == 0 {
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
	shifted, err := shiftMappings(mappings, prepended)
	if err != nil {
		return nil, err
	}
	m["mappings"], _ = json.Marshal(shifted)
	return json.Marshal(m)
}

// shiftMappings adds 1 (plus prepended on line 1) to each line's first generated column, which is
// absolute while later ones are relative, and 1 to the first original column, the base of all the
// relative ones after it.
func shiftMappings(mappings string, prepended int) (string, error) {
	var b strings.Builder
	b.Grow(len(mappings) + 64)
	sourceColShifted := false
	line := 0
	for start := 0; start <= len(mappings); line++ {
		end := strings.IndexByte(mappings[start:], ';')
		if end < 0 {
			end = len(mappings)
		} else {
			end += start
		}
		segs := strings.Split(mappings[start:end], ",")
		for n, seg := range segs {
			if seg == "" || (n > 0 && sourceColShifted) {
				b.WriteString(seg)
			} else {
				vals, err := decodeSegment(seg)
				if err != nil {
					return "", err
				}
				if n == 0 {
					vals[0]++
					if line == 0 {
						vals[0] += prepended
					}
				}
				if !sourceColShifted && len(vals) >= 4 {
					vals[3]++
					sourceColShifted = true
				}
				for _, v := range vals {
					b.WriteString(encodeVLQ(v))
				}
			}
			if n < len(segs)-1 {
				b.WriteByte(',')
			}
		}
		if end == len(mappings) {
			break
		}
		b.WriteByte(';')
		start = end + 1
	}
	return b.String(), nil
}

func decodeSegment(seg string) ([]int, error) {
	var vals []int
	for len(seg) > 0 {
		v, n, err := decodeVLQ(seg)
		if err != nil {
			return nil, err
		}
		vals = append(vals, v)
		seg = seg[n:]
	}
	return vals, nil
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

// Source maps a generated position to the original file, line and column, all 1-based like
// Node's; the map must come from ForGoja.
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
