package logging

import (
	"context"

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
