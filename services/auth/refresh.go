package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/dxhost/dxhost/services/errs"
)

type sessionRecord struct {
	NextToken  sql.NullString `db:"session_next_token"`
	UserID     sql.NullString `db:"user_id"`
	UserStatus sql.NullString `db:"user_status"`
	UserRole   sql.NullString `db:"user_role"`
	Provider   sql.NullString `db:"user_provider"`
	ShareID    sql.NullString `db:"share_id"`
	OAuth      sql.NullString `db:"oauth_client"`
}

// Refresh is AuthenticationService.refresh: the session row of refreshToken (not expired, not an
// OAuth session, its share within its dates) gives a new access token. json/cookie mode rotates
// the row's token (the old one dies at once); session mode keeps a grace period in which
// concurrent refreshes get the same next token.
func (s *Service) Refresh(ctx context.Context, refreshToken string, session bool, acc map[string]any) (*LoginResult, error) {
	start := time.Now()
	res, err := s.refresh(ctx, refreshToken, session, acc)
	if err != nil && !errs.Is(err, errs.CodeInvalidCredentials) {
		// Directus stalls only before the user-status errors; keep timing uniform on those too.
		s.stall(ctx, start)
	}
	return res, err
}

func (s *Service) refresh(ctx context.Context, refreshToken string, session bool, acc map[string]any) (*LoginResult, error) {
	if refreshToken == "" {
		return nil, errs.InvalidCredentials()
	}
	d := s.dialect
	now := s.now()
	q := `SELECT s.` + d.Quote("next_token") + ` AS session_next_token, u.` + d.Quote("id") + ` AS user_id, u.` + d.Quote("status") +
		` AS user_status, u.` + d.Quote("role") + ` AS user_role, u.` + d.Quote("provider") + ` AS user_provider, sh.` + d.Quote("id") +
		` AS share_id, s.` + d.Quote("oauth_client") + ` AS oauth_client` +
		` FROM ` + d.Quote("directus_sessions") + ` s LEFT JOIN ` + d.Quote("directus_users") + ` u ON s.` + d.Quote("user") + ` = u.` + d.Quote("id") +
		` LEFT JOIN ` + d.Quote("directus_shares") + ` sh ON s.` + d.Quote("share") + ` = sh.` + d.Quote("id") +
		` WHERE s.` + d.Quote("token") + ` = ? AND s.` + d.Quote("expires") + ` >= ? AND s.` + d.Quote("oauth_client") + ` IS NULL` +
		` AND (sh.` + d.Quote("date_end") + ` IS NULL OR sh.` + d.Quote("date_end") + ` >= ?)` +
		` AND (sh.` + d.Quote("date_start") + ` IS NULL OR sh.` + d.Quote("date_start") + ` <= ?)`
	var rec sessionRecord
	err := s.db.QueryRowxContext(ctx, d.Rebind(q), refreshToken, s.dbTime(now), s.dbTime(now), s.dbTime(now)).StructScan(&rec)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !rec.ShareID.Valid && !rec.UserID.Valid) {
		return nil, errs.InvalidCredentials()
	}
	if err != nil {
		return nil, fmt.Errorf("auth: reading the session: %w", err)
	}
	if rec.UserID.Valid && rec.UserStatus.String != "active" {
		if _, err := s.db.ExecContext(ctx, d.Rebind(`DELETE FROM `+d.Quote("directus_sessions")+` WHERE `+d.Quote("token")+` = ?`), refreshToken); err != nil {
			return nil, fmt.Errorf("auth: deleting the session: %w", err)
		}
		if rec.UserStatus.String == "suspended" {
			return nil, errs.UserSuspended()
		}
		return nil, errs.InvalidCredentials()
	}
	roles, err := RolesTree(ctx, s.db, d, nullable(rec.UserRole))
	if err != nil {
		return nil, err
	}
	access, err := FetchGlobalAccess(ctx, s.db, d, roles, nullable(rec.UserID), true, ipOf(acc))
	if err != nil {
		return nil, err
	}
	newToken := randomString(64)
	if rec.NextToken.Valid {
		newToken = rec.NextToken.String
	}
	duration := s.cfg.RefreshTokenTTL
	if session {
		duration = getMilliseconds(s.cfg.SessionTTL, 0)
	}
	expires := now.Add(millis(duration))
	claims := &Claims{}
	claims.Set("id", nullable(rec.UserID))
	claims.Set("role", nullable(rec.UserRole))
	claims.Set("app_access", access.App)
	claims.Set("admin_access", access.Admin)
	if session {
		newToken, err = s.rotateStatefulSession(ctx, rec, refreshToken, newToken, expires, acc)
		if err != nil {
			return nil, err
		}
		claims.Set("session", newToken)
	} else if _, err := s.db.ExecContext(ctx, d.Rebind(`UPDATE `+d.Quote("directus_sessions")+` SET `+d.Quote("token")+` = ?, `+
		d.Quote("expires")+` = ? WHERE `+d.Quote("token")+` = ?`), newToken, s.dbTime(expires), refreshToken); err != nil {
		return nil, fmt.Errorf("auth: rotating the session: %w", err)
	}
	if rec.ShareID.Valid {
		claims.Set("share", rec.ShareID.String)
		claims.Set("role", nil)
		claims.Set("app_access", false)
		claims.Set("admin_access", false)
		claims.Delete("id")
	}
	claims, err = s.filterClaims(ctx, claims, map[string]any{"status": "pending", "user": nullable(rec.UserID),
		"provider": nullable(rec.Provider), "type": "refresh"}, acc)
	if err != nil {
		return nil, err
	}
	ttl := s.cfg.AccessTokenTTL
	if session {
		ttl = s.cfg.SessionTTL
	}
	token, err := SignAccessJWT(claims, s.cfg.Secret, ttl, now)
	if err != nil {
		return nil, err
	}
	if rec.UserID.Valid {
		if _, err := s.db.ExecContext(ctx, d.Rebind(`UPDATE `+d.Quote("directus_users")+` SET `+d.Quote("last_access")+` = ? WHERE `+d.Quote("id")+` = ?`),
			s.dbTime(s.now()), rec.UserID.String); err != nil {
			return nil, fmt.Errorf("auth: updating last_access: %w", err)
		}
	}
	if err := s.deleteExpiredSessionsOf(ctx, rec); err != nil {
		return nil, err
	}
	return &LoginResult{AccessToken: token, RefreshToken: newToken, Expires: msOrNil(ttl), ID: nullable(rec.UserID)}, nil
}

