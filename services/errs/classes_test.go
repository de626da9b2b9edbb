package errs

import "testing"

// Expected messages are spec 03 §2/§4 (verified against @directus/errors@2.5.2).
func TestConstructors(t *testing.T) {
	tests := []struct {
		name   string
		err    *Error
		code   string
		status int
		msg    string
	}{
		{"forbidden", Forbidden(), "FORBIDDEN", 403, "You don't have permission to access this."},
		{"payload", InvalidPayload("Bad"), "INVALID_PAYLOAD", 400, "Invalid payload. Bad."},
		{"query", InvalidQuery(`"limit" must be a number`), "INVALID_QUERY", 400, `Invalid query. "limit" must be a number.`},
		{"route", RouteNotFound("/nope/x"), "ROUTE_NOT_FOUND", 404, "Route /nope/x doesn't exist."},
		{"service", ServiceUnavailable("api", "Under pressure"), "SERVICE_UNAVAILABLE", 503, `Service "api" is unavailable. Under pressure.`},
		{"method", MethodNotAllowed([]string{"GET", "POST"}, "PUT"), "METHOD_NOT_ALLOWED", 405, `Invalid method "PUT" used. Should be one of "GET", "POST".`},
		{"token", InvalidToken(), "INVALID_TOKEN", 403, "Invalid token."},
		{"expired", TokenExpired(), "TOKEN_EXPIRED", 401, "Token expired."},
		{"creds", InvalidCredentials(), "INVALID_CREDENTIALS", 401, "Invalid user credentials."},
		{"notnull", NotNullViolation("a", "b"), "NOT_NULL_VIOLATION", 400, `Value for field "b" in collection "a" can't be null.`},
		{"notnull-bare", NotNullViolation("", ""), "NOT_NULL_VIOLATION", 400, `Value can't be null.`},
		{"unique", RecordNotUnique("a", "b", "x"), "RECORD_NOT_UNIQUE", 400, `Value "x" for field "b" in collection "a" has to be unique.`},
		{"fk", InvalidForeignKey("a", "b", 3), "INVALID_FOREIGN_KEY", 400, `Invalid foreign key "3" for field "b" in collection "a".`},
		{"internal", InternalServer(), "INTERNAL_SERVER_ERROR", 500, "An unexpected error occurred."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err.Code != tt.code || tt.err.Status != tt.status || tt.err.Message != tt.msg || !tt.err.Directus {
				t.Fatalf("got %+v, want code %s status %d message %q", tt.err, tt.code, tt.status, tt.msg)
			}
		})
	}
}

func TestPlainAndAs(t *testing.T) {
	e := Internal(errString("boom"))
	if e.Directus || e.Status != 500 || e.Message != "boom" {
		t.Fatalf("Internal: %+v", e)
	}
	if As(e) != e || Is(e, CodeInternal) {
		t.Fatal("As/Is: plain error must not count as a Directus error")
	}
	if got := Forbidden().Error(); got != "DirectusError [FORBIDDEN]: You don't have permission to access this." {
		t.Fatalf("Error(): %q", got)
	}
}

type errString string

func (e errString) Error() string { return string(e) }

// TestJSNumberFormatting: values in messages print as JavaScript's String(n) does (node -p "String(n)").
func TestJSNumberFormatting(t *testing.T) {
	cases := map[float64]string{
		99999999999: "99999999999", 1.5: "1.5", -5: "-5", 0.1: "0.1", 1e21: "1e+21", 1.5e-7: "1.5e-7",
		123456789012345680000: "123456789012345680000", 0.000001: "0.000001",
	}
	for in, want := range cases {
		if got := jsNumber(in); got != want {
			t.Errorf("jsNumber(%v) = %q, want %q", in, got, want)
		}
	}
}
