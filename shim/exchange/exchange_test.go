package exchange

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/sirupsen/logrus"

	"github.com/dxhost/dxhost/services/logging"
)

type otherKey struct{}

func TestRequestContext(t *testing.T) {
	log := logrus.New()
	parent := context.WithValue(context.Background(), otherKey{}, "kept")
	ex := &Request{ID: 7}
	ctx := NewRequestContext(parent, ex, log)

	if e := logging.From(ctx); e.Logger != log || e.Data["reqId"] != int64(7) {
		t.Errorf("logging.From = logger %p data %v, want logger %p reqId 7", e.Logger, e.Data, log)
	}
	if logging.From(ctx) != logging.From(ctx) {
		t.Error("logging.From built a second entry")
	}
	if got := ctx.Value(otherKey{}); got != "kept" {
		t.Errorf("the parent's values: got %v", got)
	}
	// Set (no logger) only adds the exchange: logging.From falls through to the parent's logger.
	parentEntry := log.WithField("reqId", 9)
	withParent, _ := gin.CreateTestContext(httptest.NewRecorder())
	withParent.Request = httptest.NewRequest("GET", "/", nil).WithContext(logging.With(context.Background(), parentEntry))
	Set(withParent, ex)
	if e := logging.From(withParent.Request.Context()); e != parentEntry {
		t.Errorf("through Set: logger %v, want the parent's", e.Data)
	}

	gin.SetMode(gin.ReleaseMode)
	c, _ := gin.CreateTestContext(httptest.NewRecorder())
	c.Request = httptest.NewRequest("GET", "/", nil).WithContext(ctx)
	if Get(c) != ex {
		t.Error("Get did not find the exchange on the request context")
	}
	// A Gin context without a request (unit tests) keeps one exchange too.
	bare, _ := gin.CreateTestContext(httptest.NewRecorder())
	if first := Get(bare); Get(bare) != first {
		t.Error("Get made a second exchange for a context without a request")
	}
}
