package db

import (
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"
)

// Dialect holds the SQL differences between the clients that code outside this package needs.
type Dialect struct {
	Client string // "sqlite3" | "pg" | "mysql"
}

// Quote quotes one identifier (a table or column name) for this dialect: `name` on MySQL,
// "name" elsewhere, with embedded quote characters doubled.
func (d Dialect) Quote(ident string) string {
	if d.Client == ClientMySQL {
		return "`" + strings.ReplaceAll(ident, "`", "``") + "`"
	}
	return `"` + strings.ReplaceAll(ident, `"`, `""`) + `"`
}

// QuoteQualified quotes a dotted name part by part ("table.column" → "table"."column").
func (d Dialect) QuoteQualified(name string) string {
	parts := strings.Split(name, ".")
	for i, p := range parts {
		parts[i] = d.Quote(p)
	}
	return strings.Join(parts, ".")
}

// Placeholder is the n-th (1-based) bind parameter: $n on PostgreSQL, ? elsewhere.
func (d Dialect) Placeholder(n int) string {
	if d.Client == ClientPostgres {
		return "$" + strconv.Itoa(n)
	}
	return "?"
}

// BindType is sqlx's bind type for this dialect (sqlx.DOLLAR or sqlx.QUESTION).
func (d Dialect) BindType() int {
	if d.Client == ClientPostgres {
		return sqlx.DOLLAR
	}
	return sqlx.QUESTION
}

// Rebind turns a query written with ? placeholders into this dialect's style. Unlike sqlx.Rebind
// it leaves ? alone inside string literals, quoted identifiers and comments. A ? meant literally
// outside those (PostgreSQL's jsonb ? operator) cannot be told apart: write such queries in $n
// style directly.
func (d Dialect) Rebind(query string) string {
	if d.Client != ClientPostgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case c == '\'' || c == '"' || c == '`':
			end := closingQuote(query, i, c)
			b.WriteString(query[i:end])
			i = end - 1
		case c == '-' && i+1 < len(query) && query[i+1] == '-':
			end := strings.IndexByte(query[i:], '\n')
			if end < 0 {
				end = len(query) - i
			}
			b.WriteString(query[i : i+end])
			i += end - 1
		case c == '/' && i+1 < len(query) && query[i+1] == '*':
			end := strings.Index(query[i+2:], "*/")
			if end < 0 {
				end = len(query) - i - 2
			} else {
				end += 2
			}
			b.WriteString(query[i : i+2+end])
			i += 2 + end - 1
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// closingQuote returns the index just past the quoted section opened at query[start]; a doubled
// quote character inside it is an escaped quote.
func closingQuote(query string, start int, q byte) int {
	for i := start + 1; i < len(query); i++ {
		if query[i] == q {
			if i+1 < len(query) && query[i+1] == q {
				i++
				continue
			}
			return i + 1
		}
	}
	return len(query)
}
