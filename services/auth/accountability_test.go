package auth_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dxhost/dxhost/services/auth"
	"github.com/dxhost/dxhost/services/auth/authtest"
	"github.com/dxhost/dxhost/services/db"
	"github.com/dxhost/dxhost/services/errs"
)

var clients = []string{db.ClientSQLite, db.ClientPostgres, db.ClientMySQL}

// TestAccountabilityMatchesDirectus replays the recorded `req.accountability` of every caller
// (static tokens of active, suspended, invited, draft and unknown users; nested roles; policies
// attached to roles and users; ip_access) and Directus's answers to the refused ones.
func TestAccountabilityMatchesDirectus(t *testing.T) {
	rec := authtest.LoadRecording(t)
	for _, client := range clients {
		t.Run(client, func(t *testing.T) {
			svc := auth.New(authtest.SeededDB(t, client, rec), authtest.Config(rec.Secret), nil)
			for caller, want := range rec.Whoami {
				t.Run(caller, func(t *testing.T) {
					base := auth.DefaultAccountability("127.0.0.1")
					base["userAgent"] = "dxhost-recorder"
					acc, err := svc.Accountability(context.Background(), authtest.TokensOf[caller], base)
					compareResult(t, want, acc, err)
				})
			}
		})
	}
}

// TestJWTFromDirectus: access tokens Directus issued at login (json and session mode) are
// accepted with the same accountability as the user's static token, and refused once expired.
func TestJWTFromDirectus(t *testing.T) {
	rec := authtest.LoadRecording(t)
	for _, client := range clients {
		t.Run(client, func(t *testing.T) {
			svcDB := authtest.SeededDB(t, client, rec)
			svc := auth.New(svcDB, authtest.Config(rec.Secret), nil)
			var want map[string]any
			if err := json.Unmarshal(rec.Whoami["junior"].Body, &want); err != nil {
				t.Fatal(err)
			}
			checked := 0
			for _, l := range rec.Login {
				token := ""
				switch l.Label {
				case "json":
					var body struct {
						Data struct {
							AccessToken string `json:"access_token"`
						}
					}
					_ = json.Unmarshal(l.Body, &body)
					token = body.Data.AccessToken
				case "session":
					token = strings.TrimPrefix(strings.SplitN(l.SetCookie[0], ";", 2)[0], "directus_session_token=")
				default:
					continue
				}
				claims, err := auth.VerifyJWT(token, []byte(rec.Secret), time.Unix(0, 0).Add(time.Hour*24*365*100))
				if !errs.Is(err, errs.CodeTokenExpired) {
					t.Fatalf("%s: expired token gave %v (claims %v)", l.Label, err, claims)
				}
				issued := jwtIssuedAt(t, token)
				svc.SetClock(func() time.Time { return issued.Add(time.Minute) })
				base := auth.DefaultAccountability("127.0.0.1")
				base["userAgent"] = "dxhost-recorder"
				acc, err := svc.Accountability(context.Background(), token, base)
				if err != nil {
					t.Fatalf("%s: %v", l.Label, err)
				}
				if l.Label == "session" {
					if acc["session"] == nil {
						t.Fatalf("session JWT: no accountability.session in %v", acc)
					}
					delete(acc, "session")
				}
				if !reflect.DeepEqual(normalize(acc), want) {
					t.Fatalf("%s: got %v, want %v", l.Label, normalize(acc), want)
				}
				// Wrong secret: Directus answers INVALID_TOKEN.
				other := auth.New(svcDB, authtest.Config("another-secret"), nil)
				other.SetClock(func() time.Time { return issued })
				if _, err := other.Accountability(context.Background(), token, auth.DefaultAccountability(nil)); !errs.Is(err, errs.CodeInvalidToken) {
					t.Fatalf("%s with another secret: %v", l.Label, err)
				}
				checked++
			}
			if checked != 2 {
				t.Fatalf("checked %d recorded tokens, want 2", checked)
			}
		})
	}
}

func jwtIssuedAt(t *testing.T, token string) time.Time {
	t.Helper()
	claims, err := auth.VerifyJWT(token, nil, time.Now())
	_ = claims
	if err == nil {
		t.Fatal("verifying with no secret must fail")
	}
	parts := strings.Split(token, ".")
	payload, _ := decodeB64(parts[1])
	var c struct{ Iat int64 }
	if err := json.Unmarshal(payload, &c); err != nil {
		t.Fatal(err)
	}
	return time.Unix(c.Iat, 0)
}

// compareResult checks an accountability or a Directus error against a recorded response.
func compareResult(t *testing.T, want authtest.Response, got map[string]any, err error) {
	t.Helper()
	if want.Status != 200 {
		e := errs.As(err)
		if e == nil {
			t.Fatalf("got %v (err %v), want status %d %s", got, err, want.Status, want.Body)
		}
		var body struct {
			Errors []struct {
				Message    string
				Extensions map[string]any
			}
		}
		_ = json.Unmarshal(want.Body, &body)
		if e.Status != want.Status || e.Message != body.Errors[0].Message || e.Code != body.Errors[0].Extensions["code"] {
			t.Fatalf("got %d %s %q, want %d %s", e.Status, e.Code, e.Message, want.Status, want.Body)
		}
		return
	}
	if err != nil {
		t.Fatalf("got error %v, want %s", err, want.Body)
	}
	var w map[string]any
	if err := json.Unmarshal(want.Body, &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(normalize(got), w) {
		t.Fatalf("got %v\nwant %v", normalize(got), w)
	}
}

func normalize(v map[string]any) map[string]any {
	b, _ := json.Marshal(v)
	var out map[string]any
	_ = json.Unmarshal(b, &out)
	return out
}

// TestJWTOfEveryCaller: an access token whose claims name a recorded caller's user and role gets
// the accountability Directus recorded for that caller's static token (getAccountabilityForToken
// reads the roles tree and the policies of role and user alike for both kinds of token).
func TestJWTOfEveryCaller(t *testing.T) {
	rec := authtest.LoadRecording(t)
	now := time.Unix(1_800_000_000, 0)
	for _, client := range clients {
		t.Run(client, func(t *testing.T) {
			svc := auth.New(authtest.SeededDB(t, client, rec), authtest.Config(rec.Secret), nil)
			svc.SetClock(func() time.Time { return now })
			checked := 0
			for caller, want := range rec.Whoami {
				var w map[string]any
				if want.Status != 200 || json.Unmarshal(want.Body, &w) != nil || w["user"] == nil {
					continue
				}
				claims := &auth.Claims{}
				claims.Set("id", w["user"])
				claims.Set("role", w["role"])
				claims.Set("app_access", w["app"])
				claims.Set("admin_access", w["admin"])
				token, err := auth.SignAccessJWT(claims, []byte(rec.Secret), "15m", now)
				if err != nil {
					t.Fatal(err)
				}
				t.Run(caller, func(t *testing.T) {
					base := auth.DefaultAccountability("127.0.0.1")
					base["userAgent"] = "dxhost-recorder"
					acc, err := svc.Accountability(context.Background(), token, base)
					compareResult(t, want, acc, err)
				})
				checked++
			}
			if checked < 3 {
				t.Fatalf("only %d callers checked", checked)
			}
		})
	}
}
