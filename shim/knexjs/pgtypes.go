package knexjs

import (
	"encoding/hex"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/dop251/goja"
)

// pgParser is pg-types' default text parser for a type OID (node-postgres 8): int2/int4/oid as
// numbers, int8 and numeric as strings, floats, booleans, json/jsonb parsed, date/timestamp/
// timestamptz as Dates, bytea as Buffer, and the arrays of those. Every other type stays a string.
func pgParser(v *jsValues, oid uint32) func(string) goja.Value {
	switch oid {
	case 16: // bool
		return func(s string) goja.Value { return v.rt.ToValue(pgBool(s)) }
	case 21, 23, 26: // int2, int4, oid
		return func(s string) goja.Value { return v.rt.ToValue(pgInt(s)) }
	case 700, 701: // float4, float8
		return func(s string) goja.Value { return v.rt.ToValue(pgFloat(s)) }
	case 114, 3802: // json, jsonb
		return v.json
	case 600: // point
		return func(s string) goja.Value { return pgPoint(v, s) }
	case 718: // circle
		return func(s string) goja.Value { return pgCircle(v, s) }
	case 1186: // interval
		return v.pgInterval
	case 1187: // interval[]
		return pgArrayOf(v, v.pgInterval)
	case 1082, 1114, 1184: // date, timestamp, timestamptz
		return func(s string) goja.Value { return pgDate(v, s) }
	case 17: // bytea
		return func(s string) goja.Value { return v.buffer(pgByteA(s)) }
	case 1000: // bool[]
		return pgArrayOf(v, func(s string) goja.Value { return v.rt.ToValue(pgBool(s)) })
	case 1005, 1007, 1028: // int2[], int4[], oid[]
		return pgArrayOf(v, func(s string) goja.Value { return v.rt.ToValue(pgInt(s)) })
	case 1021, 1022: // float4[], float8[]
		return pgArrayOf(v, func(s string) goja.Value { return v.rt.ToValue(pgFloat(s)) })
	case 199, 3807: // json[], jsonb[]
		return pgArrayOf(v, v.json)
	case 1115, 1182, 1185: // timestamp[], date[], timestamptz[]
		return pgArrayOf(v, func(s string) goja.Value { return pgDate(v, s) })
	case 1001: // bytea[]
		return pgArrayOf(v, func(s string) goja.Value { return v.buffer(pgByteA(s)) })
	case 1016, 1231, 1009, 1014, 1015, 2951, 1183, 1270, 1041, 651, 1040: // arrays kept as strings
		return pgArrayOf(v, v.str)
	}
	return v.str
}

func pgBool(s string) bool {
	switch s {
	case "TRUE", "t", "true", "y", "yes", "on", "1":
		return true
	}
	return false
}

// pgInt is parseInt(s, 10).
func pgInt(s string) float64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return math.NaN()
	}
	return float64(n)
}

// pgFloat is parseFloat(s) for PostgreSQL's float text ("NaN", "Infinity", "-Infinity" included).
func pgFloat(s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		switch s {
		case "Infinity":
			return math.Inf(1)
		case "-Infinity":
			return math.Inf(-1)
		}
		return math.NaN()
	}
	return f
}

// pgByteA decodes bytea text output: hex ("\x…") or the legacy escape format.
func pgByteA(s string) []byte {
	if strings.HasPrefix(s, `\x`) {
		b, err := hex.DecodeString(s[2:])
		if err == nil {
			return b
		}
	}
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			out = append(out, s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '\\' {
			out = append(out, '\\')
			i++
			continue
		}
		if i+3 < len(s) {
			if n, err := strconv.ParseUint(s[i+1:i+4], 8, 8); err == nil {
				out = append(out, byte(n))
				i += 3
				continue
			}
		}
		out = append(out, s[i])
	}
	return out
}

var (
	pgDateTimeRe = regexp.MustCompile(`(\d{1,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,})?.*?( BC)?$`)
	pgDateRe     = regexp.MustCompile(`^(\d{1,})-(\d{2})-(\d{2})( BC)?$`)
	pgZoneRe     = regexp.MustCompile(`([Z+-])(\d{2})?:?(\d{2})?:?(\d{2})?`)
)

