package schemasvc

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/items"
)

// ColumnInfo is columnInfo(table?, column?) of @directus/schema: every column of every base table
// (or of one table), with uniqueness, indexes, primary key, auto-increment and foreign key facts.
func ColumnInfo(ctx context.Context, q sqlx.QueryerContext, client, table string) ([]*Column, error) {
	switch client {
	case db.ClientSQLite:
		return sqliteColumns(ctx, q, table)
	case db.ClientPostgres:
		return postgresColumns(ctx, q, table)
	case db.ClientMySQL:
		return mysqlColumns(ctx, q, table)
	}
	return nil, fmt.Errorf("schemasvc: unsupported database client %q", client)
}

// TableInfo is tableInfo(): one ordered object per base table, in the dialect's shape
// (SQLite {name, sql}, PostgreSQL {schema, name, comment}, MySQL {name, schema, comment, collation, engine}).
func TableInfo(ctx context.Context, q sqlx.QueryerContext, client string) ([]*items.Item, error) {
	var query string
	var keys []string
	switch client {
	case db.ClientSQLite:
		query = `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
		keys = []string{"name", "sql"}
	case db.ClientPostgres:
		query = `SELECT rel.relnamespace::regnamespace::text AS schema, rel.relname AS name, des.description AS comment
FROM pg_class rel LEFT JOIN pg_description des ON rel.oid = des.objoid AND des.objsubid = 0
WHERE rel.relnamespace = ANY (SELECT oid FROM pg_namespace WHERE nspname = ANY (current_schemas(false))) AND rel.relkind = 'r'
ORDER BY rel.relname`
		keys = []string{"schema", "name", "comment"}
	case db.ClientMySQL:
		query = `SELECT TABLE_NAME AS name, TABLE_SCHEMA AS ` + "`schema`" + `, TABLE_COMMENT AS comment, TABLE_COLLATION AS collation, ENGINE AS engine
FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE'`
		keys = []string{"name", "schema", "comment", "collation", "engine"}
	default:
		return nil, fmt.Errorf("schemasvc: unsupported database client %q", client)
	}
	rows, err := queryRows(ctx, q, query)
	if err != nil {
		return nil, fmt.Errorf("schemasvc: table info: %w", err)
	}
	out := make([]*items.Item, 0, len(rows))
	for _, r := range rows {
		it := items.NewItem()
		for _, k := range keys {
			it.Set(k, r[k])
		}
		out = append(out, it)
	}
	return out, nil
}

