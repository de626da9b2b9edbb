package schemasvc

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/schema"
)

// CollectionsService is Directus's CollectionsService: collections are tables plus
// directus_collections rows (a row without a table is a folder). Writes are admin-only.
type CollectionsService struct {
	base
	// ExcludeTables is DB_EXCLUDE_TABLES (nil = Directus's default spatial_ref_sys,sysdiagrams).
	ExcludeTables []string
}

// NewCollectionsService returns the CollectionsService for opts.
func NewCollectionsService(opts Options) *CollectionsService {
	return &CollectionsService{base: newBase(opts)}
}

// Collection is one collection as CollectionsService returns it: {collection, meta, schema}, or
// {collection, schema, meta} for a table without a directus_collections row (Directus's order).
type Collection struct {
	Collection  string
	Meta        *items.Item // the directus_collections row or built-in system row; nil = null
	Schema      *items.Item // tableInfo() of the table in the dialect's shape; nil = null (a folder)
	schemaFirst bool
}

// MarshalJSON writes Directus's key order.
func (c *Collection) MarshalJSON() ([]byte, error) {
	name, _ := json.Marshal(c.Collection)
	meta, err := json.Marshal(c.Meta)
	if err != nil {
		return nil, err
	}
	sch, err := json.Marshal(c.Schema)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(`{"collection":`)
	b.Write(name)
	if c.schemaFirst {
		b.WriteString(`,"schema":`)
		b.Write(sch)
		b.WriteString(`,"meta":`)
		b.Write(meta)
	} else {
		b.WriteString(`,"meta":`)
		b.Write(meta)
		b.WriteString(`,"schema":`)
		b.Write(sch)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// ReadByQuery is readByQuery(): every meta row (user rows, then the system ones) with its table,
// then every table without a meta row.
func (s *CollectionsService) ReadByQuery(ctx context.Context) ([]*Collection, error) {
	ov, err := s.overview(ctx)
	if err != nil {
		return nil, err
	}
	tables, err := TableInfo(ctx, s.conn(), s.opts.DB.Client)
	if err != nil {
		return nil, err
	}
	metas, err := s.items("directus_collections", ov, s.opts.Tx, s.opts.Accountability).ReadByQuery(ctx, &items.Query{Limit: intp(-1)}, items.ReadOptions{NoEvents: true})
	if err != nil {
		return nil, err
	}
	metas = append(metas, systemCollectionRows...)
	if s.restricted() {
		if tables, metas, err = s.readable(ctx, tables, metas); err != nil {
			return nil, err
		}
	}
	var out []*Collection
	seen := map[string]bool{}
	for _, m := range metas {
		name := itemString(m, "collection")
		c := &Collection{Collection: name, Meta: m}
		for _, t := range tables {
			if itemString(t, "name") == name {
				c.Schema = t
				break
			}
		}
		seen[name] = true
		out = append(out, c)
	}
	for _, t := range tables {
		name := itemString(t, "name")
		if !seen[name] {
			seen[name] = true
			out = append(out, &Collection{Collection: name, Schema: t, schemaFirst: true})
		}
	}
	exclude := s.ExcludeTables
	if exclude == nil {
		exclude = schema.DefaultExcludeTables
	}
	kept := out[:0]
	for _, c := range out {
		if !contains(exclude, c.Collection) {
			kept = append(kept, c)
		}
	}
	return kept, nil
}

// readable keeps the tables and meta rows a non-admin caller may read (fetchAllowedCollections),
// plus the group folders of those collections.
func (s *CollectionsService) readable(ctx context.Context, tables, metas []*items.Item) ([]*items.Item, []*items.Item, error) {
	groups := map[string]string{}
	var names []string
	for _, m := range metas {
		name := itemString(m, "collection")
		groups[name] = itemString(m, "group")
		names = append(names, name)
	}
	for _, t := range tables {
		names = append(names, itemString(t, "name"))
	}
	allowed := map[string]bool{}
	access := s.accessMap()
	for _, n := range names {
		a, err := access.get(ctx, n)
		if err != nil {
			return nil, nil, err
		}
		if a.ok {
			allowed[n] = true
		}
	}
	for n := range allowed {
		if g := groups[n]; g != "" {
			allowed[g] = true
		}
	}
	keep := func(list []*items.Item, key string) []*items.Item {
		var out []*items.Item
		for _, it := range list {
			if allowed[itemString(it, key)] {
				out = append(out, it)
			}
		}
		return out
	}
	return keep(tables, "name"), keep(metas, "collection"), nil
}

// ReadOne is readOne(name): FORBIDDEN when it does not exist.
func (s *CollectionsService) ReadOne(ctx context.Context, name string) (*Collection, error) {
	list, err := s.ReadMany(ctx, []string{name})
	if err != nil {
		return nil, err
	}
	if len(list) == 0 {
		return nil, errs.Forbidden()
	}
	return list[0], nil
}

// ReadMany is readMany(names), in readByQuery's order.
func (s *CollectionsService) ReadMany(ctx context.Context, names []string) ([]*Collection, error) {
	if s.restricted() {
		for _, n := range names {
			if err := s.validateAccess(ctx, n); err != nil {
				return nil, err
			}
		}
	}
	all, err := s.ReadByQuery(ctx)
	if err != nil {
		return nil, err
	}
	var out []*Collection
	for _, c := range all {
		if contains(names, c.Collection) {
			out = append(out, c)
		}
	}
	return out, nil
}

// CreateOne is createOne({collection, meta?, schema?, fields?}): with a schema, the table with its
// fields (an auto-increment integer `id` is added when no field is a primary key) and their meta
// rows; with meta, the directus_collections row. Returns the collection name.
func (s *CollectionsService) CreateOne(ctx context.Context, payload map[string]any, opts MutationOptions) (string, error) {
	if payload == nil {
		return "", fmt.Errorf("Cannot use 'in' operator to search for 'collection' in undefined")
	}
	inner, flush := s.base.deferActions(ctx)
	defer flush()
	s = &CollectionsService{base: inner, ExcludeTables: s.ExcludeTables}
	if err := s.requireAdmin(); err != nil {
		return "", err
	}
	defer s.invalidate()
	var name string
	err := s.schemaTx(ctx, func(tx *sqlx.Tx) error {
		var err error
		name, err = s.createInTx(ctx, tx, payload, opts)
		return err
	})
	if err != nil {
		return "", err
	}
	return name, nil
}

func (s *CollectionsService) createInTx(ctx context.Context, tx *sqlx.Tx, payload map[string]any, opts MutationOptions) (string, error) {
	raw, ok := payload["collection"]
	if !ok {
		return "", errs.InvalidPayload(`"collection" is required`)
	}
	name, isString := raw.(string)
	switch {
	case !isString || strings.TrimSpace(name) == "":
		return "", errs.InvalidPayload(`"collection" must be a non-empty string`)
	case name != strings.TrimSpace(name):
		return "", errs.InvalidPayload(`"collection" can't start or end with whitespace`)
	case strings.HasPrefix(name, "directus_"):
		return "", errs.InvalidPayload(`"collection" can't start with "directus_"`)
	case strings.Contains(name, "/"):
		return "", errs.InvalidPayload(`"collection" can't contain "/"`)
	}
	name, err := s.parseCollectionName(ctx, tx, name)
	if err != nil {
		return "", err
	}
	ov, err := s.overview(ctx)
	if err != nil {
		return "", err
	}
	existing, err := queryRows(ctx, tx, `SELECT collection FROM directus_collections`)
	if err != nil {
		return "", err
	}
	for _, r := range existing {
		if str(r["collection"]) == name {
			return "", errs.InvalidPayload(fmt.Sprintf(`Collection "%s" already exists`, name))
		}
	}
	if ov.Collections[name] != nil {
		return "", errs.InvalidPayload(fmt.Sprintf(`Collection "%s" already exists`, name))
	}

	if sch := payload["schema"]; sch != nil && sch != false {
		rawFields, has := payload["fields"]
		var fields []map[string]any
		if has && rawFields != nil {
			list, ok := rawFields.([]any)
			if !ok {
				return "", errs.InvalidPayload(`"fields" must be an array`)
			}
			for _, f := range list {
				if m, ok := f.(map[string]any); ok {
					fields = append(fields, m)
				}
			}
		}
		if !hasPrimaryKey(fields) {
			fields = append([]map[string]any{injectedPrimaryKey()}, fields...)
		}
		var specs []*columnSpec
		for _, f := range fields {
			if meta, ok := f["meta"].(map[string]any); ok {
				copied := map[string]any{}
				for k, v := range meta {
					copied[k] = v
				}
				copied["field"], copied["collection"] = f["field"], name
				f["meta"] = copied
			}
			typ, _ := f["type"].(string)
			addFieldFlag(f, fieldFlagFor(s.opts.DB.Client, typ))
			if typ != "" && !aliasTypes[typ] {
				spec, err := buildColumnSpec(s.opts.DB.Client, name, f, nil)
				if err != nil {
					return "", err
				}
				specs = append(specs, spec)
			}
		}
		if err := createTable(ctx, tx, s.dialect, name, specs); err != nil {
			return "", err
		}
		rows := sortedFieldRows(fields)
		if len(rows) > 0 {
			if _, err := s.items("directus_fields", ov, tx, s.opts.Accountability).CreateMany(ctx, rows, items.MutationOptions{BypassLimits: true, NoEvents: opts.NoEvents}); err != nil {
				return "", err
			}
		}
	}
	if meta, ok := payload["meta"].(map[string]any); ok {
		row := map[string]any{}
		for k, v := range meta {
			row[k] = v
		}
		row["collection"] = name
		if _, err := s.items("directus_collections", ov, tx, s.opts.Accountability).CreateOne(ctx, row, items.MutationOptions{NoEvents: opts.NoEvents}); err != nil {
			return "", err
		}
	}
	return name, nil
}

// parseCollectionName lower-cases the name on MySQL servers with lower_case_table_names=1.
func (s *CollectionsService) parseCollectionName(ctx context.Context, q sqlx.QueryerContext, name string) (string, error) {
	if s.opts.DB.Client != db.ClientMySQL {
		return name, nil
	}
	rows, err := queryRows(ctx, q, `SELECT @@lower_case_table_names AS lctn`)
	if err != nil {
		return "", err
	}
	if len(rows) > 0 && str(rows[0]["lctn"]) == "1" {
		return strings.ToLower(name), nil
	}
	return name, nil
}

func hasPrimaryKey(fields []map[string]any) bool {
	for _, f := range fields {
		sch, _ := f["schema"].(map[string]any)
		if v, _ := sch["is_primary_key"].(bool); v {
			return true
		}
		if v, _ := sch["has_auto_increment"].(bool); v {
			return true
		}
	}
	return false
}

func injectedPrimaryKey() map[string]any {
	return map[string]any{
		"field": "id", "type": "integer",
		"meta":   map[string]any{"hidden": true, "interface": "numeric", "readonly": true},
		"schema": map[string]any{"is_primary_key": true, "has_auto_increment": true},
	}
}

// sortedFieldRows are the meta rows of the new fields: fields outside groups numbered 1..n in
// payload order, then each group's fields numbered within the group.
func sortedFieldRows(fields []map[string]any) []map[string]any {
	var plain []map[string]any
	groups := map[string][]map[string]any{}
	var groupOrder []string
	for _, f := range fields {
		meta, ok := f["meta"].(map[string]any)
		if !ok {
			continue
		}
		g, _ := meta["group"].(string)
		if g == "" {
			plain = append(plain, meta)
			continue
		}
		if _, seen := groups[g]; !seen {
			groupOrder = append(groupOrder, g)
		}
		groups[g] = append(groups[g], meta)
	}
	var out []map[string]any
	number := func(list []map[string]any) {
		for i, m := range list {
			row := map[string]any{"sort": i + 1}
			for k, v := range m {
				row[k] = v
			}
			out = append(out, row)
		}
	}
	number(plain)
	for _, g := range groupOrder {
		number(groups[g])
	}
	return out
}

// UpdateOne is updateOne(name, {meta}): updates the directus_collections row, or creates it.
func (s *CollectionsService) UpdateOne(ctx context.Context, name string, payload map[string]any, opts MutationOptions) (string, error) {
	if payload == nil {
		return "", undefinedProperty("meta")
	}
	inner, flush := s.base.deferActions(ctx)
	defer flush()
	s = &CollectionsService{base: inner, ExcludeTables: s.ExcludeTables}
	if err := s.requireAdmin(); err != nil {
		return "", err
	}
	defer s.invalidate()
	// No transaction of its own, as Directus (its filter hooks see the pool): the caller's, if any.
	err := s.updateInTx(ctx, s.opts.Tx, name, payload, opts)
	return name, err
}

// updateInTx updates one collection's meta in tx (nil = the pool).
func (s *CollectionsService) updateInTx(ctx context.Context, tx *sqlx.Tx, name string, payload map[string]any, opts MutationOptions) error {
	meta, ok := payload["meta"].(map[string]any)
	if !ok {
		return nil
	}
	ov, err := s.overview(ctx)
	if err != nil {
		return err
	}
	var q sqlx.QueryerContext = s.opts.DB
	if tx != nil {
		q = tx
	}
	rows, err := queryRows(ctx, q, s.dialect.Rebind(`SELECT collection FROM directus_collections WHERE collection = ?`), name)
	if err != nil {
		return err
	}
	svc := s.items("directus_collections", ov, tx, s.opts.Accountability)
	if len(rows) > 0 {
		_, err = svc.UpdateOne(ctx, name, meta, items.MutationOptions{NoEvents: opts.NoEvents})
		return err
	}
	row := map[string]any{}
	for k, v := range meta {
		row[k] = v
	}
	row["collection"] = name
	_, err = svc.CreateOne(ctx, row, items.MutationOptions{NoEvents: opts.NoEvents})
	return err
}

// UpdateBatch is updateBatch([{collection, meta}, …]) in one transaction; returns the names.
func (s *CollectionsService) UpdateBatch(ctx context.Context, data any, opts MutationOptions) ([]string, error) {
	inner, flush := s.base.deferActions(ctx)
	defer flush()
	s = &CollectionsService{base: inner, ExcludeTables: s.ExcludeTables}
	if err := s.requireAdmin(); err != nil {
		return nil, err
	}
	list, ok := data.([]any)
	if !ok {
		if maps, ok2 := data.([]map[string]any); ok2 {
			for _, m := range maps {
				list = append(list, m)
			}
			ok = true
		}
	}
	if !ok {
		return nil, errs.InvalidPayload("Input should be an array of collection changes")
	}
	defer s.invalidate()
	var names []string
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		names = nil
		for _, e := range list {
			p, _ := e.(map[string]any)
			name, _ := p["collection"].(string)
			if name == "" {
				return errs.InvalidPayload("Collection in update misses collection key")
			}
			rest := map[string]any{}
			for k, v := range p {
				if k != "collection" {
					rest[k] = v
				}
			}
			if err := s.updateInTx(ctx, tx, name, rest, opts); err != nil {
				return err
			}
			names = append(names, name)
		}
		return nil
	})
	return names, err
}

