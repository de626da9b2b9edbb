package schemasvc

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/schema"
)

// FieldsService is Directus's FieldsService: read fields (column + directus_fields meta), and
// create, alter and drop columns. Writes are admin-only.
type FieldsService struct{ base }

// NewFieldsService returns the FieldsService for opts.
func NewFieldsService(opts Options) *FieldsService { return &FieldsService{newBase(opts)} }

// ColumnInfo is columnInfo(collection?, field?): every column, the columns of one collection, or
// one column (nil when it does not exist).
func (s *FieldsService) ColumnInfo(ctx context.Context, collection string) ([]*Column, error) {
	return ColumnInfo(ctx, s.conn(), s.opts.DB.Client, collection)
}

// ColumnOne is columnInfo(collection, field): nil when there is no such column.
func (s *FieldsService) ColumnOne(ctx context.Context, collection, field string) (*Column, error) {
	cols, err := s.ColumnInfo(ctx, collection)
	if err != nil {
		return nil, err
	}
	for _, c := range cols {
		if c.Name == field {
			return c, nil
		}
	}
	return nil, nil
}

// ReadAll is readAll(collection?): the column-backed fields in column order, then the alias fields
// (o2m, m2m, presentation …), limited to collections the schema knows.
func (s *FieldsService) ReadAll(ctx context.Context, collection string) ([]*Field, error) {
	ov, err := s.overview(ctx)
	if err != nil {
		return nil, err
	}
	if s.restricted() {
		if err := s.validateAccess(ctx, "directus_fields"); err != nil {
			return nil, err
		}
	}
	metas, err := s.metaRows(ctx, ov, collection)
	if err != nil {
		return nil, err
	}
	cols, err := s.ColumnInfo(ctx, collection)
	if err != nil {
		return nil, err
	}
	var out []*Field
	for _, c := range cols {
		meta := findMeta(metas, c.Table, c.Name)
		out = append(out, s.columnField(c, meta))
	}
	for _, m := range metas {
		if hasAliasSpecial(specials(m)) {
			out = append(out, &Field{Collection: itemString(m, "collection"), Field: itemString(m, "field"), Type: "alias", Meta: m})
		}
	}
	known := out[:0]
	for _, f := range out {
		if ov.Collections[f.Collection] != nil {
			known = append(known, f)
		}
	}
	if !s.restricted() {
		return known, nil
	}
	access := s.accessMap()
	if collection != "" {
		a, err := access.get(ctx, collection)
		if err != nil {
			return nil, err
		}
		if !a.ok {
			return nil, errs.Forbidden()
		}
	}
	var allowed []*Field
	for _, f := range known {
		a, err := access.get(ctx, f.Collection)
		if err != nil {
			return nil, err
		}
		if a.field(f.Field) {
			allowed = append(allowed, f)
		}
	}
	return allowed, nil
}