// ForeignKeys is foreignKeys(): the real foreign-key constraints, in the dialect's shape.
func ForeignKeys(ctx context.Context, q sqlx.QueryerContext, client string) ([]*items.Item, error) {
	switch client {
	case db.ClientSQLite:
		tables, err := sqliteTables(ctx, q)
		if err != nil {
			return nil, err
		}
		var out []*items.Item
		for _, t := range tables {
			fks, err := queryRows(ctx, q, `SELECT "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq`, t)
			if err != nil {
				return nil, fmt.Errorf("schemasvc: foreign keys of %s: %w", t, err)
			}
			for _, fk := range fks {
				it := items.NewItem()
				it.Set("table", t)
				it.Set("column", fk["from"])
				it.Set("foreign_key_table", fk["table"])
				it.Set("foreign_key_column", fk["to"])
				it.Set("on_update", fk["on_update"])
				it.Set("on_delete", fk["on_delete"])
				it.Set("constraint_name", nil)
				out = append(out, it)
			}
		}
		return out, nil
	case db.ClientPostgres:
		rows, err := queryRows(ctx, q, `
SELECT con.conname AS constraint_name, rel.relname AS "table", att.attname AS "column",
  frel.relnamespace::regnamespace::text AS foreign_key_schema, frel.relname AS foreign_key_table, fatt.attname AS foreign_key_column,
  CASE con.confupdtype WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' WHEN 'a' THEN 'NO ACTION' ELSE NULL END AS on_update,
  CASE con.confdeltype WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' WHEN 'a' THEN 'NO ACTION' ELSE NULL END AS on_delete
FROM pg_constraint con
LEFT JOIN pg_class rel ON con.conrelid = rel.oid
LEFT JOIN pg_class frel ON con.confrelid = frel.oid
LEFT JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]
LEFT JOIN pg_attribute fatt ON fatt.attrelid = con.confrelid AND fatt.attnum = con.confkey[1]
WHERE con.connamespace = ANY (SELECT oid FROM pg_namespace WHERE nspname = ANY (current_schemas(false)))
  AND array_length(con.conkey, 1) <= 1 AND (con.confkey IS NULL OR array_length(con.confkey, 1) = 1) AND con.contype = 'f'`)
		if err != nil {
			return nil, fmt.Errorf("schemasvc: postgres foreign keys: %w", err)
		}
		return orderedRows(rows, "constraint_name", "table", "column", "foreign_key_schema", "foreign_key_table", "foreign_key_column", "on_update", "on_delete"), nil
	case db.ClientMySQL:
		rows, err := queryRows(ctx, q, `
SELECT DISTINCT rc.TABLE_NAME AS `+"`table`"+`, kcu.COLUMN_NAME AS `+"`column`"+`, rc.REFERENCED_TABLE_NAME AS foreign_key_table,
  kcu.REFERENCED_COLUMN_NAME AS foreign_key_column, rc.CONSTRAINT_NAME AS constraint_name, rc.UPDATE_RULE AS on_update, rc.DELETE_RULE AS on_delete
FROM information_schema.referential_constraints AS rc
JOIN information_schema.key_column_usage AS kcu ON rc.CONSTRAINT_NAME = kcu.CONSTRAINT_NAME
  AND kcu.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA AND kcu.TABLE_NAME = rc.TABLE_NAME
WHERE rc.CONSTRAINT_SCHEMA = DATABASE()`)
		if err != nil {
			return nil, fmt.Errorf("schemasvc: mysql foreign keys: %w", err)
		}
		return orderedRows(rows, "table", "column", "foreign_key_table", "foreign_key_column", "constraint_name", "on_update", "on_delete"), nil
	}
	return nil, fmt.Errorf("schemasvc: unsupported database client %q", client)
}

func orderedRows(rows []map[string]any, keys ...string) []*items.Item {
	out := make([]*items.Item, 0, len(rows))
	for _, r := range rows {
		it := items.NewItem()
		for _, k := range keys {
			it.Set(k, r[k])
		}
		out = append(out, it)
	}
	return out
}

var nonLetters = regexp.MustCompile(`[^a-zA-Z]`)
var parenthesised = regexp.MustCompile(`\(([^)]+)\)`)

func sqliteTables(ctx context.Context, q sqlx.QueryerContext) ([]string, error) {
	rows, err := queryRows(ctx, q, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		return nil, fmt.Errorf("schemasvc: list sqlite tables: %w", err)
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = str(r["name"])
	}
	return out, nil
}

