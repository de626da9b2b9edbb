package schemasvc

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/dxhost/dxhost/services/items"
)

// systemrows.json holds the meta rows Directus 12.4.1 keeps in code (@directus/system-data) for
// its own collections, fields and relations, as its REST API serves them on a fresh install
// (recorded by testdata/record.sh; regenerate with testdata/systemrows.sh).
//
//go:embed systemrows.json
var systemRowsJSON []byte

var systemCollectionRows, systemFieldRows, systemRelationRows = loadSystemRows()

func loadSystemRows() (collections, fields, relations []*items.Item) {
	v, err := decodeOrdered(systemRowsJSON)
	if err != nil {
		panic(fmt.Sprintf("schemasvc: embedded systemrows.json: %v", err))
	}
	root := v.(*items.Item)
	list := func(key string) []*items.Item {
		raw, _ := root.Get(key)
		var out []*items.Item
		for _, e := range raw.([]any) {
			out = append(out, e.(*items.Item))
		}
		return out
	}
	return list("collections"), list("fields"), list("relations")
}

// isSystemField is @directus/system-data's isSystemField.
func isSystemField(collection, field string) bool {
	if !strings.HasPrefix(collection, "directus_") {
		return false
	}
	for _, row := range systemFieldRows {
		if itemString(row, "collection") == collection && itemString(row, "field") == field {
			return true
		}
	}
	return false
}

func itemString(it *items.Item, key string) string {
	if it == nil {
		return ""
	}
	v, _ := it.Get(key)
	s, _ := v.(string)
	return s
}

// specials reads a meta row's special list (array, or CSV as stored).
func specials(meta any) []string {
	var v any
	switch m := meta.(type) {
	case *items.Item:
		if m == nil {
			return nil
		}
		v, _ = m.Get("special")
	case map[string]any:
		v = m["special"]
	}
	switch x := v.(type) {
	case []any:
		out := make([]string, 0, len(x))
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case []string:
		return x
	case string:
		if x == "" {
			return nil
		}
		return strings.Split(x, ",")
	}
	return nil
}
