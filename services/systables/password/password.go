// Package password hashes and verifies passwords exactly as Directus does (spec 13 §5): argon2 PHC
// strings as node-argon2 0.44 writes them, "$argon2id$v=19$m=65536,t=3,p=4$<salt>$<hash>" with
// unpadded standard base64, so hashes made here verify in Directus and the other way round.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Options are node-argon2's hash options, which Directus fills from HASH_* env variables.
type Options struct {
	MemoryCost  uint32 // KiB (HASH_MEMORY_COST)
	TimeCost    uint32 // iterations (HASH_TIME_COST)
	Parallelism uint8  // lanes (HASH_PARALLELISM)
	HashLength  uint32 // bytes (HASH_HASH_LENGTH)
	Type        int    // 1 = argon2i, 2 = argon2id (HASH_TYPE); argon2d (0) is not available in Go
	SaltLength  int    // bytes
}

// Type values as node-argon2 numbers them.
const (
	TypeArgon2d  = 0
	TypeArgon2i  = 1
	TypeArgon2id = 2
)

// Defaults are node-argon2 0.44's defaults, which Directus uses unless HASH_* says otherwise.
var Defaults = Options{MemoryCost: 65536, TimeCost: 3, Parallelism: 4, HashLength: 32, Type: TypeArgon2id, SaltLength: 16}

// OptionsFromEnv is Defaults overridden by HASH_MEMORY_COST, HASH_TIME_COST, HASH_PARALLELISM,
// HASH_HASH_LENGTH and HASH_TYPE from an env map whose values are already cast (numbers).
func OptionsFromEnv(env map[string]any) Options {
	o := Defaults
	num := func(k string) (uint32, bool) {
		switch v := env[k].(type) {
		case float64:
			return uint32(v), v > 0
		case int:
			return uint32(v), v > 0
		}
		return 0, false
	}
	if n, ok := num("HASH_MEMORY_COST"); ok {
		o.MemoryCost = n
	}
	if n, ok := num("HASH_TIME_COST"); ok {
		o.TimeCost = n
	}
	if n, ok := num("HASH_PARALLELISM"); ok && n < 256 {
		o.Parallelism = uint8(n)
	}
	if n, ok := num("HASH_HASH_LENGTH"); ok {
		o.HashLength = n
	}
	if v, ok := env["HASH_TYPE"].(float64); ok {
		o.Type = int(v)
	}
	return o
}

// ErrUnsupported is returned for hashes Go's argon2 cannot compute (argon2d, version 16, associated data).
var ErrUnsupported = errors.New("password: unsupported argon2 hash")

// Hash hashes password with Defaults.
func Hash(password string) (string, error) { return HashWith(password, Defaults) }

// HashWith hashes password with opts and a fresh random salt.
func HashWith(password string, opts Options) (string, error) {
	if opts.SaltLength <= 0 {
		opts.SaltLength = Defaults.SaltLength
	}
	if opts.MemoryCost == 0 || opts.TimeCost == 0 || opts.Parallelism == 0 || opts.HashLength == 0 {
		return "", fmt.Errorf("password: invalid options %+v", opts)
	}
	salt := make([]byte, opts.SaltLength)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password: salt: %w", err)
	}
	p := phc{variant: opts.Type, version: argon2.Version, m: opts.MemoryCost, t: opts.TimeCost, p: opts.Parallelism, salt: salt}
	key, err := p.key(password, opts.HashLength)
	if err != nil {
		return "", err
	}
	p.hash = key
	return p.String(), nil
}

// Verify reports whether password matches the PHC hash, reading the parameters from the hash
// itself (older installs may use other costs). A malformed or unsupported hash is an error.
func Verify(hash, password string) (bool, error) {
	p, err := parse(hash)
	if err != nil {
		return false, err
	}
	key, err := p.key(password, uint32(len(p.hash)))
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(key, p.hash) == 1, nil
}

// Limits on the costs Verify accepts from a stored hash (Directus's own: 64 MiB, 3 passes).
const (
	maxMemoryKiB = 1 << 20 // 1 GiB
	maxTime      = 64
)

// phc is one parsed "$argon2<x>$v=<n>$m=<m>,t=<t>,p=<p>$<salt>$<hash>" string.
type phc struct {
	variant int
	version int
	m, t    uint32
	p       uint8
	salt    []byte
	hash    []byte
}

var variantNames = map[int]string{TypeArgon2d: "argon2d", TypeArgon2i: "argon2i", TypeArgon2id: "argon2id"}

func (h phc) String() string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$%s$v=%d$m=%d,t=%d,p=%d$%s$%s", variantNames[h.variant], h.version, h.m, h.t, h.p,
		b64.EncodeToString(h.salt), b64.EncodeToString(h.hash))
}

func (h phc) key(password string, length uint32) ([]byte, error) {
	if h.version != argon2.Version {
		return nil, fmt.Errorf("%w: version %d", ErrUnsupported, h.version)
	}
	switch h.variant {
	case TypeArgon2id:
		return argon2.IDKey([]byte(password), h.salt, h.t, h.m, h.p, length), nil
	case TypeArgon2i:
		return argon2.Key([]byte(password), h.salt, h.t, h.m, h.p, length), nil
	}
	return nil, fmt.Errorf("%w: %s", ErrUnsupported, variantNames[h.variant])
}

func parse(s string) (phc, error) {
	var h phc
	parts := strings.Split(s, "$")
	// "", variant, [v=..], params, salt, hash
	if len(parts) != 6 && len(parts) != 5 {
		return h, fmt.Errorf("password: not an argon2 PHC string")
	}
	found := false
	for t, name := range variantNames {
		if parts[1] == name {
			h.variant, found = t, true
		}
	}
	if !found {
		return h, fmt.Errorf("password: not an argon2 PHC string (%q)", parts[1])
	}
	rest := parts[2:]
	h.version = 0x10 // absent version = argon2 1.0
	if len(parts) == 6 {
		v, ok := strings.CutPrefix(parts[2], "v=")
		n, err := strconv.Atoi(v)
		if !ok || err != nil {
			return h, fmt.Errorf("password: bad version %q", parts[2])
		}
		h.version, rest = n, parts[3:]
	}
	for _, kv := range strings.Split(rest[0], ",") {
		k, v, _ := strings.Cut(kv, "=")
		if k == "data" {
			return h, fmt.Errorf("%w: associated data", ErrUnsupported)
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return h, fmt.Errorf("password: bad parameter %q", kv)
		}
		switch k {
		case "m":
			h.m = uint32(n)
		case "t":
			h.t = uint32(n)
		case "p":
			if n == 0 || n > 255 {
				return h, fmt.Errorf("password: bad parallelism %q", kv)
			}
			h.p = uint8(n)
		}
	}
	if h.m == 0 || h.t == 0 || h.p == 0 {
		return h, fmt.Errorf("password: missing m, t or p")
	}
	// A hash read from the database must not make us allocate or spin without bound.
	if h.m > maxMemoryKiB || h.t > maxTime {
		return h, fmt.Errorf("%w: cost m=%d t=%d above the limit", ErrUnsupported, h.m, h.t)
	}
	var err error
	if h.salt, err = decodeB64(rest[1]); err != nil {
		return h, fmt.Errorf("password: salt: %w", err)
	}
	if h.hash, err = decodeB64(rest[2]); err != nil || len(h.hash) == 0 {
		return h, fmt.Errorf("password: hash: %v", err)
	}
	return h, nil
}

// decodeB64 accepts the unpadded base64 of PHC strings (and padded, to be lenient).
func decodeB64(s string) ([]byte, error) {
	return base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
}
