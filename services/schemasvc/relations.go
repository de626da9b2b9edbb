package schemasvc

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/schema"
)

// RelationsService is Directus's RelationsService: relations are foreign keys stitched with
// directus_relations rows; creating one adds the constraint and the row. Writes are admin-only.
type RelationsService struct{ base }

// NewRelationsService returns the RelationsService for opts.
func NewRelationsService(opts Options) *RelationsService { return &RelationsService{newBase(opts)} }

// Relation is one relation as RelationsService returns it: {collection, field, related_collection,
// schema (the foreign key in the dialect's shape, or null), meta (the directus_relations row or
// built-in system row, or null)}.
type Relation struct {
	Collection        string      `json:"collection"`
	Field             string      `json:"field"`
	RelatedCollection *string     `json:"related_collection"`
	Schema            *items.Item `json:"schema"`
	Meta              *items.Item `json:"meta"`
}

// ForeignKeys is foreignKeys(collection?).
func (s *RelationsService) ForeignKeys(ctx context.Context, collection string) ([]*items.Item, error) {
	fks, err := ForeignKeys(ctx, s.conn(), s.opts.DB.Client)
	if err != nil || collection == "" {
		return fks, err
	}
	out := fks[:0]
	for _, fk := range fks {
		if itemString(fk, "table") == collection {
			out = append(out, fk)
		}
	}
	return out, nil
}

// ReadAll is readAll(collection?): relations whose many side is collection (all when "").
func (s *RelationsService) ReadAll(ctx context.Context, collection string) ([]*Relation, error) {
	if s.restricted() {
		if err := s.validateAccess(ctx, "directus_relations"); err != nil {
			return nil, err
		}
	}
	ov, err := s.overview(ctx)
	if err != nil {
		return nil, err
	}
	q := &items.Query{Limit: intp(-1)}
	if collection != "" {
		q.Filter = map[string]any{"many_collection": map[string]any{"_eq": collection}}
	}
	metas, err := s.metaRows(ctx, ov, q)
	if err != nil {
		return nil, err
	}
	filtered := metas[:0]
	for _, m := range metas {
		if collection == "" || itemString(m, "many_collection") == collection {
			filtered = append(filtered, m)
		}
	}
	fks, err := s.ForeignKeys(ctx, collection)
	if err != nil {
		return nil, err
	}
	return s.filterForbidden(ctx, stitch(filtered, fks))
}

