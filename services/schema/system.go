package schema

import (
	"strings"
)

// fieldMeta is the part of a directus_fields row (or built-in system field) the overview uses.
type fieldMeta struct {
	Collection string
	Field      string
	Special    []string
	Note       *string
	Validation any
	Searchable bool
}

// collectionMeta is the part of a directus_collections row (or built-in system row) the overview uses.
type collectionMeta struct {
	Collection     string
	Singleton      bool
	Note           *string
	SortField      *string
	Accountability *string
	Status         string
	System         bool
}

var (
	systemCollections = parseSystemCollections(systemCollectionsText)
	systemFields      = parseSystemFields(systemFieldsText, systemFieldNotesText)
	systemRelations   = parseSystemRelations(systemRelationsText)
	systemNames       = func() map[string]bool {
		m := map[string]bool{}
		for _, c := range systemCollections {
			m[c.Collection] = true
		}
		return m
	}()
)

// IsSystemCollection reports whether name is one of Directus's 33 built-in collections.
func IsSystemCollection(name string) bool { return systemNames[name] }

// SystemCollectionNames returns the built-in collection names in Directus's order.
func SystemCollectionNames() []string {
	out := make([]string, len(systemCollections))
	for i, c := range systemCollections {
		out[i] = c.Collection
	}
	return out
}

func parseSystemCollections(text string) []collectionMeta {
	var out []collectionMeta
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		f := strings.Fields(line)
		note := "$t:directus_collection." + f[0]
		c := collectionMeta{Collection: f[0], Singleton: f[1] == "true", Note: &note, Status: "active", System: true}
		if f[2] != "null" {
			a := f[2]
			c.Accountability = &a
		}
		if f[3] != "-" {
			s := f[3]
			c.SortField = &s
		}
		out = append(out, c)
	}
	return out
}

func parseSystemFields(text, notesText string) []fieldMeta {
	notes := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(notesText), "\n") {
		key, note, _ := strings.Cut(line, " ")
		notes[key] = note
	}
	var out []fieldMeta
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		collection, list, _ := strings.Cut(line, ": ")
		for _, item := range strings.Split(list, ", ") {
			name, special := item, []string{}
			if i := strings.IndexByte(item, '['); i >= 0 {
				name = item[:i]
				special = strings.Split(strings.TrimSuffix(item[i+1:], "]"), ",")
			}
			fm := fieldMeta{Collection: collection, Field: name, Special: special, Searchable: true}
			if note, ok := notes[collection+"."+name]; ok {
				fm.Note = &note
			}
			out = append(out, fm)
		}
	}
	return out
}

func parseSystemRelations(text string) []*RelationMeta {
	var out []*RelationMeta
	opt := func(s string) *string {
		if s == "-" {
			return nil
		}
		return &s
	}
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		f := strings.Fields(line)
		many, field, _ := strings.Cut(f[0], ".")
		out = append(out, &RelationMeta{
			ManyCollection: many, ManyField: field, OneCollection: opt(f[1]), OneField: opt(f[2]),
			JunctionField: opt(f[3]), OneDeselectAction: f[4], SortField: opt(f[5]), System: true,
		})
	}
	return out
}
