package knexjs_test

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt/jsrttest"
	"github.com/dxhost/dxhost/services/db/dbtest"
	"github.com/dxhost/dxhost/shim/knexjs"
)

// BenchmarkFirstByID is one `await database('t').where({ id }).first()` round trip: knex builds and
// compiles the query, Go runs it on the pool and the row comes back as a JS object.
func BenchmarkFirstByID(b *testing.B) {
	for _, client := range dbtest.Clients {
		b.Run(client, func(b *testing.B) {
			d := dbtest.Open(b, client)
			inst := newQuietKnex(b, d)
			jsrttest.Run(b, inst, `(async () => {
				await database.schema.createTable('t', (tb) => { tb.increments('id'); tb.string('name'); tb.integer('qty'); });
				await database('t').insert(Array.from({ length: 100 }, (_, i) => ({ name: 'n' + i, qty: i })));
			})()`)
			b.ResetTimer()
			cpu := cpuTime()
			defer func() { b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(b.N), "cpu-µs/op") }()
			jsrttest.Run(b, inst, `(async () => {
				for (let i = 0; i < `+itoa(b.N)+`; i++) {
					const row = await database('t').where({ id: (i % 100) + 1 }).first();
					if (!row) throw new Error('missing row');
				}
			})()`)
		})
	}
}

// BenchmarkCompileOnly is the JS half alone: building and compiling the same query without running it.
func BenchmarkCompileOnly(b *testing.B) {
	d := dbtest.Open(b, "sqlite3")
	inst := newQuietKnex(b, d)
	b.ResetTimer()
	cpu := cpuTime()
	jsrttest.Run(b, inst, `(() => {
		for (let i = 0; i < `+itoa(b.N)+`; i++) database('t').where({ id: (i % 100) + 1 }).first().toSQL();
	})()`)
	b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(b.N), "cpu-µs/op")
}

// BenchmarkNew is the cost of one knex instance in a fresh runtime (per extension instance).
func BenchmarkNew(b *testing.B) {
	d := dbtest.Open(b, "sqlite3")
	inst := jsrttest.New(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
			_, err := knexjs.New(rt, inst, d)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// cpuTime is the CPU time this process has used (user + system). On a shared, loaded machine the
// wall time per op mostly measures waiting for a core; the CPU time is what a query costs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func itoa(n int) string {
	s := ""
	if n == 0 {
		return "0"
	}
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

// BenchmarkNewInFreshInstance is what an extension instance pays for context.database: a new
// runtime's first knex, including the Node built-ins knex requires (events, stream, util, …).
func BenchmarkNewInFreshInstance(b *testing.B) {
	d := dbtest.Open(b, "sqlite3")
	var spent time.Duration
	for i := 0; i < b.N; i++ {
		inst := jsrttest.New(b)
		cpu := cpuTime()
		err := inst.Do(context.Background(), func(rt *goja.Runtime) error {
			_, err := knexjs.New(rt, inst, d)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		spent += cpuTime() - cpu
		inst.Close(context.Background())
	}
	b.ReportMetric(float64(spent.Microseconds())/1000/float64(b.N), "cpu-ms/new")
}
