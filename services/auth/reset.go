package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"html"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/mail"
	"github.com/dxhost/dxhost/services/validation"
)

// Mailer sends one e-mail (services/mail.Sender).
type Mailer interface {
	Send(ctx context.Context, m mail.Message) error
}

// RequestPasswordReset is UsersService.requestPasswordReset: a reset_url outside
// PASSWORD_RESET_URL_ALLOW_LIST is refused (INVALID_PAYLOAD); for an active user of the default
// provider a reset token {email, scope: "password-reset", hash} valid 1 day is mailed (in the
// background, as Directus does not wait for the mail); any other e-mail is FORBIDDEN, which the
// route answers with 204 too. publicURL is PUBLIC_URL, allowList the allow list's entries.
func (s *Service) RequestPasswordReset(ctx context.Context, email string, resetURL string, publicURL string, allowList []string, mailer Mailer) error {
	if resetURL != "" && !URLAllowed(resetURL, allowList) {
		return errs.InvalidPayload(fmt.Sprintf(`URL "%s" can't be used to reset passwords`, resetURL))
	}
	start := time.Now()
	defer s.stallFor(ctx, start, s.cfg.PasswordResetStall)
	u, err := s.userByEmail(ctx, email)
	if err != nil {
		return err
	}
	if u == nil || u.Status != "active" || u.Provider != DefaultProvider {
		return errs.Forbidden()
	}
	claims := &Claims{}
	claims.Set("email", u.Email)
	claims.Set("scope", "password-reset")
	claims.Set("hash", SimpleHash(passwordString(u.Password)))
	token, err := SignAccessJWT(claims, s.cfg.Secret, "1d", s.now())
	if err != nil {
		return err
	}
	base := resetURL
	if base == "" {
		base = strings.TrimRight(publicURL, "/") + "/admin/reset-password"
	}
	link, err := url.Parse(base)
	if err != nil {
		return errs.InvalidPayload(fmt.Sprintf(`URL "%s" can't be used to reset passwords`, resetURL))
	}
	q := link.Query()
	q.Set("token", token)
	link.RawQuery = q.Encode()
	project, err := s.projectName(ctx)
	if err != nil {
		return err
	}
	msg := mail.Message{FromName: project, To: u.Email, Subject: "Password Reset Request", HTML: resetMailHTML(link.String(), u.Email)}
	go func() {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
		defer cancel()
		if err := mailer.Send(ctx, msg); err != nil {
			s.log.WithError(err).Error("Could not send password reset mail")
		}
	}()
	return nil
}

// resetMailHTML is the reset e-mail's body. Directus renders its own liquid template here; dxhost
// sends the same link in a plain page of its own.
func resetMailHTML(link, email string) string {
	return "<p>You have requested to reset the password of " + html.EscapeString(email) + ".</p>\n" +
		`<p><a href="` + html.EscapeString(link) + `">Reset your password</a></p>` + "\n" +
		"<p>The link is valid for 24 hours. If you did not ask for it, ignore this e-mail.</p>\n"
}

// PasswordReset is what ResetPassword found: the user to update (password and status active).
type PasswordReset struct {
	UserID string
}

// ResetPassword is UsersService.resetPassword's checks: the token must be a password-reset JWT
// (INVALID_TOKEN / TOKEN_EXPIRED as any JWT, FORBIDDEN for another scope) whose hash still matches
// the user's current password hash (so it dies once the password changes), the user active, and
// the new password must pass directus_settings.auth_password_policy (FAILED_VALIDATION). The
// caller updates the user as admin and then calls ClearUserSessions.
func (s *Service) ResetPassword(ctx context.Context, token, password string) (*PasswordReset, error) {
	claims, err := VerifyJWT(token, s.cfg.Secret, s.now())
	if err != nil {
		return nil, err
	}
	email, _ := claims["email"].(string)
	hash := claims["hash"]
	if claims["scope"] != "password-reset" || !env.Truthy(hash) {
		return nil, errs.Forbidden()
	}
	policyErr, err := s.checkPasswordPolicy(ctx, password)
	if err != nil {
		return nil, err
	}
	u, err := s.userByEmail(ctx, email)
	if err != nil {
		return nil, err
	}
	if u == nil || u.Status != "active" || hash != SimpleHash(passwordString(u.Password)) {
		return nil, errs.Forbidden()
	}
	if policyErr != nil {
		return nil, policyErr
	}
	return &PasswordReset{UserID: u.ID}, nil
}

