package knexjs_test

import (
	"context"
	"testing"

	"github.com/dop251/goja"
	"github.com/jmoiron/sqlx"

	"github.com/dxhost/dxhost/jsrt/jsrttest"
	"github.com/dxhost/dxhost/services/db/dbtest"
)

// A transaction object carries its Go *sqlx.Tx under Symbol.for("dxhost.sqlx.tx") (how
// shim/servicesjs runs a service inside it): Go work on that Tx sees the transaction's uncommitted
// rows and is committed or rolled back with it; the symbol is gone once the transaction ends.
func TestTransactionCarriesGoTx(t *testing.T) {
	for _, client := range dbtest.Clients {
		t.Run(client, func(t *testing.T) {
			d := dbtest.Open(t, client)
			inst := newKnex(t, d)
			jsrttest.Run(t, inst, `(async () => { await database.schema.createTable('t', (tb) => { tb.increments('id'); tb.string('name'); }) })()`)
			for _, end := range []string{"rollback", "commit"} {
				v := jsrttest.Run(t, inst, `(async () => {
					const key = Symbol.for('dxhost.sqlx.tx');
					const trx = await database.transaction();
					globalThis.trx = trx;
					await trx('t').insert({ name: 'js-`+end+`' });
					const enumerable = Object.getOwnPropertySymbols(trx).some((s) => Object.getOwnPropertyDescriptor(trx, s).enumerable);
					return JSON.stringify({ pool: database[key] === undefined, enumerable });
				})()`)
				if v.String() != `{"pool":true,"enumerable":false}` {
					t.Fatalf("got %s", v)
				}
				var tx *sqlx.Tx
				inst.Do(context.Background(), func(rt *goja.Runtime) error {
					val, err := rt.RunString(`trx[Symbol.for('dxhost.sqlx.tx')]`)
					if err != nil {
						return err
					}
					tx, _ = val.Export().(*sqlx.Tx)
					return nil
				})
				if tx == nil {
					t.Fatal("the transaction object carries no *sqlx.Tx")
				}
				ctx := context.Background()
				if _, err := tx.ExecContext(ctx, d.Dialect().Rebind("INSERT INTO t (name) VALUES (?)"), "go-"+end); err != nil {
					t.Fatal(err)
				}
				var inside []string
				if err := tx.SelectContext(ctx, &inside, d.Dialect().Rebind("SELECT name FROM t WHERE name LIKE ? ORDER BY id"), "%-"+end); err != nil {
					t.Fatal(err)
				}
				if len(inside) != 2 {
					t.Fatalf("inside the transaction Go sees %v, want the JS row and its own", inside)
				}
				got := jsrttest.Run(t, inst, `(async () => {
					await trx.`+end+`();
					const rows = await database('t').where('name', 'like', '%-`+end+`').orderBy('id').pluck('name');
					return JSON.stringify({ rows, gone: trx[Symbol.for('dxhost.sqlx.tx')] === undefined });
				})()`).String()
				want := map[string]string{
					"rollback": `{"rows":[],"gone":true}`,
					"commit":   `{"rows":["js-commit","go-commit"],"gone":true}`,
				}[end]
				if got != want {
					t.Errorf("after %s: got %s, want %s", end, got, want)
				}
			}
		})
	}
}

// Closing the instance rolls back a transaction the extension never ended and returns its
// connection to the pool.
func TestCloseRollsBackOpenTransaction(t *testing.T) {
	d := dbtest.Open(t, "pg")
	inst := newKnex(t, d)
	jsrttest.Run(t, inst, `(async () => {
		await database.schema.createTable('t', (tb) => { tb.increments('id'); tb.string('name'); });
		globalThis.trx = await database.transaction();
		await trx('t').insert({ name: 'left open' });
	})()`)
	if n := d.Stats().InUse; n != 1 {
		t.Fatalf("connections in use while the transaction is open: %d, want 1", n)
	}
	if err := inst.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	deadline := 100
	for d.Stats().InUse != 0 && deadline > 0 {
		deadline--
		sleepMillis(10)
	}
	if n := d.Stats().InUse; n != 0 {
		t.Fatalf("connections in use after Close: %d, want 0", n)
	}
	var count int
	if err := d.Get(&count, "SELECT count(*) FROM t"); err != nil {
		t.Fatal(err)
	}
	if count != 0 {
		t.Fatalf("the open transaction's row survived: %d rows", count)
	}
}

// Many transactions and queries in flight at once from one instance: each transaction keeps its
// own connection, none deadlocks, every committed row is there.
func TestConcurrentTransactions(t *testing.T) {
	for _, client := range dbtest.Clients {
		t.Run(client, func(t *testing.T) {
			d := dbtest.Open(t, client)
			inst := newKnex(t, d)
			got := jsrttest.Run(t, inst, `(async () => {
				await database.schema.createTable('t', (tb) => { tb.increments('id'); tb.string('name'); });
				const work = [];
				for (let i = 0; i < 8; i++) {
					work.push(database.transaction(async (trx) => {
						await trx('t').insert({ name: 'tx' + i });
						const [{ n }] = await trx('t').where({ name: 'tx' + i }).count('* as n');
						if (Number(n) !== 1) throw new Error('transaction ' + i + ' does not see its row');
					}));
					work.push(database('t').select('id'));
				}
				await Promise.all(work);
				const [{ n }] = await database('t').count('* as n');
				return Number(n);
			})()`)
			if got.ToInteger() != 8 {
				t.Fatalf("rows after 8 concurrent transactions: %v", got)
			}
		})
	}
}
