package schemasvc

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/dxhost/dxhost/services/items"
)

// decodeOrdered decodes JSON keeping object key order: objects become *items.Item, arrays []any,
// numbers float64.
func decodeOrdered(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	return decodeValue(dec)
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			it := items.NewItem()
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				it.Set(k, v)
			}
			_, err := dec.Token()
			return it, err
		case '[':
			out := []any{}
			for dec.More() {
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				out = append(out, v)
			}
			_, err := dec.Token()
			return out, err
		}
		return nil, fmt.Errorf("schemasvc: unexpected %v", t)
	}
	return tok, nil
}
