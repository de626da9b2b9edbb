package knexjs_test

import (
	"context"
	"github.com/dxhost/dxhost/shim/knexjs"
	"os"
	"testing"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt/jsrttest"
	"github.com/dxhost/dxhost/services/db/dbtest"
)

func TestJSProfile(t *testing.T) {
	out := os.Getenv("KNEX_JSPROF")
	if out == "" {
		t.Skip("set KNEX_JSPROF=file to write a JS profile of the FirstByID loop")
	}
	d := dbtest.Open(t, "sqlite3")
	inst := newKnex(t, d)
	jsrttest.Run(t, inst, `(async () => {
		await database.schema.createTable('t', (tb) => { tb.increments('id'); tb.string('name'); tb.integer('qty'); });
		await database('t').insert(Array.from({ length: 100 }, (_, i) => ({ name: 'n' + i, qty: i })));
	})()`)
	f, _ := os.Create(out)
	defer f.Close()
	goja.StartProfile(f)
	jsrttest.Run(t, inst, `(async () => {
		for (let i = 0; i < 3000; i++) await database('t').where({ id: (i % 100) + 1 }).first();
	})()`)
	goja.StopProfile()
}

func TestJSProfileNew(t *testing.T) {
	out := os.Getenv("KNEX_JSPROF_NEW")
	if out == "" {
		t.Skip("set KNEX_JSPROF_NEW=file to write a JS profile of knexjs.New")
	}
	d := dbtest.Open(t, "sqlite3")
	newKnex(t, d)
	inst := newKnex(t, d)
	f, _ := os.Create(out)
	defer f.Close()
	goja.StartProfile(f)
	for i := 0; i < 20; i++ {
		inst.Do(context.Background(), func(rt *goja.Runtime) error {
			_, err := knexjs.New(rt, inst, d)
			return err
		})
	}
	goja.StopProfile()
}
