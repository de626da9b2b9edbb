package schema

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/sirupsen/logrus"
)

// DefaultExcludeTables is DB_EXCLUDE_TABLES's default.
var DefaultExcludeTables = []string{"spatial_ref_sys", "sysdiagrams"}

// BuildOptions tunes Build.
type BuildOptions struct {
	ExcludeTables []string      // DB_EXCLUDE_TABLES; nil = DefaultExcludeTables
	Logger        *logrus.Entry // warnings about skipped tables; nil = silent
}

// aliasSpecials are the specials that make a field without a column a real (alias) field.
var aliasSpecials = map[string]bool{"alias": true, "o2m": true, "m2m": true, "m2a": true, "o2a": true, "files": true, "translations": true}

// Build introspects the database q (a pool or a transaction of the given client) and returns a
// fresh SchemaOverview, following spec 12 §1.1.
func Build(ctx context.Context, q sqlx.QueryerContext, client string, opts BuildOptions) (*Overview, error) {
	db, err := introspect(ctx, q, client)
	if err != nil {
		return nil, err
	}
	exclude := opts.ExcludeTables
	if exclude == nil {
		exclude = DefaultExcludeTables
	}
	hasSystemTables := db.table("directus_collections") != nil

	collectionMetas := []collectionMeta{}
	fieldMetas := []fieldMeta{}
	relationMetas := []*RelationMeta{}
	if hasSystemTables {
		if collectionMetas, err = readCollectionMetas(ctx, q); err != nil {
			return nil, err
		}
	}
	if db.table("directus_fields") != nil {
		if fieldMetas, err = readFieldMetas(ctx, q); err != nil {
			return nil, err
		}
	}
	if db.table("directus_relations") != nil {
		if relationMetas, err = readRelationMetas(ctx, q); err != nil {
			return nil, err
		}
	}
	collectionMetas = append(collectionMetas, systemCollections...)
	fieldMetas = append(fieldMetas, systemFields...)
	relationMetas = append(relationMetas, systemRelations...)

	overview := &Overview{Collections: map[string]*Collection{}}
	for _, t := range db.Tables {
		switch {
		case contains(exclude, t.Name):
			continue
		case t.Primary == "":
			if opts.Logger != nil {
				opts.Logger.Warnf(`Collection "%s" doesn't have a primary key column and will be ignored`, t.Name)
			}
			continue
		case strings.Contains(t.Name, " "):
			if opts.Logger != nil {
				opts.Logger.Warnf(`Collection "%s" has a space in the name and will be ignored`, t.Name)
			}
			continue
		}
		overview.Collections[t.Name] = newCollection(t, findCollectionMeta(collectionMetas, t.Name))
		overview.CollectionOrder = append(overview.CollectionOrder, t.Name)
	}

	for _, fm := range fieldMetas {
		if contains(fm.Special, "no-data") {
			continue
		}
		col := overview.Collections[fm.Collection]
		if col == nil {
			continue
		}
		applyFieldMeta(col, db.table(fm.Collection), fm)
	}

	overview.Relations = stitchRelations(db.ForeignKeys, relationMetas)
	return overview, nil
}

func newCollection(t *table, meta *collectionMeta) *Collection {
	all := "all"
	c := &Collection{Collection: t.Name, Primary: t.Primary, Accountability: &all, Status: "active", Fields: map[string]*Field{}}
	if meta != nil {
		c.Singleton = meta.Singleton
		c.Note = meta.Note
		c.SortField = meta.SortField
		c.Accountability = meta.Accountability
		if !meta.System && meta.Status != "" {
			c.Status = meta.Status
		}
	}
	for _, col := range t.Columns {
		c.Fields[col.Name] = columnField(col, nil)
		c.FieldOrder = append(c.FieldOrder, col.Name)
	}
	return c
}

func columnField(col *column, special []string) *Field {
	typ := LocalType(col.DBType, special)
	dbType := col.DBType
	if special == nil {
		special = []string{}
	}
	return &Field{
		Field: col.Name, DefaultValue: defaultValue(col.Default, typ), Nullable: col.Nullable,
		Generated: col.Generated, Type: typ, DBType: &dbType, Special: special, Searchable: true,
	}
}

