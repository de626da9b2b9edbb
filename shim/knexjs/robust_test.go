package knexjs_test

import (
	"strings"

	"github.com/sirupsen/logrus"
	"testing"

	"github.com/dxhost/dxhost/jsrt/jsrttest"
	"github.com/dxhost/dxhost/services/db/dbtest"
)

// Odd input an extension may hand knex rejects that one query; the instance keeps serving.
func TestBadInputIsContained(t *testing.T) {
	for _, client := range dbtest.Clients {
		t.Run(client, func(t *testing.T) {
			d := dbtest.Open(t, client)
			inst := newKnex(t, d)
			got := jsrttest.Run(t, inst, `(async () => {
				// (A cyclic binding overflows the stack inside knex itself, in Node too; in goja that
				// overflow cannot be caught by the extension, so it is not tried here.)
				const attempts = [
					() => database.raw('select ? as v', [{ toPostgres() { throw new Error('no'); }, toSqlString() { throw new Error('no'); } }]),
					() => database.raw('select ? as v', [new Date(NaN)]),
					() => database.raw('select ? as v', [Symbol('s')]),
					() => database.raw(''),
					() => database.raw('select ? as a, ? as b', [1]),
					() => database('no_such_table').where({ id: 1 }).first(),
					() => database.client.acquireConnection().then((c) => c._binding.query({}, 'select 1', [], '')),
				];
				let settled = 0;
				for (const attempt of attempts) {
					try { await attempt(); } catch (e) { /* rejected: fine */ }
					settled++;
				}
				const ok = await database.raw('select 1 as one');
				return settled === attempts.length && JSON.stringify(ok).includes('1');
			})()`)
			if !got.ToBoolean() {
				t.Fatalf("got %v", got)
			}
		})
	}
}

// With the logger at trace level every query is logged as Directus logs it.
func TestTraceLogsQueries(t *testing.T) {
	d := dbtest.Open(t, "sqlite3")
	inst := newKnex(t, d) // jsrttest loggers log at trace level
	jsrttest.Run(t, inst, `database.raw('select ? as v', [42]).then(() => null)`)
	for _, e := range jsrttest.Logs(inst).AllEntries() {
		if strings.HasSuffix(e.Message, "ms] select ? as v [42]") && e.Level == logrus.TraceLevel {
			return
		}
	}
	t.Fatalf("no trace line for the query; logs: %v", jsrttest.Logs(inst).AllEntries())
}
