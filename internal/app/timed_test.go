package app

import (
	"errors"
	"testing"
	"time"
)

// TestTimedCountsAgainWhenOld: a value is reused while younger than its
// age, counted again after, when the clock went back, after a failed count
// and after forget.
func TestTimedCountsAgainWhenOld(t *testing.T) {
	var c timed[int]
	counts := 0
	count := func() (int, error) { counts++; return counts * 10, nil }
	t0 := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	steps := []struct {
		at   time.Time
		want int
	}{
		{t0, 10},
		{t0.Add(59 * time.Second), 10},
		{t0.Add(time.Minute), 20},
		{t0.Add(30 * time.Second), 30}, // the clock went back
	}
	for i, s := range steps {
		got, err := c.get(s.at, time.Minute, count)
		if err != nil || got != s.want {
			t.Fatalf("step %d: got %d, %v; want %d", i, got, err, s.want)
		}
	}
	failed := errors.New("down")
	c.forget()
	if _, err := c.get(t0.Add(31*time.Second), time.Minute, func() (int, error) { return 0, failed }); !errors.Is(err, failed) {
		t.Fatalf("a failed count: got %v, want %v", err, failed)
	}
	if got, _ := c.get(t0.Add(32*time.Second), time.Minute, count); got != 40 {
		t.Fatalf("after a failed count: got %d, want 40 (counted again)", got)
	}
}

// forget makes the next get count afresh: tests count afresh on demand.
func (t *timed[T]) forget() {
	t.mu.Lock()
	t.read = time.Time{}
	t.mu.Unlock()
}
