package auth

import (
	"github.com/dxhost/dxhost/services/env"

	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/errs"
)

// Service answers every auth question against one database.
type Service struct {
	db      *db.DB
	dialect db.Dialect
	cfg     Config
	log     *logrus.Entry
	now     func() time.Time
	stmts   *stmtCache
	sql     statements
	// Hooks are the auth.* filter/action events; nil = no extensions listen.
	Hooks Hooks
}

// Hooks is the part of the emitter login and refresh call (auth.login filter/action, auth.jwt filter).
type Hooks interface {
	EmitFilter(ctx context.Context, events []string, payload any, meta map[string]any, evctx any) (any, error)
	EmitAction(events []string, meta map[string]any, evctx any)
}

// New returns the auth service over d. log may be nil.
func New(d *db.DB, cfg Config, log *logrus.Entry) *Service {
	if log == nil {
		log = logrus.NewEntry(logrus.StandardLogger())
	}
	if cfg.LoginAttempts == nil {
		cfg.LoginAttempts = NewMemoryLimiter()
	}
	return &Service{db: d, dialect: d.Dialect(), cfg: cfg, log: log, now: time.Now, stmts: &stmtCache{db: d.DB}, sql: newStatements(d.Dialect())}
}

// Now is the service's clock.
func (s *Service) Now() time.Time { return s.now() }

// SetClock replaces the clock (tests replaying recorded tokens).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// Config is the service's configuration.
func (s *Service) Config() Config { return s.cfg }

// Accountability is getAccountabilityForToken: it completes base (the default accountability of
// the request: role, user, roles, admin, app, ip, userAgent?, origin?) from token. An empty token
// leaves base as it is (the public caller). Errors are Directus errors: INVALID_CREDENTIALS (401),
// TOKEN_EXPIRED (401), INVALID_TOKEN (403).
func (s *Service) Accountability(ctx context.Context, token string, base map[string]any) (map[string]any, error) {
	acc := base
	if acc == nil {
		acc = DefaultAccountability(nil)
	}
	if token == "" {
		return acc, nil
	}
	if IsDirectusJWT(token) {
		claims, err := VerifyAccessJWT(token, s.cfg.Secret, s.now())
		if err != nil {
			return nil, err
		}
		if session, ok := claims["session"]; ok {
			oauthClient, err := s.verifySession(ctx, claims)
			if err != nil {
				return nil, err
			}
			acc["session"] = session
			if oauthClient != nil {
				acc["oauth"] = oauthAccountability(*oauthClient, claims)
			}
		}
		if share := claims["share"]; env.Truthy(share) {
			acc["share"] = share
		}
		if id := claims["id"]; env.Truthy(id) {
			acc["user"] = id
		}
		acc["role"] = claims["role"]
		return acc, s.completeAccess(ctx, acc)
	}
	return s.staticTokenAccountability(ctx, token, acc)
}

// staticTokenAccountability completes acc from a static token in one read: the user, its own role
// row and the policies attached to that role or to the user (one row per policy, one row with null
// policy columns when there are none). Only a role with parents needs more reads: the rest of the
// tree, and the policies of those roles.
func (s *Service) staticTokenAccountability(ctx context.Context, token string, acc map[string]any) (map[string]any, error) {
	rows, err := s.stmts.QueryxContext(ctx, s.sql.staticToken, token, "active")
	if err != nil {
		return nil, fmt.Errorf("auth: reading the static token's user: %w", err)
	}
	defer rows.Close()
	var (
		found                bool
		id                   string
		role, roleID, parent sql.NullString
		admin, app, ipAccess any
		access               GlobalAccess
	)
	ip, _ := acc["ip"].(string)
	for rows.Next() {
		if err := rows.Scan(&id, &role, &roleID, &parent, &admin, &app, &ipAccess); err != nil {
			return nil, fmt.Errorf("auth: reading the static token's user: %w", err)
		}
		found = true
		if access.Admin {
			continue // nothing adds to admin access; the rows only repeat the user
		}
		if err := access.add(admin, app, ipAccess, ip); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("auth: reading the static token's user: %w", err)
	}
	if !found {
		return nil, errs.InvalidCredentials()
	}
	acc["user"] = id
	acc["role"] = nil
	if role.Valid {
		acc["role"] = role.String
	}
	roles := []any{}
	if roleID.Valid {
		roles = []any{roleID.String}
		if parent.Valid && parent.String != "" {
			if roles, err = rolesTreeFrom(ctx, s.stmts, s.dialect, roles, parent.String); err != nil {
				return nil, err
			}
			// The ancestors' policies (the own role's and the user's were read above).
			inherited, err := FetchGlobalAccess(ctx, s.stmts, s.dialect, roles[:len(roles)-1], nil, false, acc["ip"])
			if err != nil {
				return nil, err
			}
			access.Admin = access.Admin || inherited.Admin
			access.App = access.App || inherited.App
		}
	}
	acc["roles"] = roles
	acc["admin"], acc["app"] = access.Admin, access.App
	return acc, nil
}

