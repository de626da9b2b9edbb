package db

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
)

// postgresResultFormats are the result formats pgx's database/sql driver asks for (its
// databaseSQLResultFormats): binary for these types, text for the rest. QueryPostgres asks for the
// same so a value arrives on the wire exactly as it would through database/sql.
var postgresResultFormats = pgx.QueryResultFormatsByOID{
	pgtype.BoolOID:        pgtype.BinaryFormatCode,
	pgtype.ByteaOID:       pgtype.BinaryFormatCode,
	pgtype.CIDOID:         pgtype.BinaryFormatCode,
	pgtype.DateOID:        pgtype.BinaryFormatCode,
	pgtype.Float4OID:      pgtype.BinaryFormatCode,
	pgtype.Float8OID:      pgtype.BinaryFormatCode,
	pgtype.Int2OID:        pgtype.BinaryFormatCode,
	pgtype.Int4OID:        pgtype.BinaryFormatCode,
	pgtype.Int8OID:        pgtype.BinaryFormatCode,
	pgtype.OIDOID:         pgtype.BinaryFormatCode,
	pgtype.TimestampOID:   pgtype.BinaryFormatCode,
	pgtype.TimestamptzOID: pgtype.BinaryFormatCode,
	pgtype.XIDOID:         pgtype.BinaryFormatCode,
}

// badConnRetries is how often database/sql tries a query whose connection turned out bad (its
// maxBadConnRetries cached tries and one on a new connection).
const badConnRetries = 3

// QueryPostgres runs a query on a pooled PostgreSQL connection through pgx itself and hands its
// rows to read, which must consume them before returning (the connection goes back to the pool
// afterwards). database/sql boxes every value of every row into a driver.Value and converts it
// again for the destination; a reader of RawValues does neither. The query runs as QueryContext
// would run it: the connection's own exec mode and statement cache, the same result formats, the
// same errors, and a retry on another connection when pgx says nothing reached the server.
func (d *DB) QueryPostgres(ctx context.Context, query string, args []any, read func(conn *pgx.Conn, rows pgx.Rows) error) error {
	if d.Client != ClientPostgres {
		return fmt.Errorf("db: QueryPostgres on a %s database", d.Client)
	}
	all := make([]any, 0, 1+len(args))
	all = append(all, postgresResultFormats)
	all = append(all, args...)
	var err error
	for range badConnRetries {
		if err = d.queryPostgresOnce(ctx, query, all, read); !errors.Is(err, driver.ErrBadConn) {
			return err
		}
	}
	return err
}

func (d *DB) queryPostgresOnce(ctx context.Context, query string, args []any, read func(*pgx.Conn, pgx.Rows) error) error {
	conn, err := d.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("db: PostgreSQL connection is a %T, not pgx's", dc)
		}
		pc := sc.Conn()
		if pc.IsClosed() {
			return driver.ErrBadConn // Raw discards it
		}
		rows, err := pc.Query(ctx, query, args...)
		if err != nil {
			if pgconn.SafeToRetry(err) {
				return driver.ErrBadConn
			}
			return err
		}
		defer rows.Close()
		if err := read(pc, rows); err != nil {
			return err
		}
		rows.Close()
		return rows.Err()
	})
}
