package loader

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// This file is a small re-implementation of the parts of zod 4.1 that Directus's manifest schema
// uses (object, string, boolean, literal, enum, optional, array, record, union, intersection), with
// zod's parse order, issue shapes and English messages, so a bad manifest is reported the way
// Directus reports it. Values go in as parseJSON output and come out as plain Go JSON values
// (map[string]any, []any, ...), with unknown object keys stripped as zod strips them.

// Issue is one zod issue. It marshals with zod's key order: the code-specific keys, then path, then message.
type Issue struct {
	Code     string    // invalid_type | invalid_value | invalid_union
	Expected string    // invalid_type: "string", "object", "array", "record", "boolean"
	Values   []any     // invalid_value: the allowed literals
	Errors   [][]Issue // invalid_union: the issues of every option, in option order
	Path     []any     // keys (string) and indices (int) from the schema root
	Message  string
}

// MarshalJSON writes the issue as zod's finalizeIssue leaves it.
func (iss Issue) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	field := func(name string, v any) {
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(name))
		b.WriteByte(':')
		b.Write(marshalNoEscape(v))
	}
	switch iss.Code {
	case "invalid_type":
		field("expected", iss.Expected)
		field("code", iss.Code)
	case "invalid_value":
		field("code", iss.Code)
		field("values", iss.Values)
	case "invalid_union":
		field("code", iss.Code)
		field("errors", iss.Errors)
	default:
		field("code", iss.Code)
	}
	path := iss.Path
	if path == nil {
		path = []any{}
	}
	field("path", path)
	field("message", iss.Message)
	b.WriteByte('}')
	return b.Bytes(), nil
}

// formatIssues renders issues exactly like ZodError's message: JSON.stringify(issues, null, 2).
func formatIssues(issues []Issue) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(issues)
	return strings.TrimSuffix(b.String(), "\n")
}

func marshalNoEscape(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// zodSchema parses one value; when issues are returned the output is unusable (zod would throw).
type zodSchema interface {
	parse(v any) (out any, issues []Issue)
}

func prefixIssues(key any, issues []Issue) []Issue {
	for i := range issues {
		issues[i].Path = append([]any{key}, issues[i].Path...)
	}
	return issues
}

func typeIssue(expected string, v any) []Issue {
	return []Issue{{
		Code:     "invalid_type",
		Expected: expected,
		Message:  "Invalid input: expected " + expected + ", received " + jsTypeName(v),
	}}
}

type zString struct{}

func (zString) parse(v any) (any, []Issue) {
	if s, ok := v.(string); ok {
		return s, nil
	}
	return nil, typeIssue("string", v)
}

type zBoolean struct{}

func (zBoolean) parse(v any) (any, []Issue) {
	if b, ok := v.(bool); ok {
		return b, nil
	}
	return nil, typeIssue("boolean", v)
}

// zEnum covers both z.enum and z.literal/z.union of literals: a string from a fixed list.
type zEnum []string

func (e zEnum) parse(v any) (any, []Issue) {
	if s, ok := v.(string); ok {
		for _, allowed := range e {
			if s == allowed {
				return s, nil
			}
		}
	}
	values := make([]any, len(e))
	quoted := make([]string, len(e))
	for i, s := range e {
		values[i] = s
		quoted[i] = `"` + s + `"`
	}
	msg := "Invalid input: expected " + quoted[0]
	if len(e) > 1 {
		msg = "Invalid option: expected one of " + strings.Join(quoted, "|")
	}
	return nil, []Issue{{Code: "invalid_value", Values: values, Message: msg}}
}

// zLiteralUnion is z.union([z.literal(a), z.literal(b), ...]): on failure zod reports an
// invalid_union whose option errors are each literal's invalid_value.
type zLiteralUnion []string

func (u zLiteralUnion) parse(v any) (any, []Issue) {
	opts := make([]zodSchema, len(u))
	for i, s := range u {
		opts[i] = zEnum{s}
	}
	return zUnion(opts).parse(v)
}

type zOptional struct{ inner zodSchema }

func (o zOptional) parse(v any) (any, []Issue) {
	if _, undef := v.(undefinedValue); undef {
		return undefinedValue{}, nil
	}
	return o.inner.parse(v)
}

type zField struct {
	key    string
	schema zodSchema
}

// zObject strips unknown keys; keys are checked in schema order (zod's shape order).
type zObject []zField

func (o zObject) parse(v any) (any, []Issue) {
	obj, ok := v.(*jsonObject)
	if !ok {
		return nil, typeIssue("object", v)
	}
	out := map[string]any{}
	var issues []Issue
	for _, f := range o {
		val, iss := f.schema.parse(obj.get(f.key))
		issues = append(issues, prefixIssues(f.key, iss)...)
		if _, undef := val.(undefinedValue); !undef && len(iss) == 0 {
			out[f.key] = val
		}
	}
	return out, issues
}

type zArray struct{ element zodSchema }

func (a zArray) parse(v any) (any, []Issue) {
	arr, ok := v.([]any)
	if !ok {
		return nil, typeIssue("array", v)
	}
	out := make([]any, len(arr))
	var issues []Issue
	for i, item := range arr {
		val, iss := a.element.parse(item)
		issues = append(issues, prefixIssues(i, iss)...)
		out[i] = val
	}
	return out, issues
}

// zRecord is z.record(z.string(), value): every own key except "__proto__", in key order.
type zRecord struct{ value zodSchema }

func (r zRecord) parse(v any) (any, []Issue) {
	obj, ok := v.(*jsonObject)
	if !ok {
		return nil, typeIssue("record", v)
	}
	out := map[string]any{}
	var issues []Issue
	for _, k := range obj.keys {
		if k == "__proto__" {
			continue
		}
		val, iss := r.value.parse(obj.values[k])
		issues = append(issues, prefixIssues(k, iss)...)
		out[k] = val
	}
	return out, issues
}

// zUnion returns the first option that parses. Otherwise one invalid_union issue holding every
// option's issues (none of this schema's issues are "continuable", so zod never passes one
// option's issues through on its own).
type zUnion []zodSchema

func (u zUnion) parse(v any) (any, []Issue) {
	all := make([][]Issue, 0, len(u))
	for _, opt := range u {
		val, iss := opt.parse(v)
		if len(iss) == 0 {
			return val, nil
		}
		all = append(all, iss)
	}
	return nil, []Issue{{Code: "invalid_union", Errors: all, Message: "Invalid input"}}
}

// zIntersection parses both sides and merges the two stripped objects (left keys first).
type zIntersection struct{ left, right zodSchema }

func (x zIntersection) parse(v any) (any, []Issue) {
	l, li := x.left.parse(v)
	r, ri := x.right.parse(v)
	issues := append(li, ri...)
	if len(issues) > 0 {
		return nil, issues
	}
	merged := map[string]any{}
	for k, val := range l.(map[string]any) {
		merged[k] = val
	}
	for k, val := range r.(map[string]any) {
		merged[k] = val
	}
	return merged, nil
}
