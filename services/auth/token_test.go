package auth_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"hash"
	"testing"
	"time"

	"github.com/dxhost/dxhost/services/auth"
	"github.com/dxhost/dxhost/services/errs"
)

// makeToken signs header.payload with secret under h (nil = no signature, as for alg "none").
func makeToken(header, payload string, h func() hash.Hash, secret string) string {
	enc := base64.RawURLEncoding
	signing := enc.EncodeToString([]byte(header)) + "." + enc.EncodeToString([]byte(payload))
	if h == nil {
		return signing + "."
	}
	m := hmac.New(h, []byte(secret))
	m.Write([]byte(signing))
	return signing + "." + enc.EncodeToString(m.Sum(nil))
}

// TestVerifyAttacks: each forged or broken token gets the code jsonwebtoken's verify gives
// Directus (expired → TOKEN_EXPIRED 401, everything else → INVALID_TOKEN 403).
func TestVerifyAttacks(t *testing.T) {
	const secret = "s3cret"
	now := time.Unix(1_800_000_000, 0)
	good := `{"id":"u","role":null,"app_access":false,"admin_access":false,"iat":1799999000,"exp":1800000900,"iss":"directus"}`
	hs256 := `{"alg":"HS256","typ":"JWT"}`
	cases := []struct {
		name, token, code string
	}{
		{"valid", makeToken(hs256, good, sha256.New, secret), ""},
		{"forged signature", makeToken(hs256, good, sha256.New, "guess"), errs.CodeInvalidToken},
		{"alg none", makeToken(`{"alg":"none","typ":"JWT"}`, good, nil, ""), errs.CodeInvalidToken},
		{"alg none with HS256 header, no signature", makeToken(hs256, good, nil, ""), errs.CodeInvalidToken},
		{"RS256 header keyed with the secret", makeToken(`{"alg":"RS256","typ":"JWT"}`, good, sha256.New, secret), errs.CodeInvalidToken},
		{"HS512 (only HS256 is accepted)", makeToken(`{"alg":"HS512","typ":"JWT"}`, good, sha512.New, secret), errs.CodeInvalidToken},
		{"expired", makeToken(hs256, `{"id":"u","role":null,"app_access":false,"admin_access":false,"iat":1,"exp":1800000000,"iss":"directus"}`, sha256.New, secret), errs.CodeTokenExpired},
		{"expired and forged", makeToken(hs256, `{"id":"u","role":null,"app_access":false,"admin_access":false,"iat":1,"exp":2,"iss":"directus"}`, sha256.New, "x"), errs.CodeInvalidToken},
		{"not yet valid", makeToken(hs256, `{"id":"u","role":null,"app_access":false,"admin_access":false,"nbf":1900000000,"iss":"directus"}`, sha256.New, secret), errs.CodeInvalidToken},
		{"exp not a number", makeToken(hs256, `{"id":"u","role":null,"app_access":false,"admin_access":false,"exp":"soon","iss":"directus"}`, sha256.New, secret), errs.CodeInvalidToken},
		{"invite token (no role claims)", makeToken(hs256, `{"email":"a@b.c","scope":"invite","iss":"directus"}`, sha256.New, secret), errs.CodeInvalidToken},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !auth.IsDirectusJWT(c.token) {
				t.Fatal("not recognised as a Directus JWT")
			}
			_, err := auth.VerifyAccessJWT(c.token, []byte(secret), now)
			if c.code == "" {
				if err != nil {
					t.Fatalf("unexpected %v", err)
				}
				return
			}
			e := errs.As(err)
			if e == nil || e.Code != c.code {
				t.Fatalf("got %v, want %s", err, c.code)
			}
			want := map[string]int{errs.CodeInvalidToken: 403, errs.CodeTokenExpired: 401}[c.code]
			if e.Status != want {
				t.Fatalf("status %d, want %d", e.Status, want)
			}
		})
	}
}

// TestIsDirectusJWT: only a decodable JWT whose iss is "directus" takes the JWT path; anything
// else is looked up as a static token (so a foreign JWT answers INVALID_CREDENTIALS, as Directus).
func TestIsDirectusJWT(t *testing.T) {
	cases := map[string]bool{
		makeToken(`{"alg":"HS256"}`, `{"iss":"directus"}`, sha256.New, "x"): true,
		makeToken(`{"alg":"HS256"}`, `{"iss":"other"}`, sha256.New, "x"):    false,
		makeToken(`{"alg":"HS256"}`, `{"sub":"x"}`, sha256.New, "x"):        false,
		"admin-static-token": false,
		"a.b.c":              false,
		"":                   false,
	}
	for token, want := range cases {
		if got := auth.IsDirectusJWT(token); got != want {
			t.Errorf("IsDirectusJWT(%q) = %v, want %v", token, got, want)
		}
	}
}

// TestSignAccessJWT: our tokens have Directus's header, claim order, iat/exp/iss and verify.
func TestSignAccessJWT(t *testing.T) {
	var c auth.Claims
	c.Set("id", "u1")
	c.Set("role", nil)
	c.Set("app_access", true)
	c.Set("admin_access", false)
	now := time.Unix(1795307910, 0)
	token, err := auth.SignAccessJWT(&c, []byte("k"), "15m", now)
	if err != nil {
		t.Fatal(err)
	}
	// The payload recorded from Directus (spec 13 §4) has exactly this shape and order.
	want := `{"id":"u1","role":null,"app_access":true,"admin_access":false,"iat":1795307910,"exp":1795308810,"iss":"directus"}`
	parts := splitToken(token)
	if got, _ := decodeB64(parts[1]); string(got) != want {
		t.Fatalf("payload %s, want %s", got, want)
	}
	if got, _ := decodeB64(parts[0]); string(got) != `{"alg":"HS256","typ":"JWT"}` {
		t.Fatalf("header %s", got)
	}
	if _, err := auth.VerifyAccessJWT(token, []byte("k"), now); err != nil {
		t.Fatal(err)
	}
	// A number TTL is seconds (jsonwebtoken's expiresIn).
	token, _ = auth.SignAccessJWT(&c, []byte("k"), 60.0, now)
	if got, _ := decodeB64(splitToken(token)[1]); string(got) != `{"id":"u1","role":null,"app_access":true,"admin_access":false,"iat":1795307910,"exp":1795307970,"iss":"directus"}` {
		t.Fatalf("number ttl: %s", got)
	}
}

func splitToken(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func TestParseMS(t *testing.T) {
	// Values of the `ms` package (v2.1.3).
	cases := map[string]float64{"15m": 900000, "7d": 604800000, "1d": 86400000, "10s": 10000, "3600000": 3600000,
		"1.5h": 5400000, "2 days": 172800000, "1y": 31557600000, "-1s": -1000, "100 MS": 100}
	for in, want := range cases {
		if got, ok := auth.ParseMS(in); !ok || got != want {
			t.Errorf("ParseMS(%q) = %v %v, want %v", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "abc", "1 fortnight", "1m2"} {
		if _, ok := auth.ParseMS(bad); ok {
			t.Errorf("ParseMS(%q) ok", bad)
		}
	}
}
