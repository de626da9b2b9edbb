package crypto

import (
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
)

// keyObject is the Go half of Node's KeyObject.
type keyObject struct {
	kind   string // secret | public | private
	secret []byte
	pub    crypto.PublicKey
	priv   crypto.Signer
}

func (k *keyObject) asymmetricType() string {
	switch k.publicKey().(type) {
	case *rsa.PublicKey:
		return "rsa"
	case *ecdsa.PublicKey:
		return "ec"
	case ed25519.PublicKey:
		return "ed25519"
	}
	return ""
}

func (k *keyObject) publicKey() crypto.PublicKey {
	if k.priv != nil {
		return k.priv.Public()
	}
	return k.pub
}

// details is Node's asymmetricKeyDetails.
func (k *keyObject) details() map[string]any {
	switch p := k.publicKey().(type) {
	case *rsa.PublicKey:
		return map[string]any{"modulusLength": p.N.BitLen(), "publicExponent": big.NewInt(int64(p.E))}
	case *ecdsa.PublicKey:
		return map[string]any{"namedCurve": curveName(p.Curve)}
	}
	return map[string]any{}
}

func curveName(c elliptic.Curve) string {
	switch c {
	case elliptic.P256():
		return "prime256v1"
	case elliptic.P384():
		return "secp384r1"
	case elliptic.P521():
		return "secp521r1"
	case elliptic.P224():
		return "secp224r1"
	}
	return c.Params().Name
}

func curveNamed(name string) (elliptic.Curve, error) {
	switch name {
	case "prime256v1", "P-256", "secp256r1":
		return elliptic.P256(), nil
	case "secp384r1", "P-384":
		return elliptic.P384(), nil
	case "secp521r1", "P-521":
		return elliptic.P521(), nil
	case "secp224r1", "P-224":
		return elliptic.P224(), nil
	}
	return nil, fmt.Errorf("Invalid EC curve name")
}

// parseKey reads a PEM or DER key as Node's createPublicKey/createPrivateKey do. A private key given
// where a public one is wanted yields its public half.
func parseKey(data []byte, wantPrivate bool, derType string) (*keyObject, error) {
	der := data
	pemType := ""
	if block, _ := pem.Decode(data); block != nil {
		der, pemType = block.Bytes, block.Type
		if x509.IsEncryptedPEMBlock(block) { //nolint:staticcheck // detect only, to name the problem
			return nil, errors.New("encrypted PEM keys are not supported")
		}
	} else if derType == "" {
		return nil, errors.New("error:1E08010C:DECODER routines::unsupported")
	}
	switch pemType {
	case "CERTIFICATE":
		cert, err := x509.ParseCertificate(der)
		if err != nil {
			return nil, err
		}
		if wantPrivate {
			return nil, errors.New("a certificate holds no private key")
		}
		return &keyObject{kind: "public", pub: cert.PublicKey}, nil
	}
	if priv, err := parsePrivate(der); err == nil {
		if wantPrivate {
			return &keyObject{kind: "private", priv: priv}, nil
		}
		return &keyObject{kind: "public", pub: priv.Public()}, nil
	}
	if wantPrivate {
		return nil, errors.New("error:1E08010C:DECODER routines::unsupported")
	}
	if pub, err := x509.ParsePKIXPublicKey(der); err == nil {
		return &keyObject{kind: "public", pub: pub}, nil
	}
	if pub, err := x509.ParsePKCS1PublicKey(der); err == nil {
		return &keyObject{kind: "public", pub: pub}, nil
	}
	return nil, errors.New("error:1E08010C:DECODER routines::unsupported")
}

func parsePrivate(der []byte) (crypto.Signer, error) {
	if k, err := x509.ParsePKCS8PrivateKey(der); err == nil {
		if s, ok := k.(crypto.Signer); ok {
			return s, nil
		}
		if _, ok := k.(*ecdh.PrivateKey); ok {
			return nil, errors.New("x25519 keys cannot sign")
		}
	}
	if k, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return k, nil
	}
	if k, err := x509.ParseECPrivateKey(der); err == nil {
		return k, nil
	}
	return nil, errors.New("not a private key")
}

// export encodes the key as Node's KeyObject.export({format, type}) does.
func (k *keyObject) export(format, typ string) ([]byte, error) {
	if k.kind == "secret" {
		return k.secret, nil
	}
	var der []byte
	var label string
	var err error
	if k.kind == "public" {
		switch typ {
		case "pkcs1":
			p, ok := k.pub.(*rsa.PublicKey)
			if !ok {
				return nil, errors.New("pkcs1 is for RSA keys only")
			}
			der, label = x509.MarshalPKCS1PublicKey(p), "RSA PUBLIC KEY"
		default:
			der, err = x509.MarshalPKIXPublicKey(k.pub)
			label = "PUBLIC KEY"
		}
	} else {
		switch typ {
		case "pkcs1":
			p, ok := k.priv.(*rsa.PrivateKey)
			if !ok {
				return nil, errors.New("pkcs1 is for RSA keys only")
			}
			der, label = x509.MarshalPKCS1PrivateKey(p), "RSA PRIVATE KEY"
		case "sec1":
			p, ok := k.priv.(*ecdsa.PrivateKey)
			if !ok {
				return nil, errors.New("sec1 is for EC keys only")
			}
			der, err = x509.MarshalECPrivateKey(p)
			label = "EC PRIVATE KEY"
		default:
			der, err = x509.MarshalPKCS8PrivateKey(k.priv)
			label = "PRIVATE KEY"
		}
	}
	if err != nil {
		return nil, err
	}
	if format == "der" {
		return der, nil
	}
	return pem.EncodeToMemory(&pem.Block{Type: label, Bytes: der}), nil
}
