package crypto

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"errors"
	"fmt"
	"strings"
)

// streamCipher is Node's Cipher/Decipher for AES in CBC, ECB, CTR and GCM modes.
type streamCipher struct {
	mode    string
	decrypt bool
	padding bool

	block   cipher.Block
	cbc     cipher.BlockMode
	ctr     cipher.Stream
	pending []byte // CBC/ECB: bytes not yet forming a whole block; GCM: all input (Go's AEAD is one-shot)

	gcm    cipher.AEAD
	iv     []byte
	aad    []byte
	tag    []byte
	tagLen int
	final  bool
}

var keySizes = map[string]int{"aes-128": 16, "aes-192": 24, "aes-256": 32}

func newCipher(alg string, key, iv []byte, decrypt bool, authTagLength int) (*streamCipher, error) {
	alg = strings.ToLower(alg)
	i := strings.LastIndexByte(alg, '-')
	if i < 0 {
		return nil, errors.New("Invalid cipher type")
	}
	size, ok := keySizes[alg[:i]]
	mode := alg[i+1:]
	if !ok {
		return nil, errors.New("Invalid cipher type")
	}
	if len(key) != size {
		return nil, errors.New("Invalid key length")
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("Invalid key length: %w", err)
	}
	c := &streamCipher{mode: mode, decrypt: decrypt, padding: true, block: block, iv: iv}
	switch mode {
	case "cbc":
		if len(iv) != aes.BlockSize {
			return nil, errors.New("Invalid initialization vector")
		}
		if decrypt {
			c.cbc = cipher.NewCBCDecrypter(block, iv)
		} else {
			c.cbc = cipher.NewCBCEncrypter(block, iv)
		}
	case "ecb":
	case "ctr":
		if len(iv) != aes.BlockSize {
			return nil, errors.New("Invalid initialization vector")
		}
		c.ctr = cipher.NewCTR(block, iv)
	case "gcm":
		if len(iv) == 0 {
			return nil, errors.New("Invalid initialization vector")
		}
		if authTagLength == 0 {
			authTagLength = 16
		}
		c.tagLen = authTagLength
		c.gcm, err = cipher.NewGCMWithNonceSize(block, len(iv))
		if err == nil && authTagLength != 16 {
			c.gcm, err = cipher.NewGCMWithTagSize(block, authTagLength)
			if err == nil && len(iv) != 12 {
				err = errors.New("GCM with a non-default tag length needs a 12-byte IV")
			}
		}
		if err != nil {
			return nil, err
		}
	default:
		return nil, errors.New("Invalid cipher type")
	}
	return c, nil
}

func (c *streamCipher) update(in []byte) ([]byte, error) {
	if c.final {
		return nil, errors.New("Unsupported state")
	}
	switch c.mode {
	case "ctr":
		out := make([]byte, len(in))
		c.ctr.XORKeyStream(out, in)
		return out, nil
	case "gcm":
		c.pending = append(c.pending, in...)
		return []byte{}, nil
	}
	c.pending = append(c.pending, in...)
	n := len(c.pending) / aes.BlockSize * aes.BlockSize
	// When decrypting with padding, the last whole block may hold the padding: keep it for final.
	if c.decrypt && c.padding && n == len(c.pending) && n > 0 {
		n -= aes.BlockSize
	}
	out := make([]byte, n)
	c.crypt(out, c.pending[:n])
	c.pending = append([]byte(nil), c.pending[n:]...)
	return out, nil
}

func (c *streamCipher) crypt(dst, src []byte) {
	if c.cbc != nil {
		c.cbc.CryptBlocks(dst, src)
		return
	}
	for i := 0; i < len(src); i += aes.BlockSize {
		if c.decrypt {
			c.block.Decrypt(dst[i:], src[i:])
		} else {
			c.block.Encrypt(dst[i:], src[i:])
		}
	}
}

func (c *streamCipher) finish() ([]byte, error) {
	if c.final {
		return nil, errors.New("Unsupported state")
	}
	c.final = true
	switch c.mode {
	case "ctr":
		return []byte{}, nil
	case "gcm":
		if c.decrypt {
			if c.tag == nil {
				return nil, errors.New("Unsupported state or unable to authenticate data")
			}
			out, err := c.gcm.Open(nil, c.iv, append(c.pending, c.tag...), c.aad)
			if err != nil {
				return nil, errors.New("Unsupported state or unable to authenticate data")
			}
			return out, nil
		}
		sealed := c.gcm.Seal(nil, c.iv, c.pending, c.aad)
		c.tag = sealed[len(sealed)-c.gcm.Overhead():]
		return sealed[:len(sealed)-c.gcm.Overhead()], nil
	}
	if !c.decrypt {
		if c.padding {
			pad := aes.BlockSize - len(c.pending)%aes.BlockSize
			c.pending = append(c.pending, bytes.Repeat([]byte{byte(pad)}, pad)...)
		} else if len(c.pending)%aes.BlockSize != 0 {
			return nil, errors.New("data not multiple of block length")
		}
		out := make([]byte, len(c.pending))
		c.crypt(out, c.pending)
		return out, nil
	}
	if len(c.pending)%aes.BlockSize != 0 {
		return nil, errors.New("wrong final block length")
	}
	out := make([]byte, len(c.pending))
	c.crypt(out, c.pending)
	if c.padding {
		if len(out) == 0 {
			return nil, errors.New("bad decrypt")
		}
		pad := int(out[len(out)-1])
		if pad == 0 || pad > aes.BlockSize || pad > len(out) || !bytes.Equal(out[len(out)-pad:], bytes.Repeat([]byte{byte(pad)}, pad)) {
			return nil, errors.New("bad decrypt")
		}
		out = out[:len(out)-pad]
	}
	return out, nil
}
