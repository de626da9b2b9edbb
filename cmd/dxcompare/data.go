package main

import (
	"github.com/dxhost/dxhost/cmd/internal/loadgen"

	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/google/pprof/profile"
	_ "github.com/jackc/pgx/v5/stdlib" // dxhost's PostgreSQL driver, for the index DDL and the SQL floor
	_ "modernc.org/sqlite"             // dxhost's SQLite driver, likewise
)

const articlesQuery = "/items/articles?fields=id,title,status,views&limit=100&filter[status][_eq]=published&filter[views][_gt]=100&sort=-views"

// articlesSQL is the SELECT both servers run for articlesQuery ($1/$2 become ? on SQLite).
const articlesSQL = `SELECT "id", "title", "status", "views" FROM "articles" WHERE "status" = $1 AND "views" > $2 ORDER BY "views" DESC LIMIT 100`

// The index of the "indexed" variant: the one a project would add for this query (equality column
// first, then the range/sort column), so the database seeks instead of scanning and sorting.
const (
	articlesIndex     = "dxcompare_articles_status_views"
	createIndexSQL    = `CREATE INDEX ` + articlesIndex + ` ON "articles" ("status", "views")`
	dropIndexSQL      = `DROP INDEX IF EXISTS ` + articlesIndex
	pgDataDatabase    = "dxcompare_data" // PEER_DB_NAME of the PostgreSQL variant: a database of its own
	pgDataDSN         = "postgres://postgres@127.0.0.1:5432/" + pgDataDatabase + "?sslmode=disable"
	sqliteDriverLabel = "modernc.org/sqlite"
	pgDriverLabel     = "pgx"
)

// dataDB is one database engine the data benchmark runs on: both servers read the same rows there.
type dataDB struct {
	label   string   // "SQLite", "PostgreSQL"
	driver  string   // database/sql driver name dxcompare uses for DDL and the floor
	dsns    []string // every copy of the data (SQLite: Directus's file and dxhost's copy)
	drvName string   // what the floor line names
	rebind  func(string) string
}

func (d dataDB) exec(ctx context.Context, stmts ...string) error {
	for _, dsn := range d.dsns {
		conn, err := sql.Open(d.driver, dsn)
		if err != nil {
			return fmt.Errorf("%s: %w", d.label, err)
		}
		for _, s := range stmts {
			if _, err := conn.ExecContext(ctx, s); err != nil {
				conn.Close()
				return fmt.Errorf("%s: %s: %w", d.label, s, err)
			}
		}
		conn.Close()
	}
	return nil
}

// benchData runs the data benchmark on SQLite (the Directus started for auth, dxhost on a copy of its
// file), then restarts Directus on PostgreSQL in a database of its own and starts a second dxhost on
// that same database. On each engine: the query on unindexed columns (full scan + sort), then the same
// query with the (status, views) index present for both servers.
func benchData(c config, dx *server, directus *peer, dbFile, upstream string) error {
	ctx := context.Background()
	lite := dataDB{
		label: "SQLite", driver: "sqlite", drvName: sqliteDriverLabel,
		dsns:   []string{directus.dbFile(), dbFile},
		rebind: func(s string) string { return strings.NewReplacer("$1", "?", "$2", "?").Replace(s) },
	}
	if err := benchDataOn(ctx, c, dx, directus, lite, "3a", "Directus's file, dxhost on a copy of it"); err != nil {
		return err
	}

	if err := directus.run(false, "stop"); err != nil {
		return err
	}
	pg := &peer{script: directus.script, dir: directus.dir, port: directus.port, extensions: directus.extensions, db: "pg", dbName: pgDataDatabase}
	if err := pg.start(); err != nil {
		return err
	}
	dxpg, err := startDxhost(c, "dxhost-pg", []string{"DB_CLIENT=pg", "DB_HOST=127.0.0.1", "DB_PORT=5432",
		"DB_DATABASE=" + pgDataDatabase, "DB_USER=postgres", "DB_PASSWORD="}, upstream)
	if err != nil {
		return err
	}
	pgdb := dataDB{label: "PostgreSQL", driver: "pgx", drvName: pgDriverLabel, dsns: []string{pgDataDSN}, rebind: func(s string) string { return s }}
	return benchDataOn(ctx, c, dxpg, pg, pgdb, "3b", "database "+pgDataDatabase+", both servers on it")
}

