package systables

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/systables/password"
)

// Options say what Bootstrap seeds; OptionsFromEnv reads them from Directus's env names.
type Options struct {
	AdminEmail    string           // ADMIN_EMAIL; empty = "admin@example.com"
	AdminPassword string           // ADMIN_PASSWORD; empty = a generated one, returned once in Result
	AdminToken    string           // ADMIN_TOKEN: the admin's static token; empty = none
	ProjectName   string           // PROJECT_NAME: directus_settings.project_name when set
	SkipAdmin     bool             // like `directus bootstrap --skipAdminInit`: no admin role, policy or user
	Hash          password.Options // zero = password.Defaults (Directus's HASH_* defaults)
}

// OptionsFromEnv reads ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_TOKEN, PROJECT_NAME and HASH_* from an
// env map whose values are already cast (string, number, bool).
func OptionsFromEnv(env map[string]any) Options {
	str := func(k string) string { s, _ := env[k].(string); return s }
	return Options{
		AdminEmail: str("ADMIN_EMAIL"), AdminPassword: str("ADMIN_PASSWORD"),
		AdminToken: str("ADMIN_TOKEN"), ProjectName: str("PROJECT_NAME"),
		Hash: password.OptionsFromEnv(env),
	}
}

// Result tells what Bootstrap did.
type Result struct {
	AlreadyInstalled  bool   // the database had Directus's tables: nothing was changed
	AdminEmail        string // the admin created (empty with SkipAdmin or AlreadyInstalled)
	GeneratedPassword string // set only when no AdminPassword was given: print it once
	AdminUserID       string
	AdminRoleID       string
	AdminPolicyID     string
	Took              time.Duration
}

// PublicPolicyID is the fixed id Directus gives the public policy (migration 20240806A).
const PublicPolicyID = "abf8a154-5b1c-4a46-ac9c-7300570f4f17"

// Default admin rows of Directus's createAdmin (src/utils/create-admin.ts).
const (
	defaultAdminEmail     = "admin@example.com"
	adminName             = "Administrator"
	adminIcon             = "verified"
	adminDescription      = "$t:admin_description"
	defaultAdminFirstName = "Admin"
	defaultAdminLastName  = "User"
)

// Settings values migration 20260110A writes into the settings row (JSON.stringify'd arrays).
var defaultAllowedModels = map[string][]string{
	"ai_openai_allowed_models":    {"gpt-5.4-nano", "gpt-5.4-mini", "gpt-5.4"},
	"ai_anthropic_allowed_models": {"claude-haiku-4-5", "claude-sonnet-4-6"},
	"ai_google_allowed_models":    {"gemini-3-pro-preview", "gemini-3-flash-preview", "gemini-2.5-pro", "gemini-2.5-flash"},
}

// Bootstrap does what `directus bootstrap` does on an empty database: the system tables of 12.4.1,
// every migration recorded, the public policy and its access row, the settings row, and the first
// admin (role, policy, access, user). On a database Directus already installed it changes nothing
// and reports AlreadyInstalled (Directus would run its pending migrations; dxhost cannot).
//
// One difference from Directus 12.4.1 on purpose: Directus creates no admin when ADMIN_EMAIL or
// ADMIN_PASSWORD is missing; Bootstrap defaults the e-mail and generates a password (returned in
// Result.GeneratedPassword) so that a first start is usable. SkipAdmin gives Directus's behaviour.
func Bootstrap(ctx context.Context, d *db.DB, opts Options) (*Result, error) {
	start := time.Now()
	installed, err := Installed(ctx, d)
	if err != nil {
		return nil, err
	}
	if installed {
		return &Result{AlreadyInstalled: true, Took: time.Since(start)}, nil
	}
	seed, res, err := prepareSeed(opts)
	if err != nil {
		return nil, err
	}
	defer seed.wait() // never leave the hashing goroutine behind
	conn, err := d.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("systables: %w", err)
	}
	defer conn.Close()

	// Several dxhost instances may start at once on one database: the first to take the lock
	// installs, the others find the tables when they get it.
	if d.Client == db.ClientMySQL {
		// MySQL commits DDL implicitly: create the tables outside the seeding transaction, under a
		// named lock, with foreign-key checks off because tables reference tables created later.
		release, err := mysqlLock(ctx, conn)
		if err != nil {
			return nil, err
		}
		defer release()
		if installed, err := hasTable(ctx, conn, d.Client, "directus_collections"); err != nil {
			return nil, err
		} else if installed {
			return &Result{AlreadyInstalled: true, Took: time.Since(start)}, nil
		}
		if err := createMySQLTables(ctx, conn); err != nil {
			return nil, err
		}
	}
	// On SQLite the transaction begins IMMEDIATE (see services/db), which is the lock.
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("systables: %w", err)
	}
	defer tx.Rollback()
	if d.Client != db.ClientMySQL {
		if d.Client == db.ClientPostgres {
			if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", bootstrapLockID); err != nil {
				return nil, fmt.Errorf("systables: bootstrap lock: %w", err)
			}
		}
		if installed, err := hasTable(ctx, tx, d.Client, "directus_collections"); err != nil {
			return nil, err
		} else if installed {
			return &Result{AlreadyInstalled: true, Took: time.Since(start)}, nil
		}
		if err := createTables(ctx, tx, d.Client); err != nil {
			return nil, err
		}
	}
	err = seed.run(ctx, tx, d.Dialect())
	if err == nil {
		if err = tx.Commit(); err != nil {
			err = fmt.Errorf("systables: commit: %w", err)
		}
	}
	if err != nil {
		if d.Client == db.ClientMySQL {
			// The tables are committed already: remove them, or the next start would take the
			// half-made database for an installed one.
			tx.Rollback()
			dropPartialMySQL(conn)
		}
		return nil, err
	}
	res.Took = time.Since(start)
	return res, nil
}

