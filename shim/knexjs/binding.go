package knexjs

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"

	"github.com/dop251/goja"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/services/db"
)

// binding is the Go object the bundle's client calls (entry.js): one per knex instance.
type binding struct {
	rt      *goja.Runtime
	inst    *jsrt.Instance
	db      *db.DB
	dialect dialect
	values  *jsValues

	mu   sync.Mutex
	open map[*handle]struct{} // acquired and not yet released

	dbName *string // the database's name, once asked (loop only)
}

// dialect is what differs between the npm drivers knex would use.
type dialect interface {
	// prepare turns knex's SQL and bindings into what run executes (on the loop: JS values).
	prepare(rt *goja.Runtime, sql string, bindings goja.Value) (statement, error)
	// run executes st on h (off the loop) and returns a result built into JS on the loop.
	run(ctx context.Context, h *handle, st statement) (result, error)
	// empty is the driver's answer to a statement Go handled itself (BEGIN, COMMIT, …).
	empty(st statement) result
	// jsError turns a driver error into the error object the npm driver would reject with.
	jsError(rt *goja.Runtime, v *jsValues, err error) goja.Value
}

// statement is one query ready to run: the SQL as sent plus driver arguments.
type statement struct {
	sql     string
	args    []any
	formats []int16 // PostgreSQL parameter formats (1 = binary)
	mode    string  // entry.js's mode: "array" rows (pg/mysql), "all"/"run" (sqlite)
}

// result builds a driver response on the loop.
type result interface {
	toJS(rt *goja.Runtime, v *jsValues) goja.Value
}

func newBinding(rt *goja.Runtime, inst *jsrt.Instance, d *db.DB) *binding {
	b := &binding{rt: rt, inst: inst, db: d, values: newJSValues(rt), open: map[*handle]struct{}{}}
	switch d.Client {
	case db.ClientPostgres:
		b.dialect = pgDialect{}
	case db.ClientMySQL:
		b.dialect = mysqlDialect{}
	default:
		b.dialect = sqliteDialect{}
	}
	// A transaction still open when the instance stops (an extension that never committed, a
	// reload mid-request) is rolled back so its connection returns to the shared pool.
	go func() {
		<-inst.Done()
		b.mu.Lock()
		open := b.open
		b.open = map[*handle]struct{}{}
		b.mu.Unlock()
		for h := range open {
			h.release(context.Background())
		}
	}()
	return b
}

// object is the binding as entry.js sees it.
func (b *binding) object() *goja.Object {
	rt := b.rt
	o := rt.NewObject()
	o.Set("client", b.db.Client)
	o.Set("trace", b.inst.Logger().Logger.IsLevelEnabled(logrus.TraceLevel))
	o.Set("acquire", func(goja.FunctionCall) goja.Value {
		h := &handle{db: b.db, log: b.inst.Logger()}
		b.mu.Lock()
		b.open[h] = struct{}{}
		b.mu.Unlock()
		return rt.ToValue(h)
	})
	o.Set("release", func(call goja.FunctionCall) goja.Value {
		if h := handleOf(call.Argument(0)); h != nil {
			if h.currentTx() == nil {
				// Nothing held: no database work, stay on the loop.
				b.mu.Lock()
				delete(b.open, h)
				b.mu.Unlock()
				return goja.Undefined()
			}
			// Releasing may roll back and return a connection: off the loop. If the instance is
			// already stopping the work never starts, and the close watcher releases h instead.
			b.inst.Go(func() func(*goja.Runtime) {
				h.release(context.Background())
				b.mu.Lock()
				delete(b.open, h)
				b.mu.Unlock()
				return nil
			})
		}
		return goja.Undefined()
	})
	o.Set("tx", func(call goja.FunctionCall) goja.Value {
		h := handleOf(call.Argument(0))
		if h == nil {
			return goja.Undefined()
		}
		if tx := h.currentTx(); tx != nil {
			return rt.ToValue(tx)
		}
		return goja.Undefined()
	})
	o.Set("query", b.query)
	o.Set("databaseName", func(goja.FunctionCall) goja.Value {
		if b.dbName == nil {
			name, err := databaseName(b.db)
			if err != nil {
				panic(rt.NewGoError(err))
			}
			b.dbName = &name
		}
		return rt.ToValue(*b.dbName)
	})
	o.Set("log", func(call goja.FunctionCall) goja.Value {
		level, err := logrus.ParseLevel(call.Argument(0).String())
		if err != nil {
			level = logrus.InfoLevel
		}
		b.inst.Logger().Log(level, call.Argument(1).String())
		return goja.Undefined()
	})
	return o
}

// query(handle, sql, bindings, mode) → Promise of the driver's response.
func (b *binding) query(call goja.FunctionCall) goja.Value {
	rt := b.rt
	h := handleOf(call.Argument(0))
	if h == nil {
		panic(rt.NewTypeError("knex: query on a connection that is not dxhost's"))
	}
	st, err := b.dialect.prepare(rt, call.Argument(1).String(), call.Argument(2))
	if err != nil {
		panic(rt.NewGoError(err))
	}
	st.mode = call.Argument(3).String()
	// One loop job per query: the Go work settles the promise in the continuation it returns.
	p, resolve, reject := rt.NewPromise()
	d := b.dialect
	b.inst.Go(func() func(*goja.Runtime) {
		res, err := safeExec(h, d, st)
		return func(rt *goja.Runtime) {
			if err != nil {
				_ = reject(d.jsError(rt, b.values, err))
				return
			}
			_ = resolve(res.toJS(rt, b.values))
		}
	})
	return rt.ToValue(p)
}

func handleOf(v goja.Value) *handle {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil
	}
	h, _ := v.Export().(*handle)
	return h
}

// errorObject is a JS Error with message and extra own properties (driver error fields).
func errorObject(rt *goja.Runtime, message string, props [][2]any) goja.Value {
	ctor, _ := goja.AssertConstructor(rt.Get("Error"))
	e, err := ctor(nil, rt.ToValue(message))
	if err != nil {
		return rt.ToValue(fmt.Errorf("%s", message))
	}
	for _, p := range props {
		if p[1] == nil {
			continue
		}
		e.Set(p[0].(string), p[1])
	}
	return e
}

// safeExec runs one statement; a panic in a driver becomes the query's error instead of leaving
// the promise unsettled.
func safeExec(h *handle, d dialect, st statement) (res result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("knex: driver panic: %v", r)
		}
	}()
	return h.exec(context.Background(), d, st)
}

// databaseName asks the server which database d is connected to ("" on SQLite). knex needs it
// synchronously (client.database()), so it runs on the loop — once per instance, and only for the
// few schema helpers that use it.
func databaseName(d *db.DB) (string, error) {
	var query string
	switch d.Client {
	case db.ClientMySQL:
		query = "SELECT DATABASE()"
	case db.ClientPostgres:
		query = "SELECT current_database()"
	default:
		return "", nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	var name sql.NullString
	if err := d.QueryRowContext(ctx, query).Scan(&name); err != nil {
		return "", fmt.Errorf("knex: reading the database name: %w", err)
	}
	return name.String, nil
}
