package auth

import (
	"sync"
	"time"
)

// RateLimiterCapacity is the most keys a RateLimiter tracks at once; past
// it, keys whose bucket has refilled are forgotten first (they lose
// nothing), then those that asked least recently.
const RateLimiterCapacity = 10_000

// RateLimiter allows each key (a client address) a burst of requests,
// refilled at one request per interval: a token bucket held in memory,
// per instance. It is for endpoints that cost the server work on every
// request (such as verification that fetches from other sites), not for
// logins. A RateLimiter is safe for concurrent use.
type RateLimiter struct {
	burst float64
	every time.Duration
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]bucket
}

type bucket struct {
	tokens float64
	at     time.Time // when tokens was computed
}

// NewRateLimiter allows burst requests at once and one more per every.
// now is the clock (time.Now when nil). It panics if burst < 1 or
// every <= 0, which is a programming error.
func NewRateLimiter(burst int, every time.Duration, now func() time.Time) *RateLimiter {
	if burst < 1 || every <= 0 {
		panic("auth: NewRateLimiter needs burst >= 1 and every > 0")
	}
	if now == nil {
		now = time.Now
	}
	return &RateLimiter{burst: float64(burst), every: every, now: now, buckets: map[string]bucket{}}
}

// Allow takes one request from key's bucket. When the bucket is empty it
// returns false and how long until the next request is allowed.
func (l *RateLimiter) Allow(key string) (ok bool, retryAfter time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b, found := l.buckets[key]
	if !found {
		if len(l.buckets) >= RateLimiterCapacity {
			l.sweep(now)
		}
		b = bucket{tokens: l.burst, at: now}
	}
	b = l.refill(b, now)
	if b.tokens < 1 {
		l.buckets[key] = b
		return false, time.Duration((1 - b.tokens) * float64(l.every))
	}
	b.tokens--
	l.buckets[key] = b
	return true, 0
}

func (l *RateLimiter) refill(b bucket, now time.Time) bucket {
	if elapsed := now.Sub(b.at); elapsed > 0 {
		b.tokens = min(l.burst, b.tokens+float64(elapsed)/float64(l.every))
		b.at = now
	}
	return b
}

// sweep makes room for new keys. l.mu must be held.
func (l *RateLimiter) sweep(now time.Time) {
	for key, b := range l.buckets {
		if l.refill(b, now).tokens >= l.burst {
			delete(l.buckets, key)
		}
	}
	for len(l.buckets) >= RateLimiterCapacity*3/4 {
		oldest, first := "", true
		var at time.Time
		for key, b := range l.buckets {
			if first || b.at.Before(at) {
				oldest, at, first = key, b.at, false
			}
		}
		delete(l.buckets, oldest)
	}
}
