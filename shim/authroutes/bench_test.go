package authroutes_test

import (
	"context"
	"io"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/auth"
	"github.com/dxhost/dxhost/services/auth/authtest"
	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/shim/authroutes"
	"github.com/dxhost/dxhost/shim/server"
)

// BenchmarkHelloAuth is the auth cost per request: the whole server chain with a Go hello route,
// public vs. the admin's static token vs. a JWT (SQLite, recorded auth rows). Compare ns/op.
//
//	go test -run - -bench HelloAuth -benchtime 2s ./shim/authroutes
func BenchmarkHelloAuth(b *testing.B) {
	rec := authtest.LoadRecording(b)
	e, err := env.Load(env.Options{Environ: []string{"SECRET=" + rec.Secret}, Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	d := authtest.SeededDB(b, db.ClientSQLite, rec)
	svc := auth.New(d, auth.ConfigFromEnv(e), nil)
	log := logrus.New()
	log.SetOutput(io.Discard)
	engine := server.New(server.Options{Env: e, Logger: log, Authenticate: authroutes.NewAuthenticator(svc, e, nil),
		Routes: func(r gin.IRoutes) {
			r.GET("/hello", func(c *gin.Context) { c.String(200, "Hello, World!") })
		}})
	res, err := svc.Login(context.Background(), map[string]any{"email": "admin@example.com", "password": "admin-password"}, auth.LoginOptions{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, token string }{{"public", ""}, {"static-admin-token", "admin-static-token"}, {"jwt", res.AccessToken}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req := httptest.NewRequest("GET", "/hello", nil)
					req.RemoteAddr = "127.0.0.1:5000"
					if c.token != "" {
						req.Header.Set("Authorization", "Bearer "+c.token)
					}
					w := httptest.NewRecorder()
					engine.ServeHTTP(w, req)
					if w.Code != 200 {
						b.Fatalf("%d %s", w.Code, w.Body.String())
					}
				}
			})
		})
	}
}
