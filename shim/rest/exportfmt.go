package rest

import (
	"errors"
	"strconv"
	"strings"

	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/items"
)

// The ?export file formats of Directus's ExportService.transform, for the values a response's data
// holds once parsed back from its JSON (items.FromJSON: *items.Item in JS key order, []any,
// float64, string, bool, nil).

// exportCSV is json2csv 5's Parser with the flatten transform (separator "."), a header and, for
// csv_utf8, a byte order mark: nested objects become "a.b" columns, arrays JSON text; the columns
// are every row's keys in first-seen order; a row whose cells are all empty is left out.
func exportCSV(data any, bom bool) string {
	var rows []*items.Item
	switch x := data.(type) {
	case []any:
		if len(x) == 0 {
			return "" // ExportService answers nothing for no rows
		}
		for _, e := range x {
			it, _ := e.(*items.Item)
			rows = append(rows, flattenRow(it))
		}
	case *items.Item:
		rows = []*items.Item{flattenRow(x)}
	default:
		return ""
	}
	var fields []string
	seen := map[string]bool{}
	for _, r := range rows {
		for _, k := range r.Keys() {
			if !seen[k] {
				seen[k] = true
				fields = append(fields, k)
			}
		}
	}
	var b strings.Builder
	if bom {
		b.WriteString("\ufeff")
	}
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(csvCell(f))
	}
	var lines []string
	for _, r := range rows {
		cells := make([]string, len(fields))
		empty := true
		for i, f := range fields {
			v, ok := r.Get(f)
			if ok && v != nil {
				empty = false
				cells[i] = csvCell(v)
			}
		}
		if !empty {
			lines = append(lines, strings.Join(cells, ","))
		}
	}
	if len(fields) > 0 && len(lines) > 0 {
		b.WriteByte('\n')
	}
	b.WriteString(strings.Join(lines, "\n"))
	return b.String()
}

// flattenRow is json2csv's flatten transform: non-empty plain objects are walked into "a.b" keys; the
// flat row is a JS object, so array-index keys come first.
func flattenRow(it *items.Item) *items.Item {
	flat := items.NewItem()
	if it == nil {
		return flat
	}
	var step func(o *items.Item, prefix string)
	step = func(o *items.Item, prefix string) {
		for i, k := range o.Keys() {
			path := k
			if prefix != "" {
				path = prefix + "." + k
			}
			v := o.Values()[i]
			if sub, ok := v.(*items.Item); ok && sub != nil && sub.Len() > 0 {
				step(sub, path)
				continue
			}
			flat.Set(path, v)
		}
	}
	step(it, "")
	ordered := items.NewItem()
	for _, k := range items.JSKeyOrder(flat.Keys()) {
		v, _ := flat.Get(k)
		ordered.Set(k, v)
	}
	return ordered
}

// csvCell is json2csv's processValue: strings quoted (quotes doubled), numbers and booleans as
// JavaScript prints them, objects and arrays as JSON text, quoted.
func csvCell(v any) string {
	switch x := v.(type) {
	case string:
		return `"` + strings.ReplaceAll(x, `"`, `""`) + `"`
	case float64:
		return env.FormatJSNumber(x)
	case bool:
		return strconv.FormatBool(x)
	}
	return `"` + strings.ReplaceAll(string(marshalJS(v)), `"`, `""`) + `"`
}

// xmlcreate refuses a key that is not an XML name and text with a character XML cannot hold, with
// these messages; Directus's respond middleware lets the Error through (a 500, the message shown
// to admins).
func xmlNameError(parent *xmlElement, what, name string) error {
	if name == "" {
		return errors.New(parent.context() + ": " + what + " name should not be empty")
	}
	return errors.New(parent.context() + ": " + what + ` name "` + name + `" should not contain characters not allowed in XML names`)
}

// context is xmlcreate's getContext: the path from the document to e.
func (e *xmlElement) context() string {
	if e == nil {
		return "in XML document"
	}
	return e.parent.context() + ` > element "` + e.name + `"`
}

// exportXML is js2xmlparser 5's parse("data", data) with its defaults: a single-quoted
// declaration, four-space indentation, arrays as repeated elements named by their key, null as
// "null", empty elements self-closed, "@" keys as attributes, "=" renaming the element, "#" keys
// as text of the element.
func exportXML(data any) (string, error) {
	root := &xmlElement{name: "data"}
	if err := xmlValue("data", data, root); err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("<?xml version='1.0'?>\n")
	root.write(&b, "")
	return b.String(), nil
}

type xmlElement struct {
	parent *xmlElement // nil for the root (its parent is the document)
	name   string
	attrs  []string // name='value'
	nodes  []any    // *xmlElement or xmlText
}

type xmlText string

func xmlValue(key string, v any, parent *xmlElement) error {
	switch x := v.(type) {
	case *items.Item:
		if x == nil {
			return xmlText2(parent, "null")
		}
		for i, k := range x.Keys() {
			if err := xmlEntry(k, x.Values()[i], parent); err != nil {
				return err
			}
		}
		return nil
	case []any:
		for _, e := range x {
			el := parent
			if _, isList := e.([]any); !isList {
				var err error
				if el, err = parent.child(key); err != nil {
					return err
				}
			}
			if err := xmlValue(key, e, el); err != nil {
				return err
			}
		}
		return nil
	}
	return xmlText2(parent, xmlString(v))
}

