package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/systables/password"
)

// ShareLogin is SharesService.login (POST /shares/auth): the share must exist, be inside its
// date_start/date_end window and not be used up (max_uses >= times_used, so Directus lets a share
// be used max_uses+1 times), and its password must match when it has one. times_used is counted
// up, a session row for the share is created and a share JWT
// {app_access: false, admin_access: false, role: null, share, session?} is signed.
//
// Unlike user login there is no auth.jwt filter, no activity row and no stall: Directus has none.
func (s *Service) ShareLogin(ctx context.Context, shareID, pass any, session bool, acc map[string]any) (*LoginResult, error) {
	d := s.dialect
	now := s.dbTime(s.now())
	var rec struct {
		ID        string          `db:"id"`
		TimesUsed sql.NullFloat64 `db:"times_used"`
		Password  sql.NullString  `db:"password"`
	}
	q := `SELECT ` + quoteList(d.Quote, "id", "times_used", "password") + ` FROM ` + d.Quote("directus_shares") +
		` WHERE ` + d.Quote("id") + ` = ?` +
		` AND (` + d.Quote("date_end") + ` IS NULL OR ` + d.Quote("date_end") + ` >= ?)` +
		` AND (` + d.Quote("date_start") + ` IS NULL OR ` + d.Quote("date_start") + ` <= ?)` +
		` AND (` + d.Quote("max_uses") + ` IS NULL OR ` + d.Quote("max_uses") + ` >= ` + d.Quote("times_used") + `)`
	id, ok := s.shareKey(shareID)
	if !ok {
		return nil, errs.InvalidCredentials()
	}
	err := s.db.QueryRowxContext(ctx, d.Rebind(q), id, now, now).StructScan(&rec)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errs.InvalidCredentials()
	}
	if err != nil {
		return nil, fmt.Errorf("auth: reading the share: %w", err)
	}
	if rec.Password.Valid && rec.Password.String != "" {
		plain, isString := pass.(string)
		if !isString {
			// node-argon2's verify throws a TypeError on a non-string password: a 500 in Directus.
			return nil, errs.Internal(errors.New(`The "password" argument must be of type string or an instance of Buffer`))
		}
		ok, err := password.Verify(rec.Password.String, plain)
		if err != nil {
			return nil, errs.Internal(fmt.Errorf("auth: verifying the password hash of share %s: %w", rec.ID, err))
		}
		if !ok {
			return nil, errs.InvalidCredentials()
		}
	}
	if _, err := s.db.ExecContext(ctx, d.Rebind(`UPDATE `+d.Quote("directus_shares")+` SET `+d.Quote("times_used")+` = ? WHERE `+d.Quote("id")+` = ?`),
		int64(rec.TimesUsed.Float64)+1, rec.ID); err != nil {
		return nil, fmt.Errorf("auth: counting the share's use: %w", err)
	}
	claims := &Claims{}
	claims.Set("app_access", false)
	claims.Set("admin_access", false)
	claims.Set("role", nil)
	claims.Set("share", rec.ID)
	refresh := randomString(64)
	if session {
		claims.Set("session", refresh)
	}
	ttl := s.cfg.AccessTokenTTL
	if session {
		ttl = s.cfg.SessionTTL
	}
	token, err := SignAccessJWT(claims, s.cfg.Secret, ttl, s.now())
	if err != nil {
		return nil, err
	}
	expires := s.now().Add(millis(s.cfg.RefreshTokenTTL))
	if _, err := s.db.ExecContext(ctx, d.Rebind(`INSERT INTO `+d.Quote("directus_sessions")+` (`+
		quoteList(d.Quote, "token", "expires", "ip", "user_agent", "origin", "share")+`) VALUES (?, ?, ?, ?, ?, ?)`),
		refresh, s.dbTime(expires), ipOf(acc), strOrNil(acc, "userAgent"), strOrNil(acc, "origin"), rec.ID); err != nil {
		return nil, fmt.Errorf("auth: creating the share session: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, d.Rebind(`DELETE FROM `+d.Quote("directus_sessions")+` WHERE `+d.Quote("expires")+` < ?`), s.dbTime(s.now())); err != nil {
		return nil, fmt.Errorf("auth: deleting expired sessions: %w", err)
	}
	return &LoginResult{AccessToken: token, RefreshToken: refresh, Expires: msOrNil(ttl), ID: nil}, nil
}

// shareKey is the share id as the WHERE binds it. directus_shares.id is a uuid column: on
// PostgreSQL a value that is not a UUID would fail the comparison itself, so it can match no row.
func (s *Service) shareKey(v any) (string, bool) {
	id, ok := v.(string)
	if !ok {
		return "", false
	}
	if s.db.Client == db.ClientPostgres && !uuidPattern.MatchString(strings.ToLower(id)) {
		return "", false
	}
	return id, true
}

// uuidPattern is Directus's UUID_REGEX (lower-case hex only, as its routes match it).
var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// IsUUID reports whether s matches Directus's UUID_REGEX (routes such as /shares/info/:pk).
func IsUUID(s string) bool { return uuidPattern.MatchString(s) }
