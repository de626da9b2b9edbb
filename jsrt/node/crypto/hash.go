package crypto

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/sha512"
	"fmt"
	"hash"
	"strings"

	"golang.org/x/crypto/ripemd160" //nolint:staticcheck // Node still offers ripemd160
)

// hashes are the digests Node's crypto offers that Go implements, by OpenSSL name (lower case).
var hashes = map[string]func() hash.Hash{
	"md5":        md5.New,
	"sha1":       sha1.New,
	"sha224":     sha256.New224,
	"sha256":     sha256.New,
	"sha384":     sha512.New384,
	"sha512":     sha512.New,
	"sha512-224": sha512.New512_224,
	"sha512-256": sha512.New512_256,
	"sha3-224":   func() hash.Hash { return sha3.New224() },
	"sha3-256":   func() hash.Hash { return sha3.New256() },
	"sha3-384":   func() hash.Hash { return sha3.New384() },
	"sha3-512":   func() hash.Hash { return sha3.New512() },
	"ripemd160":  ripemd160.New,
}

// aliases are the other spellings OpenSSL (and so Node) accepts.
var aliases = map[string]string{
	"rsa-md5": "md5", "rsa-sha1": "sha1", "rsa-sha224": "sha224", "rsa-sha256": "sha256", "rsa-sha384": "sha384",
	"rsa-sha512": "sha512", "sha-1": "sha1", "sha-224": "sha224", "sha-256": "sha256", "sha-384": "sha384", "sha-512": "sha512",
	"rsa-sha512/224": "sha512-224", "rsa-sha512/256": "sha512-256", "sha512/224": "sha512-224", "sha512/256": "sha512-256",
	"ripemd": "ripemd160", "rmd160": "ripemd160", "ripemd-160": "ripemd160", "sha1withrsaencryption": "sha1",
	"sha256withrsaencryption": "sha256", "sha384withrsaencryption": "sha384", "sha512withrsaencryption": "sha512",
	"ecdsa-with-sha256": "sha256", "ecdsa-with-sha384": "sha384", "ecdsa-with-sha512": "sha512", "ecdsa-with-sha1": "sha1",
}

// hashNamed finds a digest by any name Node accepts.
func hashNamed(name string) (string, func() hash.Hash, error) {
	n := strings.ToLower(name)
	if a, ok := aliases[n]; ok {
		n = a
	}
	if h, ok := hashes[n]; ok {
		return n, h, nil
	}
	return "", nil, fmt.Errorf("Digest method not supported")
}

func newHMAC(alg string, key []byte) (hash.Hash, error) {
	_, h, err := hashNamed(alg)
	if err != nil {
		return nil, fmt.Errorf("Invalid digest: %s", alg)
	}
	return hmac.New(h, key), nil
}
