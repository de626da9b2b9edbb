// Package schema builds Directus's SchemaOverview (what getSchema() returns, spec 12 §1) from a
// database: introspected tables, columns and foreign keys, merged with the directus_collections,
// directus_fields and directus_relations rows and with the system metadata Directus keeps in code.
package schema

// Overview is the SchemaOverview of spec 12 §1. Treat it as immutable once built: it is shared
// by every reader of the cache.
type Overview struct {
	Collections map[string]*Collection `json:"collections"`
	Relations   []*Relation            `json:"relations"`
	// CollectionOrder lists the collections in the order Directus's object has them: the order
	// the database listed the tables in (SQLite: creation order; PostgreSQL and MySQL: the row
	// order of @directus/schema's statement). Nil for an overview not built from a database.
	CollectionOrder []string `json:"-"`
}

// Collection is one CollectionOverview. JSON key order follows what Directus emits.
type Collection struct {
	Collection     string            `json:"collection"`
	Primary        string            `json:"primary"`
	Singleton      bool              `json:"singleton"`
	Note           *string           `json:"note"`
	SortField      *string           `json:"sortField"`
	Accountability *string           `json:"accountability"`
	Status         string            `json:"status"`
	Fields         map[string]*Field `json:"fields"`
	// FieldOrder lists field names in column order, then alias fields in meta order; it is what
	// `*` expands to, so output rows keep Directus's key order.
	FieldOrder []string `json:"-"`
}

// Field is one FieldOverview.
type Field struct {
	Field        string   `json:"field"`
	DefaultValue any      `json:"defaultValue"`
	Nullable     bool     `json:"nullable"`
	Generated    bool     `json:"generated"`
	Type         string   `json:"type"`
	DBType       *string  `json:"dbType"`
	Precision    *int     `json:"precision"`
	Scale        *int     `json:"scale"`
	Special      []string `json:"special"`
	Note         *string  `json:"note"`
	Alias        bool     `json:"alias"`
	Validation   any      `json:"validation"`
	Searchable   bool     `json:"searchable"`
}

// Relation is one entry of schema.relations (spec 12 §3).
type Relation struct {
	Collection        string        `json:"collection"`
	Field             string        `json:"field"`
	RelatedCollection *string       `json:"related_collection"`
	Schema            *ForeignKey   `json:"schema"`
	Meta              *RelationMeta `json:"meta"`
}

// ForeignKey is a real database foreign-key constraint.
type ForeignKey struct {
	Table            string  `json:"table"`
	Column           string  `json:"column"`
	ForeignKeyTable  string  `json:"foreign_key_table"`
	ForeignKeyColumn string  `json:"foreign_key_column"`
	ForeignKeySchema *string `json:"foreign_key_schema,omitempty"`
	ConstraintName   *string `json:"constraint_name"`
	OnUpdate         *string `json:"on_update"`
	OnDelete         *string `json:"on_delete"`
}

// RelationMeta is a directus_relations row, or a built-in system relation (System true, no ID).
type RelationMeta struct {
	ID                    *int64   `json:"id,omitempty"`
	ManyCollection        string   `json:"many_collection"`
	ManyField             string   `json:"many_field"`
	OneCollection         *string  `json:"one_collection"`
	OneField              *string  `json:"one_field"`
	OneCollectionField    *string  `json:"one_collection_field"`
	OneAllowedCollections []string `json:"one_allowed_collections"`
	JunctionField         *string  `json:"junction_field"`
	SortField             *string  `json:"sort_field"`
	OneDeselectAction     string   `json:"one_deselect_action"`
	System                bool     `json:"system,omitempty"`
}

// Types lists every Directus field type (spec 12 §2.5).
var Types = []string{"bigInteger", "boolean", "date", "dateTime", "decimal", "float", "integer", "json",
	"string", "text", "time", "timestamp", "binary", "uuid", "alias", "hash", "csv", "geometry",
	"geometry.Point", "geometry.LineString", "geometry.Polygon", "geometry.MultiPoint",
	"geometry.MultiLineString", "geometry.MultiPolygon", "unknown"}

// IsNumeric reports whether t is one of Directus's numeric types.
func IsNumeric(t string) bool {
	switch t {
	case "bigInteger", "decimal", "float", "integer":
		return true
	}
	return false
}

// IsDateType reports whether t is formatted as a date on read.
func IsDateType(t string) bool {
	switch t {
	case "date", "dateTime", "timestamp":
		return true
	}
	return false
}

// HasSpecial reports whether the field carries the special flag s.
func (f *Field) HasSpecial(s string) bool {
	for _, sp := range f.Special {
		if sp == s {
			return true
		}
	}
	return false
}

// Clone returns a deep-enough copy for callers that want to mutate an overview (Directus code
// treats it as immutable; extensions sometimes change a copy).
func (o *Overview) Clone() *Overview {
	c := &Overview{Collections: make(map[string]*Collection, len(o.Collections)), Relations: make([]*Relation, len(o.Relations)),
		CollectionOrder: append([]string(nil), o.CollectionOrder...)}
	for name, col := range o.Collections {
		cc := *col
		cc.Fields = make(map[string]*Field, len(col.Fields))
		for fn, f := range col.Fields {
			ff := *f
			cc.Fields[fn] = &ff
		}
		cc.FieldOrder = append([]string(nil), col.FieldOrder...)
		c.Collections[name] = &cc
	}
	for i, r := range o.Relations {
		rr := *r
		c.Relations[i] = &rr
	}
	return c
}
