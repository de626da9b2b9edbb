package systables_test

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/db/dbtest"
	"github.com/dxhost/dxhost/services/systables"
	"github.com/dxhost/dxhost/services/systables/internal/layout"
	"github.com/dxhost/dxhost/services/systables/password"
	"github.com/dxhost/dxhost/services/systables/systablestest"
)

// Recording the reference (run against databases the real Directus 12.4.1 bootstrapped, see
// testdata/README.md):
//
//	go test ./services/systables -run TestRecord -record-env='{"DB_CLIENT":"pg",...}'
var recordEnv = flag.String("record-env", "", "JSON DB_* env of a database the real Directus bootstrapped: write its layout and rows to testdata/<client>/")

func TestRecord(t *testing.T) {
	if *recordEnv == "" {
		t.Skip("recording only with -record-env")
	}
	var env map[string]any
	if err := json.Unmarshal([]byte(*recordEnv), &env); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	d, err := db.Open(ctx, env)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	l, err := layout.Describe(ctx, d, "directus_")
	if err != nil {
		t.Fatal(err)
	}
	writeJSON(t, filepath.Join("testdata", d.Client, "layout.json"), l)
	writeJSON(t, filepath.Join("testdata", d.Client, "rows.json"), seededRows(t, d))
}

// TestBootstrapMatchesDirectus bootstraps an empty database of each client and compares its tables
// and first rows with those of a database the real Directus 12.4.1 bootstrapped (testdata).
func TestBootstrapMatchesDirectus(t *testing.T) {
	for _, client := range dbtest.Clients {
		t.Run(client, func(t *testing.T) {
			d := dbtest.Open(t, client)
			ctx := context.Background()
			opts := systables.Options{AdminEmail: "admin@example.com", AdminPassword: "admin-password"}
			if client != db.ClientSQLite {
				// Directus's argon2 costs are slow under -race: SQLite checks them end to end, the
				// others hash cheaply (the rows below compare the hash's form, not its costs).
				opts.Hash = systablestest.CheapHash
			}
			res, err := systables.Bootstrap(ctx, d, opts)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s bootstrap took %v", client, res.Took)
			if res.AlreadyInstalled || res.GeneratedPassword != "" || res.AdminUserID == "" {
				t.Fatalf("result %+v", res)
			}
			got, err := layout.Describe(ctx, d, "directus_")
			if err != nil {
				t.Fatal(err)
			}
			var want layout.Layout
			readJSON(t, filepath.Join("testdata", client, "layout.json"), &want)
			compareLayouts(t, got, want)

			var wantRows map[string][]map[string]string
			readJSON(t, filepath.Join("testdata", client, "rows.json"), &wantRows)
			gotRows := seededRows(t, d)
			for table, rows := range wantRows {
				if !reflect.DeepEqual(gotRows[table], rows) {
					g, _ := json.MarshalIndent(gotRows[table], "", " ")
					w, _ := json.MarshalIndent(rows, "", " ")
					t.Errorf("rows of %s differ from Directus's\n got: %s\nwant: %s", table, g, w)
				}
			}

			if client == db.ClientSQLite {
				var hash string
				if err := d.Get(&hash, "SELECT password FROM directus_users"); err != nil {
					t.Fatal(err)
				}
				// node-argon2's defaults, as in the hash the real bootstrap wrote (password tests).
				if !strings.HasPrefix(hash, "$argon2id$v=19$m=65536,t=3,p=4$") {
					t.Errorf("admin hash %q lacks Directus's argon2 costs", hash)
				}
			}

			// The seeded rows point at each other as Directus's do.
			var links struct {
				UserRole   string `db:"user_role"`
				AccessRole string `db:"access_role"`
				Policy     string `db:"policy"`
			}
			linkQuery := `SELECT u.role AS user_role, a.role AS access_role, a.policy AS policy
				FROM directus_users u JOIN directus_access a ON a.role = u.role`
			if err := d.Get(&links, linkQuery); err != nil {
				t.Fatal(err)
			}
			if links.UserRole != res.AdminRoleID || links.Policy != res.AdminPolicyID {
				t.Errorf("admin links %+v, result %+v", links, res)
			}

			installed, err := systables.Installed(ctx, d)
			if err != nil || !installed {
				t.Fatalf("Installed after bootstrap = %v, %v", installed, err)
			}
			missing, err := systables.MissingMigrations(ctx, d)
			if err != nil || len(missing) != 0 {
				t.Fatalf("MissingMigrations = %v, %v", missing, err)
			}
			again, err := systables.Bootstrap(ctx, d, systables.Options{})
			if err != nil || !again.AlreadyInstalled {
				t.Fatalf("second Bootstrap = %+v, %v; want AlreadyInstalled", again, err)
			}
		})
	}
}

