package schemasvc

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/dxhost/dxhost/services/db"
)

// SQLite cannot alter a column, drop a constrained column or add a foreign key in place: like
// knex, dxhost rebuilds the table (new table, copy the rows, drop the old one, rename). This must
// run with foreign keys off, or dropping the old table would fire ON DELETE actions of the tables
// that reference it: schemaTx gives such a connection (see there).

type sqliteTable struct {
	Name          string
	Columns       []*sqliteColumn
	AutoIncrement bool
	ForeignKeys   []*sqliteForeignKey
	Indexes       []sqliteIndex
}

type sqliteColumn struct {
	Name    string
	Type    string
	NotNull bool
	Default *string // SQL text
	PK      int     // position in the primary key, 0 = not part of it
}

type sqliteForeignKey struct {
	From, Table, To    string
	OnDelete, OnUpdate string
}

type sqliteIndex struct {
	Name    string
	SQL     string
	Columns []string
}

func (t *sqliteTable) dropColumn(name string) {
	cols := t.Columns[:0]
	for _, c := range t.Columns {
		if c.Name != name {
			cols = append(cols, c)
		}
	}
	t.Columns = cols
	fks := t.ForeignKeys[:0]
	for _, fk := range t.ForeignKeys {
		if fk.From != name {
			fks = append(fks, fk)
		}
	}
	t.ForeignKeys = fks
	idx := t.Indexes[:0]
	for _, ix := range t.Indexes {
		keep := true
		for _, c := range ix.Columns {
			keep = keep && c != name
		}
		if keep {
			idx = append(idx, ix)
		}
	}
	t.Indexes = idx
}

func readSQLiteTable(ctx context.Context, q sqlx.QueryerContext, name string) (*sqliteTable, error) {
	t := &sqliteTable{Name: name}
	master, err := queryRows(ctx, q, `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`, name)
	if err != nil || len(master) == 0 {
		return nil, fmt.Errorf("schemasvc: table %s not found: %v", name, err)
	}
	t.AutoIncrement = strings.Contains(strings.ToUpper(str(master[0]["sql"])), "AUTOINCREMENT")
	cols, err := queryRows(ctx, q, `SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid`, name)
	if err != nil {
		return nil, err
	}
	for _, c := range cols {
		sc := &sqliteColumn{Name: str(c["name"]), Type: str(c["type"]), NotNull: str(c["notnull"]) == "1"}
		if c["dflt_value"] != nil {
			d := str(c["dflt_value"])
			sc.Default = &d
		}
		fmt.Sscan(str(c["pk"]), &sc.PK)
		t.Columns = append(t.Columns, sc)
	}
	fks, err := queryRows(ctx, q, `SELECT "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`, name)
	if err != nil {
		return nil, err
	}
	for _, fk := range fks {
		t.ForeignKeys = append(t.ForeignKeys, &sqliteForeignKey{From: str(fk["from"]), Table: str(fk["table"]), To: str(fk["to"]),
			OnUpdate: rule(str(fk["on_update"])), OnDelete: rule(str(fk["on_delete"]))})
	}
	idx, err := queryRows(ctx, q, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`, name)
	if err != nil {
		return nil, err
	}
	for _, ix := range idx {
		info, err := queryRows(ctx, q, `SELECT name FROM pragma_index_info(?)`, str(ix["name"]))
		if err != nil {
			return nil, err
		}
		si := sqliteIndex{Name: str(ix["name"]), SQL: str(ix["sql"])}
		for _, c := range info {
			si.Columns = append(si.Columns, str(c["name"]))
		}
		t.Indexes = append(t.Indexes, si)
	}
	return t, nil
}

// rule drops SQLite's "NO ACTION" (the default) so the rebuilt table states only real actions.
func rule(r string) string {
	if strings.EqualFold(r, "NO ACTION") {
		return ""
	}
	return r
}

func (t *sqliteTable) createSQL(d db.Dialect) string {
	var defs []string
	var pk []string
	for _, c := range t.Columns {
		if c.PK > 0 {
			pk = append(pk, quoteDDL(d, c.Name))
		}
	}
	for _, c := range t.Columns {
		def := quoteDDL(d, c.Name) + " " + c.Type
		if c.PK > 0 && len(pk) == 1 && t.AutoIncrement {
			defs = append(defs, def+" not null primary key autoincrement")
			continue
		}
		if c.NotNull {
			def += " not null"
		} else {
			def += " null"
		}
		if c.Default != nil {
			def += " default " + *c.Default
		}
		defs = append(defs, def)
	}
	if len(pk) > 0 && !(len(pk) == 1 && t.AutoIncrement) {
		defs = append(defs, "primary key ("+strings.Join(pk, ", ")+")")
	}
	for _, fk := range t.ForeignKeys {
		s := "foreign key(" + quoteDDL(d, fk.From) + ") references " + quoteDDL(d, fk.Table) + "(" + quoteDDL(d, fk.To) + ")"
		if fk.OnDelete != "" {
			s += " on delete " + fk.OnDelete
		}
		if fk.OnUpdate != "" {
			s += " on update " + fk.OnUpdate
		}
		defs = append(defs, s)
	}
	return "CREATE TABLE " + quoteDDL(d, t.Name) + " (" + strings.Join(defs, ", ") + ")"
}

func rebuildSQLiteTable(ctx context.Context, tx *sqlx.Tx, name string, change func(*sqliteTable) error) error {
	d := db.Dialect{Client: db.ClientSQLite}
	old, err := readSQLiteTable(ctx, tx, name)
	if err != nil {
		return err
	}
	oldCols := map[string]bool{}
	for _, c := range old.Columns {
		oldCols[c.Name] = true
	}
	if err := change(old); err != nil {
		return err
	}
	var copyCols []string
	for _, c := range old.Columns {
		if oldCols[c.Name] {
			copyCols = append(copyCols, quoteDDL(d, c.Name))
		}
	}
	temp := "_knex_temp_alter_" + name
	list := strings.Join(copyCols, ", ")
	renamed := *old
	renamed.Name = temp
	stmts := []string{
		renamed.createSQL(d),
		"INSERT INTO " + quoteDDL(d, temp) + " (" + list + ") SELECT " + list + " FROM " + quoteDDL(d, name),
		"DROP TABLE " + quoteDDL(d, name),
		"ALTER TABLE " + quoteDDL(d, temp) + " RENAME TO " + quoteDDL(d, name),
	}
	for _, ix := range old.Indexes {
		stmts = append(stmts, ix.SQL)
	}
	if err := execAll(ctx, tx, stmts); err != nil {
		return err
	}
	violations, err := queryRows(ctx, tx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	if len(violations) > 0 {
		return fmt.Errorf("FOREIGN KEY constraint failed")
	}
	return nil
}