func benchDataOn(ctx context.Context, c config, dx *server, directus *peer, d dataDB, section, where_ string) error {
	ds, err := directusServer(directus)
	if err != nil {
		return err
	}
	if err := d.exec(ctx, dropIndexSQL); err != nil {
		return err
	}
	admin := map[string]string{"Authorization": "Bearer " + peerToken}
	core := loadgen.Request{Method: "GET", URL: articlesQuery, Headers: admin}
	ext := loadgen.Request{Method: "GET", URL: "/compare/articles", Headers: admin}
	fmt.Printf("## %s. Data on %s: %d articles (%s), admin static token; answers checked identical first\n\n", section, d.label, articleCount, where_)
	fmt.Printf("core = GET %s; extension = an endpoint doing the same through ItemsService.readByQuery. \"scan\": no index on status/views (full scan + sort); \"indexed\": `%s` present for both servers.\n\n", articlesQuery, createIndexSQL)
	printHeader()
	var why, floors []string
	for _, indexed := range []bool{false, true} {
		variant := "scan"
		if indexed {
			variant = "indexed"
			stmts := []string{createIndexSQL}
			if d.driver == "pgx" {
				stmts = append(stmts, `ANALYZE "articles"`) // PostgreSQL plans from statistics; both servers share them
			}
			if err := d.exec(ctx, stmts...); err != nil {
				return err
			}
		}
		if err := sameAnswers(dx, ds, core, ext); err != nil {
			return err
		}
		for _, route := range []struct {
			name string
			r    loadgen.Request
		}{{"core", core}, {"extension", ext}} {
			wait := cpuProfile(dx.pprofAddr, c.warmup, c.duration)
			m := measure(c, dx, route.r)
			prof, perr := wait()
			n := measure(c, ds, route.r)
			name := fmt.Sprintf("%s %s %s", d.label, variant, route.name)
			printRow("dxhost "+name, m, ratio(m.RPS, n.RPS)+" of Directus")
			printRow("Directus "+name, n, "1×")
			if perr == nil {
				why = append(why, fmt.Sprintf("- dxhost CPU under %s: %s", name, where(prof)))
				saveProfile(c, prof, fmt.Sprintf("%s-%s-%s", strings.ToLower(d.label), variant, route.name))
			}
		}
		f, err := sqlFloor(ctx, d.driver, d.dsns[len(d.dsns)-1], d.rebind(articlesSQL), 200)
		if err != nil {
			floors = append(floors, fmt.Sprintf("- %s %s: %v", d.label, variant, err))
		} else {
			floors = append(floors, fmt.Sprintf("- the SELECT alone (%s), run directly through %s by dxcompare (one connection, no HTTP, no JSON): %s CPU per query in dxcompare", variant, d.drvName, f))
		}
	}
	if err := d.exec(ctx, dropIndexSQL); err != nil {
		return err
	}
	fmt.Println()
	fmt.Println(strings.Join(why, "\n"))
	fmt.Println(strings.Join(floors, "\n"))
	fmt.Println()
	return nil
}

// sqlFloor is the CPU time of query run directly through driver on dsn, one connection, no HTTP:
// the part of a request no server on this driver can go below (for PostgreSQL: the client side only,
// the server's work is in another process).
func sqlFloor(ctx context.Context, driver, dsn, query string, runs int) (time.Duration, error) {
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return 0, fmt.Errorf("sql floor: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	once := func() error {
		rows, err := db.QueryContext(ctx, query, "published", 100)
		if err != nil {
			return err
		}
		defer rows.Close()
		var id, views int64
		var title, status string
		for rows.Next() {
			if err := rows.Scan(&id, &title, &status, &views); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	for range 10 {
		if err := once(); err != nil {
			return 0, fmt.Errorf("sql floor: %w", err)
		}
	}
	t0 := selfCPU()
	for range runs {
		if err := once(); err != nil {
			return 0, fmt.Errorf("sql floor: %w", err)
		}
	}
	return ((selfCPU() - t0) / time.Duration(runs)).Round(time.Microsecond), nil
}

// selfCPU is dxcompare's own user+system CPU time: on a shared machine the CPU a query costs is
// steadier than its wall time (dxcompare does nothing else while it times the floor).
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// saveProfile keeps a raw CPU profile in -profile-dir (when set) for `go tool pprof`.
func saveProfile(c config, p *profile.Profile, name string) {
	if c.profileDir == "" {
		return
	}
	f, err := os.Create(filepath.Join(c.profileDir, name+".pprof"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "dxcompare: saving profile:", err)
		return
	}
	defer f.Close()
	if err := p.Write(f); err != nil {
		fmt.Fprintln(os.Stderr, "dxcompare: saving profile:", err)
	}
}
