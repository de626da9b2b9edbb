package auth

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"

	"github.com/dxhost/dxhost/services/env"
)

// NewRedisLimiter counts failed logins in Redis the way rate-limiter-flexible's RateLimiterRedis
// does with duration 0 (RATE_LIMITER_STORE=redis): key "<prefix>:<user id>", an integer without
// expiry — so dxhost and Directus sharing a Redis share the counters.
func NewRedisLimiter(client redis.UniversalClient, prefix string) Limiter {
	if prefix == "" {
		prefix = "rlflx"
	}
	return &redisLimiter{client: client, prefix: prefix}
}

type redisLimiter struct {
	client redis.UniversalClient
	prefix string
}

func (r *redisLimiter) key(k string) string { return r.prefix + ":" + k }

func (r *redisLimiter) Consume(ctx context.Context, key string) (int, error) {
	n, err := r.client.IncrBy(ctx, r.key(key), 1).Result()
	if err != nil {
		return 0, fmt.Errorf("auth: login attempts in Redis: %w", err)
	}
	return int(n), nil
}

func (r *redisLimiter) Reset(ctx context.Context, key string) error {
	if err := r.client.Set(ctx, r.key(key), 0, 0).Err(); err != nil {
		return fmt.Errorf("auth: login attempts in Redis: %w", err)
	}
	return nil
}

// LimiterFromEnv is createRateLimiter("RATE_LIMITER", {duration: 0})'s store: Redis when
// RATE_LIMITER_STORE=redis (REDIS url, or REDIS_HOST/REDIS_PORT/REDIS_USERNAME/REDIS_PASSWORD/
// REDIS_DB), else memory. RATE_LIMITER_KEY_PREFIX overrides the "rlflx" key prefix.
func LimiterFromEnv(e *env.Env) (Limiter, error) {
	if e.String("RATE_LIMITER_STORE") != "redis" {
		return NewMemoryLimiter(), nil
	}
	var opts *redis.Options
	if u := e.String("REDIS"); u != "" {
		o, err := redis.ParseURL(u)
		if err != nil {
			return nil, fmt.Errorf("auth: REDIS: %w", err)
		}
		opts = o
	} else {
		host := e.String("REDIS_HOST")
		if host == "" {
			host = "127.0.0.1"
		}
		port := e.String("REDIS_PORT")
		if port == "" {
			port = "6379"
		}
		opts = &redis.Options{Addr: host + ":" + port, Username: e.String("REDIS_USERNAME"), Password: e.String("REDIS_PASSWORD"), DB: e.Int("REDIS_DB", 0)}
	}
	return NewRedisLimiter(redis.NewClient(opts), e.String("RATE_LIMITER_KEY_PREFIX")), nil
}