func TestInstalledAndMissingMigrations(t *testing.T) {
	d := dbtest.Open(t, db.ClientSQLite)
	ctx := context.Background()
	if installed, err := systables.Installed(ctx, d); err != nil || installed {
		t.Fatalf("empty database: Installed = %v, %v", installed, err)
	}
	if _, err := systables.Bootstrap(ctx, d, systables.Options{SkipAdmin: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Exec("DELETE FROM directus_migrations WHERE version IN ('20260909A', '20201028A')"); err != nil {
		t.Fatal(err)
	}
	missing, err := systables.MissingMigrations(ctx, d)
	if err != nil || !reflect.DeepEqual(missing, []string{"20201028A", "20260909A"}) {
		t.Fatalf("MissingMigrations = %v, %v", missing, err)
	}
	if n := len(systables.Migrations()); n != 109 {
		t.Fatalf("%d migrations, Directus 12.4.1 has 109", n)
	}
}

func TestBootstrapOptions(t *testing.T) {
	d := dbtest.Open(t, db.ClientSQLite)
	ctx := context.Background()
	res, err := systables.Bootstrap(ctx, d, systables.Options{AdminToken: "static-token", ProjectName: "My project",
		Hash: password.Options{MemoryCost: 1024, TimeCost: 1, Parallelism: 1, HashLength: 32, Type: password.TypeArgon2id}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.GeneratedPassword) != 12 || res.AdminEmail != "admin@example.com" {
		t.Fatalf("result %+v: want a 12-character generated password and the default e-mail", res)
	}
	var u struct {
		Email    string  `db:"email"`
		Password string  `db:"password"`
		Token    *string `db:"token"`
	}
	if err := d.Get(&u, "SELECT email, password, token FROM directus_users"); err != nil {
		t.Fatal(err)
	}
	if ok, err := password.Verify(u.Password, res.GeneratedPassword); err != nil || !ok {
		t.Fatalf("generated password does not verify against the stored hash: %v", err)
	}
	if !strings.HasPrefix(u.Password, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Fatalf("hash %q ignores the HASH_* options", u.Password)
	}
	if u.Token == nil || *u.Token != "static-token" {
		t.Fatalf("token = %v", u.Token)
	}
	var name string
	if err := d.Get(&name, "SELECT project_name FROM directus_settings"); err != nil || name != "My project" {
		t.Fatalf("project_name = %q, %v", name, err)
	}

	skip := dbtest.Open(t, db.ClientSQLite)
	if _, err := systables.Bootstrap(ctx, skip, systables.Options{SkipAdmin: true}); err != nil {
		t.Fatal(err)
	}
	var users, roles int
	skip.Get(&users, "SELECT count(*) FROM directus_users")
	skip.Get(&roles, "SELECT count(*) FROM directus_roles")
	if users != 0 || roles != 0 {
		t.Fatalf("SkipAdmin created %d users, %d roles", users, roles)
	}
}

func TestOptionsFromEnv(t *testing.T) {
	o := systables.OptionsFromEnv(map[string]any{"ADMIN_EMAIL": "a@b.c", "ADMIN_PASSWORD": "pw", "ADMIN_TOKEN": "tok",
		"PROJECT_NAME": "P", "HASH_MEMORY_COST": 4096.0, "HASH_TIME_COST": 2.0, "HASH_PARALLELISM": 2.0})
	want := systables.Options{AdminEmail: "a@b.c", AdminPassword: "pw", AdminToken: "tok", ProjectName: "P",
		Hash: password.Options{MemoryCost: 4096, TimeCost: 2, Parallelism: 2, HashLength: 32, Type: password.TypeArgon2id, SaltLength: 16}}
	if !reflect.DeepEqual(o, want) {
		t.Fatalf("OptionsFromEnv = %+v, want %+v", o, want)
	}
}

// BenchmarkBootstrapSQLite measures a fresh SQLite bootstrap (Directus 12.4.1: about 20 s), with
// the admin's password hashed at Directus's argon2 costs.
func BenchmarkBootstrapSQLite(b *testing.B) {
	benchmarkBootstrap(b, systables.Options{AdminPassword: "admin-password"})
}

// BenchmarkBootstrapSQLiteNoAdmin is the same without the admin (and so without argon2).
func BenchmarkBootstrapSQLiteNoAdmin(b *testing.B) {
	benchmarkBootstrap(b, systables.Options{SkipAdmin: true})
}

func benchmarkBootstrap(b *testing.B, opts systables.Options) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		env := map[string]any{"DB_CLIENT": "sqlite3", "DB_FILENAME": filepath.Join(b.TempDir(), "data.db")}
		d, err := db.Open(ctx, env)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := systables.Bootstrap(ctx, d, opts); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		d.Close()
	}
}

func compareLayouts(t *testing.T, got, want layout.Layout) {
	t.Helper()
	names := map[string]bool{}
	for n := range got {
		names[n] = true
	}
	for n := range want {
		names[n] = true
	}
	sorted := make([]string, 0, len(names))
	for n := range names {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	for _, n := range sorted {
		g, w := got[n], want[n]
		switch {
		case g == nil:
			t.Errorf("table %s missing", n)
		case w == nil:
			t.Errorf("table %s is not one of Directus's", n)
		default:
			for _, diff := range diffLines("columns", g.Columns, w.Columns) {
				t.Errorf("%s: %s", n, diff)
			}
			for _, diff := range diffLines("constraint", g.Constraints, w.Constraints) {
				t.Errorf("%s: %s", n, diff)
			}
			for _, diff := range diffLines("index", g.Indexes, w.Indexes) {
				t.Errorf("%s: %s", n, diff)
			}
		}
	}
}

func diffLines(what string, got, want []string) []string {
	if reflect.DeepEqual(got, want) {
		return nil
	}
	var out []string
	in := func(s string, list []string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	}
	for _, g := range got {
		if !in(g, want) {
			out = append(out, fmt.Sprintf("extra %s: %s", what, g))
		}
	}
	for _, w := range want {
		if !in(w, got) {
			out = append(out, fmt.Sprintf("missing %s: %s", what, w))
		}
	}
	if len(out) == 0 {
		out = append(out, fmt.Sprintf("%s in another order:\n got %q\nwant %q", what, got, want))
	}
	return out
}

var (
	uuidPattern  = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-([0-9a-f])[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	argonPattern = regexp.MustCompile(`^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`)
)

// seededRows reads the rows bootstrap writes, with what differs by nature between two bootstraps
// (random UUIDs, salts, times) replaced by a description of its form.
func seededRows(t *testing.T, d *db.DB) map[string][]map[string]string {
	t.Helper()
	out := map[string][]map[string]string{}
	for _, table := range []string{"directus_roles", "directus_policies", "directus_access", "directus_users", "directus_settings", "directus_migrations"} {
		rows, err := d.Queryx("SELECT * FROM " + table)
		if err != nil {
			t.Fatal(err)
		}
		var list []map[string]string
		for rows.Next() {
			m := map[string]any{}
			if err := rows.MapScan(m); err != nil {
				t.Fatal(err)
			}
			row := map[string]string{}
			for k, v := range m {
				row[k] = normalise(table, k, v)
			}
			list = append(list, row)
		}
		rows.Close()
		sort.Slice(list, func(i, j int) bool {
			a, _ := json.Marshal(list[i])
			b, _ := json.Marshal(list[j])
			return string(a) < string(b)
		})
		out[table] = list
	}
	return out
}

func normalise(table, col string, v any) string {
	var s string
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		s = string(x)
	case time.Time:
		return "<time>"
	default:
		s = fmt.Sprint(x)
	}
	if m := uuidPattern.FindStringSubmatch(s); m != nil && s != systables.PublicPolicyID {
		return "<uuid v" + m[1] + ">"
	}
	if argonPattern.MatchString(s) {
		return "$argon2id$v=19$<costs>$<salt>$<hash>"
	}
	if table == "directus_migrations" && col == "timestamp" {
		return "<time>" // SQLite returns the CURRENT_TIMESTAMP text
	}
	return s
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reference recording: %v", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// TestConcurrentBootstrap starts several installs on one empty database at once, as several dxhost
// instances starting together would: exactly one installs, the others find it installed.
func TestConcurrentBootstrap(t *testing.T) {
	for _, client := range dbtest.Clients {
		t.Run(client, func(t *testing.T) {
			env := dbtest.Env(t, client)
			ctx := context.Background()
			const instances = 3
			type outcome struct {
				res *systables.Result
				err error
			}
			out := make(chan outcome, instances)
			for i := 0; i < instances; i++ {
				go func() {
					d, err := db.Open(ctx, env)
					if err != nil {
						out <- outcome{nil, err}
						return
					}
					defer d.Close()
					res, err := systables.Bootstrap(ctx, d, systables.Options{SkipAdmin: true})
					out <- outcome{res, err}
				}()
			}
			installs := 0
			for i := 0; i < instances; i++ {
				o := <-out
				if o.err != nil {
					t.Fatalf("concurrent Bootstrap: %v", o.err)
				}
				if !o.res.AlreadyInstalled {
					installs++
				}
			}
			if installs != 1 {
				t.Fatalf("%d instances installed, want exactly 1", installs)
			}
		})
	}
}

// TestBootstrapInSearchPathSchema installs into the first schema of DB_SEARCH_PATH, where Directus
// (knex searchPath) would look for its tables.
func TestBootstrapInSearchPathSchema(t *testing.T) {
	env := dbtest.Env(t, db.ClientPostgres)
	ctx := context.Background()
	setup, err := db.Open(ctx, env)
	if err != nil {
		t.Fatal(err)
	}
	defer setup.Close()
	if _, err := setup.Exec(`CREATE SCHEMA tenant`); err != nil {
		t.Fatal(err)
	}
	env["DB_SEARCH_PATH"] = []any{"tenant"}
	d, err := db.Open(ctx, env)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := systables.Bootstrap(ctx, d, systables.Options{SkipAdmin: true}); err != nil {
		t.Fatal(err)
	}
	var inTenant, inPublic int
	setup.Get(&inTenant, `SELECT count(*) FROM information_schema.tables WHERE table_schema = 'tenant' AND table_name LIKE 'directus\_%'`)
	setup.Get(&inPublic, `SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 'directus\_%'`)
	if inTenant != 33 || inPublic != 0 {
		t.Fatalf("system tables: %d in tenant, %d in public; want 33 and 0", inTenant, inPublic)
	}
	if installed, err := systables.Installed(ctx, d); err != nil || !installed {
		t.Fatalf("Installed = %v, %v", installed, err)
	}
}

// TestFailedMySQLInstallLeavesNoTables: MySQL commits DDL at once, so a failure while seeding
// must remove the tables, or the next start would take the database for an installed one.
func TestFailedMySQLInstallLeavesNoTables(t *testing.T) {
	d := dbtest.Open(t, db.ClientMySQL)
	ctx := context.Background()
	_, err := systables.Bootstrap(ctx, d, systables.Options{AdminEmail: strings.Repeat("x", 200) + "@example.com", AdminPassword: "pw",
		Hash: password.Options{MemoryCost: 64, TimeCost: 1, Parallelism: 1, HashLength: 32, Type: password.TypeArgon2id}})
	if err == nil {
		t.Fatal("an e-mail longer than varchar(128) was accepted")
	}
	var n int
	if err := d.Get(&n, "SELECT count(*) FROM information_schema.tables WHERE table_schema = database()"); err != nil || n != 0 {
		t.Fatalf("%d tables left after the failed install (%v)", n, err)
	}
	if installed, _ := systables.Installed(ctx, d); installed {
		t.Fatal("the database looks installed")
	}
}

// TestDirectusDatabaseUsedAsIs opens a SQLite database the real Directus 12.4.1 bootstrapped:
// it is recognised as installed, complete, and Bootstrap leaves its tables and rows untouched.
func TestDirectusDatabaseUsedAsIs(t *testing.T) {
	filename := filepath.Join(t.TempDir(), "directus.db")
	gz, err := os.Open(filepath.Join("testdata", "sqlite3", "directus-bootstrapped.db.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer gz.Close()
	r, err := gzip.NewReader(gz)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filename)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(f, r); err != nil {
		t.Fatal(err)
	}
	f.Close()

	ctx := context.Background()
	d, err := db.Open(ctx, map[string]any{"DB_CLIENT": "sqlite3", "DB_FILENAME": filename})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	before, err := layout.Describe(ctx, d, "")
	if err != nil {
		t.Fatal(err)
	}
	rowsBefore := seededRows(t, d)
	if installed, err := systables.Installed(ctx, d); err != nil || !installed {
		t.Fatalf("Installed = %v, %v", installed, err)
	}
	if missing, err := systables.MissingMigrations(ctx, d); err != nil || len(missing) != 0 {
		t.Fatalf("MissingMigrations = %v, %v", missing, err)
	}
	res, err := systables.Bootstrap(ctx, d, systables.Options{AdminPassword: "x"})
	if err != nil || !res.AlreadyInstalled {
		t.Fatalf("Bootstrap = %+v, %v; want AlreadyInstalled", res, err)
	}
	after, err := layout.Describe(ctx, d, "")
	if err != nil {
		t.Fatal(err)
	}
	compareLayouts(t, after, before)
	if !reflect.DeepEqual(seededRows(t, d), rowsBefore) {
		t.Fatal("Bootstrap changed the rows of an installed database")
	}
	var hash string
	if err := d.Get(&hash, "SELECT password FROM directus_users WHERE email = 'admin@example.com'"); err != nil {
		t.Fatal(err)
	}
	if ok, err := password.Verify(hash, "admin-password"); err != nil || !ok {
		t.Fatalf("the admin's Directus-made hash does not verify: %v", err)
	}
}