func sqliteColumns(ctx context.Context, q sqlx.QueryerContext, table string) ([]*Column, error) {
	tables := []string{table}
	if table == "" {
		var err error
		if tables, err = sqliteTables(ctx, q); err != nil {
			return nil, err
		}
	}
	autoRows, err := queryRows(ctx, q, `SELECT name FROM sqlite_master WHERE sql LIKE '%AUTOINCREMENT%'`)
	if err != nil {
		return nil, fmt.Errorf("schemasvc: sqlite autoincrement tables: %w", err)
	}
	auto := map[string]bool{}
	for _, r := range autoRows {
		auto[str(r["name"])] = true
	}
	var out []*Column
	for _, t := range tables {
		cols, err := queryRows(ctx, q, `SELECT name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?)`, t)
		if err != nil {
			return nil, fmt.Errorf("schemasvc: columns of %s: %w", t, err)
		}
		fks, err := queryRows(ctx, q, `SELECT "table", "from", "to" FROM pragma_foreign_key_list(?)`, t)
		if err != nil {
			return nil, fmt.Errorf("schemasvc: foreign keys of %s: %w", t, err)
		}
		indexes, err := queryRows(ctx, q, `SELECT name, "unique" FROM pragma_index_list(?)`, t)
		if err != nil {
			return nil, fmt.Errorf("schemasvc: indexes of %s: %w", t, err)
		}
		indexCols := make([][]string, len(indexes))
		for i, ix := range indexes {
			info, err := queryRows(ctx, q, `SELECT name FROM pragma_index_info(?)`, str(ix["name"]))
			if err != nil {
				return nil, fmt.Errorf("schemasvc: index %s: %w", str(ix["name"]), err)
			}
			for _, c := range info {
				indexCols[i] = append(indexCols[i], str(c["name"]))
			}
		}
		for _, raw := range cols {
			name := str(raw["name"])
			c := &Column{Client: db.ClientSQLite, Name: name, Table: t,
				DataType:     strings.ToLower(nonLetters.ReplaceAllString(str(raw["type"]), "")),
				DefaultValue: parseDefault(raw["dflt_value"]),
				IsGenerated:  str(raw["hidden"]) != "0",
				IsNullable:   str(raw["notnull"]) == "0",
				IsPrimaryKey: str(raw["pk"]) == "1",
			}
			if m := parenthesised.FindStringSubmatch(str(raw["type"])); m != nil {
				if n, err := strconv.ParseFloat(m[1], 64); err == nil {
					v := int64(n)
					c.MaxLength = &v
				}
			}
			c.HasAutoIncrement = c.IsPrimaryKey && auto[t]
			for _, fk := range fks {
				if str(fk["from"]) == name {
					ft, fc := str(fk["table"]), str(fk["to"])
					c.ForeignKeyTable, c.ForeignKeyColumn = &ft, &fc
					break
				}
			}
			for i, ix := range indexes {
				if len(indexCols[i]) != 1 || indexCols[i][0] != name {
					continue
				}
				if str(ix["unique"]) == "1" {
					c.IsUnique = true
				} else if str(ix["name"]) != "" {
					c.IsIndexed = true
				}
			}
			out = append(out, c)
		}
	}
	return out, nil
}

