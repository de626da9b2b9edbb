package db_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jmoiron/sqlx"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/db/dbtest"
)

// TestTransactionRetriesDeadlock makes two transactions lock two rows in opposite orders. The
// server aborts one with a deadlock error; Transaction runs it again and both succeed.
func TestTransactionRetriesDeadlock(t *testing.T) {
	for _, client := range []string{db.ClientPostgres, db.ClientMySQL} {
		t.Run(client, func(t *testing.T) {
			conn := dbtest.Open(t, client)
			ctx := context.Background()
			for _, s := range []string{"CREATE TABLE r (id integer PRIMARY KEY, v integer)", "INSERT INTO r VALUES (1, 0), (2, 0)"} {
				if _, err := conn.ExecContext(ctx, s); err != nil {
					t.Fatal(err)
				}
			}
			var runs atomic.Int32
			firstLocked := [2]chan struct{}{make(chan struct{}), make(chan struct{})}
			var once [2]sync.Once
			update := conn.Dialect().Rebind("UPDATE r SET v = v + 1 WHERE id = ?")
			worker := func(me int) func(tx *sqlx.Tx) error {
				return func(tx *sqlx.Tx) error {
					runs.Add(1)
					if _, err := tx.ExecContext(ctx, update, me+1); err != nil {
						return err
					}
					once[me].Do(func() { close(firstLocked[me]) })
					<-firstLocked[1-me] // both hold their first row before taking the other's
					_, err := tx.ExecContext(ctx, update, 2-me)
					return err
				}
			}
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for i := 0; i < 2; i++ {
				wg.Add(1)
				go func(i int) {
					defer wg.Done()
					errs[i] = conn.Transaction(ctx, worker(i))
				}(i)
			}
			wg.Wait()
			if errs[0] != nil || errs[1] != nil {
				t.Fatalf("transactions failed: %v / %v", errs[0], errs[1])
			}
			if runs.Load() < 3 {
				t.Fatalf("%d runs: the deadlock was not retried", runs.Load())
			}
			var sum int
			if err := conn.Get(&sum, "SELECT sum(v) FROM r"); err != nil || sum != 4 {
				t.Fatalf("sum = %d, %v; want 4 (both transactions committed once)", sum, err)
			}
		})
	}
}

func TestTransactionDoesNotRetryOtherErrors(t *testing.T) {
	conn := dbtest.Open(t, db.ClientSQLite)
	boom := errors.New("boom")
	runs := 0
	err := conn.Transaction(context.Background(), func(tx *sqlx.Tx) error { runs++; return boom })
	if !errors.Is(err, boom) || runs != 1 {
		t.Fatalf("err %v after %d runs; want boom after 1", err, runs)
	}
}

func TestTransactionGivesUpAfterFourAttempts(t *testing.T) {
	conn := dbtest.Open(t, db.ClientPostgres)
	deadlock := &pgconn.PgError{Code: "40P01", Message: "deadlock detected"}
	runs := 0
	err := conn.Transaction(context.Background(), func(tx *sqlx.Tx) error { runs++; return deadlock })
	var exhausted *db.RetriesExhaustedError
	if !errors.As(err, &exhausted) || err.Error() != "Transaction failed after 4 attempts" || !errors.Is(err, deadlock) || runs != 4 {
		t.Fatalf("err %v after %d runs", err, runs)
	}
}
