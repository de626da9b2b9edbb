package knexjs_test

import (
	"context"
	"testing"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt/jsrttest"
	_ "github.com/dxhost/dxhost/jsrt/node"
	"github.com/dxhost/dxhost/services/db/dbtest"
	"github.com/dxhost/dxhost/shim/knexjs"
)

func TestSmoke(t *testing.T) {
	for _, client := range dbtest.Clients {
		t.Run(client, func(t *testing.T) {
			d := dbtest.Open(t, client)
			inst := jsrttest.New(t)
			err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
				k, err := knexjs.New(rt, inst, d)
				if err != nil {
					return err
				}
				rt.Set("database", k)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			v := jsrttest.Run(t, inst, `(async () => {
				await database.schema.createTable('t', (tb) => { tb.increments('id'); tb.string('name'); tb.decimal('price', 10, 2); tb.bigInteger('big'); tb.boolean('ok'); tb.timestamp('at'); tb.json('data') });
				const ids = await database('t').insert({ name: 'a', price: 1.5, big: 9007199254740993n === undefined ? 1 : '9007199254740993', ok: true, at: new Date(Date.UTC(2024, 4, 1, 10, 20, 30)), data: JSON.stringify({x: 1}) }, ['id']);
				await database.transaction(async (trx) => { await trx('t').insert({ name: 'b' }); });
				try { await database.transaction(async (trx) => { await trx('t').insert({ name: 'c' }); throw new Error('nope'); }); } catch (e) {}
				const rows = await database('t').select('*').orderBy('id');
				const first = await database('t').where({ id: 1 }).first();
				const raw = await database.raw('select count(*) as n from t where name = ?', ['a']);
				const has = await database.schema.hasTable('t');
				return JSON.stringify({ ids, rows, first, has, raw });
			})()`)
			t.Log(v.String())
		})
	}
}
