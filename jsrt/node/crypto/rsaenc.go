package crypto

import (
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"io"

	"golang.org/x/crypto/hkdf"
)

// rsaEncrypt is publicEncrypt: OAEP (Node's default, with oaepHash, default sha1) or PKCS#1 v1.5.
func rsaEncrypt(k *keyObject, data []byte, padding int, oaepHash string, label []byte) ([]byte, error) {
	pub, ok := k.publicKey().(*rsa.PublicKey)
	if !ok {
		return nil, errors.New("publicEncrypt needs an RSA key")
	}
	if padding == rsaPKCS1Padding {
		return rsa.EncryptPKCS1v15(rand.Reader, pub, data)
	}
	_, h, err := hashNamed(oaepHash)
	if err != nil {
		return nil, err
	}
	return rsa.EncryptOAEP(h(), rand.Reader, pub, data, label)
}

// rsaDecrypt is privateDecrypt, the inverse of rsaEncrypt.
func rsaDecrypt(k *keyObject, data []byte, padding int, oaepHash string, label []byte) ([]byte, error) {
	priv, ok := k.priv.(*rsa.PrivateKey)
	if !ok {
		return nil, errors.New("privateDecrypt needs an RSA private key")
	}
	if padding == rsaPKCS1Padding {
		return rsa.DecryptPKCS1v15(rand.Reader, priv, data)
	}
	_, h, err := hashNamed(oaepHash)
	if err != nil {
		return nil, err
	}
	out, err := rsa.DecryptOAEP(h(), rand.Reader, priv, data, label)
	if err != nil {
		return nil, errors.New("error:02000079:rsa routines::oaep decoding error")
	}
	return out, nil
}

// hkdfKey is HKDF (RFC 5869) as crypto.hkdf derives it.
func hkdfKey(digest string, ikm, salt, info []byte, keylen int) ([]byte, error) {
	_, h, err := hashNamed(digest)
	if err != nil {
		return nil, errors.New("Invalid digest: " + digest)
	}
	if keylen < 0 || keylen > 255*h().Size() {
		return nil, errors.New("Invalid key length")
	}
	out := make([]byte, keylen)
	if _, err := io.ReadFull(hkdf.New(h, ikm, salt, info), out); err != nil {
		return nil, err
	}
	return out, nil
}