// bootstrapLockID names the PostgreSQL advisory lock held while installing ("dxhost-bs").
const bootstrapLockID int64 = 0x6478686f73742d62

// mysqlLock takes a named lock for the install on conn; release gives it back.
func mysqlLock(ctx context.Context, conn *sql.Conn) (release func(), err error) {
	var got sql.NullInt64
	// MySQL's named locks are server-wide: name this database's.
	if err := conn.QueryRowContext(ctx, "SELECT GET_LOCK(CONCAT('dxhost_systables_bootstrap.', DATABASE()), 120)").Scan(&got); err != nil {
		return nil, fmt.Errorf("systables: bootstrap lock: %w", err)
	}
	if got.Int64 != 1 {
		return nil, fmt.Errorf("systables: bootstrap lock: another install held it for 120 s")
	}
	return func() {
		conn.ExecContext(context.Background(), "SELECT RELEASE_LOCK(CONCAT('dxhost_systables_bootstrap.', DATABASE()))")
	}, nil
}

func createMySQLTables(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, "SET FOREIGN_KEY_CHECKS = 0"); err != nil {
		return fmt.Errorf("systables: %w", err)
	}
	err := createTables(ctx, conn, db.ClientMySQL)
	if err != nil {
		dropPartialMySQL(conn)
	}
	if _, err2 := conn.ExecContext(ctx, "SET FOREIGN_KEY_CHECKS = 1"); err2 != nil && err == nil {
		err = fmt.Errorf("systables: %w", err2)
	}
	return err
}

var createTableName = regexp.MustCompile("^CREATE TABLE `([^`]+)`")

// dropPartialMySQL removes the system tables a failed MySQL install created, so that the database
// does not look installed. Best effort: the original error is what matters.
func dropPartialMySQL(conn *sql.Conn) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn.ExecContext(ctx, "SET FOREIGN_KEY_CHECKS = 0")
	defer conn.ExecContext(ctx, "SET FOREIGN_KEY_CHECKS = 1")
	stmts, _ := ddlStatements(db.ClientMySQL)
	for _, s := range stmts {
		if m := createTableName.FindStringSubmatch(s); m != nil {
			conn.ExecContext(ctx, "DROP TABLE IF EXISTS `"+m[1]+"`")
		}
	}
}

// seedRows holds everything Bootstrap inserts, decided before touching the database.
type seedRows struct {
	projectID     string
	projectName   string
	publicAccess  string
	skipAdmin     bool
	roleID        string
	policyID      string
	adminAccessID string
	userID        string
	email         string
	passwordHash  string
	hashErr       error
	hashDone      chan struct{} // closed when passwordHash/hashErr are set
	token         *string
}

