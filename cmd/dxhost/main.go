// Command dxhost serves Directus API extensions without Node.js.
//
//	dxhost [serve]     start the server (the default)
//	dxhost version     print the version
//	dxhost --help      flags and environment variables
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// directusVersion is the Directus release whose behaviour dxhost reproduces.
const directusVersion = "12.4.1"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "dxhost:", err)
			os.Exit(1)
		}
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("dxhost", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "configuration file (default: $CONFIG_PATH or ./.env)")
	fs.Usage = func() { usage(stderr, fs) }
	if err := fs.Parse(args); err != nil {
		return err
	}
	cmd := "serve"
	if fs.NArg() > 0 {
		cmd = fs.Arg(0)
	}
	if *configPath != "" {
		os.Setenv("CONFIG_PATH", *configPath)
	}
	switch cmd {
	case "serve":
		return serve(ctx, stderr)
	case "bootstrap":
		return bootstrapCommand(ctx)
	case "version":
		fmt.Fprintf(stdout, "dxhost %s (Directus %s API extensions, %s %s/%s)\n", version, directusVersion, runtime.Version(), runtime.GOOS, runtime.GOARCH)
		return nil
	case "help":
		usage(stdout, fs)
		return nil
	default:
		usage(stderr, fs)
		return fmt.Errorf("unknown command %q", cmd)
	}
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, `dxhost %s — Directus %s API extensions without Node.js

Usage:
  dxhost [flags] [command]

Commands:
  serve     serve the extensions in EXTENSIONS_PATH (default); bootstraps an empty database
  bootstrap create Directus's system tables and the first admin (ADMIN_EMAIL, ADMIN_PASSWORD,
            ADMIN_TOKEN; a password is generated and printed once when none is set), as
            "directus bootstrap" does; a database already installed is left as it is
  version   print the version
  help      this text

Flags:
`, version, directusVersion)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprint(w, `
Environment (Directus's names and casting rules; a .env file in the working directory, or
CONFIG_PATH, overrides the process environment as in Directus):
  HOST                      address to listen on                      (0.0.0.0)
  PORT                      port                                      (8055)
  PUBLIC_URL                public URL of the API                     (/)
  EXTENSIONS_PATH           folder of extension folders               (./extensions)
  EXTENSIONS_AUTO_RELOAD    rebuild an extension when its files change (true)
  EXTENSIONS_JS_TIME_LIMIT  ms one uninterrupted JS run may take before it is
                            interrupted and its request answered 503  (5000)
  DB_CLIENT                 sqlite3 | pg | mysql                      (sqlite3)
  DB_FILENAME               SQLite file                               (./data/data.db)
  DB_HOST, DB_PORT, DB_DATABASE, DB_USER, DB_PASSWORD, DB_CONNECTION_STRING, DB_SSL__*, DB_POOL__*
  ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_TOKEN   the first admin, created on an empty database
  SECRET                    signs access tokens (a random one per process when unset, as Directus)
  LOG_LEVEL                 trace | debug | info | warn | error | fatal (info)
  LOG_STYLE                 raw = JSON lines, anything else = readable text (pretty)
  MAX_PAYLOAD_SIZE          largest JSON body                         (1mb)
  CORS_ENABLED, CORS_ORIGIN, CORS_METHODS, CORS_ALLOWED_HEADERS, CORS_EXPOSED_HEADERS,
  CORS_CREDENTIALS, CORS_MAX_AGE                                      (as Directus)
  QUERYSTRING_MAX_PARSE_DEPTH, QUERYSTRING_ARRAY_LIMIT, QUERY_LIMIT_DEFAULT, QUERY_LIMIT_MAX
  ROOT_REDIRECT, ROBOTS_TXT, IP_TRUST_PROXY, NODE_ENV
  GOGC, GOMEMLIMIT          Go's garbage collector settings (Go's defaults; see the README's
                            performance section)
  DXHOST_PPROF_ADDR         serve Go profiles (net/http/pprof) on this loopback address,
                            e.g. 127.0.0.1:6060; unset = off
`)
}
