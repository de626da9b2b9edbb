package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/dop251/goja"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/jsrt"
	_ "github.com/dxhost/dxhost/jsrt/node" // every Node built-in module and global
	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/emitter"
	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/logging"
	"github.com/dxhost/dxhost/services/systables"
	"github.com/dxhost/dxhost/shim/envjs"
	"github.com/dxhost/dxhost/shim/extension"
	"github.com/dxhost/dxhost/shim/httpjs"
	shimlogger "github.com/dxhost/dxhost/shim/logger"
	"github.com/dxhost/dxhost/shim/server"
	"github.com/dxhost/dxhost/shim/servicesjs"
)

// serve loads the configuration and the extensions, and serves until ctx ends.
func serve(ctx context.Context, stderr io.Writer) error {
	started := time.Now()
	e, err := env.Load(env.Options{JSConfig: envjs.Read})
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	log := logging.New(logging.ConfigFromEnv(e), nil)

	database, err := openDatabase(ctx, e, log)
	if err != nil {
		return err
	}
	defer database.Close()
	data := newDataLayer(e, log, database)

	httpjs.TrustProxy = server.TrustPeer(e)
	httpjs.RequestSchema = servicesjs.RequestSchema
	httpjs.QueryDepth = e.Int("QUERYSTRING_MAX_PARSE_DEPTH", 10)
	httpjs.QueryArrayLimit = e.Int("QUERYSTRING_ARRAY_LIMIT", 500)

	host := extension.New(extension.Options{
		Dir:       e.String("EXTENSIONS_PATH"),
		Logger:    log,
		TimeLimit: time.Duration(e.Int("EXTENSIONS_JS_TIME_LIMIT", 5000)) * time.Millisecond,
		Emitter:   emitter.New(log.WithField("component", "emitter")),
		Context: func(rt *goja.Runtime, inst *jsrt.Instance) (extension.ContextParts, error) {
			services, database, getSchema, err := data.contextParts(rt, inst)
			if err != nil {
				return extension.ContextParts{}, err
			}
			return extension.ContextParts{
				Services:     services,
				Env:          shimlogger.EnvObject(rt, e),
				LoadDatabase: database,
				Logger:       shimlogger.New(rt, log),
				GetSchema:    getSchema,
			}, nil
		},
	})
	reports := host.LoadAll(ctx)
	logLoaded(log, reports)
	if e.Bool("EXTENSIONS_AUTO_RELOAD") {
		if err := host.Watch(ctx); err != nil {
			log.WithError(err).Warn("Extensions will not reload on change")
		}
	}

	engine := server.New(server.Options{
		Env:          e,
		Logger:       log,
		Authenticate: data.authenticator(),
		Routes:       data.routes,
		Extensions:   host.Handler(),
	})
	addr := net.JoinHostPort(e.String("HOST"), strconv.Itoa(e.Int("PORT", 8055)))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{Handler: engine, ReadHeaderTimeout: 30 * time.Second}
	log.Infof("Server started at http://%s (in %s)", ln.Addr(), time.Since(started).Round(time.Millisecond))

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	// Loading bundled and compiled every extension: most of the heap that took is garbage now. Give
	// it back to the OS once, so the idle process is as small as what it really holds.
	go debug.FreeOSMemory()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), time.Duration(e.Int("SERVER_SHUTDOWN_TIMEOUT", 1000))*time.Millisecond)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		log.WithError(err).Warn("Shutdown")
	}
	host.Close(shutdown)
	log.Info("Server stopped")
	return nil
}

// logLoaded is the start-up summary: one line per extension, one per failure with its reason.
func logLoaded(log *logrus.Logger, reports []extension.Report) {
	var names []string
	for _, r := range reports {
		if r.Err != nil {
			continue
		}
		names = append(names, r.Name)
	}
	log.Infof("Extensions loaded: %d of %d folders", len(names), len(reports))
}

// openDatabase connects to the database and, when it is empty, creates Directus's system tables and
// the first admin, as `directus bootstrap` would. A database Directus already installed is used as it
// is and never altered.
func openDatabase(ctx context.Context, e *env.Env, log *logrus.Logger) (*db.DB, error) {
	database, err := db.Open(ctx, e.Map())
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	if _, err := bootstrap(ctx, database, e, log); err != nil {
		database.Close()
		return nil, err
	}
	return database, nil
}

// bootstrap installs the system tables on an empty database and says plainly what it did.
func bootstrap(ctx context.Context, database *db.DB, e *env.Env, log *logrus.Logger) (*systables.Result, error) {
	res, err := systables.Bootstrap(ctx, database, systables.OptionsFromEnv(e.Map()))
	if err != nil {
		return nil, fmt.Errorf("bootstrap: %w", err)
	}
	if res.AlreadyInstalled {
		missing, err := systables.MissingMigrations(ctx, database)
		if err == nil && len(missing) > 0 {
			log.Warnf("The database lacks %d Directus 12.4.1 migrations (first: %s); run Directus's own `directus database migrate:latest` on it", len(missing), missing[0])
		}
		return res, nil
	}
	log.Infof("Database installed: Directus 12.4.1 system tables created in %s", res.Took.Round(time.Millisecond))
	if res.AdminEmail != "" {
		log.Infof("First admin: %s", res.AdminEmail)
	}
	if res.GeneratedPassword != "" {
		log.Warnf("No ADMIN_PASSWORD was set: the admin's generated password is %s (shown only this once)", res.GeneratedPassword)
	}
	return res, nil
}

// bootstrapCommand is `dxhost bootstrap`.
func bootstrapCommand(ctx context.Context) error {
	e, err := env.Load(env.Options{JSConfig: envjs.Read})
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	log := logging.New(logging.ConfigFromEnv(e), nil)
	database, err := db.Open(ctx, e.Map())
	if err != nil {
		return fmt.Errorf("database: %w", err)
	}
	defer database.Close()
	res, err := bootstrap(ctx, database, e, log)
	if err != nil {
		return err
	}
	if res.AlreadyInstalled {
		log.Info("The database is already installed: nothing was changed")
	}
	return nil
}
