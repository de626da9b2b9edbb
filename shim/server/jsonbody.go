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
			return nil, nil, errTooLarge
		}
	case "gzip":
		gz, err := gzip.NewReader(r.Body)
		if err != nil {
			return nil, nil, err
		}
		defer gz.Close()
		reader = gz
	case "deflate":
		// Node's zlib.createInflate accepts zlib-wrapped data; raw deflate is tried when that fails.
		buf, err := io.ReadAll(io.LimitReader(r.Body, 64<<20))
		if err != nil {
			return nil, nil, err
		}
		if zr, err := zlib.NewReader(bytes.NewReader(buf)); err == nil {
			reader = zr
		} else {
			reader = flate.NewReader(bytes.NewReader(buf))
		}
	default:
		return nil, nil, fmt.Errorf("unsupported content encoding %q", encoding)
	}
	raw, err := io.ReadAll(io.LimitReader(reader, limit+1))
	if err != nil {
		return nil, nil, err
	}
	if int64(len(raw)) > limit {
		return nil, nil, errTooLarge
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