func postgresColumns(ctx context.Context, q sqlx.QueryerContext, table string) ([]*Column, error) {
	cond, args := "", []any{}
	if table != "" {
		cond, args = "AND rel.relname = $1", []any{table}
	}
	cols, err := queryRows(ctx, q, `
SELECT att.attname AS name, rel.relname AS "table", rel.relnamespace::regnamespace::text AS schema,
  att.atttypid::regtype::text AS data_type, ix_rel.relname AS index_name, NOT att.attnotnull AS is_nullable,
  CASE WHEN att.attgenerated = 's' THEN pg_get_expr(ad.adbin, ad.adrelid) ELSE NULL END AS generation_expression,
  CASE WHEN att.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) ELSE NULL END AS default_value,
  att.attgenerated = 's' AS is_generated,
  CASE WHEN att.atttypid IN (1042, 1043) THEN (att.atttypmod - 4)::int4 WHEN att.atttypid IN (1560, 1562) THEN (att.atttypmod)::int4 ELSE NULL END AS max_length,
  des.description AS comment,
  CASE att.atttypid WHEN 21 THEN 16 WHEN 23 THEN 32 WHEN 20 THEN 64
    WHEN 1700 THEN CASE WHEN atttypmod = -1 THEN NULL ELSE (((atttypmod - 4) >> 16) & 65535)::int4 END
    WHEN 700 THEN 24 WHEN 701 THEN 53 ELSE NULL END AS numeric_precision,
  CASE WHEN atttypid IN (21, 23, 20) THEN 0
    WHEN atttypid = 1700 THEN CASE WHEN atttypmod = -1 THEN NULL ELSE ((atttypmod - 4) & 65535)::int4 END
    ELSE NULL END AS numeric_scale
FROM pg_attribute att
LEFT JOIN pg_class rel ON att.attrelid = rel.oid
LEFT JOIN pg_attrdef ad ON (att.attrelid, att.attnum) = (ad.adrelid, ad.adnum)
LEFT JOIN pg_description des ON (att.attrelid, att.attnum) = (des.objoid, des.objsubid)
LEFT JOIN LATERAL (SELECT indexrelid FROM pg_index ix WHERE att.attrelid = ix.indrelid AND att.attnum = ALL(ix.indkey) AND ix.indisunique = false LIMIT 1) ix ON true
LEFT JOIN pg_class ix_rel ON ix_rel.oid = ix.indexrelid
WHERE rel.relnamespace = ANY (SELECT oid FROM pg_namespace WHERE nspname = ANY (current_schemas(false)))
  `+cond+` AND rel.relkind = 'r' AND att.attnum > 0 AND NOT att.attisdropped
ORDER BY rel.relname, att.attnum`, args...)
	if err != nil {
		return nil, fmt.Errorf("schemasvc: postgres columns: %w", err)
	}
	cons, err := queryRows(ctx, q, `
SELECT con.contype AS type, rel.relname AS "table", att.attname AS "column",
  frel.relnamespace::regnamespace::text AS foreign_key_schema, frel.relname AS foreign_key_table, fatt.attname AS foreign_key_column,
  CASE WHEN con.contype = 'p' THEN pg_get_serial_sequence(att.attrelid::regclass::text, att.attname) != '' ELSE NULL END AS has_auto_increment
FROM pg_constraint con
LEFT JOIN pg_class rel ON con.conrelid = rel.oid
LEFT JOIN pg_class frel ON con.confrelid = frel.oid
LEFT JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = con.conkey[1]
LEFT JOIN pg_attribute fatt ON fatt.attrelid = con.confrelid AND fatt.attnum = con.confkey[1]
WHERE con.connamespace = ANY (SELECT oid FROM pg_namespace WHERE nspname = ANY (current_schemas(false)))
  AND array_length(con.conkey, 1) <= 1 AND (con.confkey IS NULL OR array_length(con.confkey, 1) = 1) `+cond, args...)
	if err != nil {
		return nil, fmt.Errorf("schemasvc: postgres constraints: %w", err)
	}
	out := make([]*Column, 0, len(cols))
	for _, r := range cols {
		c := &Column{Client: db.ClientPostgres, Name: str(r["name"]), Table: str(r["table"]), Schema: strPtr(r["schema"]),
			DataType: str(r["data_type"]), DefaultValue: postgresDefault(r["default_value"]),
			GenerationExpression: strPtr(r["generation_expression"]), MaxLength: intPtr(r["max_length"]),
			NumericPrecision: intPtr(r["numeric_precision"]), NumericScale: intPtr(r["numeric_scale"]),
			IsGenerated: truthy(r["is_generated"]), IsNullable: truthy(r["is_nullable"]),
			IsIndexed: str(r["index_name"]) != "", Comment: strPtr(r["comment"]),
		}
		for _, k := range cons {
			if str(k["table"]) != c.Table || str(k["column"]) != c.Name {
				continue
			}
			switch str(k["type"]) {
			case "u":
				c.IsUnique = true
			case "p":
				c.IsUnique, c.IsPrimaryKey = true, true
				if truthy(k["has_auto_increment"]) {
					c.HasAutoIncrement = true
				}
			case "f":
				if c.ForeignKeyTable == nil {
					c.ForeignKeySchema, c.ForeignKeyTable, c.ForeignKeyColumn = strPtr(k["foreign_key_schema"]), strPtr(k["foreign_key_table"]), strPtr(k["foreign_key_column"])
				}
			}
		}
		out = append(out, c)
	}
	return out, nil
}

