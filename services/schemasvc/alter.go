package schemasvc

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jmoiron/sqlx"

	"github.com/dxhost/dxhost/services/db"
)

// The DDL statements the services run, per dialect, in the shape knex gives them.

// createTable creates collection with the given columns (CollectionsService.createOne), then
// its unique constraints and indexes.
func createTable(ctx context.Context, ex sqlx.ExecerContext, d db.Dialect, collection string, cols []*columnSpec) error {
	var defs []string
	var primary []string
	for _, c := range cols {
		defs = append(defs, c.definition(d))
		if c.Primary && !c.AutoIncrement {
			primary = append(primary, quoteDDL(d, c.Name))
		}
	}
	if len(primary) > 0 {
		if d.Client == db.ClientPostgres {
			defs = append(defs, "constraint "+quoteDDL(d, collection+"_pkey")+" primary key ("+strings.Join(primary, ", ")+")")
		} else {
			defs = append(defs, "primary key ("+strings.Join(primary, ", ")+")")
		}
	}
	stmts := []string{"create table " + quoteDDL(d, collection) + " (" + strings.Join(defs, ", ") + ")"}
	for _, c := range cols {
		stmts = append(stmts, indexStatements(d, collection, c)...)
	}
	return execAll(ctx, ex, stmts)
}

// addColumn adds one column to an existing table (createField).
func addColumn(ctx context.Context, ex sqlx.ExecerContext, d db.Dialect, collection string, c *columnSpec) error {
	def := c.definition(d)
	if c.Primary && !c.AutoIncrement {
		def += " primary key"
	}
	stmts := []string{"alter table " + quoteDDL(d, collection) + " add column " + def}
	if d.Client == db.ClientMySQL {
		stmts[0] = "alter table " + quoteDDL(d, collection) + " add " + def
	}
	stmts = append(stmts, indexStatements(d, collection, c)...)
	return execAll(ctx, ex, stmts)
}

// alterColumn changes an existing column to spec (updateField with a schema).
func alterColumn(ctx context.Context, tx *sqlx.Tx, d db.Dialect, collection string, c *columnSpec) error {
	t, col := quoteDDL(d, collection), quoteDDL(d, c.Name)
	var stmts []string
	switch d.Client {
	case db.ClientPostgres:
		typ := c.SQLType
		switch typ { // serial types exist only at creation
		case "serial":
			typ = "integer"
		case "bigserial":
			typ = "bigint"
		}
		stmts = append(stmts,
			"alter table "+t+" alter column "+col+" drop default",
			"alter table "+t+" alter column "+col+" drop not null",
			"alter table "+t+" alter column "+col+" type "+typ+" using ("+col+"::"+typ+")")
		if c.Default != nil {
			stmts = append(stmts, "alter table "+t+" alter column "+col+" set default "+*c.Default)
		}
		if !c.Nullable {
			stmts = append(stmts, "alter table "+t+" alter column "+col+" set not null")
		}
	case db.ClientMySQL:
		def := c.definition(d)
		if c.AutoIncrement { // the primary key is already there
			def = col + " " + c.SQLType + " not null auto_increment"
		}
		stmts = append(stmts, "alter table "+t+" modify "+def)
	case db.ClientSQLite:
		if err := rebuildSQLiteTable(ctx, tx, collection, func(st *sqliteTable) error {
			for _, sc := range st.Columns {
				if sc.Name == c.Name {
					sc.Type, sc.NotNull, sc.Default = c.SQLType, !c.Nullable, c.Default
					if c.AutoIncrement {
						sc.Type = "integer"
					}
					return nil
				}
			}
			return fmt.Errorf("schemasvc: column %s.%s not found", collection, c.Name)
		}); err != nil {
			return err
		}
	}
	if c.DropUnique {
		stmts = append(stmts, dropIndexStatement(d, collection, IndexName(d.Client, "unique", collection, c.Name), true))
	}
	if c.DropIndex {
		stmts = append(stmts, dropIndexStatement(d, collection, IndexName(d.Client, "index", collection, c.Name), false))
	}
	stmts = append(stmts, indexStatements(d, collection, c)...)
	return execAll(ctx, tx, stmts)
}

// dropColumn removes a column (deleteField).
func dropColumn(ctx context.Context, tx *sqlx.Tx, d db.Dialect, collection, field string) error {
	if d.Client == db.ClientSQLite {
		return rebuildSQLiteTable(ctx, tx, collection, func(st *sqliteTable) error {
			st.dropColumn(field)
			return nil
		})
	}
	return execAll(ctx, tx, []string{"alter table " + quoteDDL(d, collection) + " drop column " + quoteDDL(d, field)})
}