// ReadOne is readOne(collection, field): FORBIDDEN when there is no such relation.
func (s *RelationsService) ReadOne(ctx context.Context, collection, field string) (*Relation, error) {
	if s.restricted() {
		if err := s.validateAccess(ctx, "directus_relations"); err != nil {
			return nil, err
		}
		a, err := s.access(ctx, collection)
		if err != nil {
			return nil, err
		}
		if !a.field(field) {
			return nil, errs.Forbidden()
		}
	}
	ov, err := s.overview(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.items("directus_relations", ov, s.opts.Tx, nil).ReadByQuery(ctx, &items.Query{
		Limit:  intp(1),
		Filter: map[string]any{"_and": []any{map[string]any{"many_collection": map[string]any{"_eq": collection}}, map[string]any{"many_field": map[string]any{"_eq": field}}}},
	}, items.ReadOptions{NoEvents: true})
	if err != nil {
		return nil, err
	}
	fks, err := s.ForeignKeys(ctx, collection)
	if err != nil {
		return nil, err
	}
	var schemaRows []*items.Item
	for _, fk := range fks {
		if itemString(fk, "column") == field {
			schemaRows = append(schemaRows, fk)
			break
		}
	}
	res, err := s.filterForbidden(ctx, stitch(rows, schemaRows))
	if err != nil {
		return nil, err
	}
	if len(res) == 0 {
		return nil, errs.Forbidden()
	}
	return res[0], nil
}

func (s *RelationsService) metaRows(ctx context.Context, ov *schema.Overview, q *items.Query) ([]*items.Item, error) {
	rows, err := s.items("directus_relations", ov, s.opts.Tx, nil).ReadByQuery(ctx, q, items.ReadOptions{NoEvents: true})
	if err != nil {
		return nil, err
	}
	return append(rows, systemRelationRows...), nil
}

// filterForbidden drops relations touching a collection or field the caller may not read.
func (s *RelationsService) filterForbidden(ctx context.Context, list []*Relation) ([]*Relation, error) {
	if !s.restricted() {
		return list, nil
	}
	access := s.accessMap()
	var out []*Relation
	for _, r := range list {
		a, err := access.get(ctx, r.Collection)
		if err != nil {
			return nil, err
		}
		keep := a.field(r.Field)
		if keep && r.RelatedCollection != nil {
			ra, err := access.get(ctx, *r.RelatedCollection)
			if err != nil {
				return nil, err
			}
			keep = ra.ok
			if one := itemString(r.Meta, "one_field"); keep && one != "" {
				keep = ra.field(one)
			}
		}
		if keep && r.Meta != nil {
			if allowed, _ := r.Meta.Get("one_allowed_collections"); allowed != nil {
				list, _ := allowed.([]any)
				for _, c := range list {
					name, _ := c.(string)
					ca, err := access.get(ctx, name)
					if err != nil {
						return nil, err
					}
					keep = keep && ca.ok
				}
			}
		}
		if keep {
			out = append(out, r)
		}
	}
	return out, nil
}

// stitch is stitchRelations: one relation per foreign key (with its meta row when one matches),
// then one per remaining meta row.
func stitch(metas, fks []*items.Item) []*Relation {
	used := map[*items.Item]bool{}
	out := []*Relation{}
	for _, fk := range fks {
		ft := itemString(fk, "foreign_key_table")
		r := &Relation{Collection: itemString(fk, "table"), Field: itemString(fk, "column"), RelatedCollection: &ft, Schema: fk}
		for _, m := range metas {
			if itemString(m, "many_collection") != r.Collection || itemString(m, "many_field") != r.Field {
				continue
			}
			if one := itemString(m, "one_collection"); one != "" && one != ft {
				continue
			}
			r.Meta, used[m] = m, true
			break
		}
		out = append(out, r)
	}
	for _, m := range metas {
		if used[m] {
			continue
		}
		r := &Relation{Collection: itemString(m, "many_collection"), Field: itemString(m, "many_field"), Meta: m}
		if one := itemString(m, "one_collection"); one != "" {
			r.RelatedCollection = &one
		}
		out = append(out, r)
	}
	return out
}

// CreateOne is createOne(relation): the foreign key (when related_collection is set) and the
// directus_relations row. relation is {collection, field, related_collection?, schema?, meta?}.
func (s *RelationsService) CreateOne(ctx context.Context, relation map[string]any, opts MutationOptions) error {
	if relation == nil {
		return undefinedProperty("collection")
	}
	inner, flush := s.base.deferActions(ctx)
	defer flush()
	s = &RelationsService{inner}
	if err := s.requireAdmin(); err != nil {
		return err
	}
	defer s.invalidate()
	ov, err := s.overview(ctx)
	if err != nil {
		return err
	}
	collection, _ := relation["collection"].(string)
	field, _ := relation["field"].(string)
	related, _ := relation["related_collection"].(string)
	if collection == "" {
		return errs.InvalidPayload(`"collection" is required`)
	}
	if field == "" {
		return errs.InvalidPayload(`"field" is required`)
	}
	col := ov.Collections[collection]
	if col == nil {
		return errs.InvalidPayload(fmt.Sprintf(`Collection "%s" doesn't exist`, collection))
	}
	fieldInfo := col.Fields[field]
	if fieldInfo == nil {
		return errs.InvalidPayload(fmt.Sprintf(`Field "%s" doesn't exist in collection "%s"`, field, collection))
	}
	if col.Primary == field {
		return errs.InvalidPayload(fmt.Sprintf(`Field "%s" in collection "%s" is a primary key`, field, collection))
	}
	if related != "" && ov.Collections[related] == nil {
		return errs.InvalidPayload(fmt.Sprintf(`Collection "%s" doesn't exist`, related))
	}
	for _, r := range ov.Relations {
		if r.Collection == collection && r.Field == field {
			return errs.InvalidPayload(fmt.Sprintf(`Field "%s" in collection "%s" already has an associated relationship`, field, collection))
		}
	}
	row := map[string]any{}
	if meta, ok := relation["meta"].(map[string]any); ok {
		for k, v := range meta {
			row[k] = v
		}
	}
	row["many_collection"], row["many_field"] = collection, field
	if related != "" {
		row["one_collection"] = related
	} else {
		row["one_collection"] = nil
	}
	sch, _ := relation["schema"].(map[string]any)
	err = s.schemaTx(ctx, func(tx *sqlx.Tx) error {
		if related != "" {
			if err := s.alterType(ctx, tx, ov, collection, field, related); err != nil {
				return err
			}
			onDelete, _ := sch["on_delete"].(string)
			onUpdate, _ := sch["on_update"].(string)
			if err := addForeignKey(ctx, tx, s.dialect, foreignKeySpec{
				Table: collection, Column: field, ForeignTable: related, ForeignColumn: ov.Collections[related].Primary,
				Name: IndexName(s.opts.DB.Client, "foreign", collection, field), OnDelete: onDelete, OnUpdate: onUpdate,
			}); err != nil {
				return err
			}
		}
		_, err := s.items("directus_relations", ov, tx, nil).CreateOne(ctx, row, items.MutationOptions{NoEvents: opts.NoEvents})
		return err
	})
	return err
}

// alterType is Directus's MySQL fix-up: an int m2o column pointing at an int unsigned key becomes
// int unsigned, or MySQL refuses the foreign key.
func (s *RelationsService) alterType(ctx context.Context, tx *sqlx.Tx, ov *schema.Overview, collection, field, related string) error {
	if s.opts.DB.Client != db.ClientMySQL {
		return nil
	}
	f := ov.Collections[collection].Fields[field]
	rc := ov.Collections[related]
	pk := rc.Fields[rc.Primary]
	if f.DBType == nil || pk == nil || pk.DBType == nil || *f.DBType != "int" || *pk.DBType != "int unsigned" {
		return nil
	}
	stmt := "alter table " + s.dialect.Quote(collection) + " modify " + s.dialect.Quote(field) + " int unsigned"
	if !f.Nullable {
		stmt += " not null"
	}
	_, err := tx.ExecContext(ctx, stmt)
	return err
}

// UpdateOne is updateOne(collection, field, relation): recreates the foreign key with the new
// on_delete/on_update when schema is given, and updates (or creates) the meta row.
func (s *RelationsService) UpdateOne(ctx context.Context, collection, field string, relation map[string]any, opts MutationOptions) error {
	if relation == nil {
		return undefinedProperty("schema")
	}
	inner, flush := s.base.deferActions(ctx)
	defer flush()
	s = &RelationsService{inner}
	if err := s.requireAdmin(); err != nil {
		return err
	}
	defer s.invalidate()
	ov, err := s.overview(ctx)
	if err != nil {
		return err
	}
	col := ov.Collections[collection]
	if col == nil {
		return errs.InvalidPayload(fmt.Sprintf(`Collection "%s" doesn't exist`, collection))
	}
	if col.Fields[field] == nil {
		return errs.InvalidPayload(fmt.Sprintf(`Field "%s" doesn't exist in collection "%s"`, field, collection))
	}
	existing := findRelation(ov, collection, field)
	if existing == nil {
		return errs.InvalidPayload(fmt.Sprintf(`Field "%s" in collection "%s" doesn't have a relationship.`, field, collection))
	}
	sch, hasSchema := relation["schema"].(map[string]any)
	return s.schemaTx(ctx, func(tx *sqlx.Tx) error {
		if hasSchema && existing.RelatedCollection != nil {
			onDelete, onUpdate := "", ""
			name := IndexName(s.opts.DB.Client, "foreign", collection, field)
			if existing.Schema != nil {
				if existing.Schema.OnDelete != nil {
					onDelete = *existing.Schema.OnDelete
				}
				if existing.Schema.OnUpdate != nil {
					onUpdate = *existing.Schema.OnUpdate
				}
				if existing.Schema.ConstraintName != nil {
					name = *existing.Schema.ConstraintName
				}
				if err := dropForeignKey(ctx, tx, s.dialect, collection, field, name); err != nil {
					return err
				}
			}
			if v, ok := sch["on_delete"]; ok {
				onDelete, _ = v.(string)
			}
			if v, ok := sch["on_update"]; ok {
				onUpdate, _ = v.(string)
			}
			if err := s.alterType(ctx, tx, ov, collection, field, *existing.RelatedCollection); err != nil {
				return err
			}
			if err := addForeignKey(ctx, tx, s.dialect, foreignKeySpec{
				Table: collection, Column: field, ForeignTable: *existing.RelatedCollection,
				ForeignColumn: ov.Collections[*existing.RelatedCollection].Primary, Name: name,
				OnDelete: noAction(onDelete), OnUpdate: noAction(onUpdate),
			}); err != nil {
				return err
			}
		}
		meta, ok := relation["meta"].(map[string]any)
		if !ok {
			return nil
		}
		svc := s.items("directus_relations", ov, tx, nil)
		if existing.Meta != nil && existing.Meta.ID != nil {
			_, err := svc.UpdateOne(ctx, *existing.Meta.ID, meta, items.MutationOptions{NoEvents: opts.NoEvents})
			return err
		}
		row := map[string]any{}
		for k, v := range meta {
			row[k] = v
		}
		row["many_collection"], row["many_field"] = collection, field
		if existing.RelatedCollection != nil {
			row["one_collection"] = *existing.RelatedCollection
		} else {
			row["one_collection"] = nil
		}
		_, err := svc.CreateOne(ctx, row, items.MutationOptions{NoEvents: opts.NoEvents})
		return err
	})
}

// noAction: an existing rule read back as NO ACTION is restated as no clause (the default).
func noAction(rule string) string {
	if rule == "NO ACTION" {
		return ""
	}
	return rule
}

func findRelation(ov *schema.Overview, collection, field string) *schema.Relation {
	for _, r := range ov.Relations {
		if r.Collection == collection && r.Field == field {
			return r
		}
	}
	return nil
}

// DeleteOne is deleteOne(collection, field): drops the foreign key and deletes the meta row.
func (s *RelationsService) DeleteOne(ctx context.Context, collection, field string, opts MutationOptions) error {
	inner, flush := s.base.deferActions(ctx)
	defer flush()
	s = &RelationsService{inner}
	if err := s.requireAdmin(); err != nil {
		return err
	}
	defer s.invalidate()
	ov, err := s.overview(ctx)
	if err != nil {
		return err
	}
	if err := s.schemaTx(ctx, func(tx *sqlx.Tx) error { return s.deleteInTx(ctx, tx, ov, collection, field) }); err != nil {
		return err
	}
	s.invalidate()
	if !opts.NoEvents {
		s.emitAction(ctx, "relations.delete", map[string]any{"payload": []any{field}, "collection": collection})
	}
	return nil
}

func (s *RelationsService) deleteInTx(ctx context.Context, tx *sqlx.Tx, ov *schema.Overview, collection, field string) error {
	col := ov.Collections[collection]
	if col == nil {
		return errs.InvalidPayload(fmt.Sprintf(`Collection "%s" doesn't exist`, collection))
	}
	if col.Fields[field] == nil {
		return errs.InvalidPayload(fmt.Sprintf(`Field "%s" doesn't exist in collection "%s"`, field, collection))
	}
	existing := findRelation(ov, collection, field)
	if existing == nil {
		return errs.InvalidPayload(fmt.Sprintf(`Field "%s" in collection "%s" doesn't have a relationship.`, field, collection))
	}
	if existing.Schema != nil {
		// SQLite foreign keys have no name: Directus drops them only when the name is known.
		if name := existing.Schema.ConstraintName; name != nil {
			fks, err := ForeignKeys(ctx, tx, s.opts.DB.Client)
			if err != nil {
				return err
			}
			for _, fk := range fks {
				if itemString(fk, "constraint_name") == *name {
					if err := dropForeignKey(ctx, tx, s.dialect, collection, field, *name); err != nil {
						return err
					}
					break
				}
			}
		}
	}
	if existing.Meta != nil {
		if _, err := tx.ExecContext(ctx, s.dialect.Rebind(`DELETE FROM directus_relations WHERE many_collection = ? AND many_field = ?`), collection, field); err != nil {
			return err
		}
	}
	return nil
}
