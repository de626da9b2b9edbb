package schema

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/jmoiron/sqlx"
)

var firstParens = regexp.MustCompile(`\([^)]*\)`)

func introspectMySQL(ctx context.Context, q sqlx.QueryerContext) (*database, error) {
	// @directus/schema's own statement, unordered: the order its rows come in (the server's) is
	// the order of getSchema()'s collections and fields in Directus.
	cols, err := queryMaps(ctx, q, `
SELECT
	C.TABLE_NAME as table_name,
	C.COLUMN_NAME as column_name,
	C.COLUMN_DEFAULT as column_default,
	C.IS_NULLABLE as is_nullable,
	C.COLUMN_TYPE as column_type,
	C.COLUMN_KEY as column_key,
	C.CHARACTER_MAXIMUM_LENGTH as max_length,
	C.EXTRA as extra
FROM
	INFORMATION_SCHEMA.COLUMNS AS C
LEFT JOIN
	INFORMATION_SCHEMA.TABLES AS T ON C.TABLE_NAME = T.TABLE_NAME
	AND C.TABLE_SCHEMA = T.TABLE_SCHEMA
WHERE
	T.TABLE_TYPE = 'BASE TABLE' AND
	C.TABLE_SCHEMA = DATABASE()`)
	if err != nil {
		return nil, fmt.Errorf("schema: mysql columns: %w", err)
	}
	db := &database{}
	byName := map[string]*table{}
	pkCount := map[string]int{}
	for _, c := range cols {
		tn := str(c["table_name"])
		t := byName[tn]
		if t == nil {
			t = &table{Name: tn}
			byName[tn] = t
			db.Tables = append(db.Tables, t)
		}
		extra := strings.ToLower(str(c["extra"]))
		col := &column{
			Name:      str(c["column_name"]),
			DBType:    mysqlType(str(c["column_type"])),
			Nullable:  str(c["is_nullable"]) == "YES",
			Generated: strings.Contains(extra, "generated"),
		}
		if d := c["column_default"]; d != nil {
			v := stripQuotes(str(d))
			if !strings.EqualFold(str(d), "null") {
				col.Default = &v
			}
		}
		if strings.Contains(extra, "auto_increment") {
			a := AutoIncrement
			col.Default = &a
		}
		if str(c["column_key"]) == "PRI" {
			pkCount[tn]++
			t.Primary = col.Name
		}
		t.Columns = append(t.Columns, col)
	}
	for tn, n := range pkCount {
		if n != 1 {
			byName[tn].Primary = ""
		}
	}

	fks, err := queryMaps(ctx, q, `
SELECT k.TABLE_NAME AS table_name, k.COLUMN_NAME AS column_name, k.REFERENCED_TABLE_NAME AS foreign_table,
       k.REFERENCED_COLUMN_NAME AS foreign_column, k.CONSTRAINT_NAME AS constraint_name,
       r.UPDATE_RULE AS on_update, r.DELETE_RULE AS on_delete
FROM information_schema.KEY_COLUMN_USAGE k
JOIN information_schema.REFERENTIAL_CONSTRAINTS r
  ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME AND r.TABLE_NAME = k.TABLE_NAME
WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL AND k.ORDINAL_POSITION = 1
ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME`)
	if err != nil {
		return nil, fmt.Errorf("schema: mysql foreign keys: %w", err)
	}
	for _, fk := range fks {
		db.ForeignKeys = append(db.ForeignKeys, &ForeignKey{
			Table: str(fk["table_name"]), Column: str(fk["column_name"]),
			ForeignKeyTable: str(fk["foreign_table"]), ForeignKeyColumn: str(fk["foreign_column"]),
			ConstraintName: strPtr(fk["constraint_name"]),
			OnUpdate:       upperRule(str(fk["on_update"])), OnDelete: upperRule(str(fk["on_delete"])),
		})
	}
	return db, nil
}

// mysqlType is COLUMN_TYPE with the first "(...)" removed; tinyint(1) is boolean (spec 12 §2.1).
func mysqlType(columnType string) string {
	ct := strings.ToLower(columnType)
	if strings.HasPrefix(ct, "tinyint(1)") {
		return "boolean"
	}
	loc := firstParens.FindStringIndex(ct)
	if loc != nil {
		ct = ct[:loc[0]] + ct[loc[1]:]
	}
	return strings.TrimSpace(ct)
}
