package auth

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"strings"
	"time"
)

// VerifyTOTP is otplib's authenticator.check(otp, secret) as Directus's TFAService uses it:
// RFC 6238 with a base32 secret, SHA-1, 6 digits, 30 s steps and no window.
func VerifyTOTP(secret, otp string, now time.Time) bool {
	want, ok := TOTP(secret, now)
	if !ok {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(want), []byte(otp)) == 1
}

// TOTP is the one-time password of secret at now (authenticator.generate); ok=false when the
// secret is not base32.
func TOTP(secret string, now time.Time) (string, bool) {
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.ToUpper(strings.TrimRight(secret, "=")))
	if err != nil {
		return "", false
	}
	counter := uint64(now.Unix() / 30)
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	m := hmac.New(sha1.New, key)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	code := (binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff) % 1_000_000
	return fmt.Sprintf("%06d", code), true
}
