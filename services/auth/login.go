package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/items"
	"github.com/dxhost/dxhost/services/systables/password"
)

// DefaultProvider is the name of Directus's built-in local provider.
const DefaultProvider = "default"

// LoginResult is what AuthenticationService.login/refresh return: the access JWT, the refresh
// token (the session token in session mode), the access TTL in ms and the user id (nil for shares).
type LoginResult struct {
	AccessToken  string
	RefreshToken string
	Expires      any // getMilliseconds(TTL): a number, or nil when the TTL is not a duration
	ID           any
}

// LoginOptions are login's options: session mode and the one-time password.
type LoginOptions struct {
	Session bool
	OTP     *string
}

// Login is AuthenticationService.login with the local provider: payload is the request body
// ({email, password, ...}); acc is the caller's default accountability (ip, userAgent, origin),
// nil when called without one (no activity rows then). Every outcome takes at least
// LOGIN_STALL_TIME, so timing does not tell which step failed.
func (s *Service) Login(ctx context.Context, payload map[string]any, opts LoginOptions, acc map[string]any) (*LoginResult, error) {
	start := time.Now()
	res, err := s.login(ctx, payload, opts, acc)
	s.stall(ctx, start)
	return res, err
}

// Stall waits until LOGIN_STALL_TIME has passed since start (Directus's stall()).
func (s *Service) Stall(ctx context.Context, start time.Time) { s.stall(ctx, start) }

func (s *Service) stall(ctx context.Context, start time.Time) {
	s.stallFor(ctx, start, millis(s.cfg.LoginStall))
}

type loginUser struct {
	ID        string         `db:"id"`
	Email     sql.NullString `db:"email"`
	Password  sql.NullString `db:"password"`
	Status    string         `db:"status"`
	Role      sql.NullString `db:"role"`
	TFASecret sql.NullString `db:"tfa_secret"`
	Provider  string         `db:"provider"`
}