// rotateStatefulSession is updateStatefulSession: the old row points at the new token and lives
// SESSION_REFRESH_GRACE_PERIOD longer; the first refresh inserts the new row, later ones within
// the grace period get the same token.
func (s *Service) rotateStatefulSession(ctx context.Context, rec sessionRecord, oldToken, newToken string, expires time.Time, acc map[string]any) (string, error) {
	d := s.dialect
	if rec.NextToken.Valid {
		_, err := s.db.ExecContext(ctx, d.Rebind(`UPDATE `+d.Quote("directus_sessions")+` SET `+d.Quote("expires")+` = ? WHERE `+d.Quote("token")+` = ?`),
			s.dbTime(expires), newToken)
		if err != nil {
			return "", fmt.Errorf("auth: extending the session: %w", err)
		}
		return newToken, nil
	}
	res, err := s.db.ExecContext(ctx, d.Rebind(`UPDATE `+d.Quote("directus_sessions")+` SET `+d.Quote("next_token")+` = ?, `+d.Quote("expires")+
		` = ? WHERE `+d.Quote("token")+` = ? AND `+d.Quote("next_token")+` IS NULL`), newToken, s.dbTime(s.now().Add(millis(s.cfg.SessionGrace))), oldToken)
	if err != nil {
		return "", fmt.Errorf("auth: rotating the session: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		var next sql.NullString
		if err := s.db.QueryRowxContext(ctx, d.Rebind(`SELECT `+d.Quote("next_token")+` FROM `+d.Quote("directus_sessions")+` WHERE `+d.Quote("token")+` = ?`),
			oldToken).Scan(&next); err != nil {
			return "", fmt.Errorf("auth: reading the rotated session: %w", err)
		}
		return next.String, nil
	}
	_, err = s.db.ExecContext(ctx, d.Rebind(`INSERT INTO `+d.Quote("directus_sessions")+` (`+
		quoteList(d.Quote, "token", "user", "share", "expires", "ip", "user_agent", "origin", "oauth_client")+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
		newToken, nullable(rec.UserID), nullable(rec.ShareID), s.dbTime(expires), ipOf(acc), strOrNil(acc, "userAgent"), strOrNil(acc, "origin"), nullable(rec.OAuth))
	if err != nil {
		return "", fmt.Errorf("auth: creating the rotated session: %w", err)
	}
	return newToken, nil
}

// deleteExpiredSessionsOf removes the expired sessions of the same user and share.
func (s *Service) deleteExpiredSessionsOf(ctx context.Context, rec sessionRecord) error {
	d := s.dialect
	cond := func(col string, v sql.NullString, args *[]any) string {
		if !v.Valid {
			return d.Quote(col) + ` IS NULL`
		}
		*args = append(*args, v.String)
		return d.Quote(col) + ` = ?`
	}
	var args []any
	q := `DELETE FROM ` + d.Quote("directus_sessions") + ` WHERE ` + cond("user", rec.UserID, &args) + ` AND ` + cond("share", rec.ShareID, &args) +
		` AND ` + d.Quote("expires") + ` < ?`
	args = append(args, s.dbTime(s.now()))
	if _, err := s.db.ExecContext(ctx, d.Rebind(q), args...); err != nil {
		return fmt.Errorf("auth: deleting expired sessions: %w", err)
	}
	return nil
}

// Logout is AuthenticationService.logout: the (non-OAuth) session of refreshToken is deleted with
// a logout activity row. An unknown token is not an error.
func (s *Service) Logout(ctx context.Context, refreshToken string, acc map[string]any) error {
	d := s.dialect
	var userID string
	err := s.db.QueryRowxContext(ctx, d.Rebind(`SELECT u.`+d.Quote("id")+` FROM `+d.Quote("directus_sessions")+` s INNER JOIN `+
		d.Quote("directus_users")+` u ON s.`+d.Quote("user")+` = u.`+d.Quote("id")+` WHERE s.`+d.Quote("token")+` = ? AND s.`+
		d.Quote("oauth_client")+` IS NULL`), refreshToken).Scan(&userID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("auth: reading the session: %w", err)
	}
	if acc != nil {
		if err := s.activity(ctx, "logout", userID, acc); err != nil {
			return err
		}
	}
	if _, err := s.db.ExecContext(ctx, d.Rebind(`DELETE FROM `+d.Quote("directus_sessions")+` WHERE `+d.Quote("token")+` = ?`), refreshToken); err != nil {
		return fmt.Errorf("auth: deleting the session: %w", err)
	}
	return nil
}

// RefreshTokenFromSessionJWT is the session claim of a session-cookie JWT (refresh and logout in
// session mode); "" when the cookie is not a Directus JWT.
func (s *Service) RefreshTokenFromSessionJWT(token string) (string, error) {
	if !IsDirectusJWT(token) {
		return "", nil
	}
	claims, err := VerifyAccessJWT(token, s.cfg.Secret, s.now())
	if err != nil {
		return "", err
	}
	v, _ := claims["session"].(string)
	return v, nil
}