// ClearUserSessions is UsersService.clearUserSessions: a changed password logs the user out.
func (s *Service) ClearUserSessions(ctx context.Context, userID string) error {
	d := s.dialect
	if _, err := s.db.ExecContext(ctx, d.Rebind(`DELETE FROM `+d.Quote("directus_sessions")+` WHERE `+d.Quote("user")+` = ?`), userID); err != nil {
		return fmt.Errorf("auth: clearing the user's sessions: %w", err)
	}
	return nil
}

type resetUser struct {
	ID       string         `db:"id"`
	Email    string         `db:"email"`
	Password sql.NullString `db:"password"`
	Status   string         `db:"status"`
	Provider string         `db:"provider"`
}

// userByEmail is getUserByEmail: LOWER(email) = lower(input).
func (s *Service) userByEmail(ctx context.Context, email string) (*resetUser, error) {
	d := s.dialect
	var u resetUser
	err := s.db.QueryRowxContext(ctx, d.Rebind(`SELECT `+quoteList(d.Quote, "id", "email", "password", "status", "provider")+
		` FROM `+d.Quote("directus_users")+` WHERE LOWER(`+d.Quote("email")+`) = ?`), strings.ToLower(email)).StructScan(&u)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("auth: looking up the user by e-mail: %w", err)
	}
	return &u, nil
}

// checkPasswordPolicy is UsersService.checkPasswordPolicy: directus_settings.auth_password_policy
// is a regular expression ("/…/" or bare) every new password must match. It returns the
// FAILED_VALIDATION error to raise, or nil.
func (s *Service) checkPasswordPolicy(ctx context.Context, password string) (error, error) {
	d := s.dialect
	var policy sql.NullString
	err := s.db.QueryRowxContext(ctx, `SELECT `+d.Quote("auth_password_policy")+` FROM `+d.Quote("directus_settings")+` LIMIT 1`).Scan(&policy)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("auth: reading the password policy: %w", err)
	}
	if policy.String == "" {
		return nil, nil
	}
	source := policy.String
	if strings.HasPrefix(source, "/") && strings.HasSuffix(source, "/") && len(source) > 1 {
		source = source[1 : len(source)-1]
	}
	re, err := regexp.Compile(source)
	if err != nil {
		return nil, errs.Internal(fmt.Errorf("auth: auth_password_policy %q is not a usable regular expression: %w", policy.String, err))
	}
	if re.MatchString(password) {
		return nil, nil
	}
	e := errs.New(validation.Code, 400, `Validation failed for field "password". Value doesn't have the correct format.`,
		map[string]any{"field": "password", "path": []any{}, "type": "regex", "invalid": password})
	e.Order = []string{"field", "path", "type", "invalid"}
	return e, nil
}

// SimpleHash is @directus/utils' getSimpleHash: a Java-style 31-multiplier hash over UTF-16 code
// units in 32-bit integers, as unsigned hex of its absolute value.
func SimpleHash(s string) string {
	var h int32
	for _, u := range utf16Units(s) {
		h = 31*h + int32(u)
	}
	return strconv.FormatInt(int64(math.Abs(float64(h))), 16)
}

func utf16Units(s string) []uint16 {
	var out []uint16
	for _, r := range s {
		if r >= 0x10000 {
			r -= 0x10000
			out = append(out, uint16(0xD800+(r>>10)), uint16(0xDC00+(r&0x3FF)))
			continue
		}
		out = append(out, uint16(r))
	}
	return out
}

// passwordString is "" + user.password in JavaScript: a NULL password is "null".
func passwordString(p sql.NullString) string {
	if !p.Valid {
		return "null"
	}
	return p.String
}

// URLAllowed is isUrlAllowed: an exact entry of the list, or the same origin and path as one.
func URLAllowed(raw string, allowList []string) bool {
	for _, a := range allowList {
		if a == raw {
			return true
		}
	}
	target, ok := originPath(raw)
	if !ok {
		return false
	}
	for _, a := range allowList {
		if p, ok := originPath(a); ok && p == target {
			return true
		}
	}
	return false
}

// originPath is WHATWG URL's origin + pathname for an absolute URL.
func originPath(raw string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme == "" || u.Host == "" {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if port != "" {
		host += ":" + port
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	return strings.ToLower(u.Scheme) + "://" + host + path, true
}

// stallFor waits until d has passed since start, or ctx ends (Directus's stall()): answers take
// as long whether or not the account exists.
func (s *Service) stallFor(ctx context.Context, start time.Time, d time.Duration) {
	remaining := d - time.Since(start)
	if remaining <= 0 {
		return
	}
	t := time.NewTimer(remaining)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