func (s *Service) login(ctx context.Context, payload map[string]any, opts LoginOptions, acc map[string]any) (*LoginResult, error) {
	d := s.dialect
	emitFail := func(user any, err error) { s.emitLogin("fail", payload, user, err, acc) }

	email, _ := payload["email"].(string)
	if email == "" {
		err := errs.InvalidCredentials()
		emitFail(nil, err)
		return nil, err
	}
	var userID string
	err := s.db.QueryRowxContext(ctx, d.Rebind(`SELECT `+d.Quote("id")+` FROM `+d.Quote("directus_users")+
		` WHERE LOWER(`+d.Quote("email")+`) = ?`), strings.ToLower(email)).Scan(&userID)
	if errors.Is(err, sql.ErrNoRows) {
		e := errs.InvalidCredentials()
		emitFail(nil, e)
		return nil, e
	}
	if err != nil {
		return nil, fmt.Errorf("auth: looking up the login e-mail: %w", err)
	}
	var u loginUser
	err = s.db.QueryRowxContext(ctx, d.Rebind(`SELECT `+quoteList(d.Quote, "id", "email", "password", "status", "role", "tfa_secret", "provider")+
		` FROM `+d.Quote("directus_users")+` WHERE `+d.Quote("id")+` = ?`), userID).StructScan(&u)
	if err != nil {
		return nil, fmt.Errorf("auth: reading the login user: %w", err)
	}
	if s.Hooks != nil {
		out, err := s.Hooks.EmitFilter(ctx, []string{"auth.login"}, payload,
			map[string]any{"status": "pending", "user": u.ID, "provider": DefaultProvider}, s.hookContext(acc))
		if err != nil {
			return nil, err
		}
		if m, ok := out.(map[string]any); ok {
			payload = m
		}
	}
	if u.Status != "active" || u.Provider != DefaultProvider {
		e := errs.InvalidCredentials()
		emitFail(u.ID, e)
		return nil, e
	}
	allowed, limited, err := s.loginAttemptsAllowed(ctx)
	if err != nil {
		return nil, err
	}
	if limited {
		n, err := s.cfg.LoginAttempts.Consume(ctx, u.ID)
		if err != nil {
			return nil, errs.ServiceUnavailable("authentication", "Rate limiter unreachable")
		}
		if n > allowed {
			if err := s.suspend(ctx, u.ID, acc); err != nil {
				return nil, err
			}
			u.Status = "suspended"
			_ = s.cfg.LoginAttempts.Reset(ctx, u.ID)
		}
	}
	pw, _ := payload["password"].(string)
	if !u.Password.Valid || u.Password.String == "" {
		e := errs.InvalidCredentials()
		emitFail(u.ID, e)
		return nil, e
	}
	ok, err := password.Verify(u.Password.String, pw)
	if err != nil {
		// node-argon2 throws on a hash it cannot read; Directus answers that with a 500.
		s.log.WithField("user", u.ID).Error("auth: the stored password hash cannot be verified")
		emitFail(u.ID, err)
		return nil, errs.Internal(fmt.Errorf("auth: verifying the password hash of user %s: %w", u.ID, err))
	}
	if !ok {
		e := errs.InvalidCredentials()
		emitFail(u.ID, e)
		return nil, e
	}
	if u.TFASecret.Valid && u.TFASecret.String != "" {
		if opts.OTP == nil || *opts.OTP == "" || !VerifyTOTP(u.TFASecret.String, *opts.OTP, s.now()) {
			e := errs.InvalidOTP()
			emitFail(u.ID, e)
			return nil, e
		}
	}
	roles, err := RolesTree(ctx, s.db, d, nullable(u.Role))
	if err != nil {
		return nil, err
	}
	access, err := FetchGlobalAccess(ctx, s.db, d, roles, u.ID, true, ipOf(acc))
	if err != nil {
		return nil, err
	}
	claims := &Claims{}
	claims.Set("id", u.ID)
	claims.Set("role", nullable(u.Role))
	claims.Set("app_access", access.App)
	claims.Set("admin_access", access.Admin)
	if !u.TFASecret.Valid || u.TFASecret.String == "" {
		enforce, err := s.roleEnforcesTFA(ctx, u.ID)
		if err != nil {
			return nil, err
		}
		if enforce {
			claims.Set("enforce_tfa", true)
		}
	}
	refresh := randomString(64)
	now := s.now()
	if opts.Session {
		claims.Set("session", refresh)
	}
	claims, err = s.filterClaims(ctx, claims, map[string]any{"status": "pending", "user": u.ID, "provider": DefaultProvider, "type": "login"}, acc)
	if err != nil {
		return nil, err
	}
	ttl := s.cfg.AccessTokenTTL
	if opts.Session {
		ttl = s.cfg.SessionTTL
	}
	token, err := SignAccessJWT(claims, s.cfg.Secret, ttl, now)
	if err != nil {
		return nil, err
	}
	expires := now.Add(millis(s.cfg.RefreshTokenTTL))
	if _, err := s.db.ExecContext(ctx, d.Rebind(`INSERT INTO `+d.Quote("directus_sessions")+` (`+
		quoteList(d.Quote, "token", "user", "expires", "ip", "user_agent", "origin")+`) VALUES (?, ?, ?, ?, ?, ?)`),
		refresh, u.ID, s.dbTime(expires), ipOf(acc), strOrNil(acc, "userAgent"), strOrNil(acc, "origin")); err != nil {
		return nil, fmt.Errorf("auth: creating the session: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, d.Rebind(`DELETE FROM `+d.Quote("directus_sessions")+` WHERE `+d.Quote("expires")+` < ?`), s.dbTime(s.now())); err != nil {
		return nil, fmt.Errorf("auth: deleting expired sessions: %w", err)
	}
	if acc != nil {
		if err := s.activity(ctx, "login", u.ID, acc); err != nil {
			return nil, err
		}
	}
	if _, err := s.db.ExecContext(ctx, d.Rebind(`UPDATE `+d.Quote("directus_users")+` SET `+d.Quote("last_access")+` = ? WHERE `+d.Quote("id")+` = ?`),
		s.dbTime(s.now()), u.ID); err != nil {
		return nil, fmt.Errorf("auth: updating last_access: %w", err)
	}
	s.emitLogin("success", payload, u.ID, nil, acc)
	if limited {
		_ = s.cfg.LoginAttempts.Reset(ctx, u.ID)
	}
	return &LoginResult{AccessToken: token, RefreshToken: refresh, Expires: msOrNil(ttl), ID: u.ID}, nil
}

// loginAttemptsAllowed reads directus_settings.auth_login_attempts (25 when there is no settings
// row; NULL = unlimited).
func (s *Service) loginAttemptsAllowed(ctx context.Context) (int, bool, error) {
	d := s.dialect
	var v sql.NullFloat64
	err := s.db.QueryRowxContext(ctx, `SELECT `+d.Quote("auth_login_attempts")+` FROM `+d.Quote("directus_settings")+` LIMIT 1`).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 25, true, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("auth: reading auth_login_attempts: %w", err)
	}
	if !v.Valid {
		return 0, false, nil
	}
	return int(v.Float64), true, nil
}

