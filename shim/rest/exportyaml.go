package rest

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/items"
)

// exportYAML is js-yaml's dump(data) with its defaults (indent 2, line width 80, block styles,
// single quotes, YAML 1.1 compatibility quoting), for the JSON values of a response. Values parsed
// from JSON share no objects, so js-yaml's &ref anchors never appear.
func exportYAML(data any) string {
	y := &yamlWriter{}
	return y.node(0, data, true, true, false, false) + "\n"
}

type yamlWriter struct{}

const yamlIndent = 2

func nextLine(level int) string { return "\n" + strings.Repeat(" ", yamlIndent*level) }

// node is writeNode: the text of v at level (block style unless empty).
func (y *yamlWriter) node(level int, v any, block, compact, iskey, inBlockSeq bool) string {
	inblock := block
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return yamlNumber(x)
	case string:
		return yamlScalar(x, level, iskey, inblock)
	case *items.Item:
		if x == nil {
			return "null"
		}
		if block && x.Len() > 0 {
			return y.mapping(level, x, compact)
		}
		return y.flowMapping(level, x)
	case []any:
		if block && len(x) > 0 {
			return y.sequence(level, x, compact)
		}
		return y.flowSequence(level, x)
	}
	return "null"
}

func (y *yamlWriter) sequence(level int, list []any, compact bool) string {
	var b strings.Builder
	for _, e := range list {
		if !compact || b.Len() > 0 {
			b.WriteString(nextLine(level))
		}
		s := y.node(level+1, e, true, true, false, true)
		if strings.HasPrefix(s, "\n") {
			b.WriteString("-")
		} else {
			b.WriteString("- ")
		}
		b.WriteString(s)
	}
	return b.String()
}

func (y *yamlWriter) mapping(level int, it *items.Item, compact bool) string {
	var b strings.Builder
	for i, k := range it.Keys() {
		if !compact || b.Len() > 0 {
			b.WriteString(nextLine(level))
		}
		key := y.node(level+1, k, true, true, true, false)
		explicit := len(key) > 1024
		if explicit {
			b.WriteString("? ")
		}
		b.WriteString(key)
		if explicit {
			b.WriteString(nextLine(level))
		}
		val := y.node(level+1, it.Values()[i], true, explicit, false, false)
		if strings.HasPrefix(val, "\n") {
			b.WriteString(":")
		} else {
			b.WriteString(": ")
		}
		b.WriteString(val)
	}
	return b.String()
}

