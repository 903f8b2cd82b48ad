package app

import (
	"sync"
	"time"
)

// timed keeps a value counted by the store for a while: for figures that
// are costly to count and tell the same when a little old. The zero value
// holds nothing.
type timed[T any] struct {
	mu   sync.Mutex
	v    T
	read time.Time
}

// get returns the value counted at most maxAge before now, counting it
// afresh with count when it is older, was never counted, or now is before
// it was counted (the clock went back).
func (t *timed[T]) get(now time.Time, maxAge time.Duration, count func() (T, error)) (T, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.read.IsZero() && now.Sub(t.read) < maxAge && !now.Before(t.read) {
		return t.v, nil
	}
	v, err := count()
	if err != nil {
		return v, err
	}
	t.v, t.read = v, now
	return v, nil
}
