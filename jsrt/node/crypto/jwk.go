package crypto

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"math/big"

	"github.com/dxhost/dxhost/jsrt/node/internal/host"
)

// JSON Web Keys (RFC 7517/7518/8037) for RSA, EC (P-256/384/521), OKP (Ed25519) and oct, as
// createPublicKey/createPrivateKey({format: 'jwk'}) and KeyObject.export({format: 'jwk'}) use them.

var b64 = base64.RawURLEncoding

func fromJWK(j map[string]any, wantPrivate bool) (*keyObject, error) {
	str := func(k string) string { s, _ := j[k].(string); return s }
	num := func(k string) (*big.Int, error) {
		raw, err := b64.DecodeString(str(k))
		if err != nil || len(raw) == 0 {
			return nil, errors.New("Invalid JWK: missing or malformed " + k)
		}
		return new(big.Int).SetBytes(raw), nil
	}
	switch str("kty") {
	case "oct":
		raw, err := b64.DecodeString(str("k"))
		if err != nil {
			return nil, errors.New("Invalid JWK secret key")
		}
		return &keyObject{kind: "secret", secret: raw}, nil
	case "RSA":
		n, err := num("n")
		if err != nil {
			return nil, err
		}
		e, err := num("e")
		if err != nil {
			return nil, err
		}
		pub := &rsa.PublicKey{N: n, E: int(e.Int64())}
		if !wantPrivate || str("d") == "" {
			if wantPrivate {
				return nil, errors.New("Invalid JWK RSA private key")
			}
			return &keyObject{kind: "public", pub: pub}, nil
		}
		d, err := num("d")
		if err != nil {
			return nil, err
		}
		p, err := num("p")
		if err != nil {
			return nil, err
		}
		q, err := num("q")
		if err != nil {
			return nil, err
		}
		priv := &rsa.PrivateKey{PublicKey: *pub, D: d, Primes: []*big.Int{p, q}}
		if err := priv.Validate(); err != nil {
			return nil, errors.New("Invalid JWK RSA private key")
		}
		priv.Precompute()
		return &keyObject{kind: "private", priv: priv}, nil
	case "EC":
		curve, err := curveNamed(str("crv"))
		if err != nil {
			return nil, errors.New("Unsupported JWK EC curve: " + str("crv"))
		}
		x, err := num("x")
		if err != nil {
			return nil, err
		}
		y, err := num("y")
		if err != nil {
			return nil, err
		}
		pub := &ecdsa.PublicKey{Curve: curve, X: x, Y: y}
		if !curve.IsOnCurve(x, y) { //nolint:staticcheck // validation of untrusted input
			return nil, errors.New("Invalid JWK EC key")
		}
		if !wantPrivate {
			return &keyObject{kind: "public", pub: pub}, nil
		}
		d, err := num("d")
		if err != nil {
			return nil, err
		}
		return &keyObject{kind: "private", priv: &ecdsa.PrivateKey{PublicKey: *pub, D: d}}, nil
	case "OKP":
		if str("crv") != "Ed25519" {
			return nil, errors.New("Unsupported JWK OKP curve: " + str("crv"))
		}
		x, err := b64.DecodeString(str("x"))
		if err != nil || len(x) != ed25519.PublicKeySize {
			return nil, errors.New("Invalid JWK Ed25519 key")
		}
		if !wantPrivate {
			return &keyObject{kind: "public", pub: ed25519.PublicKey(x)}, nil
		}
		d, err := b64.DecodeString(str("d"))
		if err != nil || len(d) != ed25519.SeedSize {
			return nil, errors.New("Invalid JWK Ed25519 key")
		}
		return &keyObject{kind: "private", priv: ed25519.NewKeyFromSeed(d)}, nil
	}
	return nil, errors.New("Unsupported JWK key type: " + str("kty"))
}

// toJWK is Node's KeyObject.export({format: 'jwk'}), with Node's member order.
func (k *keyObject) toJWK() (host.Ordered, error) {
	enc := func(b []byte) string { return b64.EncodeToString(b) }
	if k.kind == "secret" {
		return host.Obj("kty", "oct", "k", enc(k.secret)), nil
	}
	switch pub := k.publicKey().(type) {
	case *rsa.PublicKey:
		o := host.Obj("kty", "RSA", "n", enc(pub.N.Bytes()), "e", enc(big.NewInt(int64(pub.E)).Bytes()))
		if p, ok := k.priv.(*rsa.PrivateKey); ok {
			p.Precompute()
			o = append(o, host.Obj("d", enc(p.D.Bytes()), "p", enc(p.Primes[0].Bytes()), "q", enc(p.Primes[1].Bytes()),
				"dp", enc(p.Precomputed.Dp.Bytes()), "dq", enc(p.Precomputed.Dq.Bytes()), "qi", enc(p.Precomputed.Qinv.Bytes()))...)
		}
		return o, nil
	case *ecdsa.PublicKey:
		size := (pub.Curve.Params().BitSize + 7) / 8
		pad := func(n *big.Int) string { b := make([]byte, size); n.FillBytes(b); return enc(b) }
		crv := map[elliptic.Curve]string{elliptic.P256(): "P-256", elliptic.P384(): "P-384", elliptic.P521(): "P-521"}[pub.Curve]
		o := host.Obj("kty", "EC", "x", pad(pub.X), "y", pad(pub.Y), "crv", crv)
		if p, ok := k.priv.(*ecdsa.PrivateKey); ok {
			o = append(o, host.KV{Key: "d", Value: pad(p.D)})
		}
		return o, nil
	case ed25519.PublicKey:
		o := host.Obj("crv", "Ed25519", "x", enc(pub), "kty", "OKP")
		if p, ok := k.priv.(ed25519.PrivateKey); ok {
			o = host.Obj("crv", "Ed25519", "d", enc(p.Seed()), "x", enc(pub), "kty", "OKP")
		}
		return o, nil
	}
	return nil, errors.New("this key cannot be exported as a JWK")
}