func (y *yamlWriter) flowSequence(level int, list []any) string {
	parts := make([]string, len(list))
	for i, e := range list {
		parts[i] = y.node(level, e, false, false, false, false)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func (y *yamlWriter) flowMapping(level int, it *items.Item) string {
	parts := make([]string, 0, it.Len())
	for i, k := range it.Keys() {
		key := y.node(level, k, false, false, false, false)
		if len(key) > 1024 {
			key = "? " + key
		}
		parts = append(parts, key+": "+y.node(level, it.Values()[i], false, false, false, false))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// yamlNumber is js-yaml's int (toString) or float representation (".nan", ".inf", "-0.0",
// "1.e+21" for an exponent without a dot).
func yamlNumber(f float64) string {
	s := env.FormatJSNumber(f)
	switch s {
	case "NaN":
		return ".nan"
	case "Infinity":
		return ".inf"
	case "-Infinity":
		return "-.inf"
	}
	if f == 0 && strconv.FormatFloat(f, 'g', -1, 64) == "-0" {
		return "-0.0"
	}
	if f != math.Trunc(f) && scientificNoDot.MatchString(s) { // integers are js-yaml's int type
		return strings.Replace(s, "e", ".e", 1)
	}
	return s
}

var (
	scientificNoDot  = regexp.MustCompile(`^[-+]?[0-9]+e`)
	deprecatedBase60 = regexp.MustCompile(`^[-+]?[0-9_]+(?::[0-9_]+)+(?:\.[0-9_]*)?$`)
	yamlFloat        = regexp.MustCompile(`^(?:[-+]?(?:[0-9]+)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$`)
	yamlFloatSpecial = regexp.MustCompile(`^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$`)
	yamlDate         = regexp.MustCompile(`^([0-9][0-9][0-9][0-9])-([0-9][0-9])-([0-9][0-9])$`)
	yamlTimestamp    = regexp.MustCompile(`^([0-9][0-9][0-9][0-9])-([0-9][0-9]?)-([0-9][0-9]?)(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?$`)
	yamlDeprecated   = map[string]bool{"y": true, "Y": true, "yes": true, "Yes": true, "YES": true, "on": true, "On": true, "ON": true,
		"n": true, "N": true, "no": true, "No": true, "NO": true, "off": true, "Off": true, "OFF": true}
)

// yamlAmbiguous is testImplicitResolving with the default schema: would the plain text read back
// as null, a boolean, an integer, a float, a timestamp or the merge key?
func yamlAmbiguous(s string) bool {
	switch s {
	case "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "<<":
		return true
	}
	return yamlInteger(s) || (yamlFloat.MatchString(s) && yamlFloatFinite(s)) || yamlDate.MatchString(s) || yamlTimestamp.MatchString(s)
}

// yamlFloatFinite is the rest of resolveYamlFloat: the text parses to a finite float, or is one of
// the .inf/.nan forms.
func yamlFloatFinite(s string) bool {
	if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsInf(f, 0) {
		return true
	}
	return yamlFloatSpecial.MatchString(s)
}

// yamlInteger is resolveYamlInteger: decimal, 0b, 0x or 0o digits after an optional sign.
func yamlInteger(s string) bool {
	if s == "" {
		return false
	}
	i := 0
	if s[0] == '-' || s[0] == '+' {
		i++
	}
	digits := func(rest string, ok func(byte) bool) bool {
		if rest == "" {
			return false
		}
		for j := 0; j < len(rest); j++ {
			if !ok(rest[j]) {
				return false
			}
		}
		return true
	}
	dec := func(c byte) bool { return c >= '0' && c <= '9' }
	if i < len(s) && s[i] == '0' {
		if i+1 == len(s) {
			return true
		}
		switch s[i+1] {
		case 'b':
			return digits(s[i+2:], func(c byte) bool { return c == '0' || c == '1' })
		case 'x':
			return digits(s[i+2:], func(c byte) bool { return dec(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' })
		case 'o':
			return digits(s[i+2:], func(c byte) bool { return c >= '0' && c <= '7' })
		}
	}
	if !digits(s[i:], dec) {
		return false
	}
	f, err := strconv.ParseFloat(s, 64) // isFinite(parseYamlInteger(data))
	return err == nil && !math.IsInf(f, 0)
}

// yamlScalar is writeScalar: plain, single-quoted, literal (|), folded (>) or double-quoted.
func yamlScalar(s string, level int, iskey, inblock bool) string {
	if s == "" {
		return "''"
	}
	if yamlDeprecated[s] || deprecatedBase60.MatchString(s) {
		return "'" + s + "'"
	}
	indent := yamlIndent * max(1, level)
	width := max(min(80, 40), 80-indent)
	switch yamlStyle(s, iskey, width, inblock) {
	case stylePlain:
		return s
	case styleSingle:
		return "'" + strings.ReplaceAll(s, "'", "''") + "'"
	case styleLiteral:
		return "|" + yamlBlockHeader(s) + dropEndingNewline(indentLines(s, indent))
	case styleFolded:
		return ">" + yamlBlockHeader(s) + dropEndingNewline(indentLines(foldString(s, width), indent))
	}
	return `"` + yamlEscape(s) + `"`
}

const (
	stylePlain = iota + 1
	styleSingle
	styleLiteral
	styleFolded
	styleDouble
)

// yamlStyle is chooseScalarStyle; positions count UTF-16 units as JavaScript's do.
func yamlStyle(s string, singleLineOnly bool, width int, inblock bool) int {
	units := utf16.Encode([]rune(s))
	runes := []rune(s)
	// string[previousLineBreak + 1] !== ' ' (undefined past the end)
	notSpaceAfter := func(br int) bool { return br+1 >= len(units) || units[br+1] != ' ' }
	plain := yamlPlainFirst(runes[0]) && yamlPlainLast(runes[len(runes)-1])
	var prev rune = -1
	hasLineBreak, foldable := false, false
	prevBreak := -1
	i := 0
	for _, c := range runes {
		if !singleLineOnly && c == '\n' {
			hasLineBreak = true
			foldable = foldable || (i-prevBreak-1 > width && notSpaceAfter(prevBreak))
			prevBreak = i
		} else if !yamlPrintable(c) {
			return styleDouble
		}
		plain = plain && yamlPlainSafe(c, prev, inblock)
		prev = c
		if c >= 0x10000 {
			i += 2
		} else {
			i++
		}
	}
	if !singleLineOnly {
		foldable = foldable || (i-prevBreak-1 > width && notSpaceAfter(prevBreak))
	} else {
		foldable = false
	}
	if !hasLineBreak && !foldable {
		if plain && !yamlAmbiguous(s) {
			return stylePlain
		}
		return styleSingle
	}
	if foldable {
		return styleFolded
	}
	return styleLiteral
}

func yamlPrintable(c rune) bool {
	return c >= 0x20 && c <= 0x7E || c >= 0xA1 && c <= 0xD7FF && c != 0x2028 && c != 0x2029 ||
		c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF || c >= 0x10000 && c <= 0x10FFFF
}

func yamlNsCharOrSpace(c rune) bool {
	return yamlPrintable(c) && c != 0xFEFF && c != '\r' && c != '\n'
}

func yamlWhite(c rune) bool { return c == ' ' || c == '\t' }

func yamlPlainSafe(c, prev rune, inblock bool) bool {
	nsOrSpace := yamlNsCharOrSpace(c)
	ns := nsOrSpace && !yamlWhite(c)
	safe := nsOrSpace
	if !inblock {
		safe = safe && c != ',' && c != '[' && c != ']' && c != '{' && c != '}'
	}
	return (safe && c != '#' && !(prev == ':' && !ns)) ||
		(prev >= 0 && yamlNsCharOrSpace(prev) && !yamlWhite(prev) && c == '#') ||
		(prev == ':' && ns)
}

func yamlPlainFirst(c rune) bool {
	return yamlPrintable(c) && c != 0xFEFF && !yamlWhite(c) && !strings.ContainsRune("-?:,[]{}#&*!|=>'\"%@`", c)
}

func yamlPlainLast(c rune) bool { return !yamlWhite(c) && c != ':' }

func yamlBlockHeader(s string) string {
	indicator := ""
	if strings.HasPrefix(strings.TrimLeft(s, "\n"), " ") {
		indicator = strconv.Itoa(yamlIndent)
	}
	clip := strings.HasSuffix(s, "\n")
	keep := clip && (strings.HasSuffix(s, "\n\n") || s == "\n")
	chomp := "-"
	if keep {
		chomp = "+"
	} else if clip {
		chomp = ""
	}
	return indicator + chomp + "\n"
}

func dropEndingNewline(s string) string { return strings.TrimSuffix(s, "\n") }

// indentLines is indentString: every line but empty ones gets the indent.
func indentLines(s string, spaces int) string {
	ind := strings.Repeat(" ", spaces)
	var b strings.Builder
	for len(s) > 0 {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line = s[:i+1]
		}
		s = s[len(line):]
		if line != "" && line != "\n" {
			b.WriteString(ind)
		}
		b.WriteString(line)
	}
	return b.String()
}

var foldLines = regexp.MustCompile(`(\n+)([^\n]*)`)

// foldString is js-yaml's foldString (greedy folding of the lines of a folded scalar).
func foldString(s string, width int) string {
	first := strings.IndexByte(s, '\n')
	if first < 0 {
		first = len(s)
	}
	result := foldLine(s[:first], width)
	prevMore := strings.HasPrefix(s, "\n") || strings.HasPrefix(s, " ")
	for _, m := range foldLines.FindAllStringSubmatch(s[first:], -1) {
		prefix, line := m[1], m[2]
		more := strings.HasPrefix(line, " ")
		result += prefix
		if !prevMore && !more && line != "" {
			result += "\n"
		}
		result += foldLine(line, width)
		prevMore = more
	}
	return result
}

// foldLine breaks one line at spaces (never before a space), lengths in UTF-16 units.
func foldLine(line string, width int) string {
	if line == "" || line[0] == ' ' {
		return line
	}
	u := utf16.Encode([]rune(line))
	str := func(a, b int) string { return string(utf16.Decode(u[a:b])) }
	start, curr := 0, 0
	var b strings.Builder
	for next := 0; next+1 < len(u); next++ {
		if u[next] != ' ' || u[next+1] == ' ' {
			continue
		}
		if next-start > width {
			end := next
			if curr > start {
				end = curr
			}
			b.WriteString("\n" + str(start, end))
			start = end + 1
		}
		curr = next
	}
	b.WriteString("\n")
	if len(u)-start > width && curr > start {
		b.WriteString(str(start, curr) + "\n" + str(curr+1, len(u)))
	} else {
		b.WriteString(str(start, len(u)))
	}
	return b.String()[1:]
}

// yamlEscape is escapeString for double-quoted scalars.
func yamlEscape(s string) string {
	var b strings.Builder
	for _, c := range s {
		if e, ok := yamlEscapes[c]; ok {
			b.WriteString(e)
			continue
		}
		if yamlPrintable(c) {
			b.WriteRune(c)
			continue
		}
		h := strings.ToUpper(strconv.FormatInt(int64(c), 16))
		switch {
		case c <= 0xFF:
			b.WriteString(`\x` + strings.Repeat("0", 2-len(h)) + h)
		case c <= 0xFFFF:
			b.WriteString(`\u` + strings.Repeat("0", 4-len(h)) + h)
		default:
			b.WriteString(`\U` + strings.Repeat("0", 8-len(h)) + h)
		}
	}
	return b.String()
}

var yamlEscapes = map[rune]string{0x00: `\0`, 0x07: `\a`, 0x08: `\b`, 0x09: `\t`, 0x0A: `\n`, 0x0B: `\v`,
	0x0C: `\f`, 0x0D: `\r`, 0x1B: `\e`, 0x22: `\"`, 0x5C: `\\`, 0x85: `\N`, 0xA0: `\_`, 0x2028: `\L`, 0x2029: `\P`}
