package auth

import (
	"context"
	"sync"
)

// Limiter counts failed logins per user (Directus's RATE_LIMITER-store limiter with duration 0,
// i.e. counters that never expire until reset).
type Limiter interface {
	// Consume adds one attempt for key and returns the attempts counted so far.
	Consume(ctx context.Context, key string) (int, error)
	// Reset clears key's counter.
	Reset(ctx context.Context, key string) error
}

// NewMemoryLimiter keeps counters in this process (RATE_LIMITER_STORE=memory).
func NewMemoryLimiter() Limiter { return &memoryLimiter{counts: map[string]int{}} }

type memoryLimiter struct {
	mu     sync.Mutex
	counts map[string]int
}

func (m *memoryLimiter) Consume(_ context.Context, key string) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.counts[key]++
	return m.counts[key], nil
}

func (m *memoryLimiter) Reset(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.counts, key)
	return nil
}
