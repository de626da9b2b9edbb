package schema

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/jmoiron/sqlx"
)

var nonLetters = regexp.MustCompile(`[^a-zA-Z]`)

func introspectSQLite(ctx context.Context, q sqlx.QueryerContext) (*database, error) {
	tables, err := queryMaps(ctx, q, `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid`)
	if err != nil {
		return nil, fmt.Errorf("schema: list sqlite tables: %w", err)
	}
	db := &database{}
	for _, tr := range tables {
		name := str(tr["name"])
		autoIncrement := strings.Contains(strings.ToUpper(str(tr["sql"])), "AUTOINCREMENT")
		cols, err := queryMaps(ctx, q, `SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?)`, name)
		if err != nil {
			return nil, fmt.Errorf("schema: columns of %s: %w", name, err)
		}
		t := &table{Name: name}
		var pks []string
		for _, c := range cols {
			col := &column{
				Name:      str(c["name"]),
				DBType:    strings.ToLower(nonLetters.ReplaceAllString(str(c["type"]), "")),
				Nullable:  str(c["notnull"]) == "0",
				Generated: str(c["hidden"]) == "2" || str(c["hidden"]) == "3",
			}
			if d := c["dflt_value"]; d != nil {
				v := stripQuotes(str(d))
				if strings.EqualFold(v, "null") {
					col.Default = nil
				} else {
					col.Default = &v
				}
			}
			if str(c["pk"]) != "0" {
				pks = append(pks, col.Name)
				if autoIncrement {
					a := AutoIncrement
					col.Default = &a
				}
			}
			t.Columns = append(t.Columns, col)
		}
		if len(pks) == 1 {
			t.Primary = pks[0]
		}
		db.Tables = append(db.Tables, t)

		fks, err := queryMaps(ctx, q, `SELECT "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`, name)
		if err != nil {
			return nil, fmt.Errorf("schema: foreign keys of %s: %w", name, err)
		}
		for _, fk := range fks {
			db.ForeignKeys = append(db.ForeignKeys, &ForeignKey{
				Table: name, Column: str(fk["from"]), ForeignKeyTable: str(fk["table"]), ForeignKeyColumn: str(fk["to"]),
				OnUpdate: upperRule(str(fk["on_update"])), OnDelete: upperRule(str(fk["on_delete"])),
			})
		}
	}
	return db, nil
}
