package logging

import (
	"context"
	"testing"

	"github.com/sirupsen/logrus"
)

// requestCtx is what a context type embedding RequestLogger does (shim/exchange's request context).
type requestCtx struct {
	context.Context
	RequestLogger
}

func (c *requestCtx) Value(key any) any {
	if v, ok := c.Lookup(key); ok {
		return v
	}
	return c.Context.Value(key)
}

type otherKey struct{}

func TestRequestLogger(t *testing.T) {
	log := logrus.New()
	parent := context.WithValue(context.Background(), otherKey{}, "kept")
	ctx := &requestCtx{Context: parent}
	ctx.Init(log, 42)
	e := From(ctx)
	if e.Logger != log || e.Data["reqId"] != int64(42) {
		t.Fatalf("From = logger %p data %v, want logger %p reqId 42", e.Logger, e.Data, log)
	}
	if From(ctx) != e {
		t.Fatal("From built a second entry")
	}
	if got := ctx.Value(otherKey{}); got != "kept" {
		t.Fatalf("other values: got %v", got)
	}
	// Before Init it answers nothing: From falls through to the parent's logger.
	var zero RequestLogger
	if _, ok := zero.Lookup(ctxKey{}); ok {
		t.Fatal("a RequestLogger without Init answered")
	}
}