func prepareSeed(opts Options) (*seedRows, *Result, error) {
	projectID, err := uuid.NewV7()
	if err != nil {
		return nil, nil, fmt.Errorf("systables: project id: %w", err)
	}
	s := &seedRows{projectID: projectID.String(), projectName: opts.ProjectName, publicAccess: uuid.NewString(), skipAdmin: opts.SkipAdmin}
	res := &Result{}
	if opts.SkipAdmin {
		return s, res, nil
	}
	s.roleID, s.policyID, s.adminAccessID, s.userID = uuid.NewString(), uuid.NewString(), uuid.NewString(), uuid.NewString()
	s.email = opts.AdminEmail
	if s.email == "" {
		s.email = defaultAdminEmail
	}
	pw := opts.AdminPassword
	if pw == "" {
		if pw, err = generatePassword(12); err != nil {
			return nil, nil, err
		}
		res.GeneratedPassword = pw
	}
	hashOpts := opts.Hash
	if hashOpts == (password.Options{}) {
		hashOpts = password.Defaults
	}
	// Hashing with Directus's costs (64 MiB, 3 passes) takes about as long as creating the tables:
	// do it meanwhile; run waits for it before it writes the user.
	s.hashDone = make(chan struct{})
	go func() {
		defer close(s.hashDone)
		s.passwordHash, s.hashErr = password.HashWith(pw, hashOpts)
	}()
	if opts.AdminToken != "" {
		t := opts.AdminToken
		s.token = &t
	}
	res.AdminEmail, res.AdminUserID, res.AdminRoleID, res.AdminPolicyID = s.email, s.userID, s.roleID, s.policyID
	return s, res, nil
}

// wait blocks until the password hash is ready (at once when there is no admin to create).
func (s *seedRows) wait() {
	if s.hashDone != nil {
		<-s.hashDone
	}
}

func (s *seedRows) run(ctx context.Context, tx *sql.Tx, d db.Dialect) error {
	exec := func(what, query string, args ...any) error {
		if _, err := tx.ExecContext(ctx, d.Rebind(query), args...); err != nil {
			return fmt.Errorf("systables: seeding %s: %w", what, err)
		}
		return nil
	}
	q := d.Quote
	// One statement for all migration rows: a round trip each would be most of the install time.
	migrations := Migrations()
	tuples := make([]string, len(migrations))
	margs := make([]any, 0, 2*len(migrations))
	for i, m := range migrations {
		tuples[i] = "(?, ?)"
		margs = append(margs, m.Version, m.Name)
	}
	if err := exec("directus_migrations", "INSERT INTO directus_migrations (version, name) VALUES "+strings.Join(tuples, ", "), margs...); err != nil {
		return err
	}
	if err := exec("public policy", "INSERT INTO directus_policies (id, name, icon, description, app_access) VALUES (?, ?, ?, ?, ?)",
		PublicPolicyID, "$t:public_label", "public", "$t:public_description", false); err != nil {
		return err
	}
	if err := exec("public access", "INSERT INTO directus_access (id, role, "+q("user")+", policy, sort) VALUES (?, NULL, NULL, ?, 1)",
		s.publicAccess, PublicPolicyID); err != nil {
		return err
	}
	models := make([]any, 0, 3)
	for _, k := range []string{"ai_openai_allowed_models", "ai_anthropic_allowed_models", "ai_google_allowed_models"} {
		b, _ := json.Marshal(defaultAllowedModels[k])
		models = append(models, string(b))
	}
	if err := exec("directus_settings", "INSERT INTO directus_settings (project_id, ai_openai_allowed_models, ai_anthropic_allowed_models, ai_google_allowed_models) VALUES (?, ?, ?, ?)",
		append([]any{s.projectID}, models...)...); err != nil {
		return err
	}
	if s.projectName != "" {
		if err := exec("project name", "UPDATE directus_settings SET project_name = ?", s.projectName); err != nil {
			return err
		}
	}
	if s.skipAdmin {
		return nil
	}
	s.wait()
	if s.hashErr != nil {
		return fmt.Errorf("systables: hashing the admin password: %w", s.hashErr)
	}
	if err := exec("admin role", "INSERT INTO directus_roles (id, name, icon, description) VALUES (?, ?, ?, ?)",
		s.roleID, adminName, adminIcon, adminDescription); err != nil {
		return err
	}
	if err := exec("admin policy", "INSERT INTO directus_policies (id, name, icon, description, admin_access, app_access) VALUES (?, ?, ?, ?, ?, ?)",
		s.policyID, adminName, adminIcon, adminDescription, true, true); err != nil {
		return err
	}
	if err := exec("admin access", "INSERT INTO directus_access (id, role, "+q("user")+", policy) VALUES (?, ?, NULL, ?)",
		s.adminAccessID, s.roleID, s.policyID); err != nil {
		return err
	}
	return exec("admin user", "INSERT INTO directus_users (id, first_name, last_name, email, password, status, token, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		s.userID, defaultAdminFirstName, defaultAdminLastName, s.email, s.passwordHash, "active", s.token, s.roleID)
}

// generatePassword makes a nanoid-style password (URL-safe alphabet) of n characters.
func generatePassword(n int) (string, error) {
	const alphabet = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict"
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("systables: generating a password: %w", err)
	}
	for i := range b {
		b[i] = alphabet[b[i]&63]
	}
	return string(b), nil
}