func mysqlColumns(ctx context.Context, q sqlx.QueryerContext, table string) ([]*Column, error) {
	cond, args := "", []any{}
	if table != "" {
		cond, args = " and `c`.`TABLE_NAME` = ?", []any{table}
	}
	// The statement is knex's for Directus's query, without ORDER BY: MariaDB returns the columns
	// that have key usage rows first, and Directus keeps that order.
	rows, err := queryRows(ctx, q, "select `c`.`TABLE_NAME`, `c`.`COLUMN_NAME`, `c`.`COLUMN_DEFAULT`, `c`.`COLUMN_TYPE`, "+
		"`c`.`CHARACTER_MAXIMUM_LENGTH`, `c`.`IS_NULLABLE`, `c`.`COLUMN_KEY`, `c`.`EXTRA`, `c`.`COLLATION_NAME`, `c`.`COLUMN_COMMENT`, "+
		"`c`.`NUMERIC_PRECISION`, `c`.`NUMERIC_SCALE`, `c`.`GENERATION_EXPRESSION`, `fk`.`REFERENCED_TABLE_NAME`, `fk`.`REFERENCED_COLUMN_NAME`, "+
		"`fk`.`CONSTRAINT_NAME`, `rc`.`UPDATE_RULE`, `rc`.`DELETE_RULE`, `rc`.`MATCH_OPTION`, `stats`.`INDEX_NAME` "+
		"from `INFORMATION_SCHEMA`.`COLUMNS` as `c` "+
		"left join `INFORMATION_SCHEMA`.`KEY_COLUMN_USAGE` as `fk` on `c`.`TABLE_NAME` = `fk`.`TABLE_NAME` and `fk`.`COLUMN_NAME` = `c`.`COLUMN_NAME` and `fk`.`CONSTRAINT_SCHEMA` = `c`.`TABLE_SCHEMA` "+
		"left join `INFORMATION_SCHEMA`.`REFERENTIAL_CONSTRAINTS` as `rc` on `rc`.`TABLE_NAME` = `fk`.`TABLE_NAME` and `rc`.`CONSTRAINT_NAME` = `fk`.`CONSTRAINT_NAME` and `rc`.`CONSTRAINT_SCHEMA` = `fk`.`CONSTRAINT_SCHEMA` "+
		"left join `INFORMATION_SCHEMA`.`STATISTICS` as `stats` on `stats`.`TABLE_SCHEMA` = `c`.`TABLE_SCHEMA` and `stats`.`TABLE_NAME` = `c`.`TABLE_NAME` and `stats`.`COLUMN_NAME` = `c`.`COLUMN_NAME` and `stats`.`NON_UNIQUE` = ? and `stats`.`SEQ_IN_INDEX` = ? "+
		"where `c`.`TABLE_SCHEMA` = DATABASE()"+cond, append([]any{1, 1}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("schemasvc: mysql columns: %w", err)
	}
	var out []*Column
	seen := map[string]int{}
	for _, r := range rows {
		colType := str(r["COLUMN_TYPE"])
		dataType := strings.Replace(colType, parenthesisedLazy.FindString(colType), "", 1)
		if strings.HasPrefix(colType, "tinyint(1)") {
			dataType = "boolean"
		}
		c := &Column{Client: db.ClientMySQL, Name: str(r["COLUMN_NAME"]), Table: str(r["TABLE_NAME"]), DataType: dataType,
			DefaultValue: parseDefault(r["COLUMN_DEFAULT"]), GenerationExpression: nonEmpty(r["GENERATION_EXPRESSION"]),
			MaxLength: intPtr(r["CHARACTER_MAXIMUM_LENGTH"]), NumericPrecision: intPtr(r["NUMERIC_PRECISION"]),
			NumericScale: intPtr(r["NUMERIC_SCALE"]), IsGenerated: strings.HasSuffix(str(r["EXTRA"]), "GENERATED"),
			IsNullable: str(r["IS_NULLABLE"]) == "YES", IsUnique: str(r["COLUMN_KEY"]) == "UNI",
			IsIndexed:        str(r["INDEX_NAME"]) != "",
			IsPrimaryKey:     str(r["CONSTRAINT_NAME"]) == "PRIMARY" || str(r["COLUMN_KEY"]) == "PRI",
			HasAutoIncrement: str(r["EXTRA"]) == "auto_increment",
			ForeignKeyColumn: strPtr(r["REFERENCED_COLUMN_NAME"]), ForeignKeyTable: strPtr(r["REFERENCED_TABLE_NAME"]),
			Comment: strPtr(r["COLUMN_COMMENT"]),
		}
		// Several joined rows per column: Directus keeps the first, preferring one carrying the FK.
		key := c.Table + "\x00" + c.Name
		if i, ok := seen[key]; ok {
			if out[i].ForeignKeyTable == nil && c.ForeignKeyTable != nil {
				out[i].ForeignKeyTable, out[i].ForeignKeyColumn = c.ForeignKeyTable, c.ForeignKeyColumn
			}
			out[i].IsPrimaryKey = out[i].IsPrimaryKey || c.IsPrimaryKey
			out[i].IsIndexed = out[i].IsIndexed || c.IsIndexed
			continue
		}
		seen[key] = len(out)
		out = append(out, c)
	}
	return out, nil
}

var parenthesisedLazy = regexp.MustCompile(`\(.*?\)`)

// parseDefault is the SQLite/MySQL default normalisation: NULL → null, surrounding quotes removed.
func parseDefault(v any) any {
	if v == nil {
		return nil
	}
	s := str(v)
	if strings.EqualFold(strings.TrimSpace(s), "null") {
		return nil
	}
	return stripQuotes(s)
}

// postgresDefault keeps nextval(...) as is, cuts casts, and strips quotes.
func postgresDefault(v any) any {
	if v == nil {
		return nil
	}
	s := str(v)
	if strings.HasPrefix(s, "nextval(") {
		return s
	}
	s = strings.SplitN(s, "::", 2)[0]
	if strings.EqualFold(strings.TrimSpace(s), "null") {
		return nil
	}
	return stripQuotes(s)
}

func stripQuotes(s string) string {
	t := strings.TrimSpace(s)
	if len(t) >= 2 && ((t[0] == '\'' && t[len(t)-1] == '\'') || (t[0] == '"' && t[len(t)-1] == '"')) {
		return t[1 : len(t)-1]
	}
	return s
}

// queryRows runs a query and returns its rows as column → value maps with []byte turned into string.
func queryRows(ctx context.Context, q sqlx.QueryerContext, query string, args ...any) ([]map[string]any, error) {
	rows, err := q.QueryxContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []map[string]any
	for rows.Next() {
		m := map[string]any{}
		if err := rows.MapScan(m); err != nil {
			return nil, err
		}
		for k, v := range m {
			if b, ok := v.([]byte); ok {
				m[k] = string(b)
			}
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		return string(x)
	}
	return fmt.Sprint(v)
}

func strPtr(v any) *string {
	if v == nil {
		return nil
	}
	s := str(v)
	return &s
}

func nonEmpty(v any) *string {
	if str(v) == "" {
		return nil
	}
	return strPtr(v)
}

func intPtr(v any) *int64 {
	if v == nil {
		return nil
	}
	n, err := strconv.ParseFloat(str(v), 64)
	if err != nil {
		return nil
	}
	i := int64(n)
	return &i
}

func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case int64:
		return x != 0
	case string:
		return x == "1" || x == "true" || x == "t"
	}
	return false
}