// ReadOne is readOne(collection, field): FORBIDDEN when neither a column nor a meta row exists.
func (s *FieldsService) ReadOne(ctx context.Context, collection, field string) (*Field, error) {
	ov, err := s.overview(ctx)
	if err != nil {
		return nil, err
	}
	if s.restricted() {
		if err := s.validateAccess(ctx, collection); err != nil {
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
	rows, err := s.items("directus_fields", ov, s.opts.Tx, nil).ReadByQuery(ctx, &items.Query{
		Filter: map[string]any{"collection": map[string]any{"_eq": collection}, "field": map[string]any{"_eq": field}},
		Limit:  intp(1),
	}, items.ReadOptions{NoEvents: true})
	if err != nil {
		return nil, err
	}
	var meta *items.Item
	if len(rows) > 0 {
		meta = rows[0]
	} else {
		meta = findMeta(systemFieldRows, collection, field)
	}
	col, _ := s.ColumnOne(ctx, collection, field)
	if col == nil && meta == nil {
		return nil, errs.Forbidden()
	}
	f := &Field{Collection: collection, Field: field, metaFirst: true}
	if meta != nil {
		f.Meta = meta
	}
	if col == nil {
		f.Type = "alias"
		return f, nil
	}
	cf := s.columnField(col, meta)
	f.Type, f.Schema = cf.Type, cf.Schema
	if f.Type == "alias" {
		f.Schema = nil
	}
	return f, nil
}

// metaRows are the directus_fields rows (of one collection, or all) followed by the system rows.
func (s *FieldsService) metaRows(ctx context.Context, ov *schema.Overview, collection string) ([]*items.Item, error) {
	q := &items.Query{Limit: intp(-1)}
	if collection != "" {
		q.Filter = map[string]any{"collection": map[string]any{"_eq": collection}}
	}
	rows, err := s.items("directus_fields", ov, s.opts.Tx, nil).ReadByQuery(ctx, q, items.ReadOptions{NoEvents: true})
	if err != nil {
		return nil, err
	}
	for _, r := range systemFieldRows {
		if collection == "" || itemString(r, "collection") == collection {
			rows = append(rows, r)
		}
	}
	return rows, nil
}

// columnField builds the Field of a column: Directus type from the DB type and specials, default
// value cast by that type.
func (s *FieldsService) columnField(c *Column, meta *items.Item) *Field {
	sp := specials(meta)
	typ := localType(c, sp)
	cc := *c
	cc.DefaultValue = castDefault(c.DefaultValue, typ)
	f := &Field{Collection: c.Table, Field: c.Name, Type: typ, Schema: &cc}
	if meta != nil {
		f.Meta = meta
	}
	return f
}

// localType is getLocalType with column facts (PostgreSQL numeric with a known scale is decimal).
func localType(c *Column, special []string) string {
	t := schema.LocalType(c.DataType, special)
	if t == "integer" && c.Client == db.ClientPostgres && c.DataType == "numeric" && c.NumericPrecision != nil && c.NumericScale != nil {
		return "decimal"
	}
	return t
}

// castDefault is getDefaultValue: numbers for numeric types, booleans, parsed JSON.
func castDefault(v any, typ string) any {
	s, ok := v.(string)
	if !ok || v == nil {
		return v
	}
	if s == "0000-00-00 00:00:00" {
		return nil
	}
	switch typ {
	case "bigInteger", "integer", "decimal", "float":
		if f, ok := jsNumberParse(s); ok {
			return f
		}
		return s
	case "boolean":
		switch s {
		case "0", "false":
			return false
		case "1", "true":
			return true
		}
		return s != ""
	case "json":
		if s == "" {
			return s
		}
		if parsed, err := decodeOrdered([]byte(s)); err == nil {
			return parsed
		}
		return s
	}
	return s
}

func findMeta(rows []*items.Item, collection, field string) *items.Item {
	for _, r := range rows {
		if itemString(r, "collection") == collection && itemString(r, "field") == field {
			return r
		}
	}
	return nil
}

func hasAliasSpecial(sp []string) bool {
	for _, s := range sp {
		if aliasTypes[s] {
			return true
		}
	}
	return false
}

// CreateField is createField(collection, field, table?): adds the column (none for alias types),
// then the directus_fields row when the payload has meta. field is {field, type, schema?, meta?}.
func (s *FieldsService) CreateField(ctx context.Context, collection string, field map[string]any, opts MutationOptions) error {
	if field == nil {
		return undefinedProperty("field")
	}
	inner, flush := s.base.deferActions(ctx)
	defer flush()
	s = &FieldsService{inner}
	if err := s.requireAdmin(); err != nil {
		return err
	}
	defer s.invalidate()
	ov, err := s.overview(ctx)
	if err != nil {
		return err
	}
	name, _ := field["field"].(string)
	col := ov.Collections[collection]
	if col == nil {
		return fmt.Errorf("Cannot read properties of undefined (reading 'fields')")
	}
	existing, err := s.metaRowID(ctx, s.conn(), collection, name)
	if err != nil {
		return err
	}
	if _, ok := col.Fields[name]; ok || existing != nil {
		return errs.InvalidPayload(fmt.Sprintf(`Field "%s" already exists in collection "%s"`, name, collection))
	}
	typ, _ := field["type"].(string)
	addFieldFlag(field, fieldFlagFor(s.opts.DB.Client, typ))

	adjusted := field
	err = s.schemaTx(ctx, func(tx *sqlx.Tx) error {
		if !opts.NoEvents {
			res, err := s.emitFilter(ctx, "fields.create", field, map[string]any{"collection": collection}, tx, ov)
			if err != nil {
				return err
			}
			if m, ok := res.(map[string]any); ok {
				adjusted = m
			}
		}
		if t, _ := adjusted["type"].(string); t != "" && !aliasTypes[t] {
			spec, err := buildColumnSpec(s.opts.DB.Client, collection, adjusted, nil)
			if err != nil {
				return err
			}
			if err := addColumn(ctx, tx, s.dialect, collection, spec); err != nil {
				return err
			}
		}
		if meta, ok := adjusted["meta"].(map[string]any); ok {
			sort, err := s.nextSort(ctx, tx, collection, meta["group"])
			if err != nil {
				return err
			}
			row := map[string]any{"sort": sort}
			for k, v := range meta {
				row[k] = v
			}
			row["collection"], row["field"] = collection, adjusted["field"]
			if _, err := s.items("directus_fields", ov, tx, s.opts.Accountability).CreateOne(ctx, row, items.MutationOptions{NoEvents: true}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.invalidate()
	if !opts.NoEvents {
		s.emitAction(ctx, "fields.create", map[string]any{"payload": adjusted, "key": adjusted["field"], "collection": collection})
	}
	return nil
}

// nextSort is max(sort)+1 of the collection's fields (of the group when the field has one).
func (s *FieldsService) nextSort(ctx context.Context, q sqlx.QueryerContext, collection string, group any) (int64, error) {
	query, args := `SELECT max(sort) AS max FROM directus_fields WHERE collection = ?`, []any{collection}
	if g, ok := group.(string); ok && g != "" {
		query, args = query+` AND `+s.dialect.Quote("group")+` = ?`, append(args, g)
	}
	rows, err := queryRows(ctx, q, s.dialect.Rebind(query), args...)
	if err != nil {
		return 0, err
	}
	if len(rows) == 0 || rows[0]["max"] == nil {
		return 1, nil
	}
	if n := intPtr(rows[0]["max"]); n != nil && *n != 0 {
		return *n + 1, nil
	}
	return 1, nil
}

func (s *FieldsService) metaRowID(ctx context.Context, q sqlx.QueryerContext, collection, field string) (any, error) {
	rows, err := queryRows(ctx, q, s.dialect.Rebind(`SELECT id FROM directus_fields WHERE collection = ? AND field = ?`), collection, field)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, nil
	}
	return rows[0]["id"], nil
}

// fieldFlagFor is the date helper's fieldFlagForField: json fields get cast-json, and on SQLite
// timestamp fields get cast-timestamp.
func fieldFlagFor(client, typ string) string {
	switch {
	case typ == "json":
		return "cast-json"
	case typ == "timestamp" && client == db.ClientSQLite:
		return "cast-timestamp"
	}
	return ""
}

// addFieldFlag is @directus/utils addFieldFlag (creates meta when missing).
func addFieldFlag(field map[string]any, flag string) {
	if flag == "" {
		return
	}
	meta, ok := field["meta"].(map[string]any)
	if !ok {
		field["meta"] = map[string]any{"special": []any{flag}}
		return
	}
	sp := meta["special"]
	switch x := sp.(type) {
	case []any:
		for _, e := range x {
			if e == flag {
				return
			}
		}
		meta["special"] = append(x, flag)
	case []string:
		for _, e := range x {
			if e == flag {
				return
			}
		}
		meta["special"] = append(x, flag)
	default:
		meta["special"] = []any{flag}
	}
}

// UpdateField is updateField(collection, field): alters the column when the payload has a schema
// that differs from the column, and creates or updates the meta row. Returns the field name.
func (s *FieldsService) UpdateField(ctx context.Context, collection string, field map[string]any, opts MutationOptions) (string, error) {
	if field == nil {
		return "", undefinedProperty("schema")
	}
	inner, flush := s.base.deferActions(ctx)
	defer flush()
	s = &FieldsService{inner}
	if err := s.requireAdmin(); err != nil {
		return "", err
	}
	defer s.invalidate()
	ov, err := s.overview(ctx)
	if err != nil {
		return "", err
	}
	name, _ := field["field"].(string)
	var existingField *schema.Field
	if c := ov.Collections[collection]; c != nil {
		existingField = c.Fields[name]
	}
	if _, hasSchema := field["schema"].(map[string]any); hasSchema {
		if t, _ := field["type"].(string); t == "" && existingField != nil {
			field["type"] = existingField.Type
		}
	}
	adjusted := field
	if !opts.NoEvents {
		res, err := s.emitFilter(ctx, "fields.update", field, map[string]any{"keys": []any{name}, "collection": collection}, s.conn(), ov)
		if err != nil {
			return "", err
		}
		if m, ok := res.(map[string]any); ok {
			adjusted = m
		}
	}
	var record any
	if _, ok := field["meta"].(map[string]any); ok {
		if record, err = s.metaRowID(ctx, s.conn(), collection, name); err != nil {
			return "", err
		}
	}
	if ov.Collections[collection] == nil {
		return "", fmt.Errorf("Cannot read properties of undefined (reading 'fields')")
	}
	existingType := "alias"
	if existingField != nil {
		existingType = existingField.Type
	}
	if t, _ := adjusted["type"].(string); t != "" && (t == "alias" || (existingField != nil && existingField.Type == "alias")) && t != existingType {
		return "", errs.InvalidPayload("Alias type cannot be changed")
	}
	if sch, ok := adjusted["schema"].(map[string]any); ok {
		existing, err := s.ColumnOne(ctx, collection, name)
		if err != nil {
			return "", err
		}
		if existing == nil {
			return "", fmt.Errorf("Cannot read properties of undefined (reading 'is_primary_key')")
		}
		if existing.IsPrimaryKey {
			if v, _ := sch["is_nullable"].(bool); v {
				return "", errs.InvalidPayload("Primary key cannot be null")
			}
		}
		if !reflect.DeepEqual(existing.Map(), sch) {
			spec, err := buildColumnSpec(s.opts.DB.Client, collection, field, existing)
			if err != nil {
				return "", err
			}
			if err := s.schemaTx(ctx, func(tx *sqlx.Tx) error {
				return alterColumn(ctx, tx, s.dialect, collection, spec)
			}); err != nil {
				return "", s.opts.DB.Translate(err, field, errQuery(err))
			}
		}
	}
	if meta, ok := adjusted["meta"].(map[string]any); ok && !isSystemField(collection, name) {
		row := map[string]any{}
		for k, v := range meta {
			row[k] = v
		}
		row["collection"], row["field"] = collection, adjusted["field"]
		svc := s.items("directus_fields", ov, s.opts.Tx, s.opts.Accountability)
		if record != nil {
			_, err = svc.UpdateOne(ctx, record, row, items.MutationOptions{NoEvents: true})
		} else {
			_, err = svc.CreateOne(ctx, row, items.MutationOptions{NoEvents: true})
		}
		if err != nil {
			return "", err
		}
	}
	s.invalidate()
	if !opts.NoEvents {
		s.emitAction(ctx, "fields.update", map[string]any{"payload": adjusted, "keys": []any{adjusted["field"]}, "collection": collection})
	}
	return name, nil
}

// errQuery is the SQL statement a DDL error came from ("" when unknown).
func errQuery(err error) string {
	var de *ddlError
	if ok := asDDL(err, &de); ok {
		return de.stmt
	}
	return ""
}

// UpdateFields is updateFields(collection, fields): UpdateField for each, names in order.
func (s *FieldsService) UpdateFields(ctx context.Context, collection string, fields []map[string]any, opts MutationOptions) ([]string, error) {
	inner, flush := s.base.deferActions(ctx)
	defer flush()
	s = &FieldsService{inner}
	var names []string
	for _, f := range fields {
		name, err := s.UpdateField(ctx, collection, f, opts)
		if err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, nil
}

// DeleteField is deleteField(collection, field): removes its relations (and the other side's
// alias), the column, the meta row, and the field from permissions and collection settings.
func (s *FieldsService) DeleteField(ctx context.Context, collection, field string, opts MutationOptions) error {
	inner, flush := s.base.deferActions(ctx)
	defer flush()
	s = &FieldsService{inner}
	if err := s.requireAdmin(); err != nil {
		return err
	}
	defer s.invalidate()
	ov, err := s.overview(ctx)
	if err != nil {
		return err
	}
	if !opts.NoEvents {
		if _, err := s.emitFilter(ctx, "fields.delete", []any{field}, map[string]any{"collection": collection}, s.conn(), ov); err != nil {
			return err
		}
	}
	err = s.schemaTx(ctx, func(tx *sqlx.Tx) error {
		return s.deleteFieldInTx(ctx, tx, ov, collection, field)
	})
	if err != nil {
		return err
	}
	s.invalidate()
	if !opts.NoEvents {
		s.emitAction(ctx, "fields.delete", map[string]any{"payload": []any{field}, "collection": collection})
	}
	return nil
}

// deleteFieldNested is deleteField called by another schema change inside its transaction: the
// filter runs with that transaction, the action is queued with the caller's.
func (s *FieldsService) deleteFieldNested(ctx context.Context, tx *sqlx.Tx, ov *schema.Overview, collection, field string) error {
	if _, err := s.emitFilter(ctx, "fields.delete", []any{field}, map[string]any{"collection": collection}, tx, ov); err != nil {
		return err
	}
	if err := s.deleteFieldInTx(ctx, tx, ov, collection, field); err != nil {
		return err
	}
	s.emitAction(ctx, "fields.delete", map[string]any{"payload": []any{field}, "collection": collection})
	return nil
}

func (s *FieldsService) deleteFieldInTx(ctx context.Context, tx *sqlx.Tx, ov *schema.Overview, collection, field string) error {
	child := s.opts
	child.Tx, child.Schema = tx, ov
	relations := &RelationsService{newBase(child)}
	for _, r := range ov.Relations {
		isM2O := r.Collection == collection && r.Field == field
		oneField := ""
		if r.Meta != nil && r.Meta.OneField != nil {
			oneField = *r.Meta.OneField
		}
		related := ""
		if r.RelatedCollection != nil {
			related = *r.RelatedCollection
		}
		if !isM2O && !(related == collection && oneField == field) {
			continue
		}
		if isM2O {
			if err := relations.deleteInTx(ctx, tx, ov, collection, field); err != nil {
				return err
			}
			s.emitAction(ctx, "relations.delete", map[string]any{"payload": []any{field}, "collection": collection})
			if related != "" && oneField != "" && related != collection && oneField != field {
				if err := s.deleteFieldNested(ctx, tx, ov, related, oneField); err != nil {
					return err
				}
			}
		} else if oneField != "" {
			if _, err := tx.ExecContext(ctx, s.dialect.Rebind(`UPDATE directus_relations SET one_field = NULL WHERE many_collection = ? AND many_field = ?`), r.Collection, r.Field); err != nil {
				return err
			}
		}
	}
	if c := ov.Collections[collection]; c != nil {
		if f := c.Fields[field]; f != nil && !f.Alias {
			if err := dropColumn(ctx, tx, s.dialect, collection, field); err != nil {
				return err
			}
		}
	}
	tree, fieldTo := relationMaps(ov.Relations)
	settings, err := readSettings(ctx, tx, s.dialect, collection, relatedCollections(collection, tree))
	if err != nil {
		return err
	}
	if err := applySettings(ctx, tx, s.dialect, metaUpdates(collection, field, settings, ov, fieldTo)); err != nil {
		return err
	}
	grp := s.dialect.Quote("group")
	if _, err := tx.ExecContext(ctx, s.dialect.Rebind(`UPDATE directus_fields SET `+grp+` = NULL WHERE `+grp+` = ? AND collection = ?`), field, collection); err != nil {
		return err
	}
	if _, err := s.items("directus_fields", ov, tx, s.opts.Accountability).DeleteByQuery(ctx, &items.Query{
		Filter: map[string]any{"collection": map[string]any{"_eq": collection}, "field": map[string]any{"_eq": field}},
		Limit:  intp(-1),
	}, items.MutationOptions{NoEvents: true}); err != nil {
		return err
	}
	return removeFromPermissions(ctx, tx, s.dialect, collection, field)
}

// removeFromPermissions drops field from the fields list of the collection's permission rows.
func removeFromPermissions(ctx context.Context, tx *sqlx.Tx, d db.Dialect, collection, field string) error {
	rows, err := queryRows(ctx, tx, d.Rebind(`SELECT id, fields FROM directus_permissions WHERE collection = ? AND fields LIKE ?`), collection, "%"+field+"%")
	if err != nil {
		return err
	}
	for _, r := range rows {
		var kept []string
		for _, f := range strings.Split(str(r["fields"]), ",") {
			if f != field {
				kept = append(kept, f)
			}
		}
		var v any
		if len(kept) > 0 {
			v = strings.Join(kept, ",")
		}
		if _, err := tx.ExecContext(ctx, d.Rebind(`UPDATE directus_permissions SET fields = ? WHERE id = ?`), v, r["id"]); err != nil {
			return err
		}
	}
	return nil
}

func intp(n int) *int { return &n }
