package errors

import (
	"crypto/sha1"
	"encoding/base64"
	"strconv"
)

// WeakETag is Express's default ETag for a response body (the `etag` package, weak):
// W/"<length in hex>-<first 27 chars of base64 sha1>".
func WeakETag(body []byte) string {
	sum := sha1.Sum(body)
	hash := base64.StdEncoding.EncodeToString(sum[:])[:27]
	return `W/"` + strconv.FormatInt(int64(len(body)), 16) + "-" + hash + `"`
}
