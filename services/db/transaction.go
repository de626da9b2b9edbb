package db

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jmoiron/sqlx"
	"modernc.org/sqlite"
)

// Transaction runs fn in a new transaction and commits it when fn returns nil, like Directus's
// transaction() helper (src/utils/transaction.ts): when the transaction fails with a deadlock or a
// busy database (IsRetryable) it runs fn again in a fresh transaction up to 3 more times, after 100,
// 200 and 400 ms, then fails with "Transaction failed after 4 attempts" wrapping the first error.
// fn may therefore run more than once: it must not keep effects outside the transaction.
func (d *DB) Transaction(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	first := d.runTx(ctx, fn)
	if first == nil || !d.Dialect().IsRetryable(first) {
		return first
	}
	delay := retryBaseDelay
	for attempt := 0; attempt < maxRetries; attempt++ {
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w (retrying after: %v)", ctx.Err(), first)
		case <-time.After(delay):
		}
		delay *= 2
		err := d.runTx(ctx, fn)
		if err == nil || !d.Dialect().IsRetryable(err) {
			return err
		}
	}
	return &RetriesExhaustedError{Attempts: 1 + maxRetries, First: first}
}

const (
	maxRetries     = 3
	retryBaseDelay = 100 * time.Millisecond
)

// RetriesExhaustedError is Directus's "Transaction failed after 4 attempts" (cause: the first error).
type RetriesExhaustedError struct {
	Attempts int
	First    error
}

func (e *RetriesExhaustedError) Error() string {
	return fmt.Sprintf("Transaction failed after %d attempts", e.Attempts)
}

func (e *RetriesExhaustedError) Unwrap() error { return e.First }

func (d *DB) runTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := d.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// IsRetryable reports whether err is one Directus retries a transaction for: PostgreSQL deadlock
// (40P01), SQLite SQLITE_BUSY, MySQL ER_LOCK_DEADLOCK (1213).
func (d Dialect) IsRetryable(err error) bool {
	switch d.Client {
	case ClientPostgres:
		var pe *pgconn.PgError
		return errors.As(err, &pe) && pe.Code == "40P01"
	case ClientMySQL:
		var me *mysql.MySQLError
		return errors.As(err, &me) && me.Number == 1213
	case ClientSQLite:
		var se *sqlite.Error
		return errors.As(err, &se) && se.Code()&0xff == 5 // SQLITE_BUSY and its extended codes
	}
	return false
}
