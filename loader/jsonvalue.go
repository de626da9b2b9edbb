package loader

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// jsonObject is a parsed JSON object that keeps key order the way JSON.parse does (first appearance
// wins the position, last appearance wins the value), because zod reports record issues in key order.
type jsonObject struct {
	keys   []string
	values map[string]any
}

// undefinedValue stands for a JavaScript `undefined`: a key that is absent from an object.
type undefinedValue struct{}

func (o *jsonObject) get(key string) any {
	if v, ok := o.values[key]; ok {
		return v
	}
	return undefinedValue{}
}

// parseJSON decodes data like fs-extra's readJSON: a leading byte order mark is ignored, the whole
// input must be one JSON value. Objects become *jsonObject, arrays []any, numbers json.Number.
func parseJSON(data []byte) (any, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec, 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("unexpected data after the JSON value")
	}
	return v, nil
}

// maxJSONDepth bounds nesting so a hostile package.json cannot exhaust the stack
// (V8's JSON.parse gives up on such input too, and Directus then ignores the folder).
const maxJSONDepth = 10000

func decodeValue(dec *json.Decoder, depth int) (any, error) {
	if depth > maxJSONDepth {
		return nil, fmt.Errorf("JSON nested deeper than %d levels", maxJSONDepth)
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			obj := &jsonObject{values: map[string]any{}}
			for dec.More() {
				keyTok, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, _ := keyTok.(string)
				v, err := decodeValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				if _, seen := obj.values[key]; !seen {
					obj.keys = append(obj.keys, key)
				}
				obj.values[key] = v
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return obj, nil
		case '[':
			arr := []any{}
			for dec.More() {
				v, err := decodeValue(dec, depth+1)
				if err != nil {
					return nil, err
				}
				arr = append(arr, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return arr, nil
		}
		return nil, fmt.Errorf("unexpected %v", t)
	default:
		return tok, nil // nil, bool, json.Number, string
	}
}

// jsTypeName is zod's parsedType: the word after "received" in an invalid_type message.
func jsTypeName(v any) string {
	switch v.(type) {
	case undefinedValue:
		return "undefined"
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	default:
		return "object"
	}
}
