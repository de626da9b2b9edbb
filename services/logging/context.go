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

// RequestLogger is the per-request logger log.WithField("reqId", id), built on the first From: most
// requests never log, and building the entry up front was a measurable part of every request's cost.
// The request's context type (shim/exchange) embeds it, so the logger needs no context of its own:
// its Value asks Lookup first.
type RequestLogger struct {
	log   *logrus.Logger
	id    int64
	once  sync.Once
	entry *logrus.Entry
}

// Init sets the logger and request id (before the value is shared).
func (r *RequestLogger) Init(log *logrus.Logger, id int64) { r.log, r.id = log, id }

// Lookup answers a context's Value for logging's key: the entry and true; anything else, or before
// Init: false.
func (r *RequestLogger) Lookup(key any) (any, bool) {
	if key != (ctxKey{}) || r.log == nil {
		return nil, false
	}
	r.once.Do(func() { r.entry = r.log.WithField("reqId", r.id) })
	return r.entry, true
}
