package auth

import (
	"strconv"
	"testing"
	"time"
)

func TestRateLimiterBurstThenRefill(t *testing.T) {
	now := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	l := NewRateLimiter(3, 2*time.Second, func() time.Time { return now })
	for i := range 3 {
		if ok, _ := l.Allow("203.0.113.7"); !ok {
			t.Fatalf("request %d of the burst refused", i+1)
		}
	}
	if ok, wait := l.Allow("203.0.113.7"); ok || wait != 2*time.Second {
		t.Fatalf("fourth request: %v, retry after %v; want refused, 2s", ok, wait)
	}
	if ok, _ := l.Allow("198.51.100.1"); !ok {
		t.Error("another address was refused")
	}
	now = now.Add(time.Second)
	if ok, wait := l.Allow("203.0.113.7"); ok || wait != time.Second {
		t.Errorf("half refilled: %v, retry after %v; want refused, 1s", ok, wait)
	}
	now = now.Add(time.Second)
	if ok, _ := l.Allow("203.0.113.7"); !ok {
		t.Error("refused after a request's worth of refill")
	}
	now = now.Add(time.Hour)
	for i := range 3 {
		if ok, _ := l.Allow("203.0.113.7"); !ok {
			t.Fatalf("after an hour, request %d refused: the bucket holds at most the burst", i+1)
		}
	}
	if ok, _ := l.Allow("203.0.113.7"); ok {
		t.Error("the bucket grew past its burst")
	}
}

func TestRateLimiterIsBounded(t *testing.T) {
	now := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	l := NewRateLimiter(2, time.Second, func() time.Time { return now })
	l.Allow("busy")
	l.Allow("busy")
	for i := range RateLimiterCapacity + 10 {
		l.Allow("10.0." + strconv.Itoa(i))
	}
	if n := len(l.buckets); n > RateLimiterCapacity {
		t.Errorf("%d buckets kept, capacity %d", n, RateLimiterCapacity)
	}
}