// UpdateMany is updateMany(names, {meta}) in one transaction.
func (s *CollectionsService) UpdateMany(ctx context.Context, names []string, payload map[string]any, opts MutationOptions) ([]string, error) {
	inner, flush := s.base.deferActions(ctx)
	defer flush()
	s = &CollectionsService{base: inner, ExcludeTables: s.ExcludeTables}
	if err := s.requireAdmin(); err != nil {
		return nil, err
	}
	defer s.invalidate()
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		for _, n := range names {
			if err := s.updateInTx(ctx, tx, n, payload, opts); err != nil {
				return err
			}
		}
		return nil
	})
	return names, err
}

// DeleteOne is deleteOne(name): drops the table, deletes its meta, field and relation rows, its
// presets, revisions, activity and permissions, and the fields of other collections that point at it.
func (s *CollectionsService) DeleteOne(ctx context.Context, name string, opts MutationOptions) (string, error) {
	inner, flush := s.base.deferActions(ctx)
	defer flush()
	s = &CollectionsService{base: inner, ExcludeTables: s.ExcludeTables}
	if err := s.requireAdmin(); err != nil {
		return "", err
	}
	defer s.invalidate()
	err := s.schemaTx(ctx, func(tx *sqlx.Tx) error { return s.deleteInTx(ctx, tx, name, opts) })
	return name, err
}

