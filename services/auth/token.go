package auth

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/dxhost/dxhost/services/errs"
)

// Issuer is the iss claim of every Directus token.
const Issuer = "directus"

// IsDirectusJWT is Directus's isDirectusJWT: the string decodes as a JWT (without verification)
// and its payload's iss is "directus". Anything else is treated as a static token.
func IsDirectusJWT(token string) bool {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return false
	}
	header, err := decodeSegment(parts[0])
	if err != nil || !json.Valid(header) {
		return false
	}
	payload, err := decodeSegment(parts[1])
	if err != nil {
		return false
	}
	var claims struct {
		Iss any `json:"iss"`
	}
	if json.Unmarshal(payload, &claims) != nil {
		return false
	}
	iss, _ := claims.Iss.(string)
	return iss == Issuer
}

// decodeSegment reads base64url as Node's Buffer.from(s, 'base64') does: padding optional.
func decodeSegment(s string) ([]byte, error) {
	return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
}

// VerifyJWT is Directus's verifyJWT: signature (HS256 with secret only), issuer "directus", exp
// and nbf. Expired → TOKEN_EXPIRED (401); every other problem → INVALID_TOKEN (403).
// now is the clock exp and nbf are checked against.
func VerifyJWT(token string, secret []byte, now time.Time) (map[string]any, error) {
	claims := jwt.MapClaims{}
	parser := jwt.NewParser(jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}), jwt.WithIssuer(Issuer),
		jwt.WithJSONNumber(), jwt.WithTimeFunc(func() time.Time { return now }))
	_, err := parser.ParseWithClaims(token, claims, func(*jwt.Token) (any, error) { return secret, nil })
	if err != nil {
		if errors.Is(err, jwt.ErrTokenExpired) && !errors.Is(err, jwt.ErrTokenNotValidYet) && signatureValid(token, secret) {
			return nil, errs.TokenExpired()
		}
		return nil, errs.InvalidToken()
	}
	return normalizeClaims(claims), nil
}

// signatureValid: jsonwebtoken checks the signature before exp, so an expired token with a bad
// signature is INVALID_TOKEN. golang-jwt also does, but say it explicitly rather than rely on order.
func signatureValid(token string, secret []byte) bool {
	i := strings.LastIndexByte(token, '.')
	if i < 0 {
		return false
	}
	sig, err := decodeSegment(token[i+1:])
	if err != nil {
		return false
	}
	return jwt.SigningMethodHS256.Verify(token[:i], sig, secret) == nil
}

// VerifyAccessJWT is verifyAccessJWT: VerifyJWT plus the role, app_access and admin_access keys
// every access token carries (invite and password-reset tokens lack them).
func VerifyAccessJWT(token string, secret []byte, now time.Time) (map[string]any, error) {
	claims, err := VerifyJWT(token, secret, now)
	if err != nil {
		return nil, err
	}
	for _, k := range []string{"role", "app_access", "admin_access"} {
		if _, ok := claims[k]; !ok {
			return nil, errs.InvalidToken()
		}
	}
	return claims, nil
}

// normalizeClaims turns json.Number into float64 (what JSON.parse gives JS).
func normalizeClaims(c jwt.MapClaims) map[string]any {
	out := make(map[string]any, len(c))
	for k, v := range c {
		out[k] = normalizeJSON(v)
	}
	return out
}

func normalizeJSON(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, _ := x.Float64()
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = normalizeJSON(e)
		}
	case []any:
		for i, e := range x {
			x[i] = normalizeJSON(e)
		}
	}
	return v
}

// Claims is an ordered claim set for signing (JSON key order matters to byte-identical tokens).
type Claims struct {
	keys   []string
	values map[string]any
}

// Set adds or replaces a claim, keeping first-insertion order.
func (c *Claims) Set(k string, v any) {
	if c.values == nil {
		c.values = map[string]any{}
	}
	if _, ok := c.values[k]; !ok {
		c.keys = append(c.keys, k)
	}
	c.values[k] = v
}

// Get returns a claim.
func (c *Claims) Get(k string) (any, bool) { v, ok := c.values[k]; return v, ok }

// Delete removes a claim.
func (c *Claims) Delete(k string) {
	if _, ok := c.values[k]; !ok {
		return
	}
	delete(c.values, k)
	for i, key := range c.keys {
		if key == k {
			c.keys = append(c.keys[:i], c.keys[i+1:]...)
			break
		}
	}
}

// MarshalJSON writes the claims in insertion order.
func (c *Claims) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range c.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(c.values[k])
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		b.Write(vb)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// SignAccessJWT is jwt.sign(claims, secret, { expiresIn: ttl, issuer: "directus" }): iat, exp and iss
// appended after the claims, HS256. ttl is the raw env value: a string is an ms duration, a number
// is seconds (jsonwebtoken's rules). It returns the token and ok=false when ttl is not usable.
func SignAccessJWT(claims *Claims, secret []byte, ttl any, now time.Time) (string, error) {
	iat := now.Unix()
	c := &Claims{keys: append([]string(nil), claims.keys...), values: make(map[string]any, len(claims.values)+3)}
	for k, v := range claims.values {
		c.values[k] = v
	}
	c.Set("iat", iat)
	switch x := ttl.(type) {
	case float64:
		c.Set("exp", iat+int64(x))
	default:
		ms, ok := ParseMS(ttl)
		if !ok {
			return "", errs.Internal(errors.New(`"expiresIn" should be a number of seconds or string representing a timespan`))
		}
		c.Set("exp", int64(math.Floor(float64(iat)+ms/1000)))
	}
	c.Set("iss", Issuer)
	payload, err := c.MarshalJSON()
	if err != nil {
		return "", err
	}
	enc := base64.RawURLEncoding
	signing := enc.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`)) + "." + enc.EncodeToString(payload)
	sig, err := jwt.SigningMethodHS256.Sign(signing, secret)
	if err != nil {
		return "", err
	}
	return signing + "." + enc.EncodeToString(sig), nil
}
