package auth

import (
	"slices"
	"sync"
	"time"
)

// LimiterCapacity is the most keys a Limiter tracks at once.
//
// Memory bound: at most LimiterCapacity keys, each with at most max
// timestamps (24 bytes each) plus the key itself; with max = 10 and short
// keys that is under 5 MB. When a new key would exceed the capacity, keys
// with no failure inside the window are swept; if that frees too little,
// the keys whose latest failure is oldest (the closest to unblocking
// anyway) are dropped until a quarter of the capacity is free, so the
// O(n log n) sweep runs at most once per LimiterCapacity/4 new keys.
const LimiterCapacity = 10_000

// Limiter throttles failed logins with a sliding window held in memory: a
// key (an account, or a client address) is blocked while it has max or
// more failures in the last window. Use one Limiter per kind of key, so a
// flood of client addresses cannot sweep away per-account entries; key
// IPv6 clients by their /64 prefix. A Limiter is safe for concurrent use.
//
// A login handler calls Allow for the account and the address before
// checking the password, Fail for both when the password is wrong, and
// Reset for the account when it is right.
type Limiter struct {
	max    int
	window time.Duration
	now    func() time.Time

	mu    sync.Mutex
	fails map[string][]time.Time // ascending; at most max entries
}

// NewLimiter returns a Limiter allowing fewer than max failures per key in
// any window. now is the clock (time.Now when nil; a fake in tests). It
// panics if max < 1 or window <= 0, which is a programming error.
func NewLimiter(max int, window time.Duration, now func() time.Time) *Limiter {
	if max < 1 || window <= 0 {
		panic("auth: NewLimiter needs max >= 1 and window > 0")
	}
	if now == nil {
		now = time.Now
	}
	return &Limiter{max: max, window: window, now: now, fails: make(map[string][]time.Time)}
}

// Allow reports whether key may try to log in now. When it may not,
// retryAfter is how long until its oldest counted failure leaves the
// window. Allow does not count as an attempt; call Fail for that.
func (l *Limiter) Allow(key string) (ok bool, retryAfter time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	times := l.prune(key, now)
	if len(times) < l.max {
		return true, 0
	}
	// Blocked until enough failures expire to leave max-1 in the window.
	wait := times[len(times)-l.max].Add(l.window).Sub(now)
	return false, min(wait, l.window)
}

// Fail records a failed attempt for key.
func (l *Limiter) Fail(key string) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	times := l.prune(key, now)
	if times == nil && len(l.fails) >= LimiterCapacity {
		l.sweep(now)
	}
	// Only the newest max failures decide whether key is blocked.
	if len(times) >= l.max {
		times = slices.Delete(times, 0, len(times)-l.max+1)
	}
	l.fails[key] = append(times, now)
}

// Reset forgets key's failures, after a successful login.
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.fails, key)
}

// len returns the number of keys tracked, for tests.
func (l *Limiter) len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.fails)
}

// expired reports whether a failure at t has left the window at now.
func (l *Limiter) expired(t, now time.Time) bool {
	return now.Sub(t) >= l.window
}

// prune drops key's failures that have left the window and returns the
// rest; it deletes the key when none remain. l.mu must be held.
func (l *Limiter) prune(key string, now time.Time) []time.Time {
	times, found := l.fails[key]
	if !found {
		return nil
	}
	i := 0
	for i < len(times) && l.expired(times[i], now) {
		i++
	}
	if i == len(times) {
		delete(l.fails, key)
		return nil
	}
	if i > 0 {
		times = slices.Delete(times, 0, i)
		l.fails[key] = times
	}
	return times
}

// sweep makes room for new keys, as LimiterCapacity describes. l.mu must
// be held.
func (l *Limiter) sweep(now time.Time) {
	for key, times := range l.fails {
		if l.expired(times[len(times)-1], now) {
			delete(l.fails, key)
		}
	}
	target := LimiterCapacity * 3 / 4
	if len(l.fails) <= target {
		return
	}
	type entry struct {
		key  string
		last time.Time
	}
	entries := make([]entry, 0, len(l.fails))
	for key, times := range l.fails {
		entries = append(entries, entry{key, times[len(times)-1]})
	}
	slices.SortFunc(entries, func(a, b entry) int { return a.last.Compare(b.last) })
	for _, e := range entries[:len(entries)-target] {
		delete(l.fails, e.key)
	}
}