// foreignKeySpec is one foreign key a relation creates.
type foreignKeySpec struct {
	Table, Column, ForeignTable, ForeignColumn string
	Name                                       string
	OnDelete, OnUpdate                         string
}

// addForeignKey creates a foreign key constraint (RelationsService.createOne/updateOne).
func addForeignKey(ctx context.Context, tx *sqlx.Tx, d db.Dialect, fk foreignKeySpec) error {
	if d.Client == db.ClientSQLite {
		return rebuildSQLiteTable(ctx, tx, fk.Table, func(st *sqliteTable) error {
			st.ForeignKeys = append(st.ForeignKeys, &sqliteForeignKey{From: fk.Column, Table: fk.ForeignTable, To: fk.ForeignColumn, OnDelete: fk.OnDelete, OnUpdate: fk.OnUpdate})
			return nil
		})
	}
	stmt := "alter table " + quoteDDL(d, fk.Table) + " add constraint " + quoteDDL(d, fk.Name) + " foreign key (" + quoteDDL(d, fk.Column) +
		") references " + quoteDDL(d, fk.ForeignTable) + " (" + quoteDDL(d, fk.ForeignColumn) + ")"
	if fk.OnDelete != "" {
		stmt += " on delete " + fk.OnDelete
	}
	if fk.OnUpdate != "" {
		stmt += " on update " + fk.OnUpdate
	}
	return execAll(ctx, tx, []string{stmt})
}

// dropForeignKey removes the foreign key of table.column (named constraint on PG/MySQL).
func dropForeignKey(ctx context.Context, tx *sqlx.Tx, d db.Dialect, table, column, name string) error {
	switch d.Client {
	case db.ClientSQLite:
		return rebuildSQLiteTable(ctx, tx, table, func(st *sqliteTable) error {
			kept := st.ForeignKeys[:0]
			for _, fk := range st.ForeignKeys {
				if fk.From != column {
					kept = append(kept, fk)
				}
			}
			st.ForeignKeys = kept
			return nil
		})
	case db.ClientMySQL:
		return execAll(ctx, tx, []string{"alter table " + quoteDDL(d, table) + " drop foreign key " + quoteDDL(d, name)})
	}
	return execAll(ctx, tx, []string{"alter table " + quoteDDL(d, table) + " drop constraint " + quoteDDL(d, name)})
}

// indexStatements adds the unique constraint / index a column asks for.
func indexStatements(d db.Dialect, collection string, c *columnSpec) []string {
	var out []string
	t, col := quoteDDL(d, collection), quoteDDL(d, c.Name)
	if c.Unique {
		name := IndexName(d.Client, "unique", collection, c.Name)
		switch d.Client {
		case db.ClientPostgres:
			out = append(out, "alter table "+t+" add constraint "+quoteDDL(d, name)+" unique ("+col+")")
		case db.ClientMySQL:
			out = append(out, "alter table "+t+" add unique "+quoteDDL(d, name)+"("+col+")")
		default:
			out = append(out, "create unique index "+quoteDDL(d, name)+" on "+t+" ("+col+")")
		}
	}
	if c.Index {
		name := IndexName(d.Client, "index", collection, c.Name)
		if d.Client == db.ClientMySQL {
			out = append(out, "alter table "+t+" add index "+quoteDDL(d, name)+"("+col+")")
		} else {
			out = append(out, "create index "+quoteDDL(d, name)+" on "+t+" ("+col+")")
		}
	}
	return out
}

func dropIndexStatement(d db.Dialect, collection, name string, unique bool) string {
	switch d.Client {
	case db.ClientPostgres:
		if unique {
			return "alter table " + quoteDDL(d, collection) + " drop constraint " + quoteDDL(d, name)
		}
		return "drop index " + quoteDDL(d, name)
	case db.ClientMySQL:
		return "alter table " + quoteDDL(d, collection) + " drop index " + quoteDDL(d, name)
	}
	return "drop index " + quoteDDL(d, name)
}

func execAll(ctx context.Context, ex sqlx.ExecerContext, stmts []string) error {
	for _, s := range stmts {
		if _, err := ex.ExecContext(ctx, s); err != nil {
			return &ddlError{stmt: s, err: err}
		}
	}
	return nil
}

// ddlError is a failed statement as knex reports it ("<sql> - <driver message>"), which is what a
// 500 shows; errors.As/Is still reach the driver error.
type ddlError struct {
	stmt string
	err  error
}

func (e *ddlError) Error() string { return e.stmt + " - " + driverMessage(e.err) }

// driverMessage is the message the Node driver would give: node-postgres and mysql2 carry the
// server's message alone.
func driverMessage(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Message
	}
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		return me.Message
	}
	return err.Error()
}
func (e *ddlError) Unwrap() error { return e.err }
