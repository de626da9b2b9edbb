package server

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/dxhost/dxhost/services/errs"
	"github.com/dxhost/dxhost/shim/exchange"
)

// jsonBody is Directus's `express.json({ limit: MAX_PAYLOAD_SIZE })` step: only application/json bodies
// are parsed (not +json types, as body-parser's default); an empty body is {}; top-level primitives are
// rejected (strict mode); every failure — bad JSON, too large, bad charset or encoding — becomes
// 400 INVALID_PAYLOAD whose reason is body-parser's message.
func jsonBody(limit int64) gin.HandlerFunc {
	return func(c *gin.Context) {
		body, raw, err := readJSONBody(c, limit)
		if err != nil {
			fail(c, errs.InvalidPayload(err.Error()))
			return
		}
		if raw != nil {
			ex := exchange.Get(c)
			ex.Body, ex.RawBody = body, raw
		}
		c.Next()
	}
}

var errTooLarge = errors.New("request entity too large")

// maxDrain bounds how much of an oversized body is read and thrown away before the 400 is sent.
const maxDrain = 32 << 20

// tooLarge reads and discards the rest of an oversized body (up to maxDrain) so that the client,
// still sending, receives the 400 instead of a connection reset — as Node does.
func tooLarge(r *http.Request) error {
	_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, maxDrain))
	return errTooLarge
}

// readJSONBody returns (nil, nil, nil) when the request is not one the parser takes.
func readJSONBody(c *gin.Context, limit int64) (any, []byte, error) {
	r := c.Request
	// type-is hasBody: a Transfer-Encoding or a Content-Length header (Go keeps the length in the request).
	if len(r.TransferEncoding) == 0 && r.ContentLength == 0 && r.Header.Get("Content-Length") == "" {
		return nil, nil, nil
	}
	mediaType, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "application/json" {
		return nil, nil, nil
	}
	charset := strings.ToLower(params["charset"])
	if charset == "" {
		charset = "utf-8"
	}
	if !strings.HasPrefix(charset, "utf-") {
		return nil, nil, fmt.Errorf("unsupported charset %q", strings.ToUpper(charset))
	}
	encoding := strings.ToLower(r.Header.Get("Content-Encoding"))
	if encoding == "" {
		encoding = "identity"
	}
	var reader io.Reader = r.Body
	switch encoding {
	case "identity":
		if r.ContentLength > limit {
			return nil, nil, tooLarge(r)
		}
	case "gzip", "deflate":
		// Node's zlib (createGunzip / createInflate) checks the magic bytes first.
		buf, err := io.ReadAll(io.LimitReader(r.Body, 64<<20))
		if err != nil {
			return nil, nil, err
		}
		if encoding == "gzip" {
			if len(buf) < 2 || buf[0] != 0x1f || buf[1] != 0x8b {
				return nil, nil, errors.New("incorrect header check")
			}
			gz, err := gzip.NewReader(bytes.NewReader(buf))
			if err != nil {
				return nil, nil, zlibError(err)
			}
			defer gz.Close()
			reader = zlibErrors{gz}
		} else {
			zr, err := zlib.NewReader(bytes.NewReader(buf))
			if err != nil {
				return nil, nil, zlibError(err)
			}
			reader = zlibErrors{zr}
		}
	default:
		return nil, nil, fmt.Errorf("unsupported content encoding %q", encoding)
	}
	raw, err := io.ReadAll(io.LimitReader(reader, limit+1))
	if err != nil {
		return nil, nil, zlibError(err)
	}
	if int64(len(raw)) > limit {
		return nil, nil, tooLarge(r)
	}
	text := decodeUTF8(raw)
	if text == "" {
		return map[string]any{}, raw, nil
	}
	if first := firstNonBlank(text); first != '{' && first != '[' {
		return nil, nil, strictJSONError(text)
	}
	v, err := parseJSONLikeV8(text)
	if err != nil {
		return nil, nil, err
	}
	return v, raw, nil
}

// decodeUTF8 decodes as iconv-lite does for body-parser: invalid bytes become U+FFFD, a BOM is dropped.
func decodeUTF8(raw []byte) string {
	s := string(raw)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.TrimPrefix(s, "\uFEFF")
}

func firstNonBlank(s string) byte {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			continue
		}
		return s[i]
	}
	return 0
}

// zlibErrors reports decompression failures with Node zlib's messages.
type zlibErrors struct{ r io.Reader }

func (z zlibErrors) Read(p []byte) (int, error) {
	n, err := z.r.Read(p)
	if err != nil && err != io.EOF {
		err = zlibError(err)
	}
	return n, err
}

// zlibError names a Go decompression error as Node's zlib does.
func zlibError(err error) error {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return errors.New("unexpected end of file")
	case errors.Is(err, gzip.ErrHeader), errors.Is(err, zlib.ErrHeader), errors.Is(err, zlib.ErrDictionary):
		return errors.New("incorrect header check")
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, zlib.ErrChecksum):
		return errors.New("incorrect data check")
	}
	var corrupt flate.CorruptInputError
	if errors.As(err, &corrupt) {
		return errors.New("invalid block type")
	}
	return err
}