func applyFieldMeta(c *Collection, t *table, fm fieldMeta) {
	var col *column
	if t != nil {
		col = t.column(fm.Field)
	}
	if col == nil {
		isAlias := false
		for _, s := range fm.Special {
			isAlias = isAlias || aliasSpecials[s]
		}
		if !isAlias {
			return
		}
	}
	var f *Field
	if col != nil {
		f = columnField(col, fm.Special)
	} else {
		f = &Field{Field: fm.Field, Type: "alias", Nullable: true, Special: fm.Special}
	}
	f.Note = fm.Note
	f.Validation = fm.Validation
	f.Searchable = fm.Searchable
	f.Alias = col == nil
	if _, exists := c.Fields[fm.Field]; !exists {
		c.FieldOrder = append(c.FieldOrder, fm.Field)
	}
	c.Fields[fm.Field] = f
}

func findCollectionMeta(metas []collectionMeta, name string) *collectionMeta {
	for i := range metas {
		if metas[i].Collection == name {
			return &metas[i]
		}
	}
	return nil
}

func readCollectionMetas(ctx context.Context, q sqlx.QueryerContext) ([]collectionMeta, error) {
	rows, err := queryMaps(ctx, q, `SELECT * FROM directus_collections`)
	if err != nil {
		return nil, fmt.Errorf("schema: read directus_collections: %w", err)
	}
	out := make([]collectionMeta, 0, len(rows))
	for _, r := range rows {
		out = append(out, collectionMeta{
			Collection: str(r["collection"]), Singleton: truthy(r["singleton"]), Note: strPtr(r["note"]),
			SortField: strPtr(r["sort_field"]), Accountability: strPtr(r["accountability"]), Status: str(r["status"]),
		})
	}
	return out, nil
}

func readFieldMetas(ctx context.Context, q sqlx.QueryerContext) ([]fieldMeta, error) {
	rows, err := queryMaps(ctx, q, `SELECT id, collection, field, special, note, validation, searchable FROM directus_fields ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("schema: read directus_fields: %w", err)
	}
	out := make([]fieldMeta, 0, len(rows))
	for _, r := range rows {
		fm := fieldMeta{Collection: str(r["collection"]), Field: str(r["field"]), Special: []string{},
			Note: strPtr(r["note"]), Searchable: truthy(r["searchable"])}
		if s := str(r["special"]); s != "" {
			fm.Special = strings.Split(s, ",")
		}
		fm.Validation = parseJSONValue(r["validation"])
		out = append(out, fm)
	}
	return out, nil
}

func readRelationMetas(ctx context.Context, q sqlx.QueryerContext) ([]*RelationMeta, error) {
	rows, err := queryMaps(ctx, q, `SELECT * FROM directus_relations ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("schema: read directus_relations: %w", err)
	}
	out := make([]*RelationMeta, 0, len(rows))
	for _, r := range rows {
		id := int64(0)
		fmt.Sscan(str(r["id"]), &id)
		m := &RelationMeta{
			ID: &id, ManyCollection: str(r["many_collection"]), ManyField: str(r["many_field"]),
			OneCollection: strPtr(r["one_collection"]), OneField: strPtr(r["one_field"]),
			OneCollectionField: strPtr(r["one_collection_field"]), JunctionField: strPtr(r["junction_field"]),
			SortField: strPtr(r["sort_field"]), OneDeselectAction: str(r["one_deselect_action"]),
		}
		if s := strPtr(r["one_allowed_collections"]); s != nil {
			m.OneAllowedCollections = []string{}
			if *s != "" {
				m.OneAllowedCollections = strings.Split(*s, ",")
			}
		}
		out = append(out, m)
	}
	return out, nil
}

// stitchRelations pairs every foreign key with its meta row, then adds meta rows without a key.
func stitchRelations(fks []*ForeignKey, metas []*RelationMeta) []*Relation {
	used := make([]bool, len(metas))
	out := make([]*Relation, 0, len(fks)+len(metas))
	for _, fk := range fks {
		related := fk.ForeignKeyTable
		r := &Relation{Collection: fk.Table, Field: fk.Column, RelatedCollection: &related, Schema: fk}
		for i, m := range metas {
			if m.ManyCollection == fk.Table && m.ManyField == fk.Column && (m.OneCollection == nil || *m.OneCollection == fk.ForeignKeyTable) {
				r.Meta = m
				used[i] = true
				break
			}
		}
		out = append(out, r)
	}
	for i, m := range metas {
		if used[i] {
			continue
		}
		out = append(out, &Relation{Collection: m.ManyCollection, Field: m.ManyField, RelatedCollection: m.OneCollection, Meta: m})
	}
	return out
}

func parseJSONValue(v any) any {
	if v == nil {
		return nil
	}
	s, ok := v.(string)
	if !ok {
		return v
	}
	var out any
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return s
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
