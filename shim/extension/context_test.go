package extension

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/dop251/goja"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/jsrt"
)

// TestLazyDatabase: context.database is made on first read, once per instance, keeps its place among
// the context's keys, and behaves as a plain property once read or assigned.
func TestLazyDatabase(t *testing.T) {
	root := t.TempDir()
	writeExtension(t, root, "untouched", "untouched", `module.exports = (router, context) => {
		router.get('/', (req, res) => res.send(Object.keys(context).join(',')));
	};`)
	writeExtension(t, root, "reader", "reader", `module.exports = (router, { database }) => {
		router.get('/', (req, res) => res.send(typeof database + ':' + database.name));
	};`)
	writeExtension(t, root, "twice", "twice", `module.exports = (router, context) => {
		const same = context.database === context.database;
		const d = Object.getOwnPropertyDescriptor(context, 'database');
		router.get('/', (req, res) => res.send([same, 'value' in d, d.writable, d.enumerable, d.configurable].join(',')));
	};`)
	writeExtension(t, root, "assign", "assign", `module.exports = (router, context) => {
		context.database = 42;
		router.get('/', (req, res) => res.send(String(context.database)));
	};`)
	var loads atomic.Int64
	h := New(Options{Dir: root, Logger: logrus.New(), Context: func(rt *goja.Runtime, inst *jsrt.Instance) (ContextParts, error) {
		return ContextParts{
			Env: rt.NewObject(),
			LoadDatabase: func() (goja.Value, error) {
				loads.Add(1)
				db := rt.NewObject()
				_ = db.Set("name", inst.Name())
				return db, nil
			},
		}, nil
	}})
	h.LoadAll(context.Background())
	defer h.Close(context.Background())
	srv := newTestServer(t, h)

	for _, tc := range []struct{ path, want string }{
		{"/untouched", "env,database,emitter"},
		{"/reader", "object:reader"},
		{"/twice", "true,true,true,true,true"},
		{"/assign", "42"},
	} {
		if code, body := get(t, http.DefaultClient, srv.URL+tc.path); code != 200 || body != tc.want {
			t.Errorf("GET %s = %d %q, want 200 %q", tc.path, code, body, tc.want)
		}
	}
	// reader and twice read it (once each, however often); untouched never did; assign replaced it unread.
	if n := loads.Load(); n != 2 {
		t.Errorf("the database was made %d times, want 2", n)
	}
}
