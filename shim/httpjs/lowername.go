package httpjs

import (
	"net/http"
	"sync"
)

// lowerNames caches the lower-case form of header names the middleware sets on every response
// (Content-Security-Policy, X-Powered-By, ...): seeding each res would otherwise allocate them anew.
var lowerNames sync.Map // string → string

// lowerNamesMax bounds the cache: names come from our own middleware and from extensions.
const lowerNamesMax = 512

var lowerNamesCount struct {
	sync.Mutex
	n int
}

func lowerHeaderName(name string) string {
	if v, ok := lowerNames.Load(name); ok {
		return v.(string)
	}
	lower := lowerASCII(name)
	lowerNamesCount.Lock()
	if lowerNamesCount.n < lowerNamesMax {
		if _, loaded := lowerNames.LoadOrStore(name, lower); !loaded {
			lowerNamesCount.n++
		}
	}
	lowerNamesCount.Unlock()
	return lower
}

// canonicalNames caches http.CanonicalHeaderKey of the lower-case names JS and Express's helpers look
// up on every request (if-none-match, cache-control, ...), which would otherwise allocate each time.
var canonicalNames sync.Map // string → string

var canonicalNamesCount struct {
	sync.Mutex
	n int
}

func canonicalHeaderName(lc string) string {
	if v, ok := canonicalNames.Load(lc); ok {
		return v.(string)
	}
	canonical := http.CanonicalHeaderKey(lc)
	canonicalNamesCount.Lock()
	if canonicalNamesCount.n < lowerNamesMax {
		if _, loaded := canonicalNames.LoadOrStore(lc, canonical); !loaded {
			canonicalNamesCount.n++
		}
	}
	canonicalNamesCount.Unlock()
	return canonical
}
