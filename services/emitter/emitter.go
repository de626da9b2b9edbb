// Package emitter is Directus's event emitter in Go: three independent listener sets (filter, action,
// init) keyed by dot-separated event names with eventemitter2's wildcards (`*` one segment, `**` any
// number, zero included) and its listener order. It knows nothing of JavaScript: listeners are Go
// functions, and the shim adapts JS functions of any extension instance to them.
package emitter

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/sirupsen/logrus"
)

// Kind selects one of the three listener sets.
type Kind int

const (
	Filter Kind = iota
	Action
	Init
)

func (k Kind) String() string {
	switch k {
	case Filter:
		return "filter"
	case Action:
		return "action"
	default:
		return "init"
	}
}

// Handler is one listener. For filters it returns the (possibly replaced) payload: a nil result with
// Keep=true means "undefined": keep the current payload.
type Handler func(ctx context.Context, payload any, meta map[string]any, evctx any) (Result, error)

// Result is what a handler gave back.
type Result struct {
	Value any
	Keep  bool // the handler returned undefined
}

// Listener is a subscription; its pointer identity is what Off removes.
type Listener struct {
	Pattern string
	Handle  Handler
	Owner   any // who registered it (e.g. an extension instance), for OffOwner
}

// Emitter holds the three listener trees. The zero value is not usable: call New.
type Emitter struct {
	mu    sync.RWMutex
	trees [3]*node
	log   *logrus.Entry
}

type node struct {
	children  map[string]*node
	listeners []*Listener
}

// New returns an empty emitter that logs failed actions and inits to log.
func New(log *logrus.Entry) *Emitter {
	e := &Emitter{log: log}
	for i := range e.trees {
		e.trees[i] = &node{}
	}
	return e
}

// On subscribes l for events matching l.Pattern.
func (e *Emitter) On(kind Kind, l *Listener) {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := e.trees[kind]
	for _, seg := range strings.Split(l.Pattern, ".") {
		if n.children == nil {
			n.children = map[string]*node{}
		}
		c := n.children[seg]
		if c == nil {
			c = &node{}
			n.children[seg] = c
		}
		n = c
	}
	n.listeners = append(n.listeners, l)
}

// Off removes l (the same pointer) from kind's set.
func (e *Emitter) Off(kind Kind, l *Listener) {
	e.removeIf(kind, func(x *Listener) bool { return x == l })
}

// OffOwner removes every listener of every kind registered by owner.
func (e *Emitter) OffOwner(owner any) {
	for k := range e.trees {
		e.removeIf(Kind(k), func(x *Listener) bool { return x.Owner == owner })
	}
}

// OffAll removes every listener of every kind.
func (e *Emitter) OffAll() {
	e.mu.Lock()
	defer e.mu.Unlock()
	for i := range e.trees {
		e.trees[i] = &node{}
	}
}

func (e *Emitter) removeIf(kind Kind, drop func(*Listener) bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	var walk func(n *node)
	walk = func(n *node) {
		kept := n.listeners[:0]
		for _, l := range n.listeners {
			if !drop(l) {
				kept = append(kept, l)
			}
		}
		for i := len(kept); i < len(n.listeners); i++ {
			n.listeners[i] = nil
		}
		n.listeners = kept
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(e.trees[kind])
}

// Listeners returns the listeners an event name reaches, in eventemitter2's order: a depth-first walk
// of the pattern tree visiting, at each segment, the exact name, then `*`, then `**`.
func (e *Emitter) Listeners(kind Kind, event string) []*Listener {
	e.mu.RLock()
	defer e.mu.RUnlock()
	var out []*Listener
	collect(e.trees[kind], strings.Split(event, "."), 0, &out)
	return out
}

// Count is the number of listeners an event name reaches.
func (e *Emitter) Count(kind Kind, event string) int { return len(e.Listeners(kind, event)) }

func collect(n *node, segs []string, i int, out *[]*Listener) {
	if i == len(segs) {
		*out = append(*out, n.listeners...)
		if c := n.children["**"]; c != nil {
			collect(c, segs, i, out)
		}
		return
	}
	if c := n.children[segs[i]]; c != nil && segs[i] != "*" && segs[i] != "**" {
		collect(c, segs, i+1, out)
	}
	if c := n.children["*"]; c != nil {
		collect(c, segs, i+1, out)
	}
	if c := n.children["**"]; c != nil {
		// `**` swallows segs[i:j]; j == i is the zero-segment case, handled at the leaf above when i is last.
		for j := i + 1; j <= len(segs); j++ {
			collect(c, segs, j, out)
		}
		if len(c.children) > 0 {
			collectChildrenOnly(c, segs, i, out)
		}
	}
}

// collectChildrenOnly lets a `**` match zero segments in the middle of a pattern (`a.**.c` on `a.c`)
// without collecting the `**` node's own listeners twice.
func collectChildrenOnly(n *node, segs []string, i int, out *[]*Listener) {
	if c := n.children[segs[i]]; c != nil && segs[i] != "*" && segs[i] != "**" {
		collect(c, segs, i+1, out)
	}
	if c := n.children["*"]; c != nil {
		collect(c, segs, i+1, out)
	}
}

// EmitFilter runs every filter listener of each event in order, each awaited before the next; a
// non-undefined result replaces the payload. The first error stops the chain and is returned.
func (e *Emitter) EmitFilter(ctx context.Context, events []string, payload any, meta map[string]any, evctx any) (any, error) {
	for _, ev := range events {
		for _, l := range e.Listeners(Filter, ev) {
			res, err := l.Handle(ctx, payload, withEvent(meta, ev), evctx)
			if err != nil {
				return nil, err
			}
			if !res.Keep {
				payload = res.Value
			}
		}
	}
	return payload, nil
}

// EmitAction starts every action listener of each event concurrently and returns at once; failures are
// logged at warn and never reach the caller (Directus's behaviour).
func (e *Emitter) EmitAction(events []string, meta map[string]any, evctx any) {
	for _, ev := range events {
		for _, l := range e.Listeners(Action, ev) {
			go func(l *Listener, ev string) {
				if _, err := safeCall(l, context.Background(), nil, withEvent(meta, ev), evctx); err != nil {
					e.log.WithError(err).Warnf("An error was thrown while executing action %q", ev)
				}
			}(l, ev)
		}
	}
}

// EmitInit runs every init listener of event concurrently and waits for all; failures are logged at warn.
func (e *Emitter) EmitInit(ctx context.Context, event string, meta map[string]any) {
	var wg sync.WaitGroup
	for _, l := range e.Listeners(Init, event) {
		wg.Add(1)
		go func(l *Listener) {
			defer wg.Done()
			if _, err := safeCall(l, ctx, nil, withEvent(meta, event), nil); err != nil {
				e.log.WithError(err).Warnf("An error was thrown while executing init %q", event)
			}
		}(l)
	}
	wg.Wait()
}

func safeCall(l *Listener, ctx context.Context, payload any, meta map[string]any, evctx any) (res Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("listener for %q panicked: %v", l.Pattern, r)
		}
	}()
	return l.Handle(ctx, payload, meta, evctx)
}

// withEvent is `{ event: name, ...meta }`: event first, then meta's keys (which may override it).
func withEvent(meta map[string]any, event string) map[string]any {
	m := make(map[string]any, len(meta)+1)
	m["event"] = event
	for k, v := range meta {
		m[k] = v
	}
	return m
}