func (s *CollectionsService) deleteInTx(ctx context.Context, tx *sqlx.Tx, name string, opts MutationOptions) error {
	child := *s
	child.opts.Tx = tx
	all, err := child.ReadByQuery(ctx)
	if err != nil {
		return err
	}
	var target *Collection
	for _, c := range all {
		if c.Collection == name {
			target = c
			break
		}
	}
	if target == nil {
		return errs.Forbidden()
	}
	ov, err := s.overview(ctx)
	if err != nil {
		return err
	}
	d := s.dialect
	exec := func(query string, args ...any) error {
		_, err := tx.ExecContext(ctx, d.Rebind(query), args...)
		return err
	}
	if target.Schema != nil {
		if err := execAll(ctx, tx, []string{"drop table " + quoteDDL(d, name)}); err != nil {
			return err
		}
	}
	grp := d.Quote("group")
	if err := exec(`UPDATE directus_collections SET `+grp+` = NULL WHERE `+grp+` = ?`, name); err != nil {
		return err
	}
	if target.Meta != nil {
		if _, err := s.items("directus_collections", ov, tx, s.opts.Accountability).DeleteOne(ctx, name, items.MutationOptions{NoEvents: opts.NoEvents}); err != nil {
			return err
		}
	}
	if target.Schema == nil {
		return nil
	}
	if _, err := s.items("directus_fields", ov, tx, s.opts.Accountability).DeleteByQuery(ctx, &items.Query{
		Filter: map[string]any{"collection": map[string]any{"_eq": name}}, Limit: intp(-1),
	}, items.MutationOptions{NoEvents: opts.NoEvents}); err != nil {
		return err
	}
	for _, q := range []string{
		`DELETE FROM directus_presets WHERE collection = ?`,
		`UPDATE directus_revisions SET parent = NULL WHERE parent IN (SELECT id FROM (SELECT id FROM directus_revisions WHERE collection = ?) AS r)`,
		`DELETE FROM directus_revisions WHERE collection = ?`,
		`DELETE FROM directus_activity WHERE collection = ?`,
		`DELETE FROM directus_permissions WHERE collection = ?`,
		`DELETE FROM directus_relations WHERE many_collection = ?`,
	} {
		if err := exec(q, name); err != nil {
			return err
		}
	}
	tree, fieldTo := relationMaps(ov.Relations)
	if related := relatedCollections(name, tree); len(related) > 0 {
		settings, err := readSettings(ctx, tx, d, "", related)
		if err != nil {
			return err
		}
		if c := ov.Collections[name]; c != nil {
			for _, f := range c.FieldOrder {
				if err := applySettings(ctx, tx, d, metaUpdates(name, f, settings, ov, fieldTo)); err != nil {
					return err
				}
			}
		}
	}
	fopts := s.opts
	fopts.Tx, fopts.Schema = tx, ov
	fields := &FieldsService{newBase(fopts)}
	for _, r := range ov.Relations {
		related := ""
		if r.RelatedCollection != nil {
			related = *r.RelatedCollection
		}
		if r.Collection != name && related != name {
			continue
		}
		if related != "" && r.Meta != nil && r.Meta.OneField != nil {
			if err := fields.deleteFieldNested(ctx, tx, ov, related, *r.Meta.OneField); err != nil {
				return err
			}
		}
		if related == name {
			if err := fields.deleteFieldNested(ctx, tx, ov, r.Collection, r.Field); err != nil {
				return err
			}
		}
	}
	for _, r := range ov.Relations {
		if r.Meta == nil || r.Meta.ID == nil || !contains(r.Meta.OneAllowedCollections, name) {
			continue
		}
		var kept []string
		for _, c := range r.Meta.OneAllowedCollections {
			if c != name {
				kept = append(kept, c)
			}
		}
		if err := exec(`UPDATE directus_relations SET one_allowed_collections = ? WHERE id = ?`, strings.Join(kept, ","), *r.Meta.ID); err != nil {
			return err
		}
	}
	return nil
}

// DeleteMany is deleteMany(names) in one transaction.
func (s *CollectionsService) DeleteMany(ctx context.Context, names []string, opts MutationOptions) ([]string, error) {
	inner, flush := s.base.deferActions(ctx)
	defer flush()
	s = &CollectionsService{base: inner, ExcludeTables: s.ExcludeTables}
	if err := s.requireAdmin(); err != nil {
		return nil, err
	}
	defer s.invalidate()
	err := s.schemaTx(ctx, func(tx *sqlx.Tx) error {
		for _, n := range names {
			if err := s.deleteInTx(ctx, tx, n, opts); err != nil {
				return err
			}
		}
		return nil
	})
	return names, err
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}
