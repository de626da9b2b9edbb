// Package knexjs builds context.database: the real knex 3.1.0 query builder (bundled into
// assets/knex.gen.js) running in an extension's VM, with a client whose driver is Go. knex compiles
// every query, identifier and schema-builder statement itself, exactly as under Directus; the
// compiled SQL and bindings go to Go, which runs them on the shared pool (services/db) off the loop
// and answers in the shape the npm driver Directus uses would (node-postgres, mysql2, node-sqlite3),
// with that driver's value types. A knex transaction holds one Go connection and transaction for
// its lifetime; the transaction object carries it under Symbol.for("dxhost.sqlx.tx") so services
// given it as `knex` run inside it.
//
// Conformance: testdata/cases.js runs under the real knex with the real drivers (testdata/record.js,
// recorded in UTC and America/New_York) and here; knexjs_test.go compares every case. Known
// differences from the npm drivers:
//   - MariaDB JSON columns come back as text (mysql2 parses them from MariaDB's extended column
//     metadata, which go-sql-driver does not request); MySQL's own JSON type is parsed.
//   - Driver response objects carry their documented fields only: a node-postgres Result has no
//     _parsers/_types/RowCtor, mysql2's ResultSetHeader only fieldCount/affectedRows/insertId and
//     its fields only {name, columnType}; PostgreSQL geometric types other than point and
//     circle stay strings, as do arrays of them.
//   - SQLite TEXT in DATE/DATETIME/TIMESTAMP columns is parsed by the Go driver and written back
//     in SQLite's "YYYY-MM-DD HH:MM:SS" form ("T"/"Z" spellings are not preserved).
//   - Queries cannot be cancelled (knex's .timeout({cancel: true}) only rejects); nestTables and
//     other mysql2 query options are ignored.
package knexjs

//go:generate sh -c "rm -rf /tmp/dxhost-knex && mkdir -p /tmp/dxhost-knex && cp assets/package.json assets/package-lock.json /tmp/dxhost-knex/ && npm ci --ignore-scripts --no-audit --no-fund --silent --prefix /tmp/dxhost-knex && cd assets && go run gen.go -modules /tmp/dxhost-knex/node_modules"

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/dop251/goja"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/services/db"
)

//go:embed assets/knex.gen.js
var bundleSource string

// New returns a knex instance for the runtime of inst (call on the loop) that runs its queries on d.
// Make one per extension instance and hand the same value out as context.database every time.
func New(rt *goja.Runtime, inst *jsrt.Instance, d *db.DB) (goja.Value, error) {
	if d == nil {
		return nil, fmt.Errorf("knexjs: no database")
	}
	exports, err := loadBundle(rt, inst)
	if err != nil {
		return nil, err
	}
	create, ok := goja.AssertFunction(exports.Get("create"))
	if !ok {
		return nil, fmt.Errorf("knexjs: the bundle exports no create function")
	}
	b := newBinding(rt, inst, d)
	bo := b.object()
	knex, err := create(goja.Undefined(), bo)
	if err != nil {
		return nil, fmt.Errorf("knexjs: creating the knex instance: %s", jsrt.Describe(err))
	}
	b.values.interval, _ = goja.AssertFunction(bo.Get("parseInterval"))
	// Directus configures knex with the client's npm name; code reads it back from there.
	if cfg, ok := knex.ToObject(rt).Get("client").ToObject(rt).Get("config").(*goja.Object); ok {
		cfg.Set("client", knexClientName(d.Client))
	}
	return knex, nil
}

// knexClientName is the `client` option Directus gives knex for a DB_CLIENT.
func knexClientName(client string) string {
	if client == db.ClientMySQL {
		return "mysql2"
	}
	return client
}

var compiled struct {
	once sync.Once
	prog *goja.Program
	err  error
}

// loadBundle evaluates the knex bundle as a CommonJS module whose require reaches the instance's
// Node built-ins; the program is compiled once per process.
func loadBundle(rt *goja.Runtime, inst *jsrt.Instance) (*goja.Object, error) {
	compiled.once.Do(func() {
		// The wrapper stays on the first line so stack traces name the bundle's own lines.
		src := "(function (exports, require, module, __filename, __dirname) {" + bundleSource + "\n})"
		compiled.prog, compiled.err = goja.Compile("dxhost:knex", src, true)
	})
	if compiled.err != nil {
		return nil, fmt.Errorf("knexjs: compiling the knex bundle: %w", compiled.err)
	}
	wrapper, err := rt.RunProgram(compiled.prog)
	if err != nil {
		return nil, fmt.Errorf("knexjs: %w", err)
	}
	fn, ok := goja.AssertFunction(wrapper)
	if !ok {
		return nil, fmt.Errorf("knexjs: the bundle wrapper is not a function")
	}
	module := rt.NewObject()
	exports := rt.NewObject()
	module.Set("exports", exports)
	require := rt.ToValue(func(call goja.FunctionCall) goja.Value {
		v, err := inst.Require(call.Argument(0).String())
		if err != nil {
			panic(rt.NewGoError(err))
		}
		return v
	})
	if _, err := fn(exports, exports, require, module, rt.ToValue("dxhost:knex"), rt.ToValue("/")); err != nil {
		return nil, fmt.Errorf("knexjs: loading the knex bundle: %s", jsrt.Describe(err))
	}
	return module.Get("exports").ToObject(rt), nil
}
