package servicesjs_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/dop251/goja"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/shim/rest/resttest"
	"github.com/dxhost/dxhost/shim/servicesjs"
)

// runJS runs an async JS body with `services`, `getSchema` and (when tx is given) `trx`, a
// knex-like object carrying the Go transaction, in scope, and returns what it resolved with as JSON.
func runJS(t *testing.T, stack *resttest.Stack, trx any, body string) string {
	t.Helper()
	inst, err := jsrt.New(jsrt.Options{Name: "servicesjs-test", Logger: logrus.NewEntry(stack.Logger)})
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Close(context.Background())
	out := make(chan string, 1)
	err = inst.Do(context.Background(), func(rt *goja.Runtime) error {
		b, err := servicesjs.New(rt, inst, servicesjs.Deps{DB: stack.DB, Schema: stack.Schema}, nil)
		if err != nil {
			return err
		}
		_ = rt.Set("services", b.Services())
		_ = rt.Set("getSchema", b.GetSchema())
		_ = rt.Set("done", func(v goja.Value) { raw, _ := json.Marshal(v.Export()); out <- string(raw) })
		_ = rt.Set("txHandle", trx)
		_, err = rt.RunString(`
			const trx = {};
			if (txHandle) trx[Symbol.for('` + servicesjs.TxSymbol + `')] = txHandle;
			(async () => {` + body + `})().then(done, (e) => done({ thrown: String(e && e.message), name: e && e.name }));`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-out:
		return s
	case <-time.After(60 * time.Second):
		t.Fatal("timed out")
	}
	return ""
}

func TestUnsupportedClassesSayWhichOne(t *testing.T) {
	stack := resttest.Open(t, "../rest/testdata/peer/database.db.gz")
	cases := map[string]string{
		`new services.MailService({})`: `{"name":"Error","thrown":"MailService is not supported by dxhost yet"}`,
		`await new services.UsersService({ schema: await getSchema() }).inviteUser('a@b.c')`: `{"name":"Error","thrown":"UsersService.inviteUser is not supported by dxhost yet"}`,
		`services.systemFieldUpdateSchema.parse({})`:                                         `{"name":"Error","thrown":"systemFieldUpdateSchema.parse is not supported by dxhost yet"}`,
	}
	for code, want := range cases {
		if got := runJS(t, stack, nil, code); got != want {
			t.Errorf("%s: got %s, want %s", code, got, want)
		}
	}
}

// A service given a knex transaction object (Symbol.for("dxhost.sqlx.tx")) writes inside it: rolled
// back, the row is gone; the pool never saw it.
func TestServiceJoinsCallerTransaction(t *testing.T) {
	stack := resttest.Open(t, "../rest/testdata/peer/database.db.gz")
	tx, err := stack.DB.Beginx()
	if err != nil {
		t.Fatal(err)
	}
	got := runJS(t, stack, tx, `
		const schema = await getSchema();
		const inTx = new services.ItemsService('tags', { schema, knex: trx });
		const key = await inTx.createOne({ name: 'in-tx' });
		const seen = await inTx.readOne(key, { fields: ['name'] });
		return { key, seen };`)
	if got != `{"key":3,"seen":{"name":"in-tx"}}` {
		t.Fatalf("inside the transaction: %s", got)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	got = runJS(t, stack, nil, `
		const schema = await getSchema();
		return await new services.ItemsService('tags', { schema }).readByQuery({ filter: { name: { _eq: 'in-tx' } } });`)
	if got != `[]` {
		t.Fatalf("after rollback: %s", got)
	}
}

// getSchema() resolves with the same object while the schema is unchanged (built once per version).
func TestGetSchemaIsCached(t *testing.T) {
	stack := resttest.Open(t, "../rest/testdata/peer/database.db.gz")
	got := runJS(t, stack, nil, `
		const a = await getSchema();
		const b = await getSchema();
		const fresh = await getSchema({ bypassCache: true });
		return { same: a === b, freshIsNew: fresh !== a, equal: JSON.stringify(fresh) === JSON.stringify(a) };`)
	if got != `{"equal":true,"freshIsNew":true,"same":true}` {
		t.Fatalf("got %s", got)
	}
}