func xmlEntry(key string, v any, parent *xmlElement) error {
	if key == "=" {
		if !xmlName(xmlString(v)) {
			return xmlNameError(parent.parent, "element", xmlString(v))
		}
		parent.name = xmlString(v)
		return nil
	}
	if attrs, ok := v.(*items.Item); ok && attrs != nil && strings.HasPrefix(key, "@") {
		for i, k := range attrs.Keys() {
			val := xmlString(attrs.Values()[i])
			if !xmlName(k) {
				return xmlNameError(parent, "attribute", k)
			}
			if !xmlChars(val) {
				return errors.New(parent.context() + ` > attribute "` + k + `": attribute text "` + val + `" should not contain characters not allowed in XML`)
			}
			val = strings.NewReplacer("&", "&amp;", "<", "&lt;", "'", "&apos;").Replace(val)
			parent.attrs = append(parent.attrs, k+"='"+val+"'")
		}
		return nil
	}
	if strings.HasPrefix(key, "#") {
		return xmlValue(key, v, parent)
	}
	el := parent
	if _, isList := v.([]any); !isList {
		var err error
		if el, err = parent.child(key); err != nil {
			return err
		}
	}
	return xmlValue(key, v, el)
}

func (e *xmlElement) child(name string) (*xmlElement, error) {
	if !xmlName(name) {
		return nil, xmlNameError(e, "element", name)
	}
	c := &xmlElement{parent: e, name: name}
	e.nodes = append(e.nodes, c)
	return c, nil
}

func xmlText2(e *xmlElement, s string) error {
	if !xmlChars(s) {
		return errors.New(e.context() + `: character data"` + s + `" should not contain characters not allowed in XML`)
	}
	e.nodes = append(e.nodes, xmlText(s))
	return nil
}

// xmlString is js2xmlparser's stringify: String(value).
func xmlString(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	case float64:
		return env.FormatJSNumber(x)
	case bool:
		return strconv.FormatBool(x)
	}
	return "[object Object]"
}

// write is xmlcreate's XmlElement.toString with pretty printing: text-only content stays on the
// element's line, elements go on lines of their own.
func (e *xmlElement) write(b *strings.Builder, indent string) {
	b.WriteString("<" + e.name)
	for _, a := range e.attrs {
		b.WriteString(" " + a)
	}
	allText := true
	for _, n := range e.nodes {
		if _, ok := n.(xmlText); !ok {
			allText = false
		}
	}
	var child strings.Builder
	inner := indent + "    "
	for i, n := range e.nodes {
		if t, ok := n.(xmlText); ok && t == "" {
			continue
		}
		if !allText {
			_, isText := n.(xmlText)
			prevText := false
			if i > 0 {
				_, prevText = e.nodes[i-1].(xmlText)
			}
			if !(i > 0 && isText && prevText) {
				child.WriteString("\n" + inner)
			}
		}
		switch x := n.(type) {
		case xmlText:
			child.WriteString(strings.NewReplacer("&", "&amp;", "<", "&lt;", "]]>", "]]&gt;").Replace(string(x)))
		case *xmlElement:
			x.write(&child, inner)
		}
	}
	if len(e.nodes) > 0 && !allText {
		child.WriteString("\n" + indent)
	}
	if child.Len() == 0 {
		b.WriteString("/>")
		return
	}
	b.WriteString(">" + child.String() + "</" + e.name + ">")
}

// xmlChars is xmlcreate's validateChar: the characters XML 1.0 allows.
func xmlChars(s string) bool {
	for _, r := range s {
		switch {
		case r == 0x9 || r == 0xA || r == 0xD:
		case r >= 0x20 && r <= 0xD7FF, r >= 0xE000 && r <= 0xFFFD, r >= 0x10000 && r <= 0x10FFFF:
		default:
			return false
		}
	}
	return true
}

// xmlName is xmlcreate's validateName: an XML 1.0 (5th edition) Name.
func xmlName(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r >= 0x10000 { // surrogate pairs: U+10000..U+EFFFF are name characters
			if r > 0xEFFFF {
				return false
			}
			continue
		}
		start := r == ':' || r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' ||
			r >= 0xC0 && r <= 0xD6 || r >= 0xD8 && r <= 0xF6 || r >= 0xF8 && r <= 0x2FF ||
			r >= 0x370 && r <= 0x37D || r >= 0x37F && r <= 0x1FFF || r >= 0x200C && r <= 0x200D ||
			r >= 0x2070 && r <= 0x218F || r >= 0x2C00 && r <= 0x2FEF || r >= 0x3001 && r <= 0xD7FF ||
			r >= 0xF900 && r <= 0xFDCF || r >= 0xFDF0 && r <= 0xFFFD
		if start {
			continue
		}
		if i == 0 {
			return false
		}
		if !(r == '-' || r == '.' || r >= '0' && r <= '9' || r == 0xB7 || r >= 0x300 && r <= 0x36F || r >= 0x203F && r <= 0x2040) {
			return false
		}
	}
	return true
}
