package password_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/dxhost/dxhost/services/systables/password"
)

// Hashes recorded from the real stack: "directus" was written into directus_users by `directus
// bootstrap` of 12.4.1 (ADMIN_PASSWORD=admin-password); the others were made by node-argon2 0.44.0
// (Directus's hashing library) with the options named. "dxhost" was made by Hash and verified true
// by node-argon2 0.44.0's argon2.verify (and false for a wrong password) when recorded.
var recorded = []struct {
	name, hash, password string
}{
	{"directus", "$argon2id$v=19$m=65536,t=3,p=4$MeK3b0pLfobLFXvWWbfEQw$hrXCDbqXD5l/ugjMTaq4MJFikdXzShWKCHtb9K8di3g", "admin-password"},
	{"node argon2i m=4096,t=2,p=1", "$argon2i$v=19$m=4096,t=2,p=1$HR3F3SYjzusFKaHmROYxUQ$vlkrAdswiiCMzVjEjGdz1FXEiD1o+pBd7sGmvO4AjpY", "other params"},
	{"node hashLength 16", "$argon2id$v=19$m=8192,t=1,p=2$IQgkroOEcYLfOTTz9Zf5sw$i0/yMN86OYjgvRcVD4iecw", "short hash"},
	{"dxhost", "$argon2id$v=19$m=65536,t=3,p=4$I5p83VKh+iVzNOa5MOGAQA$rAPVmBrOlv0Q5Ll3ZulQGDw/Rn4CzqjaLUZJTa74VSI", "dxhost-made password ✓"},
}

func TestVerifyRecordedHashes(t *testing.T) {
	for _, tc := range recorded {
		t.Run(tc.name, func(t *testing.T) {
			ok, err := password.Verify(tc.hash, tc.password)
			if err != nil || !ok {
				t.Fatalf("Verify(right password) = %v, %v", ok, err)
			}
			if strings.Contains(tc.hash, "m=65536") {
				return // a wrong password is checked on the cheaper hashes: 64 MiB ones are slow under -race
			}
			ok, err = password.Verify(tc.hash, tc.password+"x")
			if err != nil || ok {
				t.Fatalf("Verify(wrong password) = %v, %v", ok, err)
			}
		})
	}
}

func TestHashFormat(t *testing.T) {
	h, err := password.Hash("admin-password")
	if err != nil {
		t.Fatal(err)
	}
	// node-argon2 0.44 defaults, unpadded base64 of a 16-byte salt and a 32-byte hash.
	if !regexp.MustCompile(`^\$argon2id\$v=19\$m=65536,t=3,p=4\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$`).MatchString(h) {
		t.Fatalf("hash %q is not in node-argon2's format", h)
	}
	if ok, err := password.Verify(h, "admin-password"); err != nil || !ok {
		t.Fatalf("own hash does not verify: %v %v", ok, err)
	}
	cheap := password.Options{MemoryCost: 64, TimeCost: 1, Parallelism: 1, HashLength: 32, Type: password.TypeArgon2id}
	a, _ := password.HashWith("admin-password", cheap)
	b, _ := password.HashWith("admin-password", cheap)
	if a == b {
		t.Fatal("two hashes share a salt")
	}
}

func TestVerifyBadHashes(t *testing.T) {
	tests := []struct {
		name, hash  string
		unsupported bool
	}{
		{"argon2d (Go has no argon2d)", "$argon2d$v=19$m=4096,t=1,p=1$hnLS/B4L1kvcTt5JOasGsw$67pfRuETo+s7A5L8EjQ+wjmXifpe7vdMmqolR++yUn0", true},
		{"associated data", "$argon2id$v=19$m=4096,t=1,p=1,data=YWJj$hnLS/B4L1kvcTt5JOasGsw$67pfRuETo+s7A5L8EjQ+wjmXifpe7vdMmqolR++yUn0", true},
		{"huge memory cost", "$argon2id$v=19$m=4294967295,t=1,p=1$hnLS/B4L1kvcTt5JOasGsw$67pfRuETo+s7A5L8EjQ+wjmXifpe7vdMmqolR++yUn0", true},
		{"not argon2", "$2b$10$abcdefghijklmnopqrstuv", false},
		{"empty", "", false},
		{"bad base64", "$argon2id$v=19$m=4096,t=1,p=1$!!!$???", false},
		{"zero parallelism", "$argon2id$v=19$m=4096,t=1,p=0$hnLS/B4L1kvcTt5JOasGsw$67pfRuETo+s7A5L8EjQ+wjmXifpe7vdMmqolR++yUn0", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ok, err := password.Verify(tc.hash, "argon2d")
			if err == nil || ok {
				t.Fatalf("Verify = %v, %v; want an error", ok, err)
			}
			if errors.Is(err, password.ErrUnsupported) != tc.unsupported {
				t.Fatalf("error %v: ErrUnsupported = %v, want %v", err, !tc.unsupported, tc.unsupported)
			}
		})
	}
}
