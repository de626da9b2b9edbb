package auth_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/dxhost/dxhost/services/auth"
)

// TestLimiters: both stores count attempts per key and reset to zero; the Redis store uses
// rate-limiter-flexible's key layout "<prefix>:<key>".
func TestLimiters(t *testing.T) {
	ctx := context.Background()
	stores := map[string]auth.Limiter{"memory": auth.NewMemoryLimiter()}
	client := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"})
	defer client.Close()
	prefix := fmt.Sprintf("dxhost-test-%d", time.Now().UnixNano())
	if err := client.Ping(ctx).Err(); err != nil {
		t.Logf("!!! Redis at 127.0.0.1:6379 unreachable, Redis limiter not tested: %v", err)
	} else {
		stores["redis"] = auth.NewRedisLimiter(client, prefix)
		t.Cleanup(func() { client.Del(context.Background(), prefix+":u1") })
	}
	for name, l := range stores {
		t.Run(name, func(t *testing.T) {
			for want := 1; want <= 3; want++ {
				if n, err := l.Consume(ctx, "u1"); err != nil || n != want {
					t.Fatalf("consume %d: %d %v", want, n, err)
				}
			}
			if err := l.Reset(ctx, "u1"); err != nil {
				t.Fatal(err)
			}
			if n, _ := l.Consume(ctx, "u1"); n != 1 {
				t.Fatalf("after reset: %d", n)
			}
			if name == "redis" {
				if v, err := client.Get(ctx, prefix+":u1").Result(); err != nil || v != "1" {
					t.Fatalf("redis key: %q %v", v, err)
				}
			}
		})
	}
}
