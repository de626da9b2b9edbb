// Package layout reads the physical layout of a database's tables (columns, keys, indexes, checks)
// in a normalised form, so the tables dxhost creates can be compared with those the real Directus
// creates. It is a test instrument: a database is described, never changed.
package layout

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/dxhost/dxhost/services/db"
)

// Layout is every base table of the database, by name.
type Layout map[string]*Table

// Table is one table: its columns in order and its constraints and indexes as the database
// reports them, each as one line of text (sorted), so that two layouts diff line by line.
type Table struct {
	Columns     []string `json:"columns"`
	Constraints []string `json:"constraints,omitempty"`
	Indexes     []string `json:"indexes,omitempty"`
}

// Describe reads the layout of the tables whose name starts with prefix ("" = all).
func Describe(ctx context.Context, d *db.DB, prefix string) (Layout, error) {
	var (
		l   Layout
		err error
	)
	switch d.Client {
	case db.ClientSQLite:
		l, err = describeSQLite(ctx, d)
	case db.ClientPostgres:
		l, err = describePostgres(ctx, d)
	case db.ClientMySQL:
		l, err = describeMySQL(ctx, d)
	default:
		return nil, fmt.Errorf("layout: client %q not supported", d.Client)
	}
	if err != nil {
		return nil, err
	}
	for name, t := range l {
		if !strings.HasPrefix(name, prefix) {
			delete(l, name)
			continue
		}
		sort.Strings(t.Constraints)
		sort.Strings(t.Indexes)
	}
	return l, nil
}

func (l Layout) table(name string) *Table {
	t := l[name]
	if t == nil {
		t = &Table{}
		l[name] = t
	}
	return t
}

// describeSQLite takes each table's and index's CREATE statement as SQLite stored it, which holds
// the whole definition, plus the columns as PRAGMA table_info reports them.
func describeSQLite(ctx context.Context, d *db.DB) (Layout, error) {
	l := Layout{}
	var objs []struct {
		Type  string  `db:"type"`
		Name  string  `db:"name"`
		Table string  `db:"tbl_name"`
		SQL   *string `db:"sql"`
	}
	if err := d.SelectContext(ctx, &objs, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"); err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	for _, o := range objs {
		sql := "(implicit)"
		if o.SQL != nil {
			sql = *o.SQL
		}
		switch o.Type {
		case "table":
			t := l.table(o.Name)
			t.Constraints = append(t.Constraints, sql)
			var cols []struct {
				CID     int     `db:"cid"`
				Name    string  `db:"name"`
				Type    string  `db:"type"`
				NotNull bool    `db:"notnull"`
				Default *string `db:"dflt_value"`
				PK      int     `db:"pk"`
			}
			if err := d.SelectContext(ctx, &cols, "SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid", o.Name); err != nil {
				return nil, fmt.Errorf("layout: columns of %s: %w", o.Name, err)
			}
			for _, c := range cols {
				t.Columns = append(t.Columns, fmt.Sprintf("%s %s null=%v default=%s pk=%d", c.Name, c.Type, !c.NotNull, deref(c.Default), c.PK))
			}
		case "index":
			t := l.table(o.Table)
			t.Indexes = append(t.Indexes, o.Name+": "+sql)
		}
	}
	return l, nil
}

func describePostgres(ctx context.Context, d *db.DB) (Layout, error) {
	l := Layout{}
	var cols []struct {
		Table   string  `db:"table_name"`
		Column  string  `db:"column_name"`
		Type    string  `db:"type"`
		NotNull bool    `db:"not_null"`
		Default *string `db:"def"`
	}
	err := d.SelectContext(ctx, &cols, `
		SELECT c.relname AS table_name, a.attname AS column_name, format_type(a.atttypid, a.atttypmod) AS type,
		       a.attnotnull AS not_null, pg_get_expr(ad.adbin, ad.adrelid) AS def
		FROM pg_attribute a
		JOIN pg_class c ON c.oid = a.attrelid
		JOIN pg_namespace n ON n.oid = c.relnamespace
		LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
		WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
		ORDER BY c.relname, a.attnum`)
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	for _, c := range cols {
		t := l.table(c.Table)
		t.Columns = append(t.Columns, fmt.Sprintf("%s %s null=%v default=%s", c.Column, c.Type, !c.NotNull, deref(c.Default)))
	}
	var cons []struct {
		Table string `db:"table_name"`
		Name  string `db:"conname"`
		Def   string `db:"def"`
	}
	err = d.SelectContext(ctx, &cons, `
		SELECT c.relname AS table_name, k.conname, pg_get_constraintdef(k.oid) AS def
		FROM pg_constraint k
		JOIN pg_class c ON c.oid = k.conrelid
		JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema()`)
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	for _, k := range cons {
		t := l.table(k.Table)
		t.Constraints = append(t.Constraints, k.Name+": "+k.Def)
	}
	var idx []struct {
		Table string `db:"tablename"`
		Name  string `db:"indexname"`
		Def   string `db:"indexdef"`
	}
	if err := d.SelectContext(ctx, &idx, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"); err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	for _, i := range idx {
		t := l.table(i.Table)
		t.Indexes = append(t.Indexes, i.Name+": "+i.Def)
	}
	var schema string
	if err := d.GetContext(ctx, &schema, "SELECT current_schema()"); err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	// Index definitions name the schema ("ON public.t"); drop it so layouts compare across schemas.
	for _, t := range l {
		for i, s := range t.Indexes {
			t.Indexes[i] = strings.Replace(s, " ON "+schema+".", " ON ", 1)
		}
	}
	return l, nil
}

