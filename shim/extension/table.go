package extension

import (
	"strings"
	"sync"

	"github.com/dxhost/dxhost/jsrt"
	"github.com/dxhost/dxhost/shim/router"
)

// table is an immutable snapshot of every mounted endpoint router, in mount order. A reload builds a
// new table and swaps it in atomically; requests keep the snapshot they started with.
type table struct {
	mounts []*mount
}

// mount is one endpoint router mounted at /<prefix>.
type mount struct {
	prefix string // "/greet"; matched case-insensitively, as Express mounts are
	router *router.Router
	ext    *running
}

// running is one loaded generation of an extension folder: its instance and its in-flight requests.
type running struct {
	folder string
	name   string
	inst   *jsrt.Instance

	mu       sync.RWMutex
	retiring bool
	inflight sync.WaitGroup
}

// acquire registers one in-flight request; false once the generation is retiring.
func (r *running) acquire() bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.retiring {
		return false
	}
	r.inflight.Add(1)
	return true
}

func (r *running) release() { r.inflight.Done() }

// retire stops new requests from entering and waits for the in-flight ones to finish.
func (r *running) retire() {
	r.mu.Lock()
	r.retiring = true
	r.mu.Unlock()
	r.inflight.Wait()
}

// matchLen is the length of the request path prefix this mount takes, or -1. Express mounts match at a
// segment boundary, case-insensitively, against the raw path.
func (m *mount) matchLen(path string) int {
	n := len(m.prefix)
	if len(path) < n || !strings.EqualFold(path[:n], m.prefix) {
		return -1
	}
	if len(path) > n && path[n] != '/' {
		return -1
	}
	return n
}

// replaceFolder returns a new table where the mounts of folder are replaced by repl (placed where the
// folder's mounts were, or in folder order when it had none).
func (t *table) replaceFolder(folder string, repl []*mount) *table {
	out := &table{mounts: make([]*mount, 0, len(t.mounts)+len(repl))}
	inserted := false
	for _, m := range t.mounts {
		if m.ext.folder == folder {
			if !inserted {
				out.mounts = append(out.mounts, repl...)
				inserted = true
			}
			continue
		}
		if !inserted && m.ext.folder > folder {
			out.mounts = append(out.mounts, repl...)
			inserted = true
		}
		out.mounts = append(out.mounts, m)
	}
	if !inserted {
		out.mounts = append(out.mounts, repl...)
	}
	return out
}

// find returns the mount of folder with the same prefix, if any (used when a snapshot's generation
// retired between loading the table and entering it).
func (t *table) find(folder, prefix string) *mount {
	for _, m := range t.mounts {
		if m.ext.folder == folder && m.prefix == prefix {
			return m
		}
	}
	return nil
}
