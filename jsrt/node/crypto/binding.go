package crypto

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"hash"
	"sort"

	"github.com/dop251/goja"
	"golang.org/x/crypto/scrypt"

	"github.com/dxhost/dxhost/jsrt/node/internal/host"
)

// binding is the Go half of crypto.gen.js. Bytes cross as ArrayBuffers; the JS half makes Buffers.
func binding(rt *goja.Runtime) *goja.Object {
	b := rt.NewObject()
	throw := func(err error) { panic(rt.NewGoError(err)) }
	ab := func(p []byte) goja.ArrayBuffer { return rt.NewArrayBuffer(p) }

	var hasher func(h hash.Hash) *goja.Object
	hasher = func(h hash.Hash) *goja.Object {
		o := rt.NewObject()
		o.Set("update", func(data goja.ArrayBuffer) { h.Write(data.Bytes()) })
		o.Set("digest", func() goja.ArrayBuffer { return ab(h.Sum(nil)) })
		o.Set("copy", func() *goja.Object {
			c, err := cloneHash(h)
			if err != nil {
				throw(err)
			}
			return hasher(c)
		})
		return o
	}
	b.Set("hash", func(alg string) *goja.Object {
		_, h, err := hashNamed(alg)
		if err != nil {
			throw(err)
		}
		return hasher(h())
	})
	b.Set("hmac", func(alg string, key goja.ArrayBuffer) *goja.Object {
		h, err := newHMAC(alg, key.Bytes())
		if err != nil {
			throw(err)
		}
		return hasher(h)
	})
	b.Set("hashNames", func() []string {
		names := make([]string, 0, len(hashes)+len(aliases))
		for n := range hashes {
			names = append(names, n)
		}
		for n := range aliases {
			names = append(names, n)
		}
		sort.Strings(names)
		return names
	})
	b.Set("randomFill", func(buf goja.ArrayBuffer, offset, size int) {
		p := buf.Bytes()
		if offset < 0 || size < 0 || offset+size > len(p) {
			throw(errors.New("randomFill: range out of bounds"))
		}
		_, _ = rand.Read(p[offset : offset+size])
	})

	// async runs work off the loop when a callback is given (Node's callback forms), else inline.
	async := func(cb goja.Value, work func() ([]byte, error)) goja.Value {
		fn, ok := goja.AssertFunction(cb)
		if !ok {
			res, err := host.Guard(func() (any, error) { return work() })
			if err != nil {
				throw(err)
			}
			out, _ := res.([]byte)
			return rt.ToValue(ab(out))
		}
		host.Instance(rt).Go(func() func(rt *goja.Runtime) {
			res, err := host.Guard(func() (any, error) { return work() })
			out, _ := res.([]byte)
			return func(rt *goja.Runtime) {
				if err != nil {
					_, _ = fn(goja.Undefined(), rt.NewGoError(err))
					return
				}
				_, _ = fn(goja.Undefined(), goja.Null(), rt.ToValue(rt.NewArrayBuffer(out)))
			}
		})
		return goja.Undefined()
	}
	b.Set("pbkdf2", func(pw, salt goja.ArrayBuffer, iter, keylen int, digest string, cb goja.Value) goja.Value {
		_, h, err := hashNamed(digest)
		if err != nil {
			throw(errors.New("Invalid digest: " + digest))
		}
		if iter < 1 || keylen < 0 || keylen > 1<<30 {
			throw(errors.New("pbkdf2: iterations must be >= 1 and keylen within 0..2^30"))
		}
		p, s := append([]byte(nil), pw.Bytes()...), append([]byte(nil), salt.Bytes()...)
		return async(cb, func() ([]byte, error) { return pbkdf2.Key(h, string(p), s, iter, keylen) })
	})
	b.Set("scrypt", func(pw, salt goja.ArrayBuffer, keylen, n, r, p int, maxmem int64, cb goja.Value) goja.Value {
		// Node's limit: 128·N·r bytes within maxmem (32 MiB unless the caller raises it).
		if keylen < 0 || keylen > 1<<30 || n < 2 || n&(n-1) != 0 || r < 1 || p < 1 || int64(n)*int64(r)*128 > maxmem {
			throw(errors.New("Invalid scrypt params: N must be a power of two > 1, r and p >= 1, 128*N*r <= maxmem"))
		}
		pwb, s := append([]byte(nil), pw.Bytes()...), append([]byte(nil), salt.Bytes()...)
		return async(cb, func() ([]byte, error) { return scrypt.Key(pwb, s, n, r, p, keylen) })
	})

	b.Set("cipher", func(alg string, key, iv goja.ArrayBuffer, decrypt bool, tagLen int) *goja.Object {
		c, err := newCipher(alg, key.Bytes(), append([]byte(nil), iv.Bytes()...), decrypt, tagLen)
		if err != nil {
			throw(err)
		}
		o := rt.NewObject()
		o.Set("update", func(in goja.ArrayBuffer) goja.ArrayBuffer {
			out, err := c.update(in.Bytes())
			if err != nil {
				throw(err)
			}
			return ab(out)
		})
		o.Set("final", func() goja.ArrayBuffer {
			out, err := c.finish()
			if err != nil {
				throw(err)
			}
			return ab(out)
		})
		o.Set("setAutoPadding", func(on bool) { c.padding = on })
		o.Set("setAAD", func(aad goja.ArrayBuffer) { c.aad = append([]byte(nil), aad.Bytes()...) })
		o.Set("setAuthTag", func(tag goja.ArrayBuffer) { c.tag = append([]byte(nil), tag.Bytes()...) })
		o.Set("getAuthTag", func() goja.Value {
			if c.tag == nil || c.decrypt {
				throw(errors.New("Invalid state for operation getAuthTag"))
			}
			return rt.ToValue(ab(c.tag))
		})
		return o
	})

	key := func(v goja.Value) *keyObject {
		k, ok := v.Export().(*keyObject)
		if !ok {
			throw(errors.New("not a key"))
		}
		return k
	}
	b.Set("keyParse", func(data goja.ArrayBuffer, wantPrivate bool, derType string) *keyObject {
		k, err := parseKey(data.Bytes(), wantPrivate, derType)
		if err != nil {
			throw(err)
		}
		return k
	})
	b.Set("keyFromJWK", func(j map[string]any, wantPrivate bool) *keyObject {
		k, err := fromJWK(j, wantPrivate)
		if err != nil {
			throw(err)
		}
		return k
	})
	b.Set("keyToJWK", func(h goja.Value) goja.Value {
		o, err := key(h).toJWK()
		if err != nil {
			throw(err)
		}
		return host.Value(rt, o)
	})
	b.Set("rsaCrypt", func(h goja.Value, decrypt bool, data goja.ArrayBuffer, padding int, oaepHash string, label goja.ArrayBuffer) goja.ArrayBuffer {
		var out []byte
		var err error
		if decrypt {
			out, err = rsaDecrypt(key(h), data.Bytes(), padding, oaepHash, label.Bytes())
		} else {
			out, err = rsaEncrypt(key(h), data.Bytes(), padding, oaepHash, label.Bytes())
		}
		if err != nil {
			throw(err)
		}
		return ab(out)
	})
	b.Set("hkdf", func(digest string, ikm, salt, info goja.ArrayBuffer, keylen int, cb goja.Value) goja.Value {
		i, s, n := append([]byte(nil), ikm.Bytes()...), append([]byte(nil), salt.Bytes()...), append([]byte(nil), info.Bytes()...)
		return async(cb, func() ([]byte, error) { return hkdfKey(digest, i, s, n, keylen) })
	})
	b.Set("keySecret", func(data goja.ArrayBuffer) *keyObject {
		return &keyObject{kind: "secret", secret: append([]byte(nil), data.Bytes()...)}
	})
	b.Set("keyInfo", func(h goja.Value) map[string]any {
		k := key(h)
		info := map[string]any{"type": k.kind}
		if k.kind == "secret" {
			info["symmetricKeySize"] = len(k.secret)
		} else {
			info["asymmetricKeyType"] = k.asymmetricType()
			info["asymmetricKeyDetails"] = k.details()
		}
		return info
	})
	b.Set("keyExport", func(h goja.Value, format, typ string) goja.ArrayBuffer {
		out, err := key(h).export(format, typ)
		if err != nil {
			throw(err)
		}
		return ab(out)
	})
	b.Set("keyPublic", func(h goja.Value) *keyObject { return &keyObject{kind: "public", pub: key(h).publicKey()} })
	signOpts := func(digest goja.Value, padding, saltLength goja.Value, dsa string) signOptions {
		o := signOptions{padding: rsaPKCS1Padding, ieeeP1363: dsa == "ieee-p1363"}
		if !goja.IsUndefined(digest) && !goja.IsNull(digest) {
			o.digest = digest.String()
		}
		if !goja.IsUndefined(padding) {
			o.padding = int(padding.ToInteger())
		}
		if !goja.IsUndefined(saltLength) {
			o.hasSaltLen, o.saltLength = true, int(saltLength.ToInteger())
		}
		return o
	}
	b.Set("sign", func(h, digest goja.Value, data goja.ArrayBuffer, padding, saltLength goja.Value, dsa string) goja.ArrayBuffer {
		out, err := sign(key(h), data.Bytes(), signOpts(digest, padding, saltLength, dsa))
		if err != nil {
			throw(err)
		}
		return ab(out)
	})
	b.Set("verify", func(h, digest goja.Value, data, sig goja.ArrayBuffer, padding, saltLength goja.Value, dsa string) bool {
		ok, err := verify(key(h), data.Bytes(), sig.Bytes(), signOpts(digest, padding, saltLength, dsa))
		if err != nil {
			throw(err)
		}
		return ok
	})
	b.Set("generateKeyPair", func(typ string, modulusLength, publicExponent int, namedCurve string) []*keyObject {
		var err error
		switch typ {
		case "rsa":
			if publicExponent != 0 && publicExponent != 65537 {
				throw(errors.New("only publicExponent 65537 is supported"))
			}
			var k *rsa.PrivateKey
			k, err = rsa.GenerateKey(rand.Reader, modulusLength)
			if err == nil {
				return []*keyObject{{kind: "public", pub: k.Public()}, {kind: "private", priv: k}}
			}
		case "ec":
			c, cerr := curveNamed(namedCurve)
			if cerr != nil {
				throw(cerr)
			}
			var k *ecdsa.PrivateKey
			k, err = ecdsa.GenerateKey(c, rand.Reader)
			if err == nil {
				return []*keyObject{{kind: "public", pub: k.Public()}, {kind: "private", priv: k}}
			}
		case "ed25519":
			pub, k, gerr := ed25519.GenerateKey(rand.Reader)
			if gerr == nil {
				return []*keyObject{{kind: "public", pub: pub}, {kind: "private", priv: k}}
			}
			err = gerr
		default:
			err = errors.New("unsupported key type " + typ)
		}
		throw(err)
		return nil
	})
	return b
}

// cloneHash copies a running digest (Node's hash.copy()) through its binary marshaling.
func cloneHash(h hash.Hash) (hash.Hash, error) {
	type marshaler interface {
		MarshalBinary() ([]byte, error)
		UnmarshalBinary([]byte) error
	}
	m, ok := h.(marshaler)
	if !ok {
		return nil, errors.New("this digest cannot be copied")
	}
	state, err := m.MarshalBinary()
	if err != nil {
		return nil, err
	}
	// A fresh instance of the same type, restored from the state.
	for _, mk := range hashes {
		c := mk()
		if cm, ok := c.(marshaler); ok && sameType(c, h) {
			if err := cm.UnmarshalBinary(state); err == nil {
				return c, nil
			}
		}
	}
	return nil, errors.New("this digest cannot be copied")
}

func sameType(a, b hash.Hash) bool { return a.Size() == b.Size() && a.BlockSize() == b.BlockSize() }
