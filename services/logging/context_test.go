package logging

import (
	"context"
	"testing"

	"github.com/sirupsen/logrus"
)

type otherKey struct{}

func TestWithRequestID(t *testing.T) {
	log := logrus.New()
	parent := context.WithValue(context.Background(), otherKey{}, "kept")
	ctx := WithRequestID(parent, log, 42)
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
}
