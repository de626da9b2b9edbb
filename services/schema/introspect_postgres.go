package schema

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
)

func introspectPostgres(ctx context.Context, q sqlx.QueryerContext) (*database, error) {
	// @directus/schema's own statement, unordered: the order its rows come in (the planner's) is
	// the order of getSchema()'s collections and fields in Directus. Like Directus, one schema.
	cols, err := queryMaps(ctx, q, `
        SELECT c.table_name
          , c.column_name
          , c.column_default
          , c.data_type
          , c.character_maximum_length as max_length
          , c.is_generated
          , c.is_identity
          , c.is_nullable
        FROM
          information_schema.columns c
        LEFT JOIN information_schema.tables t
          ON c.table_name = t.table_name
        WHERE
          t.table_type = 'BASE TABLE'
          AND c.table_schema IN (current_schema());`)
	if err != nil {
		return nil, fmt.Errorf("schema: postgres columns: %w", err)
	}
	db := &database{}
	byName := map[string]*table{}
	for _, c := range cols {
		tn := str(c["table_name"])
		t := byName[tn]
		if t == nil {
			t = &table{Name: tn}
			byName[tn] = t
			db.Tables = append(db.Tables, t)
		}
		col := &column{
			Name:      str(c["column_name"]),
			DBType:    str(c["data_type"]),
			Nullable:  str(c["is_nullable"]) == "YES",
			Generated: str(c["is_generated"]) == "ALWAYS",
			Default:   postgresDefault(c["column_default"]),
		}
		if str(c["is_identity"]) == "YES" {
			a := AutoIncrement
			col.Default = &a
		}
		t.Columns = append(t.Columns, col)
	}

	pks, err := queryMaps(ctx, q, `
SELECT cl.relname AS table_name, min(a.attname) AS column_name, count(*) AS n
FROM pg_index i
JOIN pg_class cl ON cl.oid = i.indrelid
JOIN pg_namespace ns ON ns.oid = cl.relnamespace
JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
WHERE i.indisprimary AND ns.nspname = ANY (current_schemas(false))
GROUP BY cl.relname`)
	if err != nil {
		return nil, fmt.Errorf("schema: postgres primary keys: %w", err)
	}
	for _, pk := range pks {
		if t := byName[str(pk["table_name"])]; t != nil && str(pk["n"]) == "1" {
			t.Primary = str(pk["column_name"])
		}
	}

	fks, err := queryMaps(ctx, q, `
SELECT cl.relname AS table_name, a.attname AS column_name, fcl.relname AS foreign_table, fa.attname AS foreign_column,
       fns.nspname AS foreign_schema, con.conname AS constraint_name, con.confupdtype AS on_update, con.confdeltype AS on_delete
FROM pg_constraint con
JOIN pg_class cl ON cl.oid = con.conrelid
JOIN pg_namespace ns ON ns.oid = cl.relnamespace
JOIN pg_class fcl ON fcl.oid = con.confrelid
JOIN pg_namespace fns ON fns.oid = fcl.relnamespace
JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = con.confkey[1]
WHERE con.contype = 'f' AND array_length(con.conkey, 1) = 1 AND ns.nspname = ANY (current_schemas(false))
ORDER BY cl.relname, con.conname`)
	if err != nil {
		return nil, fmt.Errorf("schema: postgres foreign keys: %w", err)
	}
	for _, fk := range fks {
		db.ForeignKeys = append(db.ForeignKeys, &ForeignKey{
			Table: str(fk["table_name"]), Column: str(fk["column_name"]),
			ForeignKeyTable: str(fk["foreign_table"]), ForeignKeyColumn: str(fk["foreign_column"]),
			ForeignKeySchema: strPtr(fk["foreign_schema"]), ConstraintName: strPtr(fk["constraint_name"]),
			OnUpdate: postgresRule(str(fk["on_update"])), OnDelete: postgresRule(str(fk["on_delete"])),
		})
	}
	return db, nil
}

// postgresDefault normalises information_schema.columns.column_default: nextval(...) is
// AUTO_INCREMENT, casts (::type) and quotes are stripped, NULL is no default.
func postgresDefault(v any) *string {
	if v == nil {
		return nil
	}
	s := str(v)
	if strings.HasPrefix(s, "nextval(") {
		a := AutoIncrement
		return &a
	}
	if strings.HasPrefix(s, "'") {
		if j := strings.LastIndex(s, "'::"); j > 0 {
			s = s[:j+1]
		}
	} else if i := strings.Index(s, "::"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSpace(s)
	for strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	if strings.EqualFold(s, "null") {
		return nil
	}
	s = stripQuotes(s)
	return &s
}

func postgresRule(code string) *string {
	rules := map[string]string{"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
	if r, ok := rules[code]; ok {
		return &r
	}
	return nil
}
