package auth

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// fakeClock is a settable clock for Limiter tests.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func wantAllow(t *testing.T, l *Limiter, key string, wantOK bool, wantRetry time.Duration) {
	t.Helper()
	ok, retry := l.Allow(key)
	if ok != wantOK || retry != wantRetry {
		t.Fatalf("Allow(%q) = %v, %v; want %v, %v", key, ok, retry, wantOK, wantRetry)
	}
}

func TestLimiterBlocksAfterMaxFailures(t *testing.T) {
	clock := newFakeClock()
	l := NewLimiter(3, 10*time.Minute, clock.Now)
	for range 3 {
		wantAllow(t, l, "hanako@example.jp", true, 0)
		l.Fail("hanako@example.jp")
		clock.Advance(time.Minute)
	}
	// Failures at 0, 1 and 2 minutes; now is 3 minutes. The one at 0
	// leaves the window at 10 minutes.
	wantAllow(t, l, "hanako@example.jp", false, 7*time.Minute)
	clock.Advance(7*time.Minute - time.Second)
	wantAllow(t, l, "hanako@example.jp", false, time.Second)
	clock.Advance(time.Second)
	wantAllow(t, l, "hanako@example.jp", true, 0)
	// The window slides: one more failure blocks again until the failure
	// at 1 minute expires.
	l.Fail("hanako@example.jp")
	wantAllow(t, l, "hanako@example.jp", false, time.Minute)
	clock.Advance(time.Minute)
	wantAllow(t, l, "hanako@example.jp", true, 0)
}

func TestLimiterFailuresWhileBlockedExtendTheBlock(t *testing.T) {
	clock := newFakeClock()
	l := NewLimiter(2, time.Minute, clock.Now)
	l.Fail("k")
	clock.Advance(10 * time.Second)
	l.Fail("k")
	clock.Advance(10 * time.Second)
	l.Fail("k") // at 20 s; the newest two are at 10 s and 20 s
	wantAllow(t, l, "k", false, 50*time.Second)
}

func TestLimiterResetAndIndependentKeys(t *testing.T) {
	clock := newFakeClock()
	l := NewLimiter(2, time.Hour, clock.Now)
	l.Fail("account:1")
	l.Fail("account:1")
	wantAllow(t, l, "account:1", false, time.Hour)
	wantAllow(t, l, "account:2", true, 0)
	wantAllow(t, l, "addr:192.0.2.1", true, 0)
	l.Fail("account:2")
	wantAllow(t, l, "account:2", true, 0)
	l.Reset("account:1")
	wantAllow(t, l, "account:1", true, 0)
	wantAllow(t, l, "account:2", true, 0)
	l.Fail("account:2")
	wantAllow(t, l, "account:2", false, time.Hour)
}

func TestLimiterSweepBoundsMemory(t *testing.T) {
	clock := newFakeClock()
	l := NewLimiter(5, time.Minute, clock.Now)
	// Expired keys are swept first.
	for i := range LimiterCapacity {
		l.Fail(fmt.Sprintf("old-%d", i))
	}
	clock.Advance(2 * time.Minute)
	l.Fail("victim")
	l.Fail("victim")
	l.Fail("victim")
	l.Fail("victim")
	l.Fail("victim")
	if n := l.len(); n != 1 {
		t.Fatalf("after sweeping expired keys len = %d, want 1", n)
	}
	// A flood of fresh keys never grows the map past the capacity, and
	// the most recently failing keys are the ones kept.
	for i := range 5 * LimiterCapacity {
		if i%1000 == 0 {
			clock.Advance(time.Millisecond)
		}
		l.Fail(fmt.Sprintf("flood-%d", i))
		if n := l.len(); n > LimiterCapacity {
			t.Fatalf("after %d flood keys len = %d, want <= %d", i+1, n, LimiterCapacity)
		}
	}
	key := fmt.Sprintf("flood-%d", 5*LimiterCapacity-1)
	l.Fail(key)
	l.Fail(key)
	l.Fail(key)
	l.Fail(key)
	if ok, _ := l.Allow(key); ok {
		t.Errorf("the newest key was swept away")
	}
}

func TestLimiterConcurrent(t *testing.T) {
	clock := newFakeClock()
	l := NewLimiter(1000, time.Hour, clock.Now)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 500 {
				key := fmt.Sprintf("k%d", i%7)
				l.Fail(key)
				l.Allow(key)
				if g == 0 && i%100 == 0 {
					l.Reset(fmt.Sprintf("k%d", 6))
					clock.Advance(time.Millisecond)
				}
			}
		})
	}
	wg.Wait()
	// k0 was never reset: 8 goroutines failed it ceil(500/7) = 72 times each.
	l2 := 8 * 72
	ok, _ := l.Allow("k0")
	if !ok {
		t.Fatalf("k0 blocked with %d failures under a max of 1000", l2)
	}
	for range 1000 - l2 - 1 {
		l.Fail("k0")
	}
	if ok, _ := l.Allow("k0"); !ok {
		t.Fatal("k0 blocked one failure early: a concurrent failure was counted twice")
	}
	l.Fail("k0")
	if ok, _ := l.Allow("k0"); ok {
		t.Fatal("k0 allowed after 1000 failures: a concurrent failure was lost")
	}
}

func TestNewLimiterPanicsOnBadConfig(t *testing.T) {
	for _, tc := range []struct {
		max    int
		window time.Duration
	}{{0, time.Minute}, {3, 0}, {-1, -time.Second}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewLimiter(%d, %v) did not panic", tc.max, tc.window)
				}
			}()
			NewLimiter(tc.max, tc.window, nil)
		}()
	}
}