func describeMySQL(ctx context.Context, d *db.DB) (Layout, error) {
	l := Layout{}
	var tables []struct {
		Name      string  `db:"TABLE_NAME"`
		Engine    *string `db:"ENGINE"`
		Collation *string `db:"TABLE_COLLATION"`
	}
	if err := d.SelectContext(ctx, &tables, "SELECT TABLE_NAME, ENGINE, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = database() AND TABLE_TYPE = 'BASE TABLE'"); err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	for _, t := range tables {
		l.table(t.Name).Constraints = append(l.table(t.Name).Constraints, fmt.Sprintf("(table) engine=%s collation=%s", deref(t.Engine), deref(t.Collation)))
	}
	var cols []struct {
		Table     string  `db:"TABLE_NAME"`
		Column    string  `db:"COLUMN_NAME"`
		Type      string  `db:"COLUMN_TYPE"`
		Nullable  string  `db:"IS_NULLABLE"`
		Default   *string `db:"COLUMN_DEFAULT"`
		Extra     string  `db:"EXTRA"`
		Collation *string `db:"COLLATION_NAME"`
	}
	err := d.SelectContext(ctx, &cols, `SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLLATION_NAME
		FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = database() ORDER BY TABLE_NAME, ORDINAL_POSITION`)
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	for _, c := range cols {
		t := l.table(c.Table)
		t.Columns = append(t.Columns, fmt.Sprintf("%s %s null=%s default=%s extra=%s collation=%s",
			c.Column, c.Type, c.Nullable, deref(c.Default), c.Extra, deref(c.Collation)))
	}
	var stats []struct {
		Table     string `db:"TABLE_NAME"`
		Index     string `db:"INDEX_NAME"`
		NonUnique int    `db:"NON_UNIQUE"`
		Columns   string `db:"cols"`
	}
	err = d.SelectContext(ctx, &stats, `SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE,
		GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX SEPARATOR ',') AS cols
		FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = database()
		GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE`)
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	for _, s := range stats {
		t := l.table(s.Table)
		t.Indexes = append(t.Indexes, fmt.Sprintf("%s: unique=%v (%s)", s.Index, s.NonUnique == 0, s.Columns))
	}
	var fks []struct {
		Table    string `db:"TABLE_NAME"`
		Name     string `db:"CONSTRAINT_NAME"`
		Columns  string `db:"cols"`
		RefTable string `db:"REFERENCED_TABLE_NAME"`
		RefCols  string `db:"refcols"`
		OnUpdate string `db:"UPDATE_RULE"`
		OnDelete string `db:"DELETE_RULE"`
	}
	err = d.SelectContext(ctx, &fks, `SELECT k.TABLE_NAME, k.CONSTRAINT_NAME,
		GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ',') AS cols, k.REFERENCED_TABLE_NAME,
		GROUP_CONCAT(k.REFERENCED_COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ',') AS refcols,
		r.UPDATE_RULE, r.DELETE_RULE
		FROM information_schema.KEY_COLUMN_USAGE k
		JOIN information_schema.REFERENTIAL_CONSTRAINTS r
		  ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
		WHERE k.TABLE_SCHEMA = database() AND k.REFERENCED_TABLE_NAME IS NOT NULL
		GROUP BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.REFERENCED_TABLE_NAME, r.UPDATE_RULE, r.DELETE_RULE`)
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	for _, f := range fks {
		t := l.table(f.Table)
		t.Constraints = append(t.Constraints, fmt.Sprintf("%s: FOREIGN KEY (%s) REFERENCES %s(%s) ON UPDATE %s ON DELETE %s",
			f.Name, f.Columns, f.RefTable, f.RefCols, f.OnUpdate, f.OnDelete))
	}
	var checks []struct {
		Table  string `db:"TABLE_NAME"`
		Name   string `db:"CONSTRAINT_NAME"`
		Clause string `db:"CHECK_CLAUSE"`
	}
	// MariaDB has TABLE_NAME in CHECK_CONSTRAINTS (its column checks are named after the column,
	// so names repeat across tables); MySQL 8 lacks it, and there names are unique per schema.
	err = d.SelectContext(ctx, &checks, `SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE
		FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = database()`)
	if err != nil {
		err = d.SelectContext(ctx, &checks, `SELECT t.TABLE_NAME, c.CONSTRAINT_NAME, c.CHECK_CLAUSE
			FROM information_schema.CHECK_CONSTRAINTS c
			JOIN information_schema.TABLE_CONSTRAINTS t
			  ON t.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND t.CONSTRAINT_NAME = c.CONSTRAINT_NAME AND t.CONSTRAINT_TYPE = 'CHECK'
			WHERE c.CONSTRAINT_SCHEMA = database()`)
	}
	if err != nil {
		return nil, fmt.Errorf("layout: %w", err)
	}
	for _, c := range checks {
		t := l.table(c.Table)
		t.Constraints = append(t.Constraints, fmt.Sprintf("%s: CHECK %s", c.Name, c.Clause))
	}
	return l, nil
}

func deref(s *string) string {
	if s == nil {
		return "NULL"
	}
	return *s
}
