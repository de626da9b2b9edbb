package logging

import (
	"context"
	"sync"

	"github.com/sirupsen/logrus"
)

type ctxKey struct{}

// With returns ctx carrying entry (the per-request logger, with reqId).
func With(ctx context.Context, entry *logrus.Entry) context.Context {
	return context.WithValue(ctx, ctxKey{}, entry)
}

// From returns the logger carried by ctx, or one on the standard logger.
func From(ctx context.Context) *logrus.Entry {
	if ctx != nil {
		if e, ok := ctx.Value(ctxKey{}).(*logrus.Entry); ok {
			return e
		}
	}
	return logrus.NewEntry(logrus.StandardLogger())
}

// WithRequestID returns ctx carrying the per-request logger log.WithField("reqId", id), built on the
// first From: most requests never log, and building the entry up front was a measurable part of every
// request's cost.
func WithRequestID(ctx context.Context, log *logrus.Logger, id int64) context.Context {
	return &requestCtx{Context: ctx, log: log, id: id}
}

type requestCtx struct {
	context.Context
	log   *logrus.Logger
	id    int64
	once  sync.Once
	entry *logrus.Entry
}

func (c *requestCtx) Value(key any) any {
	if key == (ctxKey{}) {
		c.once.Do(func() { c.entry = c.log.WithField("reqId", c.id) })
		return c.entry
	}
	return c.Context.Value(key)
}