// suspend sets the user's status to suspended after too many attempts, with the activity row
// Directus writes (its revision row is not written here).
func (s *Service) suspend(ctx context.Context, userID string, acc map[string]any) error {
	d := s.dialect
	if _, err := s.db.ExecContext(ctx, d.Rebind(`UPDATE `+d.Quote("directus_users")+` SET `+d.Quote("status")+` = ? WHERE `+d.Quote("id")+` = ?`),
		"suspended", userID); err != nil {
		return fmt.Errorf("auth: suspending user: %w", err)
	}
	if acc != nil {
		return s.activity(ctx, "update", userID, acc)
	}
	return nil
}

// activity writes one directus_activity row about a user (login, logout, update).
func (s *Service) activity(ctx context.Context, action, userID string, acc map[string]any) error {
	d := s.dialect
	_, err := s.db.ExecContext(ctx, d.Rebind(`INSERT INTO `+d.Quote("directus_activity")+` (`+
		quoteList(d.Quote, "action", "user", "timestamp", "ip", "user_agent", "origin", "collection", "item")+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
		action, userID, s.dbTime(s.now()), ipOf(acc), strOrNil(acc, "userAgent"), strOrNil(acc, "origin"), "directus_users", userID)
	if err != nil {
		return fmt.Errorf("auth: writing %s activity: %w", action, err)
	}
	return nil
}

// roleEnforcesTFA: some policy attached to the user's direct role has enforce_tfa.
func (s *Service) roleEnforcesTFA(ctx context.Context, userID string) (bool, error) {
	d := s.dialect
	q := `SELECT p.` + d.Quote("enforce_tfa") + ` FROM ` + d.Quote("directus_users") + ` u` +
		` LEFT JOIN ` + d.Quote("directus_roles") + ` r ON u.` + d.Quote("role") + ` = r.` + d.Quote("id") +
		` LEFT JOIN ` + d.Quote("directus_access") + ` a ON r.` + d.Quote("id") + ` = a.` + d.Quote("role") +
		` LEFT JOIN ` + d.Quote("directus_policies") + ` p ON a.` + d.Quote("policy") + ` = p.` + d.Quote("id") +
		` WHERE u.` + d.Quote("id") + ` = ? AND p.` + d.Quote("enforce_tfa") + ` = ?`
	var v any
	err := s.db.QueryRowxContext(ctx, d.Rebind(q), userID, true).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("auth: reading enforce_tfa: %w", err)
	}
	return true, nil
}

// filterClaims runs the auth.jwt filter; listeners may add claims.
func (s *Service) filterClaims(ctx context.Context, claims *Claims, meta map[string]any, acc map[string]any) (*Claims, error) {
	if s.Hooks == nil {
		return claims, nil
	}
	payload := map[string]any{}
	for _, k := range claims.keys {
		payload[k] = claims.values[k]
	}
	out, err := s.Hooks.EmitFilter(ctx, []string{"auth.jwt"}, payload, meta, s.hookContext(acc))
	if err != nil {
		return nil, err
	}
	m, ok := out.(map[string]any)
	if !ok {
		return claims, nil
	}
	next := &Claims{}
	for _, k := range claims.keys {
		if v, ok := m[k]; ok {
			next.Set(k, v)
		}
	}
	for k, v := range m {
		if _, ok := next.values[k]; !ok {
			next.Set(k, v)
		}
	}
	return next, nil
}

func (s *Service) emitLogin(status string, payload map[string]any, user any, err error, acc map[string]any) {
	if s.Hooks == nil {
		return
	}
	meta := map[string]any{"payload": payload, "status": status, "user": user, "provider": DefaultProvider}
	if err != nil {
		meta["error"] = err
	}
	s.Hooks.EmitAction([]string{"auth.login"}, meta, s.hookContext(acc))
}

// hookContext is the context auth events receive: {database, schema: null, accountability} —
// the same type ItemsService hands its hooks, so the JS adapter builds it the same way.
func (s *Service) hookContext(acc map[string]any) any {
	return &items.EventContext{Database: s.db, Accountability: acc}
}

func quoteList(quote func(string) string, names ...string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = quote(n)
	}
	return strings.Join(out, ", ")
}

func nullable(s sql.NullString) any {
	if !s.Valid {
		return nil
	}
	return s.String
}

func ipOf(acc map[string]any) any {
	if acc == nil {
		return nil
	}
	return acc["ip"]
}

func strOrNil(acc map[string]any, k string) any {
	if acc == nil {
		return nil
	}
	if v, ok := acc[k].(string); ok {
		return v
	}
	return nil
}

// msOrNil is getMilliseconds(ttl) without a fallback: undefined (nil) when not a duration.
func msOrNil(ttl any) any {
	if ms, ok := ParseMS(ttl); ok {
		return ms
	}
	return nil
}
