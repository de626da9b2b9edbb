package authroutes_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/auth"
	"github.com/dxhost/dxhost/services/auth/authtest"
	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/schema"
	"github.com/dxhost/dxhost/shim/authroutes"
	"github.com/dxhost/dxhost/shim/server"
)

// TestUsersMeMatchesDirectus replays the recorded GET /users/me answers (app minimal permissions,
// a forbidden field, a caller without read access, the public) through the real route.
func TestUsersMeMatchesDirectus(t *testing.T) {
	data, err := os.ReadFile("../../services/auth/testdata/recording-rules.json")
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Calls []struct {
			Caller, Method, Path string
			Status               int
			Body                 json.RawMessage
		}
		Tables map[string][]map[string]any
	}
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	d := authtest.SeededDB(t, db.ClientSQLite, &authtest.Recording{Tables: rec.Tables})
	sch, err := schema.Build(ctx, d, d.Client, schema.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	e, err := env.Load(env.Options{Environ: []string{"SECRET=x"}, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	svc := auth.New(d, auth.ConfigFromEnv(e), nil)
	authorizer := &auth.Authorizer{Auth: svc, Schema: func(context.Context) (*schema.Overview, error) { return sch, nil }}
	log := logrus.New()
	log.SetOutput(io.Discard)
	engine := server.New(server.Options{Env: e, Logger: log, Authenticate: authroutes.NewAuthenticator(svc, e, nil),
		Routes: func(r gin.IRoutes) {
			authroutes.Register(r, svc, authroutes.Options{Env: e, Items: func(c *gin.Context, collection string, acc map[string]any) (*items.Service, error) {
				return items.New(collection, items.Options{Schema: sch, DB: d, Accountability: acc, Authorizer: authorizer}), nil
			}})
		}})
	tokens := map[string]string{"junior": "tok-junior", "reader": "tok-reader", "app": "tok-app"}
	n := 0
	for _, c := range rec.Calls {
		if !strings.HasPrefix(c.Path, "/users/me") {
			continue
		}
		n++
		req := httptest.NewRequest(c.Method, c.Path, nil)
		if tok := tokens[c.Caller]; tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
		w := httptest.NewRecorder()
		engine.ServeHTTP(w, req)
		var want bytes.Buffer
		_ = json.Compact(&want, c.Body)
		if w.Code != c.Status || w.Body.String() != want.String() {
			t.Errorf("%s %s: got %d %s\nwant %d %s", c.Caller, c.Path, w.Code, w.Body.String(), c.Status, want.String())
		}
	}
	if n != 5 {
		t.Fatalf("replayed %d /users/me calls, want 5", n)
	}
}
