package httpjs

import (
	"net/http"
	"regexp"
	"strings"
)

var noCacheRe = regexp.MustCompile(`(?:^|,)\s*?no-cache\s*?(?:,|$)`)

// fresh is the fresh@0.5.2 package: do the request's validators match the response's?
func fresh(modifiedSince, noneMatch, cacheControl, etag, lastModified string) bool {
	if modifiedSince == "" && noneMatch == "" {
		return false
	}
	if cacheControl != "" && noCacheRe.MatchString(cacheControl) {
		return false
	}
	if noneMatch != "" && noneMatch != "*" {
		if etag == "" {
			return false
		}
		stale := true
		for _, m := range parseTokenList(noneMatch) {
			if m == etag || m == "W/"+etag || "W/"+m == etag {
				stale = false
				break
			}
		}
		if stale {
			return false
		}
	}
	if modifiedSince != "" {
		lm, err1 := http.ParseTime(lastModified)
		ims, err2 := http.ParseTime(modifiedSince)
		if lastModified == "" || err1 != nil || err2 != nil || lm.After(ims) {
			return false
		}
	}
	return true
}

// parseTokenList splits an If-None-Match value on spaces and commas.
func parseTokenList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' })
}
