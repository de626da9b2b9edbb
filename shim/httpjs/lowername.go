package httpjs

import "sync"

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
