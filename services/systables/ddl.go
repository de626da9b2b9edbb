package systables

import (
	"context"
	"embed"
	"fmt"
	"strings"

	"github.com/dxhost/dxhost/services/db"
)

//go:embed ddl/*.sql
var ddlFiles embed.FS

// ddlStatements returns the CREATE statements of client's system tables, in execution order.
func ddlStatements(client string) ([]string, error) {
	name := map[string]string{db.ClientSQLite: "sqlite3", db.ClientPostgres: "pg", db.ClientMySQL: "mysql"}[client]
	if name == "" {
		return nil, fmt.Errorf("systables: client %q not supported", client)
	}
	b, err := ddlFiles.ReadFile("ddl/" + name + ".sql")
	if err != nil {
		return nil, fmt.Errorf("systables: %w", err)
	}
	return splitStatements(string(b)), nil
}

// splitStatements cuts a DDL file at lines ending in ";", dropping "--" comment lines between
// statements. The files are ours: no statement has a line ending in ";" inside a string.
func splitStatements(text string) []string {
	var out []string
	var cur []string
	for _, line := range strings.Split(text, "\n") {
		if len(cur) == 0 && (strings.HasPrefix(line, "--") || strings.TrimSpace(line) == "") {
			continue
		}
		cur = append(cur, line)
		if strings.HasSuffix(strings.TrimSpace(line), ";") {
			stmt := strings.TrimSuffix(strings.TrimSpace(strings.Join(cur, "\n")), ";")
			out = append(out, stmt)
			cur = nil
		}
	}
	return out
}

// createTables runs the DDL on ex (a transaction on SQLite/PostgreSQL, one connection with
// foreign-key checks off on MySQL, where tables reference tables created later).
func createTables(ctx context.Context, ex execer, client string) error {
	stmts, err := ddlStatements(client)
	if err != nil {
		return err
	}
	for _, s := range stmts {
		if _, err := ex.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("systables: %s: %w", firstLine(s), err)
		}
	}
	return nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
