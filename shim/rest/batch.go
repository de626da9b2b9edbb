package rest

import (
	"fmt"
	"sort"

	"github.com/dxhost/dxhost/services/errs"
)

// validateBatch is Directus's validate-batch middleware: the Joi schema
// { keys: array of (string | number), query: object } (+ xor(query, keys) for update/delete,
// + data: object required for update), reported with Joi's first message. Joi checks the declared
// keys in order, then unknown keys, then the xor.
func validateBatch(scope string, body any) error {
	if body == nil {
		body = map[string]any{} // express.json leaves {} when nothing was parsed
	}
	if _, isList := body.([]any); isList && (scope == "update" || scope == "delete") {
		return nil
	}
	m, ok := body.(map[string]any)
	if !ok {
		return errs.InvalidPayload(`"value" must be of type object`)
	}
	if v, present := m["keys"]; present {
		list, ok := v.([]any)
		if !ok {
			return errs.InvalidPayload(`"keys" must be an array`)
		}
		for i, k := range list {
			switch k.(type) {
			case string, float64, int64:
			default:
				return errs.InvalidPayload(fmt.Sprintf(`"keys[%d]" must be one of [string, number]`, i))
			}
		}
	}
	if v, present := m["query"]; present {
		if _, ok := v.(map[string]any); !ok {
			return errs.InvalidPayload(`"query" must be of type object`)
		}
	}
	if scope == "update" {
		v, present := m["data"]
		if !present {
			return errs.InvalidPayload(`"data" is required`)
		}
		if _, ok := v.(map[string]any); !ok {
			return errs.InvalidPayload(`"data" must be of type object`)
		}
	}
	for _, k := range sortedKeys(m) {
		switch k {
		case "keys", "query":
			continue
		case "data":
			if scope == "update" {
				continue
			}
		}
		return errs.InvalidPayload(fmt.Sprintf(`"%s" is not allowed`, k))
	}
	if scope == "update" || scope == "delete" {
		_, hasKeys := m["keys"]
		_, hasQuery := m["query"]
		switch {
		case !hasKeys && !hasQuery:
			return errs.InvalidPayload(`"value" must contain at least one of [query, keys]`)
		case hasKeys && hasQuery:
			return errs.InvalidPayload(`"value" contains a conflict between exclusive peers [query, keys]`)
		}
	}
	return nil
}

// sortedKeys gives a stable order for a decoded JSON object (its own order is gone).
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
