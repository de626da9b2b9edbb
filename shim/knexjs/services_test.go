package knexjs_test

import (
	"context"
	"testing"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt/jsrttest"
	"github.com/dxhost/dxhost/shim/knexjs"
	"github.com/dxhost/dxhost/shim/rest/resttest"
	"github.com/dxhost/dxhost/shim/servicesjs"
)

// An ItemsService given a knex transaction as its `knex` option writes inside that transaction
// (shim/servicesjs reads the Go *sqlx.Tx the transaction object carries): what the transaction
// rolls back is gone, what it commits stays, and knex sees the service's rows inside it.
func TestServiceRunsOnKnexTransaction(t *testing.T) {
	stack := resttest.Open(t, "../rest/testdata/peer/database.db.gz")
	inst := jsrttest.New(t)
	err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
		k, err := knexjs.New(rt, inst, stack.DB)
		if err != nil {
			return err
		}
		b, err := servicesjs.New(rt, inst, servicesjs.Deps{DB: stack.DB, Schema: stack.Schema}, k)
		if err != nil {
			return err
		}
		rt.Set("database", k)
		rt.Set("services", b.Services())
		rt.Set("getSchema", b.GetSchema())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	got := jsrttest.Run(t, inst, `(async () => {
		const schema = await getSchema();
		const out = {};
		try {
			await database.transaction(async (trx) => {
				const svc = new services.ItemsService('tags', { schema, knex: trx });
				const key = await svc.createOne({ name: 'rolled-back' });
				out.seenByKnexInside = await trx('tags').where({ id: key }).pluck('name');
				throw new Error('undo');
			});
		} catch (e) {
			out.caught = e.message;
		}
		out.afterRollback = await database('tags').where({ name: 'rolled-back' }).pluck('name');
		await database.transaction(async (trx) => {
			await new services.ItemsService('tags', { schema, knex: trx }).createOne({ name: 'committed' });
		});
		out.afterCommit = await database('tags').where({ name: 'committed' }).pluck('name');
		return JSON.stringify(out);
	})()`).String()
	want := `{"seenByKnexInside":["rolled-back"],"caught":"undo","afterRollback":[],"afterCommit":["committed"]}`
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}
