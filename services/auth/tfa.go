package auth

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base32"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/dxhost/dxhost/services/env"
	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/services/systables/password"
)

// TFASecret is a new TFA secret and its otpauth:// URL (TFAService.generateTFA).
type TFASecret struct {
	Secret string
	URL    string
}

type tfaUser struct {
	Email              sql.NullString `db:"email"`
	Password           sql.NullString `db:"password"`
	TFASecret          sql.NullString `db:"tfa_secret"`
	Provider           sql.NullString `db:"provider"`
	ExternalIdentifier sql.NullString `db:"external_identifier"`
}

func (s *Service) tfaUser(ctx context.Context, userID any) (*tfaUser, error) {
	d := s.dialect
	var u tfaUser
	err := s.db.QueryRowxContext(ctx, d.Rebind(`SELECT `+quoteList(d.Quote, "email", "password", "tfa_secret", "provider", "external_identifier")+
		` FROM `+d.Quote("directus_users")+` WHERE `+d.Quote("id")+` = ?`), claimValue(userID)).StructScan(&u)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("auth: reading the user's TFA state: %w", err)
	}
	return &u, nil
}

// GenerateTFA is POST /users/me/tfa/generate: a local-provider user must give a password, which is
// checked as login checks it (INVALID_CREDENTIALS), and have an e-mail; users of other providers
// need neither. The user must not have TFA yet. The secret is not stored: enabling does that once the user proves an otp for it.
func (s *Service) GenerateTFA(ctx context.Context, userID any, pass any) (*TFASecret, error) {
	u, err := s.tfaUser(ctx, userID)
	if err != nil {
		return nil, err
	}
	requiresPassword := u != nil && u.Provider.Valid && u.Provider.String == DefaultProvider
	if requiresPassword && !env.Truthy(pass) {
		return nil, errs.InvalidPayload(`"password" is required`)
	}
	if requiresPassword {
		if u == nil || !u.Password.Valid || u.Password.String == "" {
			return nil, errs.InvalidCredentials()
		}
		plain, ok := pass.(string)
		if !ok {
			return nil, errs.Internal(errors.New(`The "password" argument must be of type string or an instance of Buffer`))
		}
		ok, err := password.Verify(u.Password.String, plain)
		if err != nil {
			return nil, errs.Internal(fmt.Errorf("auth: verifying the password hash of user %v: %w", userID, err))
		}
		if !ok {
			return nil, errs.InvalidCredentials()
		}
	}
	if u == nil || u.TFASecret.Valid {
		return nil, errs.InvalidPayload("TFA Secret is already set for this user")
	}
	if requiresPassword && (!u.Email.Valid || u.Email.String == "") {
		return nil, errs.InvalidPayload("User must have a valid email to enable TFA")
	}
	secret := newTFASecret()
	project, err := s.projectName(ctx)
	if err != nil {
		return nil, err
	}
	account := u.Email.String
	if account == "" {
		account = u.ExternalIdentifier.String
	}
	if account == "" {
		account = fmt.Sprintf("user_%v", userID)
	}
	return &TFASecret{Secret: secret, URL: totpKeyURI(account, project, secret)}, nil
}

// EnableTFA is TFAService.enableTFA's checks: TFA not set yet and otp valid for secret. Storing the
// secret is the caller's (an ItemsService update as the user, so permissions apply as in Directus).
func (s *Service) EnableTFA(ctx context.Context, userID any, otp, secret string) error {
	u, err := s.tfaUser(ctx, userID)
	if err != nil {
		return err
	}
	if u == nil || u.TFASecret.Valid {
		return errs.InvalidPayload("TFA Secret is already set for this user")
	}
	if !VerifyTOTP(secret, otp, s.now()) {
		return errs.InvalidPayload(`"otp" is invalid`)
	}
	return nil
}

// VerifyUserOTP is TFAService.verifyOTP for a user's stored secret (disabling TFA).
func (s *Service) VerifyUserOTP(ctx context.Context, userID any, otp string) (bool, error) {
	u, err := s.tfaUser(ctx, userID)
	if err != nil {
		return false, err
	}
	if u == nil || !u.TFASecret.Valid || u.TFASecret.String == "" {
		return false, errs.InvalidPayload(fmt.Sprintf(`User "%v" doesn't have TFA enabled`, userID))
	}
	return VerifyTOTP(u.TFASecret.String, otp, s.now()), nil
}

func (s *Service) projectName(ctx context.Context) (string, error) {
	d := s.dialect
	var name sql.NullString
	err := s.db.QueryRowxContext(ctx, `SELECT `+d.Quote("project_name")+` FROM `+d.Quote("directus_settings")+` LIMIT 1`).Scan(&name)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("auth: reading the project name: %w", err)
	}
	if name.String == "" {
		return "Directus", nil
	}
	return name.String, nil
}

// newTFASecret is otplib's authenticator.generateSecret(): 10 random bytes turned into a string
// with Buffer's 'ascii' decoding (which clears each byte's high bit), base32 without padding.
func newTFASecret() string {
	b := make([]byte, 10)
	if _, err := rand.Read(b); err != nil {
		panic("auth: crypto/rand failed: " + err.Error())
	}
	for i := range b {
		b[i] &= 0x7f
	}
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)
}

// totpKeyURI is otplib's authenticator.keyuri(account, issuer, secret) with its defaults.
func totpKeyURI(account, issuer, secret string) string {
	return "otpauth://totp/" + encodeURIComponent(issuer) + ":" + encodeURIComponent(account) + "?secret=" + secret +
		"&period=30&digits=6&algorithm=SHA1&issuer=" + encodeURIComponent(issuer)
}

// encodeURIComponent as JavaScript: unreserved marks !'()* are kept.
func encodeURIComponent(s string) string {
	e := strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
	for _, r := range []string{"!", "'", "(", ")", "*"} {
		e = strings.ReplaceAll(e, url.QueryEscape(r), r)
	}
	return e
}