// pgDate is postgres-date's parse: a Date in the local zone unless the text carries an offset;
// "infinity"/"-infinity" become ±Infinity; unparseable text gives null.
func pgDate(v *jsValues, s string) goja.Value {
	switch s {
	case "infinity":
		return v.rt.ToValue(math.Inf(1))
	case "-infinity":
		return v.rt.ToValue(math.Inf(-1))
	}
	m := pgDateTimeRe.FindStringSubmatch(s)
	if m == nil {
		d := pgDateRe.FindStringSubmatch(s)
		if d == nil {
			return goja.Null()
		}
		year := atoi(d[1])
		if d[4] != "" {
			year = -(year - 1)
		}
		t := time.Date(year, time.Month(atoi(d[2])), atoi(d[3]), 0, 0, 0, 0, time.Local)
		return v.dateTime(t)
	}
	year := atoi(m[1])
	if m[8] != "" {
		year = -(year - 1)
	}
	ms := 0.0
	if m[7] != "" {
		f, _ := strconv.ParseFloat(m[7], 64)
		ms = 1000 * f
	}
	msInt := int(ms) // the Date constructor truncates fractional milliseconds
	if off, ok := pgZoneOffset(s); ok {
		t := time.Date(year, time.Month(atoi(m[2])), atoi(m[3]), atoi(m[4]), atoi(m[5]), atoi(m[6]), msInt*1e6, time.UTC)
		return v.dateMillis(float64(t.UnixMilli()) - off)
	}
	t := time.Date(year, time.Month(atoi(m[2])), atoi(m[3]), atoi(m[4]), atoi(m[5]), atoi(m[6]), msInt*1e6, time.Local)
	return v.dateTime(t)
}

// pgZoneOffset is the offset (ms) written after the time, if any.
func pgZoneOffset(s string) (float64, bool) {
	if strings.HasSuffix(s, "+00") {
		return 0, true
	}
	parts := strings.SplitN(s, " ", 3)
	if len(parts) < 2 {
		return 0, false
	}
	z := pgZoneRe.FindStringSubmatch(parts[1])
	if z == nil {
		return 0, false
	}
	if z[1] == "Z" {
		return 0, true
	}
	sign := 1.0
	if z[1] == "-" {
		sign = -1
	}
	secs := atoi(z[2])*3600 + atoi(z[3])*60 + atoi(z[4])
	return float64(secs) * sign * 1000, true
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// pgArrayOf parses a PostgreSQL array literal (postgres-array) and converts each element.
func pgArrayOf(v *jsValues, conv func(string) goja.Value) func(string) goja.Value {
	return func(s string) goja.Value {
		p := &pgArrayParser{src: s, conv: conv, rt: v.rt}
		return p.parse()
	}
}

type pgArrayParser struct {
	src  string
	pos  int
	conv func(string) goja.Value
	rt   *goja.Runtime
}

func (p *pgArrayParser) parse() goja.Value {
	// Optional dimension decoration: "[1:2]={...}".
	if strings.HasPrefix(p.src, "[") {
		if i := strings.Index(p.src, "="); i >= 0 {
			p.pos = i + 1
		}
	}
	if p.pos >= len(p.src) || p.src[p.pos] != '{' {
		return p.rt.ToValue(p.src)
	}
	p.pos++
	return p.list()
}

// list reads elements up to the matching '}' (the opening brace is consumed).
func (p *pgArrayParser) list() goja.Value {
	var out []any
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == '}':
			p.pos++
			return p.rt.NewArray(out...)
		case c == ',':
			p.pos++
		case c == '{':
			p.pos++
			out = append(out, p.list())
		case c == '"':
			p.pos++
			var b strings.Builder
			for p.pos < len(p.src) && p.src[p.pos] != '"' {
				if p.src[p.pos] == '\\' && p.pos+1 < len(p.src) {
					p.pos++
				}
				b.WriteByte(p.src[p.pos])
				p.pos++
			}
			p.pos++
			out = append(out, p.conv(b.String()))
		default:
			start := p.pos
			for p.pos < len(p.src) && p.src[p.pos] != ',' && p.src[p.pos] != '}' {
				p.pos++
			}
			word := p.src[start:p.pos]
			if word == "NULL" {
				out = append(out, goja.Null())
			} else {
				out = append(out, p.conv(word))
			}
		}
	}
	return p.rt.NewArray(out...)
}

// pgPoint is pg-types' parsePoint: "(x,y)" → {x, y}.
func pgPoint(v *jsValues, s string) goja.Value {
	if !strings.HasPrefix(s, "(") {
		return goja.Null()
	}
	parts := strings.Split(s[1:len(s)-1], ",")
	o := v.rt.NewObject()
	o.Set("x", pgFloat(parts[0]))
	if len(parts) > 1 {
		o.Set("y", pgFloat(parts[1]))
	} else {
		o.Set("y", math.NaN())
	}
	return o
}

// pgCircle is pg-types' parseCircle: "<(x,y),r>" → {x, y, radius}.
func pgCircle(v *jsValues, s string) goja.Value {
	if len(s) < 2 || (s[0] != '<' && s[1] != '(') {
		return goja.Null()
	}
	point := "("
	radius := ""
	pointParsed := false
	for i := 2; i < len(s)-1; i++ {
		if !pointParsed {
			point += string(s[i])
		}
		if s[i] == ')' {
			pointParsed = true
			continue
		} else if !pointParsed {
			continue
		}
		if s[i] == ',' {
			continue
		}
		radius += string(s[i])
	}
	res := pgPoint(v, point)
	if o, ok := res.(*goja.Object); ok {
		o.Set("radius", pgFloat(radius))
	}
	return res
}