// completeAccess sets roles, admin and app from the database (the JWT's claims are informational):
// the role row and the policies of the role and of the user in one read, as for a static token.
func (s *Service) completeAccess(ctx context.Context, acc map[string]any) error {
	role := idString(acc["role"])
	if role == "" {
		return s.globalAccess(ctx, acc, []any{})
	}
	var user any // NULL: no policy row matches it
	if u, hasUser := acc["user"]; hasUser && idString(u) != "" {
		user = idString(u)
	}
	rows, err := s.stmts.QueryxContext(ctx, s.sql.roleAccess, user, role)
	if err != nil {
		return fmt.Errorf("auth: reading role %s: %w", role, err)
	}
	defer rows.Close()
	var (
		found                bool
		roleID               string
		parent               sql.NullString
		admin, app, ipAccess any
		access               GlobalAccess
	)
	ip, _ := acc["ip"].(string)
	for rows.Next() {
		if err := rows.Scan(&roleID, &parent, &admin, &app, &ipAccess); err != nil {
			return fmt.Errorf("auth: reading role %s: %w", role, err)
		}
		found = true
		if access.Admin {
			continue
		}
		if err := access.add(admin, app, ipAccess, ip); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("auth: reading role %s: %w", role, err)
	}
	if !found { // no such role: the user's own policies count
		return s.globalAccess(ctx, acc, []any{})
	}
	roles := []any{roleID}
	if parent.Valid && parent.String != "" {
		if roles, err = rolesTreeFrom(ctx, s.stmts, s.dialect, roles, parent.String); err != nil {
			return err
		}
		inherited, err := FetchGlobalAccess(ctx, s.stmts, s.dialect, roles[:len(roles)-1], nil, false, acc["ip"])
		if err != nil {
			return err
		}
		access.Admin = access.Admin || inherited.Admin
		access.App = access.App || inherited.App
	}
	acc["roles"] = roles
	acc["admin"], acc["app"] = access.Admin, access.App
	return nil
}

// globalAccess sets roles, admin and app.
func (s *Service) globalAccess(ctx context.Context, acc map[string]any, roles []any) error {
	acc["roles"] = roles
	user, hasUser := acc["user"]
	access, err := FetchGlobalAccess(ctx, s.stmts, s.dialect, roles, user, hasUser, acc["ip"])
	if err != nil {
		return err
	}
	acc["admin"], acc["app"] = access.Admin, access.App
	return nil
}

// verifySession is verifySessionJWT: the session row behind a session-mode JWT must exist for the
// same user/share and not be expired. It returns the row's oauth_client.
func (s *Service) verifySession(ctx context.Context, claims map[string]any) (*string, error) {
	d := s.dialect
	where := []string{d.Quote("token") + ` = ?`}
	args := []any{claimValue(claims["session"])}
	for _, k := range []string{"user", "share"} {
		claim := "id"
		if k == "share" {
			claim = "share"
		}
		if v := claims[claim]; env.Truthy(v) {
			where = append(where, d.Quote(k)+` = ?`)
			args = append(args, claimValue(v))
		} else {
			where = append(where, d.Quote(k)+` IS NULL`)
		}
	}
	where = append(where, d.Quote("expires")+` >= ?`)
	args = append(args, s.dbTime(s.now()))
	var oauth sql.NullString
	q := `SELECT ` + d.Quote("oauth_client") + ` FROM ` + d.Quote("directus_sessions") + ` WHERE ` + joinAnd(where)
	err := s.stmts.QueryRowxContext(ctx, d.Rebind(q), args...).Scan(&oauth)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.InvalidCredentials()
	}
	if err != nil {
		return nil, fmt.Errorf("auth: reading the session: %w", err)
	}
	if !oauth.Valid {
		return nil, nil
	}
	return &oauth.String, nil
}

// claimValue binds a claim the way knex binds a JS value: strings as they are, numbers as numbers;
// objects cannot match a varchar column, so they become a value no row has.
func claimValue(v any) any {
	switch x := v.(type) {
	case string, float64, bool:
		return x
	}
	return fmt.Sprint(v)
}

// oauthAccountability is accountability.oauth for an MCP OAuth session.
func oauthAccountability(client string, claims map[string]any) map[string]any {
	aud := []any{}
	switch a := claims["aud"].(type) {
	case []any:
		aud = a
	default:
		if env.Truthy(a) {
			aud = []any{fmt.Sprint(a)}
		}
	}
	scopes := []any{}
	if sc, ok := claims["scope"].(string); ok {
		for _, f := range strings.Fields(sc) {
			scopes = append(scopes, f)
		}
	}
	return map[string]any{"client": client, "scopes": scopes, "aud": aud}
}

// DefaultAccountability is createDefaultAccountability with the given ip (nil = unknown).
func DefaultAccountability(ip any) map[string]any {
	return map[string]any{"role": nil, "user": nil, "roles": []any{}, "admin": false, "app": false, "ip": ip}
}

// dbTime is how knex binds a JS Date on this database: SQLite stores milliseconds since the epoch
// (node-sqlite3 binds a Date as its getTime()), the others a timestamp.
func (s *Service) dbTime(t time.Time) any {
	if s.db.Client == db.ClientSQLite {
		return t.UnixMilli()
	}
	return t
}

func joinAnd(parts []string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += " AND "
		}
		out += p
	}
	return out
}
