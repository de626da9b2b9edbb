package crypto

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/asn1"
	"errors"
	"math/big"
)

// Node's crypto.constants for RSA padding and PSS salt lengths.
const (
	rsaPKCS1Padding   = 1
	rsaPSSPadding     = 6
	pssSaltLenDigest  = -1
	pssSaltLenMaxSign = -2
)

type signOptions struct {
	digest     string // "" for Ed25519
	padding    int
	saltLength int
	hasSaltLen bool
	ieeeP1363  bool
}

func (o signOptions) hash(data []byte) (crypto.Hash, []byte, error) {
	name, h, err := hashNamed(o.digest)
	if err != nil {
		return 0, nil, errors.New("Invalid digest")
	}
	ids := map[string]crypto.Hash{"md5": crypto.MD5, "sha1": crypto.SHA1, "sha224": crypto.SHA224, "sha256": crypto.SHA256,
		"sha384": crypto.SHA384, "sha512": crypto.SHA512, "sha512-224": crypto.SHA512_224, "sha512-256": crypto.SHA512_256,
		"sha3-224": crypto.SHA3_224, "sha3-256": crypto.SHA3_256, "sha3-384": crypto.SHA3_384, "sha3-512": crypto.SHA3_512, "ripemd160": crypto.RIPEMD160}
	hh := h()
	hh.Write(data)
	return ids[name], hh.Sum(nil), nil
}

func (o signOptions) pss(hash crypto.Hash) *rsa.PSSOptions {
	salt := rsa.PSSSaltLengthAuto
	if o.hasSaltLen {
		switch o.saltLength {
		case pssSaltLenDigest:
			salt = rsa.PSSSaltLengthEqualsHash
		case pssSaltLenMaxSign:
			salt = rsa.PSSSaltLengthAuto
		default:
			salt = o.saltLength
		}
	}
	return &rsa.PSSOptions{SaltLength: salt, Hash: hash}
}

func sign(k *keyObject, data []byte, o signOptions) ([]byte, error) {
	if k.priv == nil {
		return nil, errors.New("a private key is needed to sign")
	}
	if ek, ok := k.priv.(ed25519.PrivateKey); ok {
		return ed25519.Sign(ek, data), nil
	}
	hash, digest, err := o.hash(data)
	if err != nil {
		return nil, err
	}
	switch key := k.priv.(type) {
	case *rsa.PrivateKey:
		if o.padding == rsaPSSPadding {
			return rsa.SignPSS(rand.Reader, key, hash, digest, o.pss(hash))
		}
		return rsa.SignPKCS1v15(rand.Reader, key, hash, digest)
	case *ecdsa.PrivateKey:
		r, s, err := ecdsa.Sign(rand.Reader, key, digest)
		if err != nil {
			return nil, err
		}
		if o.ieeeP1363 {
			size := (key.Curve.Params().BitSize + 7) / 8
			out := make([]byte, 2*size)
			r.FillBytes(out[:size])
			s.FillBytes(out[size:])
			return out, nil
		}
		return asn1.Marshal(struct{ R, S *big.Int }{r, s})
	}
	return nil, errors.New("unsupported key type for signing")
}

func verify(k *keyObject, data, sig []byte, o signOptions) (bool, error) {
	pub := k.publicKey()
	if ek, ok := pub.(ed25519.PublicKey); ok {
		return ed25519.Verify(ek, data, sig), nil
	}
	hash, digest, err := o.hash(data)
	if err != nil {
		return false, err
	}
	switch key := pub.(type) {
	case *rsa.PublicKey:
		if o.padding == rsaPSSPadding {
			return rsa.VerifyPSS(key, hash, digest, sig, o.pss(hash)) == nil, nil
		}
		return rsa.VerifyPKCS1v15(key, hash, digest, sig) == nil, nil
	case *ecdsa.PublicKey:
		if o.ieeeP1363 {
			size := (key.Curve.Params().BitSize + 7) / 8
			if len(sig) != 2*size {
				return false, nil
			}
			r := new(big.Int).SetBytes(sig[:size])
			s := new(big.Int).SetBytes(sig[size:])
			return ecdsa.Verify(key, digest, r, s), nil
		}
		return ecdsa.VerifyASN1(key, digest, sig), nil
	}
	return false, errors.New("unsupported key type for verifying")
}
